// `/trend`: how many reports mention a query, year by year, as a chart and as tables; several
// queries (`?q=a&q=b`) side by side, one line each; without a query, what the index holds per year.
import { Router } from 'express';
import { MISSING_FACET_VALUE, type FacetFilters } from '../../core/facets.js';
import { LEVELS } from '../../core/report.js';
import type { TrendCell, TrendResult } from '../../search/port.js';
import { activeFilters, hiddenFilterFields } from '../facetView.js';
import { facetValueLabel } from '../labels.js';
import { MAX_TREND_QUERIES, parseTrendParams, type TrendParams } from '../params.js';
import { formatCount, formatShare, navLinks } from '../present.js';
import { comparisonChart, indexedChart, SERIES_STYLES, trendChart } from '../trendChart.js';
import { trendCsvHeader, trendCsvRows } from '../trendExport.js';
import { withQuery } from '../urls.js';
import type { RouteDeps } from './deps.js';
import { missingBodiesByYear } from './coveragePage.js';

/** The answer for each query of the page (one, with q '', when there is none). */
async function trendsOf(deps: Pick<RouteDeps, 'search'>, params: TrendParams): Promise<TrendResult[]> {
  const queries = params.queries.length > 0 ? params.queries : [''];
  return Promise.all(queries.map((q) => deps.search.trend({ q, filters: params.filters })));
}

/** A URL (built by withQuery without q) with every query as a repeated q, before the rest. */
function withQueries(href: string, queries: readonly string[]): string {
  const [path, rest = ''] = href.split('?') as [string, string?];
  const params = new URLSearchParams(queries.map((q): [string, string] => ['q', q]));
  for (const [name, value] of new URLSearchParams(rest)) params.append(name, value);
  const query = params.toString();
  return query === '' ? path : `${path}?${query}`;
}

/** A trend URL for several queries under the filters. */
function trendHref(path: string, queries: readonly string[], filters: FacetFilters): string {
  return withQueries(withQuery(path, { q: '', filters }), queries);
}

type Table = TrendResult['byLevel'];

/** Rows in the order given, then any value not in it; the `none` bucket last. */
function rowOrder(table: Table, known: readonly string[]): string[] {
  const values = Object.keys(table).filter((value) => value !== MISSING_FACET_VALUE);
  const ordered = [
    ...known.filter((value) => table[value] && value !== MISSING_FACET_VALUE),
    ...values.filter((value) => !known.includes(value)),
  ];
  return table[MISSING_FACET_VALUE] ? [...ordered, MISSING_FACET_VALUE] : ordered;
}

/** Provinces by reports indexed, most first, then by name; the `none` bucket last. */
function provinceOrder(table: Table): string[] {
  const indexed = (province: string) => Object.values(table[province] ?? {}).reduce((sum, cell) => sum + cell.reportsIndexed, 0);
  return rowOrder(
    table,
    Object.keys(table).sort((a, b) => indexed(b) - indexed(a) || a.localeCompare(b, 'zh-CN')),
  );
}

/**
 * A value × year table: matching / indexed reports and their share; without a query, the reports
 * indexed and their share of that year's reports (how the corpus is made up).
 */
function crossTable(
  table: Table,
  yearTotals: ReadonlyMap<string, number>,
  order: readonly string[],
  label: (value: string) => string,
  counting: boolean,
) {
  const years = [...yearTotals.keys()];
  const cellView = (cell: TrendCell | undefined, year: string) => {
    if (!cell || cell.reportsIndexed === 0) return { empty: true, text: '—', share: null };
    if (counting)
      return {
        empty: false,
        text: formatCount(cell.reportsIndexed),
        share: formatShare(cell.reportsIndexed / (yearTotals.get(year) || 1)),
      };
    return { empty: false, text: `${formatCount(cell.reports)} / ${formatCount(cell.reportsIndexed)}`, share: formatShare(cell.share) };
  };
  return { years, rows: order.map((value) => ({ label: label(value), cells: years.map((year) => cellView(table[value]?.[year], year)) })) };
}

/** The level × year and province × year tables of one trend. */
function tablesOf(trend: TrendResult, counting: boolean) {
  const yearTotals = new Map(trend.years.map((year) => [String(year.year), year.reportsIndexed]));
  const what = counting ? '收录报告数（占该年收录报告的比例）' : '命中报告 / 收录报告（占比）';
  const rowsOf = (table: Table, order: string[], facet: 'level' | 'province') =>
    crossTable(table, yearTotals, order, (value) => facetValueLabel(facet, value), counting);
  return {
    q: trend.q,
    levels: { caption: `层级 × 年度：${what}`, ...rowsOf(trend.byLevel, rowOrder(trend.byLevel, LEVELS), 'level') },
    provinces: { caption: `省份 × 年度：${what}`, ...rowsOf(trend.byProvince, provinceOrder(trend.byProvince), 'province') },
  };
}

