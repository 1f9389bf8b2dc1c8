// One page of matching sections with exact totals, report count and facet counts. A query of one
// piece is one search (plus a report count); a query the planner split into disjoint pieces is
// counted piece by piece and its page cut out of their union.
import { FACETS, withMissingBuckets, type FacetCounts } from '../../core/facets.js';
import { snippetOccurrencesOf } from '../../core/occurrences.js';
import { parseQuery, QueryError } from '../../core/query.js';
import type { SearchResponse } from '../../index/meiliClient.js';
import { HIT_FIELDS } from '../../index/schema.js';
import type { MeiliPiece } from '../plan.js';
import type { SearchRequest, SearchResult } from '../port.js';
import { panelFacetCounts } from '../panelFacets.js';
import { RecentValues } from '../../core/recentValues.js';
import type { SearchContext } from './searchContext.js';
import { compareYear, pieceQuery, sortOf, sumFacets, toHit, unionReportKeys, type StoredSection } from './storedDocuments.js';
import { reportGroups } from './reportGroups.js';
import type { Planner } from './verifiedPlanner.js';

/** Sorted OR queries merge pieces in memory: deeper than this, the user is asked to narrow the query. */
const SORTED_UNION_DEPTH = 10_000;

export function sectionSearch(context: SearchContext, plan: Planner): (request: SearchRequest) => Promise<SearchResult> {
  // Exact report counts of recent searches. The count depends on the query and the filters, not on
  // the page or the order, and a `distinct` count reads every match (the costliest search of a
  // page at 100k sections): paging through a result, or sorting it, should not pay it again.
  const reportTotals = new RecentValues<number>(1_000);

  async function search(request: SearchRequest): Promise<SearchResult> {
    const started = Date.now();
    const query = parseQuery(request.q);
    const { pieces, generation } = await plan(query);
    // Grouped by report, the counts are the same and the page is of reports (reportGroups below).
    const grouping = request.group === 'report';
    const counting = grouping ? { ...request, per: 0 } : request;
    const counted = pieces.length === 1 ? await onePiece(pieces[0]!, counting, generation) : await severalPieces(pieces, counting);
    const facets = withMissingBuckets(counted.facets, counted.total);
    // A results page shows a snippet per hit: its text occurrences are exact where the snippet is cut.
    const toHits = (stored: StoredSection[]) => stored.map((section) => toHit(section, query.positiveTerms, snippetOccurrencesOf));
    return {
      q: request.q,
      total: counted.total,
      reportTotal: counted.reportTotal,
      page: request.page,
      per: request.per,
      hits: toHits(counted.hits),
      ...(grouping ? { groups: await reportGroups(context, pieces, request, counted.reportKeys, toHits) } : {}),
      facets,
      panelFacets: request.facetPanel
        ? await panelFacetCounts(
            request.filters,
            facets,
            async (filters) => (await search({ ...request, filters, page: 1, per: 1, facetPanel: false, group: 'section' })).facets,
          )
        : facets,
      terms: query.positiveTerms.map((t) => t.text),
      notices: query.notices,
      tookMs: Date.now() - started,
    };
  }

  interface Counted {
    total: number;
    reportTotal: number;
    facets: FacetCounts;
    hits: StoredSection[];
    /** The matching reports' keys (year|level|province|reportId), when several pieces were counted. */
    reportKeys?: Set<string>;
  }

  /** One search gives the total, the facets and the page; the report count is a second search in the same round trip unless remembered. */
  async function onePiece(piece: MeiliPiece, request: SearchRequest, generation: string): Promise<Counted> {
    const base = pieceQuery(context.names, piece, request.filters);
    const key = `${generation}\n${base.q}\n${JSON.stringify(base.filter)}`;
    const known = reportTotals.get(key);
    // Two requests, not one multi-search: Meilisearch runs a multi-search's queries one after the
    // other, and two requests at once on two threads, so a first search costs the slower of the two.
    const [[main], reports] = await Promise.all([
      context.search<StoredSection>([
        {
          ...base,
          facets: [...FACETS],
          attributesToRetrieve: [...HIT_FIELDS],
          sort: sortOf(request.sort),
          page: request.page,
          hitsPerPage: request.per,
        },
      ]),
      known === undefined ? context.search<StoredSection>([{ ...base, page: 1, hitsPerPage: 0, distinct: 'reportId' }]) : [],
    ]);
    const reportTotal = known ?? reports[0]?.totalHits ?? 0;
    if (known === undefined) reportTotals.set(key, reportTotal);
    return { total: main?.totalHits ?? 0, reportTotal, facets: sumFacets(main ? [main] : []), hits: main?.hits ?? [] };
  }

  async function severalPieces(pieces: MeiliPiece[], request: SearchRequest): Promise<Counted> {
    const counts = await context.search<StoredSection>(
      pieces.map((piece) => ({
        ...pieceQuery(context.names, piece, request.filters),
        page: 1,
        hitsPerPage: 0,
        facets: [...FACETS, 'reportKey'],
      })),
    );
    const totals = counts.map((r) => r.totalHits ?? 0);
    const offset = (request.page - 1) * request.per;
    const reportKeys = unionReportKeys(counts);
    return {
      reportKeys,
      total: totals.reduce((n, t) => n + t, 0),
      reportTotal: reportKeys.size,
      facets: sumFacets(counts),
      hits: await unionWindow(context, pieces, totals, request, offset, request.per),
    };
  }

  return search;
}

/** Hits [offset, offset+limit) of the union of disjoint pieces, in piece order or by year. */
async function unionWindow(
  context: SearchContext,
  pieces: MeiliPiece[],
  totals: number[],
  request: SearchRequest,
  offset: number,
  limit: number,
): Promise<StoredSection[]> {
  if (limit === 0) return [];
  const sort = sortOf(request.sort);
  const retrieve = { attributesToRetrieve: [...HIT_FIELDS], sort };
  const queryOf = (piece: MeiliPiece) => ({ ...pieceQuery(context.names, piece, request.filters), ...retrieve });
  if (!sort) {
    // Relevance across alternatives: all hits of the first alternative, then the second, …
    const windows: Array<ReturnType<typeof queryOf> & { offset: number; limit: number }> = [];
    let start = 0;
    pieces.forEach((piece, i) => {
      const end = start + totals[i]!;
      const from = Math.max(offset, start);
      const to = Math.min(offset + limit, end);
      if (from < to) windows.push({ ...queryOf(piece), offset: from - start, limit: to - from });
      start = end;
    });
    return (await context.search<StoredSection>(windows)).flatMap((r: SearchResponse<StoredSection>) => r.hits);
  }
  if (offset + limit > SORTED_UNION_DEPTH) {
    throw new QueryError('按年份排序的 OR 查询最多翻到第 10000 条 (sorted OR queries page up to 10,000 hits; narrow the query)');
  }
  const responses = await context.search<StoredSection>(pieces.map((piece) => ({ ...queryOf(piece), offset: 0, limit: offset + limit })));
  const descending = sort[0] === 'year:desc';
  return responses
    .flatMap((r) => r.hits)
    .sort((a, b) => compareYear(a.year, b.year, descending) || a.reportId.localeCompare(b.reportId) || a.ordinal - b.ordinal)
    .slice(offset, offset + limit);
}
