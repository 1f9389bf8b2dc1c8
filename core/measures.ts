// The numbers of the statistics tables as measures a user filters, sums and compares: one flat key
// per printed number (`requests.newReceived.total`, `review.corrected`, `regulations.rules.issued`),
// the rates researchers quote, and the arithmetic of a group of reports. Pure.
import type { ReportStatistics } from './statistics/types.js';

/** A measure key: the table, then its row (and sub-row), then its column. */
export type MeasureKey = string;
const MEASURE_KEY = /^(requests|review|litigationDirect|litigationAfterReview|regulations)(\.[A-Za-z]+){1,3}$/;

export function isMeasureKey(value: string): value is MeasureKey {
  return MEASURE_KEY.test(value);
}

/** Every number a report's tables hold, by measure key; cells without a number are left out. */
export function flattenMeasures(statistics: ReportStatistics): Record<MeasureKey, number> {
  const measures: Record<MeasureKey, number> = {};
  const put = (key: string, value: number | null | undefined) => {
    if (typeof value === 'number' && Number.isFinite(value)) measures[key] = value;
  };
  for (const [row, columns] of Object.entries(statistics.requests)) {
    for (const [column, value] of Object.entries(columns ?? {})) put(`requests.${row}.${column}`, value);
  }
  for (const table of ['review', 'litigationDirect', 'litigationAfterReview'] as const) {
    for (const [column, value] of Object.entries(statistics[table])) put(`${table}.${column}`, value);
  }
  for (const [row, columns] of Object.entries(statistics.regulations)) {
    for (const [column, value] of Object.entries(columns)) put(`regulations.${row}.${column}`, value);
  }
  return measures;
}

/** Whether a report has tables, and whether they add up (every check of its own arithmetic). */
export type StatisticsStatus = 'none' | 'ok' | 'failed';

export function statisticsStatus(statistics: ReportStatistics | null): StatisticsStatus {
  if (statistics === null) return 'none';
  return statistics.checks.every((check) => check.ok) ? 'ok' : 'failed';
}

/** Rates researchers quote: the sum of a numerator over the sum of its denominator, in a group. */
export const RATES = {
  grantedShare: { label: '予以公开率', numerator: 'requests.granted.total', denominator: 'requests.total.total' },
  reviewCorrected: { label: '复议纠正率', numerator: 'review.corrected', denominator: 'review.total' },
} as const satisfies Record<string, { label: string; numerator: MeasureKey; denominator: MeasureKey }>;
export type RateName = keyof typeof RATES;

export function isRateName(value: string): value is RateName {
  return Object.hasOwn(RATES, value);
}

/** One report as the corpus figures need it. */
export interface MeasuredReport {
  reportId: string;
  /** The group it counts in (a year, a level, a province; 'none' when unknown). */
  group: string;
  status: StatisticsStatus;
  measures: Record<MeasureKey, number>;
}

/** The figures of one group: nothing dropped silently, every report counted in one of the three counts. */
export interface MeasureGroup {
  group: string;
  /** Reports in the group under the filters. */
  reports: number;
  /** Reports with no recognised table. */
  withoutTable: number;
  /** Reports with a table but no number for this measure (a blank, a dash, an unreadable cell). */
  withoutValue: number;
  /** Reports whose number is summed. */
  withValue: number;
  sum: number;
  median: number | null;
  /** For a rate: sum of numerators / sum of denominators over reports that have both; else null. */
  rate: number | null;
}

/** Groups, in key order, with the sum and median of a measure, or of a rate's numerator and its rate. */
export function groupMeasure(reports: readonly MeasuredReport[], measure: MeasureKey | RateName): MeasureGroup[] {
  const rate = isRateName(measure) ? RATES[measure] : null;
  const groups = new Map<string, MeasuredReport[]>();
  for (const report of reports) groups.set(report.group, [...(groups.get(report.group) ?? []), report]);
  return [...groups.keys()].sort().map((group) => {
    const members = groups.get(group)!;
    const withTable = members.filter((r) => r.status !== 'none');
    const valued = withTable.filter((r) => (rate ? hasBoth(r, rate) : r.measures[measure] !== undefined));
    const values = valued.map((r) => (rate ? r.measures[rate.numerator]! : r.measures[measure]!));
    const denominator = rate ? valued.reduce((n, r) => n + r.measures[rate.denominator]!, 0) : 0;
    const sum = values.reduce((n, v) => n + v, 0);
    return {
      group,
      reports: members.length,
      withoutTable: members.length - withTable.length,
      withoutValue: withTable.length - valued.length,
      withValue: valued.length,
      sum,
      median: median(values),
      rate: rate ? (denominator === 0 ? null : sum / denominator) : null,
    };
  });
}

function hasBoth(report: MeasuredReport, rate: { numerator: string; denominator: string }): boolean {
  return report.measures[rate.numerator] !== undefined && report.measures[rate.denominator] !== undefined;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A condition on one measure of a report's tables, e.g. `requests.newReceived.total>=100`. */
export interface MeasureCondition {
  measure: MeasureKey;
  op: '>=' | '<=' | '>' | '<' | '=';
  value: number;
}

/** Which reports a search keeps by their tables: every condition holds, and the status is one of `status` (any when empty). */
export interface StatisticsFilter {
  conditions: MeasureCondition[];
  status: StatisticsStatus[];
}

const CONDITION = /^([A-Za-z.]+)\s*(>=|<=|>|<|=)\s*(-?\d+(?:\.\d+)?)$/;

/** `requests.newReceived.total>=100` as a condition; null when it is not one. */
export function parseMeasureCondition(text: string): MeasureCondition | null {
  const match = CONDITION.exec(text.trim().replace(/≥/g, '>=').replace(/≤/g, '<='));
  if (!match || !isMeasureKey(match[1]!)) return null;
  return { measure: match[1]!, op: match[2] as MeasureCondition['op'], value: Number(match[3]) };
}

export function isStatisticsStatus(value: string): value is StatisticsStatus {
  return value === 'none' || value === 'ok' || value === 'failed';
}

/** Whether a report passes the filter (the rule the Meilisearch filter expresses, for the fake and tests). */
export function passesStatisticsFilter(filter: StatisticsFilter, status: StatisticsStatus, measures: Record<MeasureKey, number>): boolean {
  if (filter.status.length > 0 && !filter.status.includes(status)) return false;
  return filter.conditions.every(({ measure, op, value }) => {
    const found = measures[measure];
    if (found === undefined) return false;
    return op === '>='
      ? found >= value
      : op === '<='
        ? found <= value
        : op === '>'
          ? found > value
          : op === '<'
            ? found < value
            : found === value;
  });
}

/** One measure of two reports' tables side by side (the compare page); null where a table gave no number. */
export interface MeasureDelta {
  key: MeasureKey;
  previous: number | null;
  current: number | null;
  /** current − previous, only when both are numbers. */
  change: number | null;
}

export function measureDeltas(
  previous: ReportStatistics | null,
  current: ReportStatistics | null,
  keys: readonly MeasureKey[],
): MeasureDelta[] {
  const before = previous ? flattenMeasures(previous) : {};
  const now = current ? flattenMeasures(current) : {};
  return keys.map((key) => {
    const p = before[key] ?? null;
    const c = now[key] ?? null;
    return { key, previous: p, current: c, change: p !== null && c !== null ? c - p : null };
  });
}
