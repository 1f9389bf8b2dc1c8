// The JSON API: the same data as the pages, for scripts. The shapes are a contract (README, "The site and the API"):
// each field is named here on purpose, so a field added to the search's types is not published by
// accident. Facet counts are the search's (among the current hits), not the panel's.
import { Router } from 'express';
import { NotFoundError } from '../errors.js';
import { isReportId, parseReportListParams, parseSearchParams, parseStatsParams, parseTrendParams } from '../params.js';
import { statisticsWithHistory } from '../statisticsView.js';
import { hitView, sectionFields } from '../present.js';
import type { RouteDeps } from './deps.js';
import type { SectionHit } from '../../core/hits.js';
import { passageFigures } from './searchPage.js';
import { reportShares, sharesJson } from '../passages.js';

export function apiRoutes(deps: RouteDeps): Router {
  const router = Router();

  router.get('/api/search', async (request, response) => {
    const params = parseSearchParams(request.query);
    const result = await deps.search.search(params);
    const figures = await passageFigures(deps, params, result);
    const hitFields = (hit: SectionHit) => {
      const view = hitView(hit, params.q);
      // The passage holding the first occurrence: where else it appears (null without one or without passage keys).
      const alsoIn = figures.alsoIn.get(hit.sectionId);
      return {
        ...sectionFields(hit),
        snippetHtml: view.snippetHtml,
        url: view.href,
        keyTerms: hit.keyTerms,
        alsoIn: alsoIn
          ? { reports: alsoIn.reports, organs: alsoIn.organs, passageKey: alsoIn.passageKey, template: alsoIn.template, url: alsoIn.href }
          : null,
      };
    };
    response.json({
      q: result.q,
      total: result.total,
      reports: result.reportTotal,
      page: result.page,
      per: result.per,
      // Grouped by report: one entry per report of the page, its matching sections under it.
      ...(params.group === 'report'
        ? {
            group: 'report',
            groups: (result.groups ?? []).map(({ report, hits }) => ({
              reportId: report.reportId,
              title: report.title,
              organ: report.organ,
              province: report.province,
              level: report.level,
              year: report.year,
              hits: hits.map(hitFields),
            })),
          }
        : { hits: result.hits.map(hitFields) }),
      facets: result.facets,
      notices: result.notices,
      ...(figures.distinct ? { distinctPassages: figures.distinct } : {}),
      ...(params.passage === undefined ? {} : { passage: params.passage }),
    });
  });

  // One query (or none): the trend result as it always was. Several (`?q=a&q=b`): `{ queries, series }`,
  // one trend result per query in the order given, each with the same fields.
  router.get('/api/trend', async (request, response) => {
    const { q, queries, filters } = parseTrendParams(request.query);
    if (queries.length <= 1) {
      response.json(await deps.search.trend({ q, filters }));
      return;
    }
    response.json({ queries, series: await Promise.all(queries.map((query) => deps.search.trend({ q: query, filters }))) });
  });

  router.get('/api/stats', async (request, response) => {
    const params = parseStatsParams(request.query);
    const result = await deps.search.corpusStatistics(params);
    response.json({ ...result, filters: params.filters, indexedReports: await deps.search.reportCount() });
  });

  router.get('/api/reports', async (request, response) => {
    const { page, per } = parseReportListParams(request.query);
    const listing = await deps.search.listReports(page, per);
    response.json({
      total: listing.total,
      reports: listing.reports.map(({ reportId, title, organ, province, level, year, source }) => ({
        reportId,
        title,
        organ,
        province,
        level,
        year,
        source,
      })),
    });
  });

  router.get('/api/reports/:reportId', async (request, response) => {
    const { reportId } = request.params;
    const report = isReportId(reportId) ? await deps.search.getReport(reportId) : null;
    if (report === null) throw new NotFoundError(`没有编号为 “${reportId}” 的报告。No report with id '${reportId}'.`);
    response.json({
      reportId: report.reportId,
      title: report.title,
      organ: report.organ,
      organKind: report.organKind,
      province: report.province,
      city: report.city,
      county: report.county,
      level: report.level,
      year: report.year,
      publishedAt: report.publishedAt,
      source: report.source,
      format: report.format,
      sourceUrl: report.sourceUrl,
      sourceUrlFrom: report.sourceUrlFrom,
      retrievedAt: report.retrievedAt,
      publisher: report.publisher,
      contentHash: report.contentHash,
      indexedAt: report.indexedAt,
      warnings: report.warnings,
      statistics: await statisticsWithHistory(deps.search, report, () => deps.search.reportsOfOrgan(report.organKey ?? '')),
      legacyMeasures: report.legacyMeasures,
      // The share of the text that is template, from the previous year, shared with other bodies, own: counted now.
      shares: await reportShares(deps.search, report).then((shares) => (shares.available ? sharesJson(shares) : null)),
      sections: report.sections.map(({ sectionId, ordinal, heading, sectionType, text }) => ({
        sectionId,
        ordinal,
        heading,
        sectionType,
        text,
      })),
    });
  });

  router.get('/healthz', async (_request, response) => {
    const ok = await deps.search.ping().catch(() => false);
    response.set('Cache-Control', 'no-store');
    response.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  });

  return router;
}
