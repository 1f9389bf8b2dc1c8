// One SearchContext over several Meilisearch instances (shards), each holding a disjoint set of
// reports with all their sections (index/shards.ts). Every search is sent to every shard in
// parallel and the answers merged into the one answer a single instance holding everything would
// give: totals and facet counts are summed (exact: no section or report is on two shards, so a
// `distinct: reportId` count is also a sum), and hits are merged in the global order — the
// query's sort, then the ranking score (words and attribute, which depend on the document and
// the query only, not on what else is in the index), then the index's own ranking fields
// (year:desc, reportId:asc, ordinal:asc), then the document id, which makes the order total.
// A page at offset k asks each shard for its first k+per sort keys, finds how many of each shard's
// hits come before the page, then reads exactly the page's hits from each (two round trips).
import type { SearchQuery, SearchResponse } from '../../index/meiliClient.js';
import { MOVING_DOCUMENT_ID, SECTION_SETTINGS, type IndexNames } from '../../index/schema.js';
import { ReportsMovingError } from '../errors.js';
import { metaReader, type MetaReader } from './metaDocuments.js';
import { withoutWindow, type SearchContext } from './searchContext.js';

type Hit = Record<string, unknown>;

/** One step of the global order: a field ascending or descending (missing values last), or the ranking score. */
type OrderKey = { field: string; descending: boolean } | { score: true };

const SCORE = '_rankingScore';
/** Meilisearch's default ranking rules (the reports, meta and files indexes keep them). */
const DEFAULT_RULES = ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'];

/**
 * Throws ReportsMovingError while any shard records that reports are moving between shards: a moved
 * report is then on two shards until the run deletes its old copy, and a sum over the shards would
 * count it twice. The record is one of the meta documents, read at most every 2 s (metaDocuments.ts).
 */
function moveCheck(meta: MetaReader): () => Promise<void> {
  return async () => {
    const record = (await meta()).flat().find((document) => document.id === MOVING_DOCUMENT_ID);
    if (record) throw new ReportsMovingError(typeof record['since'] === 'string' ? record['since'] : 'an unknown time');
  };
}

/** `meta`: the shards' meta documents, read once for every user of them (metaDocuments.ts). */
export function shardedContext(shards: readonly SearchContext[], meta: MetaReader = metaReader(shards)): SearchContext {
  const first = shards[0];
  if (!first) throw new RangeError('a sharded search needs at least one shard');
  if (shards.length === 1) return first;
  const { names } = first;
  const notMoving = moveCheck(meta);

  async function search<T>(queries: SearchQuery[]): Promise<Array<SearchResponse<T>>> {
    await notMoving();
    const plans = queries.map((query) => planOf(names, query));
    const answers = await Promise.all(shards.map((shard) => shard.search<Hit>(plans.map((plan) => plan.keysQuery))));
    const merged = plans.map((_, i) => mergeCounts(answers.map((perShard) => perShard[i]!)));
    // Deep pages: the shards' positions of the page's hits, then exactly those hits.
    const deep = plans.flatMap((plan, i) => (plan.window.offset > 0 && plan.window.limit > 0 ? [i] : []));
    const ranges = deep.map((i) =>
      shardRanges(
        plans[i]!,
        answers.map((perShard) => perShard[i]!.hits),
      ),
    );
    const second = await Promise.all(
      shards.map((shard, s) =>
        shard.search<Hit>(
          deep.flatMap((i, d) => {
            const range = ranges[d]![s]!;
            return range.take > 0 ? [{ ...plans[i]!.hitsQuery, offset: range.skip, limit: range.take }] : [];
          }),
        ),
      ),
    );
    plans.forEach((plan, i) => {
      const { offset, limit } = plan.window;
      if (limit === 0) return;
      const d = deep.indexOf(i);
      const candidates =
        d < 0
          ? answers.flatMap((perShard) => perShard[i]!.hits)
          : second.flatMap((perShard, s) => {
              const before = deep.slice(0, d).filter((_, e) => ranges[e]![s]!.take > 0).length;
              return ranges[d]![s]!.take > 0 ? perShard[before]!.hits : [];
            });
      const ordered = candidates.sort(comparator(plan.order));
      merged[i]!.hits = (d < 0 ? ordered.slice(offset, offset + limit) : ordered).map((hit) => strip(hit, plan.extra));
    });
    return merged as Array<SearchResponse<T>>;
  }

  async function* each<T>(query: SearchQuery, pageSize: number): AsyncIterable<T[]> {
    const order = orderOf(names, query);
    const { retrieve, extra } = retrieval(query, order);
    const iterators = shards.map((shard) =>
      shard.each<Hit>({ ...query, ...retrieve, showRankingScore: true }, pageSize)[Symbol.asyncIterator](),
    );
    const buffers: Hit[][] = shards.map(() => []);
    const positions = shards.map(() => 0);
    const finished = shards.map(() => false);
    const compare = comparator(order);
    let page: Hit[] = [];
    for (;;) {
      // Before each read of a shard's next page: a long read (an export) must not run into a move.
      if (iterators.some((_, s) => !finished[s] && positions[s]! >= buffers[s]!.length)) await notMoving();
      await Promise.all(
        iterators.map(async (iterator, s) => {
          if (finished[s] || positions[s]! < buffers[s]!.length) return;
          const next = await iterator.next();
          if (next.done) finished[s] = true;
          else [buffers[s], positions[s]] = [next.value, 0];
        }),
      );
      let best = -1;
      for (let s = 0; s < shards.length; s++) {
        if (positions[s]! >= buffers[s]!.length) continue;
        if (best < 0 || compare(buffers[s]![positions[s]!]!, buffers[best]![positions[best]!]!) < 0) best = s;
      }
      if (best < 0) break;
      page.push(strip(buffers[best]![positions[best]!]!, extra));
      positions[best]! += 1;
      if (page.length === pageSize) {
        yield page as T[];
        page = [];
      }
    }
    if (page.length > 0) yield page as T[];
  }

  return { names, search, each, shards };
}

