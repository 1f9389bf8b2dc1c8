// The fixed query mix the bench times, and each query in the three forms it is sent: to the JSON
// API of the real server, straight to Meilisearch (what the server would ask, minus its own work),
// and to grep (the unit key of a lone phrase). Phrases come from the generator's vocabulary
// (tools/gen/vocabulary.ts), which ranks them from near-universal to rare.
import { isDictionaryPhrase } from '../../core/phraseDictionary.js';
import { disjointConjunctions, toDisjunctiveNormalForm, toMeiliPieces } from '../../search/plan.js';
import { parseQuery, phraseOf } from '../../core/query.js';
import { HIT_FIELDS } from '../../index/schema.js';
import type { SortOrder } from '../../search/port.js';
import { facetFilterExpressions } from '../../index/filters.js';
import { FACETS, type FacetFilters } from '../../core/facets.js';

export interface MixQuery {
  label: string;
  kind: 'search' | 'trend';
  /** AND of terms only: a direct Meilisearch request for OR or NOT is not one search. */
  q: string;
  filters: FacetFilters;
  page: number;
  per: number;
  sort: SortOrder;
}

function search(label: string, q: string, extra: Partial<Omit<MixQuery, 'label' | 'q' | 'kind'>> = {}): MixQuery {
  return { label, kind: 'search', q, filters: {}, page: 1, per: 20, sort: 'relevance', ...extra };
}

function trend(label: string, q: string): MixQuery {
  return { label, kind: 'trend', q, filters: {}, page: 1, per: 0, sort: 'relevance' };
}

export const QUERY_MIX: readonly MixQuery[] = [
  search('common phrase, 6 units', '政府信息公开'),
  search('common phrase', '主动公开'),
  search('common, 2 units', '公开'),
  search('mid-frequency phrase', '保密审查'),
  search('rare phrase', '数据开放平台试运行'),
  search('rare phrase', '政务公开标准化规范化'),
  search('multi-term', '保密审查 政府门户网站'),
  search('multi-term, 3 terms', '政策解读 舆情回应 乡村振兴'),
  search('facet: level', '政务公开', { filters: { level: ['county'] } }),
  search('facets: year + level', '依申请公开', { filters: { year: ['2020'], level: ['city'] } }),
  search('facets: province + section type', '行政处罚', { filters: { province: ['河南省'], sectionType: ['proactive'] } }),
  search('sort by year', '政务新媒体', { sort: 'year-desc' }),
  search('deep page (50)', '主动公开', { page: 50 }),
  search('deep page (50), sorted', '依申请公开', { page: 50, sort: 'year-asc' }),
  trend('trend', '乡村振兴'),
  trend('trend, common', '政务公开'),
];

/** The request path on the server's JSON API. */
export function apiPath(query: MixQuery): string {
  const params = new URLSearchParams({ q: query.q });
  for (const [facet, values] of Object.entries(query.filters)) for (const value of values ?? []) params.append(facet, value);
  if (query.kind === 'trend') return `/api/trend?${params}`;
  params.set('page', String(query.page));
  params.set('per', String(query.per));
  if (query.sort !== 'relevance') params.set('sort', query.sort);
  return `/api/search?${params}`;
}

/**
 * The direct baseline's form of an AND query: each term as its Meilisearch phrase (phraseOf: bigram
 * codes, or a one-unit term's code word). Unlike the server, no phrase-dictionary filters.
 */
function phraseQuery(q: string): { q: string; filters: string[] } {
  const parsed = parseQuery(q);
  const phrases: string[] = [];
  for (const clause of parsed.clauses) {
    if (clause.kind !== 'any' || clause.terms.length !== 1) throw new Error(`the bench mix has AND queries only: ${q}`);
    phrases.push(phraseOf(clause.terms[0]!));
  }
  return { q: phrases.join(' '), filters: [] };
}

/**
 * The same search sent straight to Meilisearch as one multi-search: for a search, the bigram phrase
 * q with the facets, the page and exhaustive counts; for a trend, the three counting searches the
 * server makes (sections by year, reports by year, level and province, reports indexed).
 */
export function directQueries(query: MixQuery, indexUid: string): Array<Record<string, unknown>> {
  const phrase = phraseQuery(query.q);
  const filter = [...phrase.filters, ...facetFilterExpressions(query.filters)];
  const base = { indexUid, q: phrase.q, matchingStrategy: 'all', filter };
  if (query.kind === 'trend') {
    return [
      { ...base, page: 1, hitsPerPage: 0, facets: ['year'] },
      { ...base, page: 1, hitsPerPage: 0, distinct: 'reportId', facets: ['year', 'yearLevel', 'yearProvince'] },
      {
        indexUid,
        q: '',
        filter: facetFilterExpressions(query.filters),
        page: 1,
        hitsPerPage: 0,
        distinct: 'reportId',
        facets: ['year', 'yearLevel', 'yearProvince'],
      },
    ];
  }
  const sort = query.sort === 'year-desc' ? ['year:desc'] : query.sort === 'year-asc' ? ['year:asc'] : undefined;
  return [
    {
      ...base,
      facets: [...FACETS],
      page: query.page,
      hitsPerPage: query.per,
      attributesToRetrieve: [...HIT_FIELDS],
      ...(sort ? { sort } : {}),
    },
  ];
}

/** The unit key grep looks for, for a lone phrase without filters; null when grep cannot answer it. */
export function grepNeedle(query: MixQuery): string | null {
  if (query.kind !== 'search' || Object.keys(query.filters).length > 0) return null;
  const parsed = parseQuery(query.q);
  if (parsed.clauses.length !== 1 || parsed.positiveTerms.length !== 1) return null;
  return parsed.positiveTerms[0]!.key;
}

/** One of the searches the server's adapter makes for a search request. */
export type AdapterStep = 'page, counts and facets' | 'report count (distinct reportId)';
export const ADAPTER_STEPS: readonly AdapterStep[] = ['page, counts and facets', 'report count (distinct reportId)'];

/**
 * The searches meiliReportSearch.search() sends for a one-piece query, each on its own, so the
 * bench can tell which of them makes the server slower than one direct search. The piece is built
 * by the server's own planner (dictionary phrases become filters; the mix has no false positives to
 * exclude). The adapter sends both in one multi-search the first time it sees a query with its
 * filters, and afterwards only the first: it remembers the report count per index generation.
 */
export function adapterSearches(query: MixQuery, indexUid: string): Array<{ step: AdapterStep; query: Record<string, unknown> }> {
  if (query.kind !== 'search') return [];
  const conjunctions = disjointConjunctions(toDisjunctiveNormalForm(parseQuery(query.q)));
  const pieces = toMeiliPieces(
    conjunctions,
    () => [],
    (term) => isDictionaryPhrase(term.key),
  );
  if (pieces.length !== 1) throw new Error(`the bench mix has one-piece queries only: ${query.q}`);
  const piece = pieces[0]!;
  const base = { indexUid, q: piece.q, matchingStrategy: 'all', filter: [...piece.filters, ...facetFilterExpressions(query.filters)] };
  const sort = query.sort === 'year-desc' ? ['year:desc'] : query.sort === 'year-asc' ? ['year:asc'] : undefined;
  return [
    {
      step: 'page, counts and facets',
      query: { ...base, facets: [...FACETS], attributesToRetrieve: [...HIT_FIELDS], sort, page: query.page, hitsPerPage: query.per },
    },
    { step: 'report count (distinct reportId)', query: { ...base, page: 1, hitsPerPage: 0, distinct: 'reportId' } },
  ];
}
