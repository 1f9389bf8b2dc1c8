// A parsed query as disjoint Meilisearch searches whose counts are exact: the planner (plan.ts)
// splits it; terms Meilisearch's phrase check cannot decide alone are verified against the text
// (verify.ts) unless the indexer recorded them as dictionary phrases.
import { isDictionaryPhrase } from '../../core/phraseDictionary.js';
import type { ParsedQuery, Term } from '../../core/query.js';
import { DOCUMENT_FORMAT_VERSION } from '../../index/schema.js';
import { disjointConjunctions, toDisjunctiveNormalForm, toMeiliPieces, type MeiliPiece } from '../plan.js';
import { FalsePositiveCache } from '../verify.js';
import type { Generation } from './generation.js';
import type { SearchQuery, SearchResponse } from '../../index/meiliClient.js';
import { PageBudget, type ReleasePage } from '../pageBudget.js';
import type { SearchContext } from './searchContext.js';

export interface PlannedQuery {
  pieces: MeiliPiece[];
  /** The index generation the pieces were planned for: it keys anything remembered about them. */
  generation: string;
  /** DOCUMENT_FORMAT_VERSION when every report is indexed in it: a field added in that version may be asked for. */
  formatVersion: string;
}

export type Planner = (query: ParsedQuery) => Promise<PlannedQuery>;

// Large pages in ranking order (total: the ranking rules end in reportId and ordinal): an explicit
// sort made deep offsets about 40% slower (measured on 69,000 candidates). At 1M sections, pages of
// 2,000 read the candidates of 回应社会关切 (34,649) and 政府信息管理 (66,772) as fast as pages of
// 5,000 with 30–50 MiB less resident; pages of 1,000 were 4–8% slower (session 20).
const VERIFY_PAGE = 2_000;
/**
 * Candidate pages read at once, and held at once by the whole process (pageBudget.ts). Meilisearch
 * spends about 45 µs per candidate it returns at 1M sections (even with only ids), one thread per
 * request: pages side by side divide that by its cores. The check does not depend on the order the
 * pages come in.
 */
const VERIFY_PAGES_AT_ONCE = 4;

/**
 * Every hit of a search in pages of `pageSize`, up to `atOnce` pages read together; the pages come
 * in no particular order. The search's order must be total, as the sections index's ranking is.
 * Each page holds a place in `budget` from before it is asked for until the caller has checked it
 * (asks for the next page or stops), so the process never holds more pages than the budget allows.
 */
export async function* candidatePages<T>(
  shard: SearchContext,
  query: SearchQuery,
  budget: PageBudget,
  pageSize = VERIFY_PAGE,
  atOnce = VERIFY_PAGES_AT_ONCE,
): AsyncIterable<T[]> {
  const page = async (n: number): Promise<{ answer: SearchResponse<T>; release: ReleasePage }> => {
    const release = await budget.acquire();
    try {
      return { answer: (await shard.search<T>([{ ...query, page: n, hitsPerPage: pageSize }]))[0]!, release };
    } catch (error) {
      release();
      throw error;
    }
  };
  const first = await page(1);
  try {
    yield first.answer.hits;
  } finally {
    first.release();
  }
  // totalHits is exact with page/hitsPerPage (pagination.maxTotalHits is far above any index).
  const pages = Math.ceil((first.answer.totalHits ?? 0) / pageSize);
  for (let n = 2; n <= pages; n += atOnce) {
    const batch: Array<Promise<{ answer: SearchResponse<T>; release: ReleasePage }>> = [];
    for (let m = n; m < n + atOnce && m <= pages; m += 1) {
      const pending = page(m);
      // Awaited below in order; a page that fails while an earlier one is checked must not be an unhandled rejection.
      pending.catch(() => {});
      batch.push(pending);
    }
    let checked = 0;
    try {
      for (const pending of batch) {
        const { answer, release } = await pending;
        checked += 1;
        try {
          yield answer.hits;
        } finally {
          release();
        }
      }
    } finally {
      // Stopped early (an error, or the caller stopped reading): pages still coming give their places back.
      for (const pending of batch.slice(checked))
        pending.then(
          ({ release }) => release(),
          () => {},
        );
    }
  }
}

export function verifiedPlanner(context: SearchContext, generation: () => Promise<Generation>, cacheSize: number): Planner {
  // One budget for every shard's verifications: the pages are held in this process, whichever shard sent them.
  const budget = new PageBudget(VERIFY_PAGES_AT_ONCE);
  // One cache per shard, keyed by that shard's generation: a change on one shard verifies again
  // only what that shard holds.
  const falsePositives = context.shards.map(
    (shard) =>
      new FalsePositiveCache({
        maxEntries: cacheSize,
        fetchCandidates: (term: Term) =>
          candidatePages<{ id: string; heading: string; text: string }>(
            shard,
            {
              indexUid: shard.names.sections,
              q: toMeiliPieces([[{ term, negated: false }]], () => [])[0]!.q,
              matchingStrategy: 'all',
              attributesToRetrieve: ['id', 'heading', 'text'],
            },
            budget,
          ),
      }),
  );
  const wrongIds = async (term: Term, current: Generation): Promise<readonly string[]> =>
    (await Promise.all(falsePositives.map((cache, s) => cache.get(term, current.shards[s] ?? current.value)))).flat();

  return async function plan(query: ParsedQuery): Promise<PlannedQuery> {
    const conjunctions = disjointConjunctions(toDisjunctiveNormalForm(query));
    const current = await generation();
    const recorded = (term: Term) => current.formatVersion === DOCUMENT_FORMAT_VERSION && isDictionaryPhrase(term.key);
    const wrong = new Map<string, readonly string[]>();
    for (const conjunction of conjunctions) {
      for (const { term } of conjunction) {
        if (!wrong.has(term.key) && !recorded(term)) wrong.set(term.key, await wrongIds(term, current));
      }
    }
    return {
      pieces: toMeiliPieces(conjunctions, (term) => wrong.get(term.key) ?? [], recorded),
      generation: current.value,
      formatVersion: current.formatVersion,
    };
  };
}
