// An in-memory ReportSearch over a handful of hand-written reports, for testing the web tier without
// Meilisearch. It is the real adapter's semantics with an array instead of an index: queries are
// parsed (core/query.ts) and split into disjoint pieces by the real planner (search/plan.ts), each
// section is tested by the exact rule (core/match.ts) on its one stream, hits are ordered as the
// adapter's ranking rules and sorts order them (storedDocuments.ts), facets get their missing
// buckets, trends their arithmetic (trend.ts, trendFigures) and occurrences their numbering
// (core/occurrences.ts) from the same functions. What is left here is data and loops.
import {
  FACETS,
  MISSING_FACET_VALUE,
  facetValueMatches,
  withMissingBuckets,
  type Facet,
  type FacetCounts,
  type FacetFilters,
} from '../../core/facets.js';
import type { SectionHit } from '../../core/hits.js';
import { prepareText, sectionStream } from '../../core/match.js';
import { sectionOccurrencesOf } from '../../core/occurrences.js';
import { termHolds } from '../../core/proximity.js';
import { parseQuery, type Term } from '../../core/query.js';
import { summaryOf, type Level, type ReportSummary, type SectionType } from '../../core/report.js';
import { ReportsMovingError, SearchUnavailableError } from '../../search/errors.js';
import { measuredReportOf } from '../../search/meili/corpusStatistics.js';
import { flattenMeasures, groupMeasure, passesStatisticsFilter, statisticsStatus } from '../../core/measures.js';
import type { SectionFilters } from '../../index/filters.js';
import type { ReportStatistics } from '../../core/statistics/types.js';
import { compareYear } from '../../search/meili/storedDocuments.js';
import { DOCUMENT_FORMAT_VERSION, reportKeyOf } from '../../index/schema.js';
import { countReportKeys, trendFigures } from '../../search/meili/trend.js';
import { panelFacetCounts } from '../../search/panelFacets.js';
import { groupHits, orderReportKeys } from '../../search/groups.js';
import { conjunctionHolds, disjointConjunctions, toDisjunctiveNormalForm } from '../../search/plan.js';
import type {
  ProvenanceView,
  ReportDetail,
  ReportPage,
  ReportSearch,
  ReportSection,
  IndexOverview,
  SearchRequest,
  SearchResult,
  StatisticsRequest,
  StatisticsResult,
  TrendResult,
} from '../../search/port.js';

import { overviewOf } from '../../search/overview.js';
import { PassageIndex } from '../../core/corpus/passageIndex.js';
import { storedPassages } from '../../core/corpus/sectionPassages.js';
import { maskTermsFor } from '../../core/corpus/organKey.js';
import { toSimplified } from '../../core/simplify.js';
import type {
  IndexState,
  PassageSpread,
  ReportPlace,
  PassageSpreadRequest,
  SharedPassages,
  SharedPassagesRequest,
} from '../../search/port.js';

export interface MemoryReport {
  reportId: string;
  title: string | null;
  organ: string | null;
  organKey?: string | null;
  province: string | null;
  city?: string | null;
  county?: string | null;
  level: Level | null;
  year: number | null;
  publishedAt?: string | null;
  source?: string;
  warnings?: string[];
  /** The statistics tables (core/statistics/types.ts); none when left out. */
  statistics?: ReportStatistics | null;
  /** Where the report came from; not recorded (all null) when left out. */
  provenance?: Partial<ProvenanceView>;
  sections: Array<{ heading: string; sectionType: SectionType; text: string }>;
}

const NO_PROVENANCE: ProvenanceView = {
  format: null,
  sourceUrl: null,
  sourceUrlFrom: null,
  retrievedAt: null,
  publisher: null,
  contentHash: null,
  indexedAt: null,
};

interface StoredSection extends ReportSection {
  report: ReportSummary;
}

const reportFields = (report: MemoryReport): ReportSummary =>
  summaryOf({
    reportId: report.reportId,
    title: report.title,
    organ: report.organ,
    organKey: report.organKey ?? report.organ,
    province: report.province,
    city: report.city ?? null,
    county: report.county ?? null,
    level: report.level,
    organKind: 'government',
    year: report.year,
    publishedAt: report.publishedAt ?? null,
    source: report.source ?? `reports/${report.reportId}.txt`,
    ocr: false,
  });

function facetValue(section: StoredSection, facet: Facet): string | null {
  if (facet === 'sectionType') return section.sectionType;
  const value = section.report[facet];
  return value === null ? null : String(value);
}

