// Corpus figures of a measure: every report under the filters read from the reports index (its
// group and measures only), then grouped and summed by core/measures.ts, so nothing is sampled and
// a report without a table is counted as such, never dropped.
import { groupMeasure, type MeasuredReport, type StatisticsStatus } from '../../core/measures.js';
import { facetFilterExpressions } from '../../index/filters.js';
import { unpackMeasures } from '../../index/statisticsCodec.js';
import type { StatisticsRequest, StatisticsResult } from '../port.js';
import { everyReport } from './everyReport.js';
import type { SearchContext } from './searchContext.js';

interface StoredMeasures {
  id: string;
  year: number | null;
  level: string | null;
  province: string | null;
  statisticsStatus?: StatisticsStatus;
  measuresPacked?: string | null;
  /** How a report indexed before format 13 holds its measures (until the next index run rewrites it). */
  measures?: Record<string, number>;
}

export function corpusStatistics(context: SearchContext) {
  return async function statistics(request: StatisticsRequest): Promise<StatisticsResult> {
    // The report-level facets only: a section type says nothing about a report.
    const filter = facetFilterExpressions({ province: request.filters.province, level: request.filters.level, year: request.filters.year });
    const stored = await everyReport<StoredMeasures>(
      context,
      ['id', 'year', 'level', 'province', 'statisticsStatus', 'measuresPacked', 'measures'],
      filter,
    );
    const reports = stored.map((hit) => measuredReportOf(hit, request.by));
    return { measure: request.measure, by: request.by, reports: reports.length, groups: groupMeasure(reports, request.measure) };
  };
}

/** A stored report as core/measures.ts counts it; one indexed before statistics existed has none. */
export function measuredReportOf(stored: StoredMeasures, by: StatisticsRequest['by']): MeasuredReport {
  const group = stored[by];
  return {
    reportId: stored.id,
    group: group === null || group === undefined ? 'none' : String(group),
    status: stored.statisticsStatus ?? 'none',
    measures: stored.measuresPacked !== undefined ? unpackMeasures(stored.measuresPacked) : (stored.measures ?? {}),
  };
}
