// One page of a concordance (KWIC) from the stream of occurrences. Sorting by year keeps the search
// layer's order, so only the page is held; sorting by context or province needs every row, so at
// most `limit` rows are read and the page says when the list was cut.
import type { KwicSort } from './params.js';
import type { OccurrenceRow } from '../core/hits.js';

export interface ConcordancePage {
  rows: OccurrenceRow[];
  /** Rows read (all of them unless truncated). */
  total: number;
  truncated: boolean;
}

const collator = new Intl.Collator('zh-CN');
const reversed = (text: string): string => Array.from(text).reverse().join('');

const COMPARE: Record<Exclude<KwicSort, 'year'>, (a: OccurrenceRow, b: OccurrenceRow) => number> = {
  // Sorting the left context read backwards groups the words that come just before the match.
  left: (a, b) => collator.compare(reversed(a.left), reversed(b.left)),
  right: (a, b) => collator.compare(a.right, b.right),
  province: (a, b) => collator.compare(a.hit.province ?? '\uffff', b.hit.province ?? '\uffff') || (b.hit.year ?? 0) - (a.hit.year ?? 0),
};

export async function concordancePage(
  occurrences: AsyncIterable<OccurrenceRow>,
  options: { sort: KwicSort; page: number; per: number; limit: number },
): Promise<ConcordancePage> {
  const from = (options.page - 1) * options.per;
  const to = from + options.per;
  const kept: OccurrenceRow[] = [];
  let total = 0;
  let truncated = false;
  for await (const row of occurrences) {
    if (total >= options.limit) {
      truncated = true;
      break;
    }
    if (options.sort !== 'year' || (total >= from && total < to)) kept.push(row);
    total++;
  }
  if (options.sort === 'year') return { rows: kept, total, truncated };
  // Array.prototype.sort is stable: ties keep the search layer's order.
  kept.sort(COMPARE[options.sort]);
  return { rows: kept.slice(from, to), total, truncated };
}
