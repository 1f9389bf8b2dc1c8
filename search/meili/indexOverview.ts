// What the index holds (/index, `nianbao list`): every report's year, level, province and format,
// read page by page from the reports index and counted by the shared pure count (search/overview.ts).
import { overviewOf, type OverviewRow } from '../overview.js';
import type { IndexOverview } from '../port.js';
import { everyReport } from './everyReport.js';
import type { SearchContext } from './searchContext.js';

export function indexOverview(context: SearchContext): () => Promise<IndexOverview> {
  return async () => {
    const stored = await everyReport<Partial<OverviewRow>>(context, ['year', 'level', 'province', 'format']);
    return overviewOf(
      stored.map((hit) => ({
        year: hit.year ?? null,
        level: hit.level ?? null,
        province: hit.province ?? null,
        format: hit.format ?? null,
      })),
    );
  };
}
