// An honest in-memory ReportSearch over a handful of hand-written reports, for testing the web tier
// without Meilisearch. It parses queries with the project's parser (search/query.ts) and matches
// with the exact-search rule (search/match.ts) on each section's one stream (heading + "\n" + text),
// placing occurrences and building concordance rows with the adapter's own pure functions
// (search/occurrences.ts), so a page shows what the real adapter would find, numbered the same way.
import type { Level, SectionType, ReportSummary } from '../../core/report.js';
import { SearchUnavailableError } from '../../search/errors.js';
import { containsPhraseKey, prepareText, sectionStream, type SectionOccurrences } from '../../core/match.js';
import { occurrenceRows, sectionOccurrencesOf } from '../../core/occurrences.js';
import { parseQuery } from '../../core/query.js';
import type { ProvenanceView, ReportDetail, ReportPage, ReportSearch, ReportSection, SearchRequest, SearchResult, TrendResult } from '../../search/port.js';
import { FACETS, MISSING_FACET_VALUE, type Facet, type FacetCounts, type FacetFilters } from '../../core/facets.js';
import type { OccurrenceRow, SectionHit } from '../../core/hits.js';

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
  /** Where the report came from; not recorded (all null) when left out. */
  provenance?: Partial<ProvenanceView>;
  sections: Array<{ heading: string; sectionType: SectionType; text: string }>;
}

const NO_PROVENANCE: ProvenanceView = {
  format: null, sourceUrl: null, sourceUrlFrom: null, retrievedAt: null, publisher: null, contentHash: null, indexedAt: null,
};

interface StoredSection extends ReportSection {
  report: ReportSummary;
}

