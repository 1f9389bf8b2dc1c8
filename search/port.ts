// What the web tier asks of the search engine. The server depends on this interface only; the
// Meilisearch implementation is search/meiliReportSearch.ts. Meilisearch types never cross it.
import type { FacetCounts, FacetFilters } from '../core/facets.js';
import type { MeasureGroup, MeasureKey, RateName, StatisticsFilter } from '../core/measures.js';
import type { LegacyMeasure, ReportStatistics } from '../core/statistics/types.js';
import type { SectionHit } from '../core/hits.js';
import type { ReportProvenance, ReportSummary, SectionType } from '../core/report.js';
import type { ReportGroup } from './groups.js';

export type { ReportGroup } from './groups.js';

export type SortOrder = 'relevance' | 'year-desc' | 'year-asc';

/** A report as coverage counts it: which body, where, which year. */
export type ReportPlace = Pick<ReportSummary, 'reportId' | 'organKey' | 'province' | 'level' | 'year'>;

export interface SearchRequest {
  /** The query in the search syntax (DESIGN.md): phrases, bare terms, OR, -exclusions. May be empty. */
  q: string;
  /** Several values of one facet are OR-ed; facets are AND-ed. */
  filters: FacetFilters;
  /** 1-based. */
  page: number;
  per: number;
  sort: SortOrder;
  /** Also count each facet with active values without its own filter (SearchResult.panelFacets): one more search per such facet. */
  facetPanel?: boolean;
  /** 'report': one row per report with its matching sections (SearchResult.groups); page and per count reports. */
  group?: 'section' | 'report';
  /** Only sections of reports whose statistics tables pass (a measure ≥ N, checks failed); none when absent. */
  statistics?: StatisticsFilter;
  /** Only sections holding this passage (a cluster key, core/corpus/sectionPassages.ts): "also in N reports". */
  passage?: string;
}

export interface SearchResult {
  q: string;
  /** Exact number of sections that match. */
  total: number;
  /** Exact number of distinct reports with at least one matching section. */
  reportTotal: number;
  page: number;
  per: number;
  /**
   * The page's sections, with every heading occurrence and the text occurrences a snippet shows
   * (core/occurrences.ts, snippetOccurrencesOf: at least those within SNIPPET_REACH of the first);
   * matchingSections gives every occurrence.
   */
  hits: SectionHit[];
  /**
   * With group 'report': the reports of this page, in ranking order (a query of several OR pieces:
   * newest first, search/groups.ts), each with all its matching sections; `hits` is then empty.
   */
  groups?: ReportGroup[];
  /** Exact counts per facet value among the matching sections (zero counts omitted). */
  facets: FacetCounts;
  /**
   * The counts a facet panel shows: a facet with active values counted without its own filter, so the
   * count beside an unticked value is what ticking it would add. Equal to `facets` unless the
   * request asked for `facetPanel`.
   */
  panelFacets: FacetCounts;
  /** The query's positive terms, normalised, as shown to the user ("保密审查", "政府网站"). */
  terms: string[];
  /** What the query has that reads like an operator but was searched as text (query.ts), in Chinese. */
  notices: string[];
  tookMs: number;
}

export interface TrendYear {
  year: number;
  sections: number;
  reports: number;
  /** Reports indexed for that year under the same filters: the denominator of `share`. */
  reportsIndexed: number;
  share: number;
}

/** One cell of a trend table: matching reports, reports indexed under the same filters, and their ratio. */
export interface TrendCell {
  reports: number;
  reportsIndexed: number;
  /** reports ÷ reportsIndexed (0 when nothing is indexed). */
  share: number;
}

export interface TrendResult {
  q: string;
  years: TrendYear[];
  /** level (or `none`) → year → counts, for the level × year table. */
  byLevel: Record<string, Record<string, TrendCell>>;
  /**
   * province (or `none`: national bodies and reports whose province is unknown) → year → counts, for the
   * province × year table. Empty until every report is indexed by a version that records it (format 7).
   */
  byProvince: Record<string, Record<string, TrendCell>>;
  /** Matching sections and reports whose report has no year: counted in no year above. */
  undated: { sections: number; reports: number };
}

export interface ReportSection {
  sectionId: string;
  ordinal: number;
  heading: string;
  sectionType: SectionType;
  text: string;
  /** The section's passage keys and spans, when indexed with them (core/corpus/sectionPassages.ts). */
  passages?: string[];
  passageSpans?: number[];
}

/**
 * Where a report came from, as the site shows it (core/report.ts, ReportProvenance). Every field may be
 * null: a report indexed before provenance was recorded has none of it until it is indexed again.
 */
