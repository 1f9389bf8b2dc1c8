// `/kwic`: a concordance, one line per occurrence, each linking to that occurrence in its report.
import { Router } from 'express';
import { clientSignal } from '../clientGone.js';
import { concordancePage, type ConcordancePage } from '../concordance.js';
import { activeFiltersWithPassage, hiddenFilterFields } from '../facetView.js';
import { sectionTypeLabel } from '../labels.js';
import { paginate } from '../pagination.js';
import { DEFAULT_CONTEXT, DEFAULT_KWIC_PER, KWIC_SORTS, MAX_CONTEXT, MIN_CONTEXT, parseKwicParams, type KwicParams } from '../params.js';
import { unwrapLines } from '../highlight.js';
import { displayHeading, displayTitle, formatCount, navLinks } from '../present.js';
import { occurrenceAnchor, reportPath, withQuery } from '../urls.js';
import type { RouteDeps } from './deps.js';
import type { OccurrenceRow } from '../../core/hits.js';

const SORT_LABELS = { year: '年度', province: '省份', left: '左侧语境', right: '右侧语境' } as const;

// Line breaks in the context would break the alignment on the match; they are shown as spaces.
const oneLine = (text: string): string => text.replace(/\s+/g, ' ');

function lineView(row: OccurrenceRow, q: string) {
  return {
    left: oneLine(row.left),
    // A match cut by a hard wrap (a wrapped heading running into its text) reads as the phrase.
    match: oneLine(unwrapLines(row.match)),
    right: oneLine(row.right),
    organ: row.hit.organ ?? displayTitle(row.hit.title, row.hit.reportId),
    title: displayTitle(row.hit.title, row.hit.reportId),
    heading: displayHeading(row.hit.heading),
    year: row.hit.year,
    province: row.hit.province,
    sectionTypeLabel: sectionTypeLabel(row.hit.sectionType),
    ocr: row.hit.ocr,
    href: reportPath(row.hit.reportId, q, occurrenceAnchor(row.hit.sectionId, row.index)),
  };
}

export function kwicPageModel(params: KwicParams, page: ConcordancePage | null, limit: number) {
  const state = { q: params.q, filters: params.filters };
  const extra = {
    sort: params.sort === 'year' ? undefined : params.sort,
    context: params.context === DEFAULT_CONTEXT ? undefined : params.context,
    per: params.per === DEFAULT_KWIC_PER ? undefined : params.per,
    passage: params.passage,
  };
  const exportState = { ...state, extra: { context: extra.context, passage: params.passage } };
  return {
    pageTitle: params.q === '' ? '语境检索（KWIC）' : `${params.q} — 语境检索（KWIC）`,
    scripts: ['/static/facets.js'],
    nav: navLinks('kwic', state),
    q: params.q,
    context: params.context,
    minContext: MIN_CONTEXT,
    maxContext: MAX_CONTEXT,
    sorts: KWIC_SORTS.map((value) => ({ value, label: SORT_LABELS[value], selected: value === params.sort })),
    hidden: [
      ...hiddenFilterFields(state),
      ...(extra.per === undefined ? [] : [{ name: 'per', value: String(extra.per) }]),
      ...(params.passage === undefined ? [] : [{ name: 'passage', value: params.passage }]),
    ],
    active: activeFiltersWithPassage(state, '/kwic', extra, params.passage),
    result:
      page === null
        ? null
        : {
            total: formatCount(page.total),
            truncated: page.truncated,
            limit: formatCount(limit),
            lines: page.rows.map((row) => lineView(row, params.q)),
            pagination: paginate(params.page, params.per, page.total, (n) =>
              withQuery('/kwic', { ...state, extra: { ...extra, page: n === 1 ? undefined : n } }),
            ),
            csvHref: withQuery('/export.csv', exportState),
            jsonlHref: withQuery('/export.jsonl', exportState),
            alsoInCsvHref: withQuery('/export.csv', { ...exportState, extra: { ...exportState.extra, alsoIn: 1 } }),
          },
  };
}

export function kwicPage(deps: RouteDeps): Router {
  const router = Router();
  router.get('/kwic', async (request, response) => {
    const params = parseKwicParams(request.query);
    let page: ConcordancePage | null = null;
    if (params.q !== '') {
      const { q, filters, passage } = params;
      const hits = deps.search.matchingSections({ q, filters, sort: 'year-desc', ...(passage === undefined ? {} : { passage }) });
      page = await concordancePage(hits, { ...params, limit: deps.concordanceLimit, signal: clientSignal(response) });
    }
    response.type('html').send(deps.views.render('kwic', kwicPageModel(params, page, deps.concordanceLimit)));
  });
  return router;
}