function passesFilters(section: StoredSection, filters: SectionFilters): boolean {
  if (filters.reportIds && !filters.reportIds.includes(section.report.reportId)) return false;
  if (filters.passages && !filters.passages.some((key) => section.passages?.includes(key))) return false;
  return FACETS.every((facet) => {
    const wanted = filters[facet];
    if (!wanted || wanted.length === 0) return true;
    const value = facetValue(section, facet);
    return wanted.some((chosen) => facetValueMatches(facet, chosen, value));
  });
}

const stable = (a: SectionHit, b: SectionHit) => a.reportId.localeCompare(b.reportId) || a.ordinal - b.ordinal;
/** Meilisearch's ranking rules without a sort: a match inside the heading first (one running on into the text is a text match), then recency. */
const byRelevance = (a: SectionHit, b: SectionHit): number => {
  const inHeading = (hit: SectionHit) => hit.headingOccurrences.some((o) => o.split !== 'head');
  return Number(inHeading(b)) - Number(inHeading(a)) || compareYear(a.year, b.year, true) || stable(a, b);
};
const byYear =
  (descending: boolean) =>
  (a: SectionHit, b: SectionHit): number =>
    compareYear(a.year, b.year, descending) || stable(a, b);

/** The fake's index generation (an index that never changes has one). */
export const MEMORY_GENERATION = 'memory';

export class MemoryReportSearch implements ReportSearch {
  /** While true every call fails as if Meilisearch were down. */
  unavailable = false;
  /** While set (an ISO time) every call fails as if a run were moving reports between shards since then. */
  movingSince: string | null = null;
  /** Every request the search and trend methods received, for asserting what the server passed. */
  readonly requests: Array<Pick<SearchRequest, 'q' | 'filters'> & Partial<SearchRequest>> = [];
  private readonly reports: MemoryReport[];
  private readonly sections: StoredSection[];

  constructor(reports: MemoryReport[]) {
    this.reports = reports;
    // Passage keys as the indexer gives them (indexer/passageKeys.ts), reports in the order given.
    const passages = new PassageIndex({ fold: toSimplified });
    this.sections = reports.flatMap((report) => {
      const organ = report.organ ?? '';
      const keyed = passages.keyPassages({
        organ,
        maskTerms: organ === '' ? [] : maskTermsFor(organ),
        sections: report.sections.map((s) => ({ type: s.sectionType, heading: s.heading, text: s.text })),
      });
      return report.sections.map((section, ordinal) => ({
        ...section,
        ordinal,
        sectionId: `${report.reportId}-s${ordinal}`,
        report: reportFields(report),
        ...storedPassages(keyed.filter((p) => p.sectionIndex === ordinal)),
      }));
    });
  }

  private check(): void {
    if (this.unavailable) throw new SearchUnavailableError('memory search is switched off (http://127.0.0.1:7700 key=secret)');
    if (this.movingSince !== null) throw new ReportsMovingError(this.movingSince);
  }

  private matching(q: string, filters: FacetFilters, sort: SearchRequest['sort']): SectionHit[] {
    const query = parseQuery(q);
    const pieces = disjointConjunctions(toDisjunctiveNormalForm(query));
    const candidates = this.sections.filter((section) => passesFilters(section, filters));
    // Each piece is one Meilisearch search; the hits of a query are its pieces' hits, one after another.
    const byPiece = pieces.map((piece) =>
      candidates
        .filter((section) => {
          const stream = prepareText(sectionStream(section.heading, section.text));
          return conjunctionHolds(piece, (term: Term) => termHolds(stream, term));
        })
        .map((section) => this.hit(section, query.positiveTerms))
        .sort(sort === 'relevance' ? byRelevance : byYear(sort === 'year-desc')),
    );
    const hits = byPiece.flat();
    // A sorted query of several pieces is merged by year (sectionSearch.ts, unionWindow).
    return sort === 'relevance' || pieces.length === 1 ? hits : hits.sort(byYear(sort === 'year-desc'));
  }

  private hit(section: StoredSection, terms: readonly Term[]): SectionHit {
    const found = sectionOccurrencesOf(section.heading, section.text, terms);
    return {
      ...section.report,
      sectionId: section.sectionId,
      ordinal: section.ordinal,
      sectionType: section.sectionType,
      heading: section.heading,
      text: section.text,
      keyTerms: [],
      ...(section.passages ? { passages: section.passages, passageSpans: section.passageSpans ?? [] } : {}),
      headingOccurrences: found.heading,
      textOccurrences: found.text,
    };
  }

