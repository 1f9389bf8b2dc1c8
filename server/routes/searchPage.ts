// `/`: the query box, facets, and a page of section hits.
import { Router } from 'express';
import { SECTION_TYPES } from '../../core/report.js';
import type { SearchResult } from '../../search/port.js';
import { activeFiltersWithPassage, facetViews, hiddenFilterFields } from '../facetView.js';
import type { MeasureCondition, StatisticsFilter } from '../../core/measures.js';
import { CONDITION_OP_LABELS, MEASURE_LABELS, measureLabel, SECTION_TYPE_LABELS, STATISTICS_STATUS_LABELS } from '../labels.js';
import { paginate } from '../pagination.js';
import { CONDITION_OPS, DEFAULT_SEARCH_PER, parseSearchParams, type SearchParams } from '../params.js';
import { displayTitle, formatCount, hitView, navLinks } from '../present.js';
import { withQuery, type UrlState } from '../urls.js';
import type { RouteDeps } from './deps.js';
import { facetValueMatches, parseYearRange, type FacetCounts } from '../../core/facets.js';
import type { SectionHit } from '../../core/hits.js';
import { alsoInOf, alsoInText, distinctPassageCount, type AlsoIn } from '../passages.js';

/** What the copied-passage features add to a page: "also in" per hit, and the distinct count when asked. */
export interface PassageFigures {
  alsoIn: ReadonlyMap<string, AlsoIn>;
  distinct: { passages: number; outside: number } | null;
}

const NO_PASSAGE_FIGURES: PassageFigures = { alsoIn: new Map(), distinct: null };

function hitWithPassage(hit: SectionHit, q: string, figures: PassageFigures) {
  const alsoIn = figures.alsoIn.get(hit.sectionId);
  const text = alsoInText(alsoIn);
  return { ...hitView(hit, q), alsoIn: text === null || !alsoIn ? null : { text, href: alsoIn.href, template: alsoIn.template } };
}

/** The passage figures of a result: one counting round trip, plus a walk over every match for `distinct=passage`. */
export async function passageFigures(deps: RouteDeps, params: SearchParams, result: SearchResult): Promise<PassageFigures> {
  const hits = result.groups ? result.groups.flatMap((g) => g.hits) : result.hits;
  const alsoIn = await alsoInOf(deps.search, hits);
  const distinct = params.distinct === 'passage' && params.q !== '' ? await distinctPassageCount(deps.search, params) : null;
  return { alsoIn, distinct };
}

const SORT_LABELS = { relevance: '相关度', 'year-desc': '年度（新→旧）', 'year-asc': '年度（旧→新）' } as const;

/** The two selects of the year range: the years counted, and the ends of the range chosen. */
function yearControl(chosen: readonly string[], counted: readonly string[]) {
  const range = chosen.map(parseYearRange).find((r) => r !== null) ?? null;
  const years = new Set(counted.filter((year) => /^\d{4}$/.test(year)).map(Number));
  if (range) years.add(range.from).add(range.to);
  const sorted = [...years].sort((a, b) => a - b);
  const options = (selected: number | undefined) => [
    { value: '', label: '不限', selected: selected === undefined },
    ...sorted.map((year) => ({ value: String(year), label: String(year), selected: year === selected })),
  ];
  return { from: options(range?.from), to: options(range?.to) };
}

/** A chosen year range's count in the panel: the sum of its years' counts (years are disjoint, so exact). */
function withRangeCounts(counts: FacetCounts, chosen: readonly string[]): FacetCounts {
  const year = { ...counts.year };
  for (const value of chosen) {
    const range = parseYearRange(value);
    if (!range) continue;
    year[value] = Object.entries(counts.year)
      .filter(([y]) => facetValueMatches('year', value, y))
      .reduce((sum, [, count]) => sum + count, 0);
  }
  return { ...counts, year };
}

const conditionText = (c: MeasureCondition): string => `${c.measure}${c.op}${c.value}`;

/**
 * The statistics controls of the form: the last `stat` condition in the measure, comparison and
 * number controls, the other conditions (and check statuses other than failed) as hidden fields.
 */
