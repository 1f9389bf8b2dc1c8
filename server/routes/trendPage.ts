// `/trend`: how many reports mention the query, year by year, as a chart and as tables.
import { Router } from 'express';
import { LEVELS } from '../../core/report.js';
import type { TrendResult } from '../../search/port.js';
import { activeFilters, hiddenFilterFields } from '../facetView.js';
import { LEVEL_LABELS } from '../labels.js';
import { parseTrendParams, type TrendParams } from '../params.js';
import { formatCount, formatShare, navLinks } from '../present.js';
import { trendChart } from '../trendChart.js';
import { withQuery } from '../urls.js';
import type { RouteDeps } from './deps.js';

function levelTable(trend: TrendResult) {
  const years = trend.years.map((year) => String(year.year));
  const levels = [
    ...LEVELS.filter((level) => trend.byLevel[level]),
    ...Object.keys(trend.byLevel).filter((level) => !(LEVELS as readonly string[]).includes(level)),
  ];
  return {
    years,
    rows: levels.map((level) => ({
      label: (LEVEL_LABELS as Record<string, string>)[level] ?? level,
      cells: years.map((year) => {
        const cell = trend.byLevel[level]?.[year];
        if (!cell || cell.reportsIndexed === 0) return { empty: true, text: '—', share: null };
        return {
          empty: false,
          text: `${formatCount(cell.reports)} / ${formatCount(cell.reportsIndexed)}`,
          share: formatShare(cell.reports / cell.reportsIndexed),
        };
      }),
    })),
  };
}

export function trendPageModel(params: TrendParams, trend: TrendResult) {
  const state = { q: params.q, filters: params.filters };
  return {
    pageTitle: params.q === '' ? '年度趋势' : `${params.q} — 年度趋势`,
    nav: navLinks('trend', state),
    q: params.q,
    hidden: hiddenFilterFields(state),
    active: activeFilters(state, '/trend', {}),
    hasYears: trend.years.length > 0,
    chart: trendChart(trend.years),
    years: trend.years.map((year) => ({
      year: year.year,
      sections: formatCount(year.sections),
      reports: formatCount(year.reports),
      reportsIndexed: formatCount(year.reportsIndexed),
      share: formatShare(year.share),
    })),
    levels: levelTable(trend),
    apiHref: withQuery('/api/trend', state),
    searchHref: withQuery('/', state),
  };
}

export function trendPage(deps: RouteDeps): Router {
  const router = Router();
  router.get('/trend', async (request, response) => {
    const params = parseTrendParams(request.query);
    const trend = await deps.search.trend(params);
    response.type('html').send(deps.views.render('trend', trendPageModel(params, trend)));
  });
  return router;
}