interface Plan {
  window: { offset: number; limit: number };
  order: OrderKey[];
  /** Sent to every shard: the counts, and the first offset+limit hits (only their sort keys when offset > 0). */
  keysQuery: SearchQuery;
  /** The query for a deep page's hits on one shard (offset and limit added per shard). */
  hitsQuery: SearchQuery;
  /** Fields added to read the order, removed from the hits returned. */
  extra: string[];
}

function planOf(names: IndexNames, query: SearchQuery): Plan {
  const window = windowOf(query);
  const order = orderOf(names, query);
  const { retrieve, extra } = retrieval(query, order);
  const base = withoutWindow(query);
  const depth = window.offset + window.limit;
  const paged = query['page'] !== undefined || query['hitsPerPage'] !== undefined;
  const keysQuery: SearchQuery =
    window.limit === 0
      ? query
      : {
          ...base,
          ...(paged ? { page: 1, hitsPerPage: depth } : { offset: 0, limit: depth }),
          showRankingScore: true,
          ...(window.offset > 0 ? { attributesToRetrieve: keyFields(order) } : retrieve),
        };
  return { window, order, keysQuery, hitsQuery: { ...base, ...retrieve, showRankingScore: true }, extra };
}

function windowOf(query: SearchQuery): { offset: number; limit: number } {
  if (query['page'] !== undefined || query['hitsPerPage'] !== undefined) {
    const per = Number(query['hitsPerPage'] ?? 20);
    return { offset: (Number(query['page'] ?? 1) - 1) * per, limit: per };
  }
  return { offset: Number(query['offset'] ?? 0), limit: Number(query['limit'] ?? 20) };
}

/** The index's ranking rules read as an order: the query's sort, the score, custom fields, then the id. */
export function orderOf(names: IndexNames, query: SearchQuery): OrderKey[] {
  const rules: readonly string[] = query.indexUid === names.sections ? SECTION_SETTINGS.rankingRules : DEFAULT_RULES;
  const sort = ((query['sort'] as string[] | undefined) ?? []).map(fieldKey);
  const order: OrderKey[] = [];
  let scored = false;
  for (const rule of rules) {
    if (rule === 'sort') order.push(...sort);
    else if (rule.includes(':')) order.push(fieldKey(rule));
    else if (!scored) {
      // Meilisearch's score combines the relevance rules; compared once, where the first of them stands.
      order.push({ score: true });
      scored = true;
    }
  }
  order.push({ field: 'id', descending: false });
  return order;
}

