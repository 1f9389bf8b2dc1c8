// Reports by id, by organ, listed and counted: lookups of the reports index, no query planning.
import { quoteFilterValue } from '../../index/filters.js';
import { REPORT_SUMMARY_FIELDS, type ReportSummary } from '../../core/report.js';
import type { ReportDetail, ReportPage, ReportPlace } from '../port.js';
import { everyReport } from './everyReport.js';
import type { SearchContext } from './searchContext.js';
import { provenanceOf, storedSummary, type StoredReport, type StoredSection } from './storedDocuments.js';
import { unpackStatistics } from '../../index/statisticsCodec.js';

// What coverage reads of each report (reportPlaces).
type ReportPlaceField = 'organKey' | 'province' | 'level' | 'year';
const PLACE_FIELDS: readonly ReportPlaceField[] = ['organKey', 'province', 'level', 'year'];

/** The most sections one report may have (the indexer splits none into more). */
const MAX_SECTIONS = 10_000;

export function reportLookups(context: SearchContext) {
  const { names } = context;

  async function listReports(page: number, per: number): Promise<ReportPage> {
    const [response] = await context.search<StoredReport>([
      // A listing shows summaries: a whole report document (statistics, section ids) is far larger,
      // and a page of a thousand of them cost the server about 200 MB at 100k sections.
      {
        indexUid: names.reports,
        q: '',
        page,
        hitsPerPage: per,
        sort: ['year:desc', 'id:asc'],
        attributesToRetrieve: ['id', ...REPORT_SUMMARY_FIELDS],
      },
    ]);
    return { total: response?.totalHits ?? 0, reports: (response?.hits ?? []).map(storedSummary) };
  }

  async function getReport(reportId: string): Promise<ReportDetail | null> {
    const [reportResponse, sectionResponse] = await context.search<StoredReport | StoredSection>([
      { indexUid: names.reports, q: '', filter: `id = ${quoteFilterValue(reportId)}`, limit: 1 },
      {
        indexUid: names.sections,
        q: '',
        filter: `reportId = ${quoteFilterValue(reportId)}`,
        sort: ['ordinal:asc'],
        attributesToRetrieve: ['id', 'ordinal', 'heading', 'sectionType', 'text', 'passages', 'passageSpans'],
        page: 1,
        hitsPerPage: MAX_SECTIONS,
      },
    ]);
    const report = reportResponse?.hits[0] as StoredReport | undefined;
    if (!report) return null;
    const sections = (sectionResponse?.hits ?? []) as StoredSection[];
    return {
      ...storedSummary(report),
      ...provenanceOf(report),
      warnings: report.warnings ?? [],
      encoding: report.encoding,
      pages: report.pages ?? null,
      statistics: typeof report.statisticsPacked === 'string' ? unpackStatistics(report.statisticsPacked) : null,
      legacyMeasures: report.legacyMeasures ?? [],
      sections: sections
        .sort((a, b) => a.ordinal - b.ordinal || a.id.localeCompare(b.id))
        .map((s) => ({
          sectionId: s.id,
          ordinal: s.ordinal,
          heading: s.heading,
          sectionType: s.sectionType,
          text: s.text,
          ...(s.passages ? { passages: s.passages, passageSpans: s.passageSpans ?? [] } : {}),
        })),
    };
  }

  async function reportsOfOrgan(organKey: string): Promise<ReportSummary[]> {
    const [response] = await context.search<StoredReport>([
      { indexUid: names.reports, q: '', filter: `organKey = ${quoteFilterValue(organKey)}`, sort: ['year:asc', 'id:asc'], limit: 200 },
    ]);
    return (response?.hits ?? []).map(storedSummary);
  }

  async function reportPlaces(): Promise<ReportPlace[]> {
    const stored = await everyReport<Pick<StoredReport, 'id' | 'reportId' | ReportPlaceField>>(context, [
      'id',
      'reportId',
      ...PLACE_FIELDS,
    ]);
    return stored.map((r) => ({
      reportId: r.reportId ?? r.id,
      organKey: r.organKey ?? null,
      province: r.province ?? null,
      level: r.level ?? null,
      year: r.year ?? null,
    }));
  }

  async function reportCount(): Promise<number> {
    const [response] = await context.search([{ indexUid: names.reports, q: '', page: 1, hitsPerPage: 0 }]);
    return response?.totalHits ?? 0;
  }

  return { listReports, getReport, reportsOfOrgan, reportCount, reportPlaces };
}
