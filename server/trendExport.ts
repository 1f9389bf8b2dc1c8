// `/trend.csv`: the trend's numbers as one table, for a spreadsheet, R or pandas. One row per query ×
// year × breakdown: the year as a whole (with matching sections), each level, each province, and a
// row for what has no year. Like the occurrence exports (exports.ts), the facts that make the
// numbers reproducible (query, filters, export time, reports in the index) are columns on every row.
import type { TrendCell, TrendResult } from '../search/port.js';
import { csvField, type ExportMeta } from './exports.js';
import { facetValueLabel } from './labels.js';
import { MISSING_FACET_VALUE } from '../core/facets.js';

export const TREND_CSV_COLUMNS = [
  'query',
  'breakdown',
  'value',
  'value_label',
  'year',
  'sections',
  'reports',
  'reports_indexed',
  'share',
  'filters',
  'exported_at',
  'reports_in_index',
] as const;

type Breakdown = 'all' | 'level' | 'province';
type Cell = ReadonlyArray<string | number | null>;

const line = (values: Cell): string => `${values.map(csvField).join(',')}\r\n`;

export function trendCsvHeader(): string {
  return `\uFEFF${line(TREND_CSV_COLUMNS)}`;
}

/** Every row of one query's trend, in year order; `meta.query` is ignored for the trend's own q. */
export function trendCsvRows(trend: TrendResult, meta: Pick<ExportMeta, 'filters' | 'exportedAt' | 'reportsInIndex'>): string {
  const tail = [JSON.stringify(meta.filters), meta.exportedAt, meta.reportsInIndex];
  const row = (breakdown: Breakdown, value: string, year: string, sections: number | null, cell: TrendCell | null): string =>
    line([
      trend.q,
      breakdown,
      value,
      value === '' ? '' : facetValueLabel(breakdown === 'level' ? 'level' : 'province', value),
      year,
      sections,
      cell?.reports ?? null,
      cell?.reportsIndexed ?? null,
      cell?.share ?? null,
      ...tail,
    ]);
  const rows: string[] = [];
  for (const year of trend.years) {
    const key = String(year.year);
    rows.push(row('all', '', key, year.sections, year));
    for (const [level, byYear] of Object.entries(trend.byLevel)) if (byYear[key]) rows.push(row('level', level, key, null, byYear[key]!));
    for (const [province, byYear] of Object.entries(trend.byProvince)) {
      if (byYear[key]) rows.push(row('province', province, key, null, byYear[key]!));
    }
  }
  // What no year holds: the matching sections and reports only (reports indexed without a year are
  // not counted per query).
  const { sections, reports } = trend.undated;
  if (sections > 0 || reports > 0) rows.push(line([trend.q, 'all', '', '', MISSING_FACET_VALUE, sections, reports, null, null, ...tail]));
  return rows.join('');
}