export type ProvenanceView = { [K in keyof ReportProvenance]: ReportProvenance[K] | null };

export interface ReportDetail extends ReportSummary, ProvenanceView {
  warnings: string[];
  encoding: string | null;
  pages: number | null;
  sections: ReportSection[];
  /** The statistics tables, parsed and checked (core/statistics/types.ts); null without a recognised table. */
  statistics: ReportStatistics | null;
  legacyMeasures: LegacyMeasure[];
}

/** Corpus figures of one measure or rate over the reports under some filters, grouped (GET /api/stats). */
export interface StatisticsRequest {
  /** Report-level filters (province, level, year); a section type does not apply to reports. */
  filters: FacetFilters;
  measure: MeasureKey | RateName;
  by: 'year' | 'level' | 'province';
}

export interface StatisticsResult {
  measure: MeasureKey | RateName;
  by: StatisticsRequest['by'];
  /** Every report under the filters, each counted in exactly one group. */
  reports: number;
  groups: MeasureGroup[];
}

export interface ReportPage {
  total: number;
  reports: ReportSummary[];
}

/** What the index holds: reports by year × level, by format and by province (`none` for a missing value). */
export interface IndexOverview {
  reports: number;
  /** year → level → reports. */
  byYearLevel: Record<string, Record<string, number>>;
  byFormat: Record<string, number>;
  byProvince: Record<string, number>;
}

/** Which passage, and which report to leave out of its count (the report the hit is in). */
export interface PassageSpreadRequest {
  key: string;
  exceptReportId: string;
}

/** Where a passage also appears: "这段文字也出现在 N 份报告中（M 个机关）". */
export interface PassageSpread {
  key: string;
  /** Reports other than the excepted one with a section holding the key. */
  reports: number;
  /** The distinct bodies of those reports; a report without an organ key counts as a body of its own. */
  organs: number;
}

/** A report's passages against the rest of the index (the report page's shares). */
export interface SharedPassagesRequest {
  reportId: string;
  organKey: string | null;
  /** The same body's latest earlier report, if any. */
  previousReportId: string | null;
  /** The report's own passage keys. */
  keys: string[];
}

/** Which of the keys the previous report holds, and which some report of another body holds (sets: a union across shards). */
export interface SharedPassages {
  previousYear: string[];
  otherOrgans: string[];
}

/** The state of the index an answer came from, as exports record it. */
export interface IndexState {
  /** Changes whenever the indexer changes the index (search/meili/generation.ts); 'empty' when never written. */
  generation: string;
  /** The document format every report is indexed in, 'mixed' when they differ, '' for an empty index. */
  formatVersion: string;
}

export interface ReportSearch {
  search(request: SearchRequest): Promise<SearchResult>;
  trend(request: Pick<SearchRequest, 'q' | 'filters' | 'statistics'>): Promise<TrendResult>;
  /**
   * Every matching section with its occurrences, streamed in hit order (report, then section order
   * unless a sort is asked): KWIC pages and exports number and cut rows from them (core/occurrences.ts).
   */
  matchingSections(request: Pick<SearchRequest, 'q' | 'filters' | 'sort' | 'statistics' | 'passage'>): AsyncIterable<SectionHit>;
  listReports(page: number, per: number): Promise<ReportPage>;
  getReport(reportId: string): Promise<ReportDetail | null>;
  /** Other reports of the same issuing body (matched by organKey), any year, ordered by year. */
  reportsOfOrgan(organKey: string): Promise<ReportSummary[]>;
  /** Number of reports in the index (recorded in exports so a count can be reproduced). */
  reportCount(): Promise<number>;
  /** Every report's body, place and year, in id order: what coverage of bodies × years reads, without
   *  the rest of the summary (at 1M sections 100,000 full summaries took the site's memory over its target). */
  reportPlaces(): Promise<ReportPlace[]>;
  /** The index generation and document format, read at most every 2 s (what remembered counts are keyed by). */
  indexState(): Promise<IndexState>;
  /** Sums, medians and rates of a measure across the reports under the filters, by group. */
  corpusStatistics(request: StatisticsRequest): Promise<StatisticsResult>;
  /** What the index holds, counted over every report (the /index page, `nianbao list`). */
  indexOverview(): Promise<IndexOverview>;
  /** For each passage, the other reports and bodies that hold it: one round trip for a page of hits. */
  passageSpread(requests: readonly PassageSpreadRequest[]): Promise<PassageSpread[]>;
  /** Which of a report's passages its previous report and other bodies hold, counted now (a later copy counts). */
  sharedPassages(request: SharedPassagesRequest): Promise<SharedPassages>;
  ping(): Promise<boolean>;
}