function fieldKey(rule: string): OrderKey {
  const colon = rule.lastIndexOf(':');
  return { field: rule.slice(0, colon), descending: rule.slice(colon + 1) === 'desc' };
}

const keyFields = (order: OrderKey[]): string[] => [...new Set(order.flatMap((key) => ('field' in key ? [key.field] : [])))];

/** attributesToRetrieve with the order's fields added, and which of them to remove again. */
function retrieval(query: SearchQuery, order: OrderKey[]): { retrieve: { attributesToRetrieve?: string[] }; extra: string[] } {
  const asked = query['attributesToRetrieve'] as string[] | undefined;
  // Without a list Meilisearch returns every displayed field, which holds the order's fields.
  if (asked === undefined || asked.includes('*')) return { retrieve: {}, extra: [SCORE] };
  const extra = keyFields(order).filter((field) => !asked.includes(field));
  return { retrieve: { attributesToRetrieve: [...asked, ...extra] }, extra: [...extra, SCORE] };
}

function strip(hit: Hit, extra: readonly string[]): Hit {
  const copy = { ...hit };
  for (const field of extra) delete copy[field];
  return copy;
}

/** Missing and null values come last in either direction, as Meilisearch sorts them. */
function compareValues(a: unknown, b: unknown, descending: boolean): number {
  const aMissing = a === undefined || a === null;
  const bMissing = b === undefined || b === null;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const sign = descending ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
  // Meilisearch sorts a string by its facet form: trimmed and lower-cased.
  const [x, y] = [String(a).trim().toLowerCase(), String(b).trim().toLowerCase()];
  return x === y ? 0 : sign * (x < y ? -1 : 1);
}

export function comparator(order: OrderKey[]): (a: Hit, b: Hit) => number {
  return (a, b) => {
    for (const key of order) {
      const result =
        'score' in key ? Number(b[SCORE] ?? 0) - Number(a[SCORE] ?? 0) : compareValues(a[key.field], b[key.field], key.descending);
      if (result !== 0) return result;
    }
    return 0;
  };
}

/** For a deep page: per shard, how many of its hits come before the page and how many are on it. */
function shardRanges(plan: Plan, hitsPerShard: Hit[][]): Array<{ skip: number; take: number }> {
  const tagged = hitsPerShard.flatMap((hits, shard) => hits.map((hit) => ({ hit, shard })));
  const compare = comparator(plan.order);
  tagged.sort((a, b) => compare(a.hit, b.hit));
  const ranges = hitsPerShard.map(() => ({ skip: 0, take: 0 }));
  const { offset, limit } = plan.window;
  tagged.slice(0, offset + limit).forEach(({ shard }, position) => {
    if (position < offset) ranges[shard]!.skip += 1;
    else ranges[shard]!.take += 1;
  });
  return ranges;
}

/** Totals and facet counts of one search on every shard, added up; the hits are merged by the caller. */
function mergeCounts(responses: Array<SearchResponse<Hit>>): SearchResponse<Hit> {
  const sum = (field: 'totalHits' | 'estimatedTotalHits'): number | undefined =>
    responses.some((r) => r[field] !== undefined) ? responses.reduce((n, r) => n + (r[field] ?? 0), 0) : undefined;
  const facetDistribution: Record<string, Record<string, number>> = {};
  for (const response of responses) {
    for (const [facet, counts] of Object.entries(response.facetDistribution ?? {})) {
      const into = facetDistribution[facet] ?? {};
      facetDistribution[facet] = into;
      for (const [value, count] of Object.entries(counts)) into[value] = (into[value] ?? 0) + count;
    }
  }
  const totalHits = sum('totalHits');
  const estimatedTotalHits = sum('estimatedTotalHits');
  return {
    hits: [],
    ...(totalHits !== undefined ? { totalHits } : {}),
    ...(estimatedTotalHits !== undefined ? { estimatedTotalHits } : {}),
    ...(responses.some((r) => r.facetDistribution) ? { facetDistribution } : {}),
  };
}