/** "另有 N 个匹配章节年度不详": what the year rows leave out; null when nothing is. */
function undatedNote(trend: TrendResult, counting: boolean, named: boolean): string | null {
  const { sections, reports } = trend.undated;
  if (sections === 0 && reports === 0) return null;
  if (counting) return `另有 ${formatCount(reports)} 份收录报告（${formatCount(sections)} 个章节）年度不详，未计入上表。`;
  const who = named ? `“${trend.q}”：` : '';
  return `${who}另有 ${formatCount(sections)} 个匹配章节年度不详（来自 ${formatCount(reports)} 份报告），未计入上表。`;
}

/** One row per year: the reports indexed, then each query's matching reports and share. */
function comparisonRows(trends: readonly TrendResult[]) {
  return trends[0]!.years.map((first) => ({
    year: first.year,
    reportsIndexed: formatCount(first.reportsIndexed),
    cells: trends.map((trend) => {
      const year = trend.years.find((y) => y.year === first.year);
      return { reports: formatCount(year?.reports ?? 0), share: formatShare(year?.share ?? 0) };
    }),
  }));
}

export function trendPageModel(params: TrendParams, trends: readonly TrendResult[]) {
  const trend = trends[0]!;
  const mode = params.queries.length === 0 ? 'indexed' : params.queries.length === 1 ? 'single' : 'compare';
  const counting = mode === 'indexed';
  const state = { q: params.q, filters: params.filters };
  const active = activeFilters({ q: '', filters: params.filters }, '/trend', {});
  // The boxes hold the queries, then one more to add a query to compare (the first box is always there).
  const boxes = [params.queries[0] ?? '', ...params.queries.slice(1), ...(params.queries.length < MAX_TREND_QUERIES ? [''] : [])];
  return {
    pageTitle: mode === 'indexed' ? '年度趋势' : `${params.queries.join(' · ')} — 年度趋势`,
    heading: mode === 'indexed' ? '各年度收录的报告' : mode === 'single' ? `“${params.q}”的年度趋势` : '年度趋势比较',
    nav: navLinks('trend', state),
    q: params.q,
    boxes: boxes.map((value, i) => ({
      value,
      id: i === 0 ? 'q' : `q${i + 1}`,
      label: i === 0 ? '检索式' : `对比检索式 ${i}`,
      swatch: mode === 'compare' && value !== '' ? SERIES_STYLES[i]!.colour : null,
    })),
    counting,
    compare: mode === 'compare',
    hidden: hiddenFilterFields(state),
    active: {
      filters: active.filters.map((filter) => ({ ...filter, removeHref: withQueries(filter.removeHref, params.queries) })),
      clearAllHref: active.clearAllHref === null ? null : withQueries(active.clearAllHref, params.queries),
    },
    hasYears: trend.years.length > 0,
    chart:
      mode === 'indexed'
        ? indexedChart(trend.years)
        : mode === 'single'
          ? trendChart(trend.years)
          : comparisonChart(trends.map((t) => ({ q: t.q, years: t.years }))),
    years: trend.years.map((year) => ({
      year: year.year,
      sections: formatCount(year.sections),
      reports: formatCount(year.reports),
      reportsIndexed: formatCount(year.reportsIndexed),
      share: formatShare(year.share),
    })),
    comparison: mode === 'compare' ? { queries: params.queries, rows: comparisonRows(trends) } : null,
    undated: trends.flatMap((t) => undatedNote(t, counting, mode === 'compare') ?? []),
    tables: trends.map((t) => tablesOf(t, counting)),
    apiHref: trendHref('/api/trend', params.queries, params.filters),
    csvHref: trendHref('/trend.csv', params.queries, params.filters),
    searchHref: withQuery('/', state),
  };
}

export function trendPage(deps: RouteDeps): Router {
  const router = Router();
  router.get('/trend', async (request, response) => {
    const params = parseTrendParams(request.query);
    const trends = await trendsOf(deps, params);
    const missingBodies = await missingBodiesByYear(deps, params.filters);
    response.type('html').send(deps.views.render('trend', { ...trendPageModel(params, trends), missingBodies }));
  });
  router.get('/trend.csv', async (request, response) => {
    const params = parseTrendParams(request.query);
    const [trends, reportsInIndex] = await Promise.all([trendsOf(deps, params), deps.search.reportCount()]);
    const exportedAt = deps.now().toISOString();
    const meta = { filters: params.filters, exportedAt, reportsInIndex };
    const stamp = exportedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    response.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="nianbao-trend-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    });
    response.send(trendCsvHeader() + trends.map((trend) => trendCsvRows(trend, meta)).join(''));
  });
  return router;
}