function statisticsControl(filter: StatisticsFilter | undefined) {
  const conditions = filter?.conditions ?? [];
  const shown = conditions[conditions.length - 1];
  const measures = [
    { value: '', label: '不限', selected: shown === undefined },
    ...MEASURE_LABELS.map((m) => ({ ...m, selected: m.value === shown?.measure })),
  ];
  // A measure given in the URL that the list does not offer stays chosen, under its key.
  if (shown && !MEASURE_LABELS.some((m) => m.value === shown.measure))
    measures.push({ value: shown.measure, label: shown.measure, selected: true });
  return {
    measures,
    ops: CONDITION_OPS.map((op) => ({ value: op, label: CONDITION_OP_LABELS[op], selected: op === (shown?.op ?? '>=') })),
    value: shown ? String(shown.value) : '',
    failedOnly: filter?.status.includes('failed') ?? false,
    hidden: [
      ...conditions.slice(0, -1).map((c) => ({ name: 'stat', value: conditionText(c) })),
      ...(filter?.status ?? []).filter((s) => s !== 'failed').map((s) => ({ name: 'checks', value: s })),
    ],
  };
}

/** The statistics conditions and statuses in the active-filter line, each with a link that drops it. */
function statisticsChips(filter: StatisticsFilter | undefined, state: UrlState, extra: NonNullable<UrlState['extra']>) {
  const conditions = filter?.conditions ?? [];
  const status = filter?.status ?? [];
  const without = (change: UrlState['extra']) => withQuery('/', { ...state, extra: { ...extra, ...change } });
  return [
    ...conditions.map((c, i) => ({
      facetLabel: '统计表',
      valueLabel: `${measureLabel(c.measure)} ${CONDITION_OP_LABELS[c.op]} ${c.value}`,
      removeHref: without({ stat: conditions.filter((_, j) => j !== i).map(conditionText) }),
    })),
    ...status.map((s) => ({
      facetLabel: '统计表',
      valueLabel: STATISTICS_STATUS_LABELS[s],
      removeHref: without({ checks: status.filter((other) => other !== s) }),
    })),
  ];
}

