// One page of a concordance (KWIC) from the stream of matching sections. What one request holds is
// bounded by the page, not by the number of occurrences read: sorting by year keeps the search
// layer's order, so only the page's rows are built and the others are counted; sorting by context or
// province keeps the best `page × per` rows seen so far (cut back whenever twice that many are held),
// which gives exactly the page a full sort would. At most `limit` occurrences are read, and the page
// says when the list was cut. Reading stops, with the signal's reason, as soon as the signal aborts
// (the client left: clientGone.ts); stopping the iteration stops the search layer's paging.
import { numberedOccurrences, occurrenceRows } from '../core/occurrences.js';
import type { OccurrenceRow, SectionHit } from '../core/hits.js';
import type { KwicSort } from './params.js';

export interface ConcordancePage {
  rows: OccurrenceRow[];
  /** Rows read (all of them unless truncated). */
  total: number;
  truncated: boolean;
  /** The most rows held at once while reading (≤ per for year order, ≤ 2 × page × per otherwise). */
  heldRows: number;
}

export interface ConcordanceOptions {
  sort: KwicSort;
  page: number;
  per: number;
  limit: number;
  /** Characters of context on each side. */
  context: number;
  signal?: AbortSignal;
}

const collator = new Intl.Collator('zh-CN');
const reversed = (text: string): string => Array.from(text).reverse().join('');

const COMPARE: Record<Exclude<KwicSort, 'year'>, (a: OccurrenceRow, b: OccurrenceRow) => number> = {
  // Sorting the left context read backwards groups the words that come just before the match.
  left: (a, b) => collator.compare(reversed(a.left), reversed(b.left)),
  right: (a, b) => collator.compare(a.right, b.right),
  province: (a, b) => collator.compare(a.hit.province ?? '\uffff', b.hit.province ?? '\uffff') || (b.hit.year ?? 0) - (a.hit.year ?? 0),
};

/** Occurrences of a hit, counted as its concordance rows are (a heading-to-text one once). */
function rowCount(hit: SectionHit): number {
  return numberedOccurrences({ heading: hit.headingOccurrences, text: hit.textOccurrences }).length;
}

export async function concordancePage(hits: AsyncIterable<SectionHit>, options: ConcordanceOptions): Promise<ConcordancePage> {
  return options.sort === 'year' ? streamOrderPage(hits, options) : sortedPage(hits, options, COMPARE[options.sort]);
}

/** Year order is the stream's: rows are built only for the hits that reach into the page. */
async function streamOrderPage(hits: AsyncIterable<SectionHit>, options: ConcordanceOptions): Promise<ConcordancePage> {
  const from = (options.page - 1) * options.per;
  const to = Math.min(from + options.per, options.limit);
  const rows: OccurrenceRow[] = [];
  let total = 0;
  for await (const hit of hits) {
    options.signal?.throwIfAborted();
    const count = rowCount(hit);
    if (total + count > from && total < to) {
      rows.push(...occurrenceRows(hit, options.context).slice(Math.max(0, from - total), to - total));
    }
    if (total + count > options.limit) return { rows, total: options.limit, truncated: true, heldRows: rows.length };
    total += count;
  }
  return { rows, total, truncated: false, heldRows: rows.length };
}

/**
 * The first `page × per` rows in sort order, kept while reading: Array.prototype.sort is stable and
 * the rows kept always precede the rows read after them, so ties keep the search layer's order as a
 * sort of every row would.
 */
async function sortedPage(
  hits: AsyncIterable<SectionHit>,
  options: ConcordanceOptions,
  compare: (a: OccurrenceRow, b: OccurrenceRow) => number,
): Promise<ConcordancePage> {
  const from = (options.page - 1) * options.per;
  const keep = Math.min(from + options.per, options.limit);
  let kept: OccurrenceRow[] = [];
  let heldRows = 0;
  let total = 0;
  for await (const hit of hits) {
    options.signal?.throwIfAborted();
    for (const row of occurrenceRows(hit, options.context)) {
      if (total >= options.limit) return { rows: sortedSlice(kept, compare, from, keep), total, truncated: true, heldRows };
      total++;
      kept.push(row);
      heldRows = Math.max(heldRows, kept.length);
      if (kept.length >= 2 * keep) kept = kept.sort(compare).slice(0, keep);
    }
  }
  return { rows: sortedSlice(kept, compare, from, keep), total, truncated: false, heldRows };
}

function sortedSlice(
  rows: OccurrenceRow[],
  compare: (a: OccurrenceRow, b: OccurrenceRow) => number,
  from: number,
  to: number,
): OccurrenceRow[] {
  return rows.sort(compare).slice(from, to);
}