  /** The request restricted to the reports its statistics filter allows, as reportRestriction.ts does. */
  private restrict<R extends Pick<SearchRequest, 'filters' | 'statistics' | 'passage'>>(original: R): R {
    const request =
      original.passage === undefined
        ? original
        : { ...original, filters: { ...original.filters, passages: [original.passage] } as SectionFilters };
    const filter = request.statistics;
    if (!filter || (filter.conditions.length === 0 && filter.status.length === 0)) return request;
    const allowed = this.reports.filter((report) =>
      passesStatisticsFilter(
        filter,
        statisticsStatus(report.statistics ?? null),
        report.statistics ? flattenMeasures(report.statistics) : {},
      ),
    );
    const filters: SectionFilters = { ...request.filters, reportIds: allowed.map((report) => report.reportId) };
    return { ...request, filters };
  }

  async search(original: SearchRequest): Promise<SearchResult> {
    this.requests.push(original);
    this.check();
    const request = this.restrict(original);
    const hits = this.matching(request.q, request.filters, request.sort);
    const facets = withMissingBuckets(countFacets(hits), hits.length);
    const from = (request.page - 1) * request.per;
    const query = parseQuery(request.q);
    const grouping = request.group === 'report';
    return {
      ...(grouping
        ? { groups: groupHits(reportOrder(hits, query, request.sort === 'year-asc').slice(from, from + request.per), hits) }
        : {}),
      q: request.q,
      total: hits.length,
      reportTotal: new Set(hits.map((hit) => hit.reportId)).size,
      page: request.page,
      per: request.per,
      hits: grouping ? [] : hits.slice(from, from + request.per),
      facets,
      panelFacets: request.facetPanel
        ? await panelFacetCounts(
            request.filters,
            facets,
            async (filters) => (await this.search({ ...request, filters, facetPanel: false, group: 'section' })).facets,
          )
        : facets,
      terms: query.positiveTerms.map((term) => term.text),
      notices: query.notices,
      tookMs: 1,
    };
  }

  async trend(original: Pick<SearchRequest, 'q' | 'filters' | 'statistics'>): Promise<TrendResult> {
    this.requests.push(original);
    this.check();
    const request = this.restrict(original);
    const hits = this.matching(request.q, request.filters, 'relevance');
    const indexed = this.sections.filter((section) => passesFilters(section, request.filters)).map((s) => s.report);
    const sectionsByYear: Record<string, number> = {};
    for (const hit of hits) if (hit.year !== null) sectionsByYear[hit.year] = (sectionsByYear[hit.year] ?? 0) + 1;
    // The adapter's arithmetic over the reportKeys of the distinct reports (what its facets count).
    const reportCounts = (rows: readonly ReportSummary[]) => countReportKeys(new Set(rows.map(reportKeyOf)));
    return {
      q: request.q,
      ...trendFigures({ total: hits.length, byYear: sectionsByYear }, reportCounts(hits), reportCounts(indexed)),
    };
  }

  async *matchingSections(original: Pick<SearchRequest, 'q' | 'filters' | 'sort' | 'statistics' | 'passage'>): AsyncIterable<SectionHit> {
    this.requests.push(original);
    this.check();
    const request = this.restrict(original);
    yield* this.matching(request.q, request.filters, request.sort);
  }

  async listReports(page: number, per: number): Promise<ReportPage> {
    this.check();
    const all = this.reports.map(reportFields).sort((a, b) => a.reportId.localeCompare(b.reportId));
    return { total: all.length, reports: all.slice((page - 1) * per, page * per) };
  }

  async getReport(reportId: string): Promise<ReportDetail | null> {
    this.check();
    const report = this.reports.find((r) => r.reportId === reportId);
    if (!report) return null;
    return {
      ...reportFields(report),
      ...NO_PROVENANCE,
      ...report.provenance,
      warnings: report.warnings ?? [],
      statistics: report.statistics ?? null,
      legacyMeasures: [],
      encoding: 'utf-8',
      pages: null,
      sections: this.sections
        .filter((s) => s.report.reportId === reportId)
        .map(({ sectionId, ordinal, heading, sectionType, text, passages, passageSpans }) => ({
          sectionId,
          ordinal,
          heading,
          sectionType,
          text,
          ...(passages ? { passages, passageSpans: passageSpans ?? [] } : {}),
        })),
    };
  }

