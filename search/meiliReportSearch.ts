// ReportSearch over Meilisearch. Meilisearch does retrieval, filtering, sorting and counting; this
// file turns a query into searches whose counts are exact (plan.ts), removes the candidates that
// Meilisearch's phrase check cannot rule out (verify.ts), and maps hits back to exact positions in
// the original text (occurrences.ts). Meilisearch types stay in this file.
import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';
import { type SectionType, PROVENANCE_FIELDS, type ReportProvenance, type ReportSummary } from '../core/report.js';
import { SearchUnavailableError } from './errors.js';
import type { SectionOccurrences } from '../core/match.js';
import { occurrenceRows, sectionOccurrencesOf } from '../core/occurrences.js';
import { disjointConjunctions, toDisjunctiveNormalForm, toMeiliPieces, type MeiliPiece } from './plan.js';
import { parseQuery, type ParsedQuery, type Term, QueryError } from '../core/query.js';
import { isDictionaryPhrase } from '../core/phraseDictionary.js';
import { DOCUMENT_FORMAT_VERSION, GENERATION_DOCUMENT_ID, HIT_FIELDS, type IndexNames } from '../index/schema.js';
import type { ProvenanceView, ReportDetail, ReportPage, ReportSearch, SearchRequest, SearchResult, SortOrder, TrendResult } from './port.js';
import { facetFilterExpressions } from '../index/filters.js';
import { nodeHttpClient, unwrapMeiliError } from '../index/httpClient.js';
import { RecentValues } from './recentValues.js';
import { FalsePositiveCache } from './verify.js';
import { quoteFilterValue } from '../index/filters.js';
import { FACETS, MISSING_FACET_VALUE, withMissingBuckets, type Facet, type FacetCounts, type FacetFilters } from '../core/facets.js';
import type { OccurrenceRow, SectionHit } from '../core/hits.js';

export interface MeiliReportSearchOptions {
  host: string;
  /** A search-only key: the web tier never holds the master key. */
  apiKey: string;
  indexes: IndexNames;
  /** Maximum number of terms whose false positives are remembered. */
  verificationCacheSize?: number;
}

/** A section document as stored (the fields HIT_FIELDS asks for). */
interface StoredSection extends ReportSummary {
  id: string;
  sectionId: string;
  ordinal: number;
  sectionType: SectionType;
  heading: string;
  text: string;
  keyTerms: string[];
}

interface StoredReport extends ReportSummary, Partial<ReportProvenance> {
  id: string;
  warnings: string[];
  encoding: string | null;
  pages?: number | null;
  sectionIds: string[];
}