const reportFields = (report: MemoryReport): ReportSummary => ({
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

function passesFilters(section: StoredSection, filters: FacetFilters): boolean {
  return FACETS.every((facet) => {
    const wanted = filters[facet];
    if (!wanted || wanted.length === 0) return true;
    const value = facetValue(section, facet);
    return wanted.includes(value ?? MISSING_FACET_VALUE);
  });
}

export class MemoryReportSearch implements ReportSearch {
  /** While true every call fails as if Meilisearch were down. */
  unavailable = false;
  /** Every request the search and trend methods received, for asserting what the server passed. */
  readonly requests: Array<Pick<SearchRequest, 'q' | 'filters'> & Partial<SearchRequest>> = [];
  private readonly reports: MemoryReport[];
  private readonly sections: StoredSection[];

  constructor(reports: MemoryReport[]) {
    this.reports = reports;
    this.sections = reports.flatMap((report) =>
      report.sections.map((section, ordinal) => ({
        ...section,
        ordinal,
        sectionId: `${report.reportId}-s${ordinal}`,
        report: reportFields(report),
      })),
    );
  }

  private check(): void {
    if (this.unavailable) throw new SearchUnavailableError('memory search is switched off (http://127.0.0.1:7700 key=secret)');
  }

  private matching(q: string, filters: FacetFilters, sort: SearchRequest['sort']): SectionHit[] {
    const query = parseQuery(q);
    const hits: SectionHit[] = [];
    for (const section of this.sections) {
      if (!passesFilters(section, filters)) continue;
      const stream = prepareText(sectionStream(section.heading, section.text));
      const has = (key: string) => containsPhraseKey(stream, key);
      const holds = (clause: (typeof query.clauses)[number]) =>
        clause.kind === 'any' ? clause.terms.some((term) => has(term.key)) : !has(clause.term.key);
      if (!query.clauses.every(holds)) continue;
      const found = sectionOccurrencesOf(section.heading, section.text, query.positiveTerms);
      hits.push({
        ...section.report,
        sectionId: section.sectionId,
        ordinal: section.ordinal,
        sectionType: section.sectionType,
        heading: section.heading,
        text: section.text,
        keyTerms: [],
        headingOccurrences: found.heading,
        textOccurrences: found.text,
      });
    }
    const byYear = (a: SectionHit, b: SectionHit) => (b.year ?? 0) - (a.year ?? 0);
    const stable = (a: SectionHit, b: SectionHit) => a.reportId.localeCompare(b.reportId) || a.ordinal - b.ordinal;
    hits.sort((a, b) => {
      if (sort === 'year-asc') return -byYear(a, b) || stable(a, b);
      if (sort === 'year-desc') return byYear(a, b) || stable(a, b);
      // Meilisearch ranks a match inside the heading first; one that runs on into the text is a text match.
      const inHeading = (hit: SectionHit) => hit.headingOccurrences.some((o) => o.split !== 'head');
      const headingFirst = Number(inHeading(b)) - Number(inHeading(a));
      return headingFirst || byYear(a, b) || stable(a, b);
    });
    return hits;
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    this.requests.push(request);
    this.check();
    const hits = this.matching(request.q, request.filters, request.sort);
    const facets = Object.fromEntries(FACETS.map((facet) => [facet, {}])) as FacetCounts;
    for (const hit of hits) {
      for (const facet of FACETS) {
        const value = facet === 'sectionType' ? hit.sectionType : hit[facet];
        const counts = facets[facet];
        const key = value === null ? MISSING_FACET_VALUE : String(value);
        counts[key] = (counts[key] ?? 0) + 1;
      }
    }
    const from = (request.page - 1) * request.per;
    return {
      q: request.q,
      total: hits.length,
      reportTotal: new Set(hits.map((hit) => hit.reportId)).size,
      page: request.page,
      per: request.per,
      hits: hits.slice(from, from + request.per),
      facets,
      terms: parseQuery(request.q).positiveTerms.map((term) => term.text),
      notices: parseQuery(request.q).notices,
      tookMs: 1,
    };
  }

  async trend(request: Pick<SearchRequest, 'q' | 'filters'>): Promise<TrendResult> {
    this.requests.push(request);
    this.check();
    const hits = this.matching(request.q, request.filters, 'year-asc');
    const indexed = this.sections.filter((section) => passesFilters(section, request.filters));
    const years = [...new Set(indexed.map((s) => s.report.year).filter((y): y is number => y !== null))].sort();
    const byLevel: TrendResult['byLevel'] = {};
    for (const section of indexed) {
      const { level, year } = section.report;
      if (level === null || year === null) continue;
      byLevel[level] ??= {};
      byLevel[level][year] ??= { reports: 0, reportsIndexed: 0 };
    }
    for (const [level, perYear] of Object.entries(byLevel)) {
      for (const year of Object.keys(perYear)) {
        const inCell = (s: { level: Level | null; year: number | null }) => s.level === level && String(s.year) === year;
        perYear[year] = {
          reports: new Set(hits.filter(inCell).map((h) => h.reportId)).size,
          reportsIndexed: new Set(indexed.filter((s) => inCell(s.report)).map((s) => s.report.reportId)).size,
        };
      }
    }
    return {
      q: request.q,
      years: years.map((year) => {
        const yearHits = hits.filter((hit) => hit.year === year);
        const reports = new Set(yearHits.map((hit) => hit.reportId)).size;
        const reportsIndexed = new Set(indexed.filter((s) => s.report.year === year).map((s) => s.report.reportId)).size;
        return { year, sections: yearHits.length, reports, reportsIndexed, share: reportsIndexed ? reports / reportsIndexed : 0 };
      }),
      byLevel,
    };
  }

  async *occurrences(
    request: Pick<SearchRequest, 'q' | 'filters' | 'sort'>,
    options: { context: number },
  ): AsyncIterable<OccurrenceRow> {
    this.requests.push(request);
    this.check();
    for (const hit of this.matching(request.q, request.filters, request.sort)) yield* occurrenceRows(hit, options.context);
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
      encoding: 'utf-8',
      pages: null,
      sections: this.sections
        .filter((s) => s.report.reportId === reportId)
        .map(({ sectionId, ordinal, heading, sectionType, text }) => ({ sectionId, ordinal, heading, sectionType, text })),
    };
  }

  async reportsOfOrgan(organKey: string): Promise<ReportSummary[]> {
    this.check();
    return this.reports
      .map(reportFields)
      .filter((r) => r.organKey === organKey)
      .sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
  }

  async reportCount(): Promise<number> {
    this.check();
    return this.reports.length;
  }

  highlight(q: string, section: { heading: string; text: string }): SectionOccurrences {
    return sectionOccurrencesOf(section.heading, section.text, parseQuery(q).positiveTerms);
  }

  async ping(): Promise<boolean> {
    return !this.unavailable;
  }
}
