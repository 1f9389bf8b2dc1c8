import type { ReportSummary } from '../../core/report.js';
import type { ReportSearch } from '../../search/port.js';

/** Every report's summary, paged through the listing the site shows (`listReports`), in report id order. */
export async function everyListedReport(search: Pick<ReportSearch, 'listReports'>): Promise<ReportSummary[]> {
  const per = 500;
  const reports: ReportSummary[] = [];
  for (let page = 1; ; page++) {
    const listed = await search.listReports(page, per);
    reports.push(...listed.reports);
    if (listed.reports.length < per || reports.length >= listed.total) break;
  }
  return reports.sort((a, b) => (a.reportId < b.reportId ? -1 : a.reportId > b.reportId ? 1 : 0));
}
