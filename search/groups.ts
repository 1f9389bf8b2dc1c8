// Results grouped by report (`group=report`): one row per report, its matching sections under it,
// paged by report. Pure: the Meilisearch adapter and the test fake order and group with these.
import type { SectionHit } from '../core/hits.js';
import { summaryOf, type ReportSummary } from '../core/report.js';

/** One report of a grouped result and its matching sections, in section order. */
export interface ReportGroup {
  report: ReportSummary;
  hits: SectionHit[];
}

/** The hits grouped under the reports named, in that order; sections by ordinal. */
export function groupHits(reportIds: readonly string[], hits: readonly SectionHit[]): ReportGroup[] {
  const byReport = new Map<string, SectionHit[]>(reportIds.map((id) => [id, []]));
  for (const hit of hits) byReport.get(hit.reportId)?.push(hit);
  return reportIds.flatMap((id) => {
    const sections = (byReport.get(id) ?? []).sort((a, b) => a.ordinal - b.ordinal);
    return sections.length === 0 ? [] : [{ report: summaryOf(sections[0]!), hits: sections }];
  });
}

/**
 * The order of reports in a grouped result of several disjoint searches, which have no common
 * ranking: newest first (as the ranking rules' year:desc) unless the request sorts by year
 * ascending, undated reports last, then by report id. Keys are `year|level|province|reportId`
 * (index/schema.ts, reportKey).
 */
export function orderReportKeys(keys: Iterable<string>, ascending: boolean): string[] {
  const reports = [...keys].map((key) => {
    const parts = key.split('|');
    const year = parts[0] === '' ? null : Number(parts[0]);
    return { year, reportId: parts.slice(3).join('|') };
  });
  reports.sort((a, b) => {
    if (a.year !== b.year) {
      if (a.year === null) return 1;
      if (b.year === null) return -1;
      return ascending ? a.year - b.year : b.year - a.year;
    }
    return a.reportId.localeCompare(b.reportId);
  });
  return reports.map((r) => r.reportId);
}