  async passageSpread(requests: readonly PassageSpreadRequest[]): Promise<PassageSpread[]> {
    this.check();
    return requests.map(({ key, exceptReportId }) => {
      const holding = this.sections.filter((s) => s.report.reportId !== exceptReportId && s.passages?.includes(key)).map((s) => s.report);
      const reports = new Map(holding.map((r) => [r.reportId, r]));
      const organKeys = [...new Set([...reports.values()].map((r) => r.organKey).filter((k): k is string => k !== null))].sort();
      return {
        key,
        reports: reports.size,
        organs: organKeys.length + [...reports.values()].filter((r) => r.organKey === null).length,
      };
    });
  }

  async sharedPassages(request: SharedPassagesRequest): Promise<SharedPassages> {
    this.check();
    const keysOf = (keep: (report: ReportSummary) => boolean): Set<string> =>
      new Set(this.sections.filter((s) => keep(s.report)).flatMap((s) => s.passages ?? []));
    const previous = request.previousReportId === null ? new Set<string>() : keysOf((r) => r.reportId === request.previousReportId);
    const others = keysOf((r) => r.reportId !== request.reportId && (request.organKey === null || r.organKey !== request.organKey));
    const keys = [...new Set(request.keys)];
    return { previousYear: keys.filter((k) => previous.has(k)), otherOrgans: keys.filter((k) => others.has(k)) };
  }

  async reportsOfOrgan(organKey: string): Promise<ReportSummary[]> {
    this.check();
    return this.reports
      .map(reportFields)
      .filter((r) => r.organKey === organKey)
      .sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
  }

  async corpusStatistics(request: StatisticsRequest): Promise<StatisticsResult> {
    this.check();
    const wanted = (report: MemoryReport) =>
      (['province', 'level', 'year'] as const).every((facet) => {
        const values = request.filters[facet];
        return !values || values.length === 0 || values.includes(report[facet] === null ? MISSING_FACET_VALUE : String(report[facet]));
      });
    const reports = this.reports.filter(wanted).map((report) =>
      measuredReportOf(
        {
          id: report.reportId,
          year: report.year,
          level: report.level,
          province: report.province,
          statisticsStatus: statisticsStatus(report.statistics ?? null),
          measures: report.statistics ? flattenMeasures(report.statistics) : {},
        },
        request.by,
      ),
    );
    return { measure: request.measure, by: request.by, reports: reports.length, groups: groupMeasure(reports, request.measure) };
  }

  async reportPlaces(): Promise<ReportPlace[]> {
    this.check();
    const summaries = this.reports.map(reportFields).sort((a, b) => a.reportId.localeCompare(b.reportId));
    return summaries.map(({ reportId, organKey, province, level, year }) => ({
      reportId,
      organKey,
      province,
      level,
      year,
    }));
  }

  async reportCount(): Promise<number> {
    this.check();
    return this.reports.length;
  }

  async indexState(): Promise<IndexState> {
    this.check();
    // Its reports are keyed and stored as the indexer writes them now: the current format.
    return { generation: MEMORY_GENERATION, formatVersion: DOCUMENT_FORMAT_VERSION };
  }

  async indexOverview(): Promise<IndexOverview> {
    this.check();
    return overviewOf(
      this.reports.map((r) => ({ year: r.year, level: r.level, province: r.province, format: r.provenance?.format ?? null })),
    );
  }

  async ping(): Promise<boolean> {
    return !this.unavailable;
  }
}

/**
 * The reports of a grouped result in the adapter's order: one piece ranks a report by its best
 * section (`distinct: reportId`), so in order of first appearance; several are ordered by year
 * (search/groups.ts, orderReportKeys).
 */
function reportOrder(hits: readonly SectionHit[], query: ReturnType<typeof parseQuery>, ascending: boolean): string[] {
  const ids = [...new Set(hits.map((hit) => hit.reportId))];
  if (disjointConjunctions(toDisjunctiveNormalForm(query)).length === 1) return ids;
  const keys = new Set(hits.map((hit) => `${hit.year ?? ''}|${hit.level ?? ''}|${hit.province ?? ''}|${hit.reportId}`));
  return orderReportKeys(keys, ascending);
}

/** Known facet values of the hits; the missing bucket is added as the adapter adds it (withMissingBuckets). */
function countFacets(hits: readonly SectionHit[]): FacetCounts {
  const facets = Object.fromEntries(FACETS.map((facet) => [facet, {}])) as FacetCounts;
  for (const hit of hits) {
    for (const facet of FACETS) {
      const value = facet === 'sectionType' ? hit.sectionType : hit[facet];
      if (value !== null) facets[facet][String(value)] = (facets[facet][String(value)] ?? 0) + 1;
    }
  }
  return facets;
}
