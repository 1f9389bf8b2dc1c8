// What the index holds, counted from each report's year, level, province and format: one pure count
// shared by the Meilisearch adapter and the test fake, so both answer /index alike.
import { MISSING_FACET_VALUE } from '../core/facets.js';
import type { IndexOverview } from './port.js';

export interface OverviewRow {
  year: number | null;
  level: string | null;
  province: string | null;
  format: string | null;
}

/** Reports by year × level, by format and by province; a missing value counts under `none`. */
export function overviewOf(rows: Iterable<OverviewRow>): IndexOverview {
  const overview: IndexOverview = { reports: 0, byYearLevel: {}, byFormat: {}, byProvince: {} };
  const add = (counts: Record<string, number>, key: string): void => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const row of rows) {
    overview.reports += 1;
    const year = row.year === null ? MISSING_FACET_VALUE : String(row.year);
    const byLevel = overview.byYearLevel[year] ?? {};
    overview.byYearLevel[year] = byLevel;
    add(byLevel, row.level ?? MISSING_FACET_VALUE);
    add(overview.byFormat, row.format ?? MISSING_FACET_VALUE);
    add(overview.byProvince, row.province ?? MISSING_FACET_VALUE);
  }
  return overview;
}
