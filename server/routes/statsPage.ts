// `/stats`: one measure of the statistics tables summed across the corpus, by year, level or
// province — every report under the filters counted once: with a value, with a table but no value
// for this measure, or without a table. `/stats.csv` gives the same rows with the query and the
// corpus state on each.
import { Router } from 'express';
import { isRateName, RATES, type MeasureGroup } from '../../core/measures.js';
import type { StatisticsResult } from '../../search/port.js';
import { csvLine } from '../exports.js';
import { activeFilters, hiddenFilterFields } from '../facetView.js';
import { facetValueLabel, MEASURE_LABELS } from '../labels.js';
import { parseStatsParams, type StatsParams } from '../params.js';
import { formatCount, formatShare, navLinks } from '../present.js';
import { withQuery } from '../urls.js';
import type { RouteDeps } from './deps.js';
import { missingBodiesByYear } from './coveragePage.js';

/** The measures offered in the form; any other measure key works in the URL and the API. */
const MEASURE_CHOICES: Array<{ value: string; label: string }> = [
  ...MEASURE_LABELS,
  ...Object.entries(RATES).map(([value, rate]) => ({ value, label: `${rate.label}（比率）` })),
];
const BY_CHOICES = [
  { value: 'year', label: '按年度' },
  { value: 'level', label: '按层级' },
  { value: 'province', label: '按省份' },
] as const;

function statsState(params: StatsParams) {
  return { q: '', filters: params.filters, extra: { measure: params.measure, by: params.by } };
}

export function statsPageModel(params: StatsParams, result: StatisticsResult) {
  const state = statsState(params);
  const maxSum = Math.max(1, ...result.groups.map((g) => g.sum));
  const isRate = isRateName(params.measure);
  return {
    pageTitle: '统计表数字汇总',
    nav: navLinks('stats', { q: '', filters: params.filters }),
    measures: MEASURE_CHOICES.map((m) => ({ ...m, selected: m.value === params.measure })),
    byChoices: BY_CHOICES.map((b) => ({ ...b, selected: b.value === params.by })),
    measure: params.measure,
    isRate,
    hidden: hiddenFilterFields({ q: '', filters: params.filters }),
    active: activeFilters({ q: '', filters: params.filters }, '/stats', { measure: params.measure, by: params.by }),
    reports: formatCount(result.reports),
    groups: result.groups.map((group) => ({
      label: group.group === 'none' ? '不详' : facetValueLabel(params.by, group.group),
      reports: formatCount(group.reports),
      withValue: formatCount(group.withValue),
      withoutValue: formatCount(group.withoutValue),
      withoutTable: formatCount(group.withoutTable),
      sum: formatCount(group.sum),
      median: group.median === null ? '—' : formatCount(group.median),
      rate: group.rate === null ? '—' : formatShare(group.rate),
      barWidth: Math.round((group.sum / maxSum) * 300),
    })),
    csvHref: withQuery('/stats.csv', state),
    apiHref: withQuery('/api/stats', state),
  };
}

export const STATS_CSV_COLUMNS = [
  'measure',
  'by',
  'group',
  'reports',
  'with_value',
  'without_value',
  'without_table',
  'sum',
  'median',
  'rate',
  'filters',
  'indexed_reports',
  'exported_at',
];

/** One CSV row per group, each carrying the query (measure, grouping, filters) and the corpus state. */
export function statsCsv(params: StatsParams, result: StatisticsResult, indexedReports: number, now: Date): string {
  const filters = JSON.stringify(params.filters);
  const row = (g: MeasureGroup) =>
    csvLine([
      result.measure,
      result.by,
      g.group,
      g.reports,
      g.withValue,
      g.withoutValue,
      g.withoutTable,
      g.sum,
      g.median,
      g.rate,
      filters,
      indexedReports,
      now.toISOString(),
    ]);
  return `\uFEFF${csvLine(STATS_CSV_COLUMNS)}${result.groups.map(row).join('')}`;
}

export function statsPage(deps: RouteDeps): Router {
  const router = Router();
  router.get('/stats', async (request, response) => {
    const params = parseStatsParams(request.query);
    const result = await deps.search.corpusStatistics(params);
    const missingBodies = await missingBodiesByYear(deps, params.filters);
    response.type('html').send(deps.views.render('stats', { ...statsPageModel(params, result), missingBodies }));
  });
  router.get('/stats.csv', async (request, response) => {
    const params = parseStatsParams(request.query);
    const [result, indexedReports] = await Promise.all([deps.search.corpusStatistics(params), deps.search.reportCount()]);
    response
      .type('text/csv; charset=utf-8')
      .attachment('nianbao-stats.csv')
      .send(statsCsv(params, result, indexedReports, deps.now()));
  });
  return router;
}