/** The part of a Meilisearch search response this adapter reads. */
interface SearchResponse<T> {
  hits: T[];
  totalHits?: number;
  estimatedTotalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

type SearchQuery = Record<string, unknown> & { indexUid: string };

const EXPORT_PAGE = 500;
const VERIFY_PAGE = 5_000;

export function createMeiliReportSearch(options: MeiliReportSearchOptions): ReportSearch {
  const client = new Meilisearch({ host: options.host, apiKey: options.apiKey, httpClient: nodeHttpClient });
  const names = options.indexes;

  async function multiSearch<T>(queries: SearchQuery[]): Promise<Array<SearchResponse<T>>> {
    if (queries.length === 0) return [];
    try {
      const response = (await client.multiSearch({ queries } as never)) as unknown as { results: Array<SearchResponse<T>> };
      return response.results;
    } catch (error) {
      throw translateError(error);
    }
  }

  interface Generation {
    value: string;
    /** DOCUMENT_FORMAT_VERSION when every report is indexed in it ('mixed' otherwise). */
    formatVersion: string;
  }
  let generationCache: (Generation & { readAt: number }) | null = null;
  async function generation(): Promise<Generation> {
    const now = Date.now();
    if (generationCache && now - generationCache.readAt < 2_000) return generationCache;
    const [result] = await multiSearch<Generation & { id: string }>([{ indexUid: names.meta, q: '', limit: 10 }]);
    const found = result?.hits.find((hit) => hit.id === GENERATION_DOCUMENT_ID);
    generationCache = { value: found?.value ?? 'empty', formatVersion: found?.formatVersion ?? '', readAt: now };
    return generationCache;
  }

  const falsePositives = new FalsePositiveCache({
    maxEntries: options.verificationCacheSize ?? 2_000,
    fetchCandidates: async function* (term: Term) {
      const phrase = toMeiliPieces([[{ term, negated: false }]], () => [])[0]!.q;
      // Large pages in ranking order (total: the ranking rules end in reportId and ordinal): an
      // explicit sort made deep offsets about 40% slower (measured on 69,000 candidates).
      for (let offset = 0; ; offset += VERIFY_PAGE) {
        const [page] = await multiSearch<{ id: string; heading: string; text: string }>([
          {
            indexUid: names.sections,
            q: phrase,
            matchingStrategy: 'all',
            offset,
            limit: VERIFY_PAGE,
            attributesToRetrieve: ['id', 'heading', 'text'],
          },
        ]);
        if (!page || page.hits.length === 0) return;
        yield page.hits;
        if (page.hits.length < VERIFY_PAGE) return;
      }
    },
  });

  /**
   * Turns a parsed query into disjoint Meilisearch searches, verifying terms where needed; with the
   * index generation they were planned for, which keys anything remembered about them.
   */
  async function plan(query: ParsedQuery): Promise<{ pieces: MeiliPiece[]; generation: string }> {
    const conjunctions = disjointConjunctions(toDisjunctiveNormalForm(query));
    const current = await generation();
    const recorded = (term: Term) => current.formatVersion === DOCUMENT_FORMAT_VERSION && isDictionaryPhrase(term.key);
    const wrong = new Map<string, readonly string[]>();
    for (const conjunction of conjunctions) {
      for (const { term } of conjunction) {
        if (!wrong.has(term.key) && !recorded(term)) wrong.set(term.key, await falsePositives.get(term, current.value));
      }
    }
    return { pieces: toMeiliPieces(conjunctions, (term) => wrong.get(term.key) ?? [], recorded), generation: current.value };
  }

  function baseQuery(piece: MeiliPiece, filters: FacetFilters): SearchQuery {
    return {
      indexUid: names.sections,
      q: piece.q,
      matchingStrategy: 'all',
      filter: [...piece.filters, ...facetFilterExpressions(filters)],
    };
  }

  function toHit(stored: StoredSection, terms: Term[]): SectionHit {
    const found = sectionOccurrencesOf(stored.heading, stored.text, terms);
    return {
      ...summaryOf(stored),
      sectionId: stored.sectionId,
      ordinal: stored.ordinal,
      sectionType: stored.sectionType,
      heading: stored.heading,
      text: stored.text,
      keyTerms: stored.keyTerms ?? [],
      headingOccurrences: found.heading,
      textOccurrences: found.text,
    };
  }

  // Exact report counts of recent searches. The count depends on the query and the filters, not on
  // the page or the order, and a `distinct` count reads every match (the costliest search of a
  // page at 100k sections): paging through a result, or sorting it, should not pay it again.
  const reportTotals = new RecentValues<number>(1_000);
  const reportsIndexed = new RecentValues<{ byYear: Record<string, number>; byYearLevel: Record<string, number> }>(100);

  async function search(request: SearchRequest): Promise<SearchResult> {
    const started = Date.now();
    const query = parseQuery(request.q);
    const { pieces, generation: planned } = await plan(query);
    const sort = sortOf(request.sort);
    const single = pieces.length === 1;
    let total: number;
    let facets: FacetCounts;
    let reportTotal: number;
    let hits: StoredSection[];
    if (single) {
      // One search gives the exact total, the facets and the page; the report count is a second
      // search in the same round trip unless it is remembered.
      const base = baseQuery(pieces[0]!, request.filters);
      const reportKey = `${planned}\n${base.q}\n${JSON.stringify(base.filter)}`;
      const knownReportTotal = reportTotals.get(reportKey);
      const responses = await multiSearch<StoredSection>([
        { ...base, facets: [...FACETS], attributesToRetrieve: [...HIT_FIELDS], sort, page: request.page, hitsPerPage: request.per },
        ...(knownReportTotal === undefined ? [{ ...base, page: 1, hitsPerPage: 0, distinct: 'reportId' }] : []),
      ]);
      const [main, reports] = responses as [SearchResponse<StoredSection>, SearchResponse<StoredSection> | undefined];
      total = main.totalHits ?? 0;
      facets = sumFacets([main]);
      reportTotal = knownReportTotal ?? reports?.totalHits ?? 0;
      if (knownReportTotal === undefined) reportTotals.set(reportKey, reportTotal);
      hits = main.hits;
    } else {
      const counts = await multiSearch<StoredSection>(
        pieces.map((piece) => ({ ...baseQuery(piece, request.filters), page: 1, hitsPerPage: 0, facets: [...FACETS, 'reportKey'] })),
      );
      total = counts.reduce((n, r) => n + (r.totalHits ?? 0), 0);
      facets = sumFacets(counts);
      reportTotal = unionReportKeys(counts).size;
      const offset = (request.page - 1) * request.per;
      hits = await fetchWindow(pieces, counts.map((r) => r.totalHits ?? 0), request.filters, sort, offset, request.per);
    }
    return {
      q: request.q,
      total,
      reportTotal,
      page: request.page,
      per: request.per,
      hits: hits.map((stored) => toHit(stored, query.positiveTerms)),
      facets: withMissingBuckets(facets, total),
      terms: query.positiveTerms.map((t) => t.text),
      notices: query.notices,
      tookMs: Date.now() - started,
    };
  }

  /** Hits [offset, offset+limit) of the union of several disjoint pieces, in piece order or by year. */
  async function fetchWindow(
    pieces: MeiliPiece[],
    totals: number[],
    filters: FacetFilters,
    sort: string[] | undefined,
    offset: number,
    limit: number,
  ): Promise<StoredSection[]> {
    const retrieve = { attributesToRetrieve: [...HIT_FIELDS], sort };
    if (!sort) {
      // Relevance across alternatives: all hits of the first alternative, then the second, …
      const queries: SearchQuery[] = [];
      let start = 0;
      pieces.forEach((piece, i) => {
        const end = start + totals[i]!;
        const from = Math.max(offset, start);
        const to = Math.min(offset + limit, end);
        if (from < to) queries.push({ ...baseQuery(piece, filters), ...retrieve, offset: from - start, limit: to - from });
        start = end;
      });
      return (await multiSearch<StoredSection>(queries)).flatMap((r) => r.hits);
    }
    if (offset + limit > 10_000) {
      throw new QueryError('按年份排序的 OR 查询最多翻到第 10000 条 (sorted OR queries page up to 10,000 hits; narrow the query)');
    }
    const responses = await multiSearch<StoredSection>(
      pieces.map((piece) => ({ ...baseQuery(piece, filters), ...retrieve, offset: 0, limit: offset + limit })),
    );
    const descending = sort[0] === 'year:desc';
    return responses
      .flatMap((r) => r.hits)
      .sort((a, b) => compareYear(a.year, b.year, descending) || a.reportId.localeCompare(b.reportId) || a.ordinal - b.ordinal)
      .slice(offset, offset + limit);
  }

  async function trend(request: Pick<SearchRequest, 'q' | 'filters'>): Promise<TrendResult> {
    const query = parseQuery(request.q);
    const { pieces, generation: planned } = await plan(query);
    const single = pieces.length === 1;
    const matching = pieces.map((piece) => ({
      ...baseQuery(piece, request.filters),
      page: 1,
      hitsPerPage: 0,
      facets: single ? ['year'] : ['year', 'reportKey'],
    }));
    const matchingReports = single
      ? [{ ...baseQuery(pieces[0]!, request.filters), page: 1, hitsPerPage: 0, distinct: 'reportId', facets: ['year', 'yearLevel'] }]
      : [];
    // The denominators (reports indexed per year and level under the filters) do not depend on the
    // query: remembered per filters and index generation, so only the first trend pays for them.
    const filter = facetFilterExpressions(request.filters);
    const indexedKey = `${planned}\n${JSON.stringify(filter)}`;
    let indexedReports = reportsIndexed.get(indexedKey);
    const indexed = indexedReports
      ? []
      : [{ indexUid: names.sections, q: '', filter, page: 1, hitsPerPage: 0, distinct: 'reportId', facets: ['year', 'yearLevel'] }];
    const responses = await multiSearch([...matching, ...matchingReports, ...indexed]);
    const sectionsByYear = sumFacets(responses.slice(0, matching.length)).year;
    let reportsByYear: Record<string, number>;
    let reportsByYearLevel: Record<string, number>;
    if (single) {
      reportsByYear = responses[matching.length]?.facetDistribution?.year ?? {};
      reportsByYearLevel = responses[matching.length]?.facetDistribution?.yearLevel ?? {};
    } else {
      reportsByYear = {};
      reportsByYearLevel = {};
      for (const key of unionReportKeys(responses.slice(0, matching.length))) {
        const [year, level] = key.split('|');
        if (year) reportsByYear[year] = (reportsByYear[year] ?? 0) + 1;
        const yearLevel = `${year}|${level}`;
        reportsByYearLevel[yearLevel] = (reportsByYearLevel[yearLevel] ?? 0) + 1;
      }
    }
    if (!indexedReports) {
      const distribution = responses[responses.length - 1]!.facetDistribution ?? {};
      indexedReports = { byYear: distribution['year'] ?? {}, byYearLevel: distribution['yearLevel'] ?? {} };
      reportsIndexed.set(indexedKey, indexedReports);
    }
    const indexedByYear = indexedReports.byYear;
    const indexedByYearLevel = indexedReports.byYearLevel;
    const years = Object.keys(indexedByYear)
      .map(Number)
      .sort((a, b) => a - b)
      .map((year) => {
        const reports = reportsByYear[year] ?? 0;
        const reportsIndexed = indexedByYear[year] ?? 0;
        return {
          year,
          sections: sectionsByYear[year] ?? 0,
          reports,
          reportsIndexed,
          share: reportsIndexed === 0 ? 0 : reports / reportsIndexed,
        };
      });
    const byLevel: TrendResult['byLevel'] = {};
    for (const [yearLevel, reportsIndexed] of Object.entries(indexedByYearLevel)) {
      const [year, level] = yearLevel.split('|') as [string, string];
      if (!year || !level) continue;
      byLevel[level] ??= {};
      byLevel[level]![year] = { reports: reportsByYearLevel[yearLevel] ?? 0, reportsIndexed };
    }
    return { q: request.q, years, byLevel };
  }

  async function* occurrences(
    request: Pick<SearchRequest, 'q' | 'filters' | 'sort'>,
    options: { context: number },
  ): AsyncIterable<OccurrenceRow> {
    const query = parseQuery(request.q);
    const { pieces } = await plan(query);
    const sort = sortOf(request.sort) ?? ['reportId:asc', 'ordinal:asc'];
    for (const piece of pieces) {
      for (let offset = 0; ; offset += EXPORT_PAGE) {
        const [page] = await multiSearch<StoredSection>([
          { ...baseQuery(piece, request.filters), attributesToRetrieve: [...HIT_FIELDS], sort, offset, limit: EXPORT_PAGE },
        ]);
        const hits = page?.hits ?? [];
        for (const stored of hits) yield* occurrenceRows(toHit(stored, query.positiveTerms), options.context);
        if (hits.length < EXPORT_PAGE) break;
      }
    }
  }

  async function listReports(page: number, per: number): Promise<ReportPage> {
    const [response] = await multiSearch<StoredReport>([
      { indexUid: names.reports, q: '', page, hitsPerPage: per, sort: ['year:desc', 'id:asc'] },
    ]);
    return { total: response?.totalHits ?? 0, reports: (response?.hits ?? []).map(summaryOf) };
  }

  async function getReport(reportId: string): Promise<ReportDetail | null> {
    const [reportResponse, sectionResponse] = await multiSearch<StoredReport | StoredSection>([
      { indexUid: names.reports, q: '', filter: `id = ${quoteFilterValue(reportId)}`, limit: 1 },
      {
        indexUid: names.sections,
        q: '',
        filter: `reportId = ${quoteFilterValue(reportId)}`,
        sort: ['ordinal:asc'],
        attributesToRetrieve: ['sectionId', 'ordinal', 'heading', 'sectionType', 'text'],
        page: 1,
        hitsPerPage: 10_000,
      },
    ]);
    const report = reportResponse?.hits[0] as StoredReport | undefined;
    if (!report) return null;
    const sections = (sectionResponse?.hits ?? []) as StoredSection[];
    return {
      ...summaryOf(report),
      ...provenanceOf(report),
      warnings: report.warnings ?? [],
      encoding: report.encoding,
      pages: report.pages ?? null,
      sections: sections
        .sort((a, b) => a.ordinal - b.ordinal || a.sectionId.localeCompare(b.sectionId))
        .map((s) => ({ sectionId: s.sectionId, ordinal: s.ordinal, heading: s.heading, sectionType: s.sectionType, text: s.text })),
    };
  }

  async function reportsOfOrgan(organKey: string): Promise<ReportSummary[]> {
    const [response] = await multiSearch<StoredReport>([
      { indexUid: names.reports, q: '', filter: `organKey = ${quoteFilterValue(organKey)}`, sort: ['year:asc'], limit: 200 },
    ]);
    return (response?.hits ?? []).map(summaryOf);
  }

  async function reportCount(): Promise<number> {
    const [response] = await multiSearch([{ indexUid: names.reports, q: '', page: 1, hitsPerPage: 0 }]);
    return response?.totalHits ?? 0;
  }

  function highlight(q: string, section: { heading: string; text: string }): SectionOccurrences {
    return sectionOccurrencesOf(section.heading, section.text, parseQuery(q).positiveTerms);
  }

  async function ping(): Promise<boolean> {
    try {
      await client.health();
      return true;
    } catch {
      return false;
    }
  }

  return { search, trend, occurrences, listReports, getReport, reportsOfOrgan, reportCount, highlight, ping };
}


function sortOf(order: SortOrder): string[] | undefined {
  if (order === 'year-desc') return ['year:desc'];
  if (order === 'year-asc') return ['year:asc'];
  return undefined;
}

function compareYear(a: number | null, b: number | null, descending: boolean): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return descending ? b - a : a - b;
}