export function searchPageModel(
  params: SearchParams,
  result: SearchResult,
  counts: FacetCounts,
  figures: PassageFigures = NO_PASSAGE_FIGURES,
) {
  const state = { q: params.q, filters: params.filters };
  const byTables = {
    stat: params.statistics?.conditions.map(conditionText),
    checks: params.statistics?.status,
  };
  const extra = {
    sort: params.sort === 'relevance' ? undefined : params.sort,
    per: params.per === DEFAULT_SEARCH_PER ? undefined : params.per,
    group: params.group === 'report' ? params.group : undefined,
    ...byTables,
    passage: params.passage,
    distinct: params.distinct === 'passage' ? params.distinct : undefined,
  };
  const facetActive = activeFiltersWithPassage(state, '/', extra, params.passage);
  const chips = [...facetActive.filters, ...statisticsChips(params.statistics, state, extra)];
  const chosenTypes = params.filters.sectionType ?? [];
  const carried = { q: params.q, filters: params.filters };
  // What KWIC and the exports take of this page's state: the same rows, counted the same way.
  const toExport = { ...carried, extra: { ...byTables, passage: params.passage, distinct: extra.distinct } };
  return {
    pageTitle: params.q === '' ? '政府信息公开年报检索' : `${params.q} — 政府信息公开年报检索`,
    nav: navLinks('search', state),
    scripts: ['/static/facets.js'],
    form: {
      q: params.q,
      // The select names one section type; when several are ticked they travel as hidden fields
      // and the select offers to keep them.
      sectionTypes: [
        {
          value: '',
          label: chosenTypes.length > 1 ? `（已选 ${chosenTypes.length} 类章节）` : '全部章节',
          selected: chosenTypes.length !== 1,
        },
        ...SECTION_TYPES.map((type) => ({
          value: type,
          label: SECTION_TYPE_LABELS[type],
          selected: chosenTypes.length === 1 && chosenTypes[0] === type,
        })),
      ],
      groupings: [
        { value: 'section', label: '按章节', selected: params.group === 'section' },
        { value: 'report', label: '按报告', selected: params.group === 'report' },
      ],
      sorts: (Object.keys(SORT_LABELS) as Array<keyof typeof SORT_LABELS>).map((value) => ({
        value,
        label: SORT_LABELS[value],
        selected: value === params.sort,
      })),
      years: yearControl(params.filters.year ?? [], Object.keys(counts.year ?? {})),
      statistics: statisticsControl(params.statistics),
      hidden: [
        // A year range travels in the two year selects, so choosing 不限 in both removes it.
        ...hiddenFilterFields(state, chosenTypes.length > 1 ? [] : ['sectionType']).filter(
          (field) => field.name !== 'year' || parseYearRange(field.value) === null,
        ),
        ...(extra.per === undefined ? [] : [{ name: 'per', value: String(extra.per) }]),
        ...(extra.passage === undefined ? [] : [{ name: 'passage', value: extra.passage }]),
        ...(extra.distinct === undefined ? [] : [{ name: 'distinct', value: extra.distinct }]),
      ],
    },
    notices: result.notices,
    summary: {
      sections: formatCount(result.total),
      reports: formatCount(result.reportTotal),
      tookMs: result.tookMs,
      distinct:
        figures.distinct === null
          ? null
          : {
              passages: formatCount(figures.distinct.passages),
              outside: figures.distinct.outside === 0 ? null : formatCount(figures.distinct.outside),
            },
      distinctHref:
        params.q === '' || figures.distinct !== null ? null : withQuery('/', { ...state, extra: { ...extra, distinct: 'passage' } }),
    },
    passageFilter:
      params.passage === undefined
        ? null
        : { key: params.passage, clearHref: withQuery('/', { ...state, extra: { ...extra, passage: undefined } }) },
    hits: result.hits.map((hit) => hitWithPassage(hit, params.q, figures)),
    groups: result.groups?.map(({ report, hits }) => ({
      title: displayTitle(report.title, report.reportId),
      organ: report.organ,
      year: report.year,
      province: report.province,
      sectionCount: formatCount(hits.length),
      hits: hits.map((hit) => hitWithPassage(hit, params.q, figures)),
    })),
    facets: facetViews(withRangeCounts(counts, params.filters.year ?? []), state, '/', extra),
    active: {
      filters: chips,
      // Clearing all drops the statistics conditions and the passage with the facets.
      clearAllHref:
        chips.length > 0
          ? withQuery('/', { q: params.q, filters: {}, extra: { ...extra, stat: undefined, checks: undefined, passage: undefined } })
          : null,
    },
    // Grouped, a page is `per` reports.
    pagination: paginate(params.page, params.per, params.group === 'report' ? result.reportTotal : result.total, (page) =>
      withQuery('/', { ...state, extra: { ...extra, page: page === 1 ? undefined : page } }),
    ),
    tools:
      params.q === ''
        ? null
        : {
            trendHref: withQuery('/trend', carried),
            kwicHref: withQuery('/kwic', { ...carried, extra: { passage: params.passage } }),
            // Nothing to export at 0 results: no links that would download an empty file.
            csvHref: result.total === 0 ? null : withQuery('/export.csv', toExport),
            jsonlHref: result.total === 0 ? null : withQuery('/export.jsonl', toExport),
            alsoInCsvHref: result.total === 0 ? null : withQuery('/export.csv', { ...toExport, extra: { ...toExport.extra, alsoIn: 1 } }),
            apiHref: withQuery('/api/search', { ...carried, extra }),
          },
  };
}

export function searchPage(deps: RouteDeps): Router {
  const router = Router();
  router.get('/', async (request, response) => {
    const params = parseSearchParams(request.query);
    const result = await deps.search.search({ ...params, facetPanel: true });
    // An empty index is not "nothing found": the page says how to add reports instead.
    const emptyIndex = result.total === 0 && (await deps.search.reportCount()) === 0;
    const figures = await passageFigures(deps, params, result);
    response
      .type('html')
      .send(deps.views.render('search', { ...searchPageModel(params, result, result.panelFacets, figures), emptyIndex }));
  });
  return router;
}