function sumFacets(responses: Array<SearchResponse<unknown>>): FacetCounts {
  const facets = Object.fromEntries(FACETS.map((f) => [f, {} as Record<string, number>])) as FacetCounts;
  for (const response of responses) {
    for (const facet of FACETS) {
      for (const [value, count] of Object.entries(response.facetDistribution?.[facet] ?? {})) {
        if (count > 0) facets[facet as Facet][value] = (facets[facet as Facet][value] ?? 0) + count;
      }
    }
  }
  return facets;
}

function unionReportKeys(responses: Array<SearchResponse<unknown>>): Set<string> {
  const keys = new Set<string>();
  for (const response of responses) {
    for (const key of Object.keys(response.facetDistribution?.['reportKey'] ?? {})) keys.add(key);
  }
  return keys;
}

function summaryOf(stored: StoredSection | StoredReport): ReportSummary {
  return {
    reportId: stored.reportId ?? (stored as StoredReport).id,
    title: stored.title,
    organ: stored.organ,
    organKey: stored.organKey,
    province: stored.province,
    city: stored.city,
    county: stored.county,
    level: stored.level,
    organKind: stored.organKind,
    year: stored.year,
    publishedAt: stored.publishedAt,
    source: stored.source,
    // Reports indexed before OCR existed were all read from their own text.
    ocr: stored.ocr ?? false,
  };
}

/** The provenance fields of a stored report; those an older version did not write are null. */
function provenanceOf(stored: StoredReport): ProvenanceView {
  return Object.fromEntries(PROVENANCE_FIELDS.map((field) => [field, stored[field] ?? null])) as ProvenanceView;
}

function translateError(thrown: unknown): Error {
  const error = unwrapMeiliError(thrown);
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError) {
    return new SearchUnavailableError('Meilisearch is not reachable', { cause: error });
  }
  if (error instanceof MeilisearchApiError) {
    const status = error.response.status;
    if (status >= 500 || status === 401 || status === 403) {
      return new SearchUnavailableError(`Meilisearch refused the search (HTTP ${status})`, { cause: error });
    }
  }
  return error instanceof Error ? error : new Error(String(error));
}
