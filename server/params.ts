// Request parameters, validated with one zod schema per route. Every value reaches the search
// layer as data (a string in an array, a number); nothing here builds a filter expression.
// Messages are bilingual because scripts read them as often as people do.
import {
  isMeasureKey,
  isRateName,
  isStatisticsStatus,
  parseMeasureCondition,
  type MeasureKey,
  type RateName,
  type StatisticsFilter,
} from '../core/measures.js';
import { z } from 'zod';
import { MAX_QUERY_LENGTH } from '../core/query.js';
import type { SortOrder } from '../search/port.js';
import { ParameterError } from './errors.js';
import { PASSAGE_KEY } from '../core/corpus/sectionPassages.js';
import { FACET_LABELS, facetValueLabel } from './labels.js';
import { FACETS, FIXED_FACET_VALUES, MISSING_FACET_VALUE, parseYearRange, type Facet, type FacetFilters } from '../core/facets.js';

export const MAX_PROVINCE_LENGTH = 40;
/** The deepest result a page may reach (page × per), as Meilisearch pages cost more the deeper they go. */
export const MAX_RESULT_DEPTH = 100_000;
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;
const MAX_VALUES_PER_FACET = 100;

export const SORT_ORDERS = ['relevance', 'year-desc', 'year-asc'] as const satisfies readonly SortOrder[];
export const KWIC_SORTS = ['year', 'province', 'left', 'right'] as const;
export type KwicSort = (typeof KWIC_SORTS)[number];
export const MIN_CONTEXT = 10;
export const MAX_CONTEXT = 200;

type RawQuery = Record<string, unknown>;

// Parameter names someone might try as a filter. Rejecting them (rather than ignoring them) stops a
// script from silently counting the whole index when it meant to count one organ.
const FILTER_LIKE_NAMES = new Set([
  ...FACETS.map((facet) => facet.toLowerCase()),
  'provinces',
  'levels',
  'years',
  'sectiontypes',
  'sectiontype',
  'section',
  'sections',
  'type',
  'types',
  'organ',
  'organs',
  'organkey',
  'organkind',
  'city',
  'cities',
  'county',
  'counties',
  'title',
  'source',
  'reportid',
  'sectionid',
  'publishedat',
  'heading',
  'text',
  'filter',
  'filters',
  'facet',
  'facets',
]);

function looksLikeFilter(name: string): boolean {
  if (/[[\].]/.test(name)) return true; // filter[level]=…, province[]=…, a.b=…
  return FILTER_LIKE_NAMES.has(name.toLowerCase().replace(/[^a-z]/g, ''));
}

interface RouteShape {
  scalars: readonly string[];
  facets: boolean;
  /** Parameters that may be repeated, each value kept in order (`/trend?q=a&q=b`). */
  lists?: readonly string[];
}

interface ReadQuery {
  scalars: Record<string, string | undefined>;
  facets: Record<Facet, string[]>;
  lists: Record<string, string[]>;
}

/** Splits the raw query into single values and facet value lists, rejecting what cannot be meant. */
function readQuery(raw: RawQuery, shape: RouteShape): ReadQuery {
  const scalars: Record<string, string | undefined> = {};
  const facets = Object.fromEntries(FACETS.map((facet) => [facet, [] as string[]])) as Record<Facet, string[]>;
  const lists: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (shape.lists?.includes(name)) {
      lists[name] = values;
    } else if (shape.facets && (FACETS as readonly string[]).includes(name)) {
      // An empty value comes from a form's "all" option: it means no filter.
      for (const v of values) if (v !== '' && !facets[name as Facet].includes(v)) facets[name as Facet].push(v);
    } else if (shape.scalars.includes(name)) {
      if (values.length > 1) {
        throw new ParameterError(`参数 “${name}” 只能出现一次。Parameter '${name}' may be given only once.`);
      }
      scalars[name] = values[0];
    } else if (looksLikeFilter(name)) {
      const known = shape.facets ? FACETS.join(', ') : '（此页不支持筛选 / none here）';
      throw new ParameterError(`未知的筛选参数 “${name}”；可用的筛选：${known}。Unknown filter parameter '${name}'; filters: ${known}.`);
    }
    // Anything else (a tracking tag, a cache-buster) is ignored.
  }
  return { scalars, facets, lists };
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ParameterError(issue.message);
}

const query = z
  .string()
  .max(MAX_QUERY_LENGTH, {
    error: `检索式不能超过 ${MAX_QUERY_LENGTH} 个字符。The query must be at most ${MAX_QUERY_LENGTH} characters.`,
  })
  .optional()
  .transform((q) => (q ?? '').trim());

function fixedValue(facet: Facet) {
  const allowed = FIXED_FACET_VALUES[facet] ?? [];
  const listed = allowed.map((value) => `${value}（${facetValueLabel(facet, value)}）`).join(', ');
  return z.string().refine((value) => allowed.includes(value) || value === MISSING_FACET_VALUE, {
    error: (issue) =>
      `未知的${FACET_LABELS[facet]} “${String(issue.input)}”；可选：${listed}。` +
      `Unknown ${facet} '${String(issue.input)}'; allowed: ${allowed.join(', ')}.`,
  });
}

const inYears = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

/** A year (2019), a range of years, inclusive (2019-2023), or the missing bucket. */
const yearValue = z
  .string()
  .regex(/^(?:\d{4}|\d{4}-\d{4}|none)$/, {
    error: (issue) =>
      `年度应为四位数字或范围（如 2019-2023）：“${String(issue.input)}”。Year must be a 4-digit number or a range such as 2019-2023.`,
  })
  .refine((value) => value === MISSING_FACET_VALUE || value.split('-').every((year) => inYears(Number(year))), {
    error: `年度应在 ${MIN_YEAR}–${MAX_YEAR} 之间。Year must be between ${MIN_YEAR} and ${MAX_YEAR}.`,
  })
  .refine((value) => (parseYearRange(value)?.from ?? 0) <= (parseYearRange(value)?.to ?? 0), {
    error: (issue) => `年度范围应从小到大：“${String(issue.input)}”。A year range must go from the earlier year to the later.`,
  });

const provinceValue = z.string().max(MAX_PROVINCE_LENGTH, {
  error: `省份不能超过 ${MAX_PROVINCE_LENGTH} 个字符。A province must be at most ${MAX_PROVINCE_LENGTH} characters.`,
});

function valueList<T extends z.ZodType<string>>(facet: Facet, value: T) {
  return z.array(value).max(MAX_VALUES_PER_FACET, {
    error: `筛选 ${facet} 的取值过多（最多 ${MAX_VALUES_PER_FACET} 个）。Too many ${facet} values (at most ${MAX_VALUES_PER_FACET}).`,
  });
}

const facetFilters = z
  .object({
    province: valueList('province', provinceValue),
    city: valueList('city', provinceValue),
    county: valueList('county', provinceValue),
    level: valueList('level', fixedValue('level')),
    year: valueList('year', yearValue),
    sectionType: valueList('sectionType', fixedValue('sectionType')),
  })
  .transform((facets): FacetFilters => {
    const filters: FacetFilters = {};
    for (const facet of FACETS) if (facets[facet].length > 0) filters[facet] = facets[facet];
    return filters;
  });

function positiveInteger(name: string, fallback: number, max = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === '' ? String(fallback) : value))
    .pipe(
      z
        .string()
        .regex(/^\d{1,9}$/, { error: `${name} 必须是正整数。${name} must be a positive integer.` })
        .transform(Number)
        .pipe(
          z
            .number()
            .min(1, { error: `${name} 必须 ≥ 1。${name} must be at least 1.` })
            .max(max, { error: `${name} 不能超过 ${max}。${name} must be at most ${max}.` }),
        ),
    );
}

function oneOf<const T extends readonly [string, ...string[]]>(name: string, values: T, fallback: T[number]) {
  return z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === '' ? fallback : value))
    .pipe(
      z.enum(values, {
        error: (issue) =>
          `${name} 的取值 “${String(issue.input)}” 无效；可选：${values.join(', ')}。` +
          `Invalid ${name} '${String(issue.input)}'; allowed: ${values.join(', ')}.`,
      }),
    );
}

function withinDepth<T extends { page: number; per: number }>(value: T, context: z.RefinementCtx): void {
  if (value.page * value.per > MAX_RESULT_DEPTH) {
    context.addIssue({
      code: 'custom',
      message:
        `翻页过深：page × per 不能超过 ${MAX_RESULT_DEPTH}，请缩小检索范围。` +
        `Too deep: page × per must be at most ${MAX_RESULT_DEPTH}; narrow the search.`,
    });
  }
}

export const GROUPINGS = ['section', 'report'] as const;

export interface SearchParams {
  q: string;
  filters: FacetFilters;
  page: number;
  per: number;
  sort: SortOrder;
  /** 'report': one row per report with its matching sections; page and per count reports. */
  group: (typeof GROUPINGS)[number];
  /** Reports kept by their statistics tables (stat=…, checks=…); absent when not asked. */
  statistics?: StatisticsFilter;
  /** Only sections holding this passage (a cluster key, `passage=…` of "也出现在 N 份报告中"). */
  passage?: string;
  /** 'passage': also count each distinct passage holding the query once (streams every match). */
  distinct: (typeof DISTINCT_COUNTS)[number];
}

export const DISTINCT_COUNTS = ['section', 'passage'] as const;

/** `passage=`: 13 hex digits, as the pages link it. */
const passageKey = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value))
  .pipe(
    z
      .string()
      .regex(PASSAGE_KEY, { error: 'passage 必须是 13 位十六进制的段落编号。passage must be a passage key of 13 hex digits.' })
      .optional(),
  );

export const MAX_SEARCH_PER = 100;
export const DEFAULT_SEARCH_PER = 20;

const searchSchema = z
  .object({
    q: query,
    filters: facetFilters,
    page: positiveInteger('page', 1),
    per: positiveInteger('per', DEFAULT_SEARCH_PER, MAX_SEARCH_PER),
    sort: oneOf('sort', SORT_ORDERS, 'relevance'),
    group: oneOf('group', GROUPINGS, 'section'),
    passage: passageKey,
    distinct: oneOf('distinct', DISTINCT_COUNTS, 'section'),
  })
  .superRefine(withinDepth);

/** `/` and `/api/search`; `yearFrom`/`yearTo` (the search page's range control) become a year range. */
export function parseSearchParams(raw: RawQuery): SearchParams {
  const { scalars, facets, lists } = readQuery(raw, {
    scalars: ['q', 'page', 'per', 'sort', 'group', 'yearFrom', 'yearTo', 'statMeasure', 'statOp', 'statValue', 'passage', 'distinct'],
    facets: true,
    lists: ['stat', 'checks'],
  });
  const { yearFrom, yearTo, statMeasure, statOp, statValue, ...rest } = scalars;
  const params = withoutEmptyPassage(parse(searchSchema, { ...rest, filters: withYearControl(facets, yearFrom, yearTo) }));
  const stat = [...(lists['stat'] ?? []), ...formCondition(statMeasure, statOp, statValue)];
  const statistics = statisticsFilterOf({ ...lists, stat });
  return { ...params, ...(statistics ? { statistics } : {}) };
}

export const CONDITION_OPS = ['>=', '<=', '=', '>', '<'] as const;

/**
 * The condition chosen with the search page's three statistics controls (statMeasure, statOp,
 * statValue), as one more `stat` value; none when the measure or the number is left empty.
 */
function formCondition(measure = '', op = '', value = ''): string[] {
  if (measure === '' || value.trim() === '') return [];
  if (!isMeasureKey(measure)) {
    throw new ParameterError(`未知的统计指标 “${measure}”，请从列表中选择。Unknown measure '${measure}': choose one from the list.`);
  }
  const comparison = op === '' ? '>=' : op;
  if (!(CONDITION_OPS as readonly string[]).includes(comparison)) {
    throw new ParameterError(`统计条件的比较只能是 ≥、≤、=、>、<。The comparison must be one of >=, <=, =, >, <.`);
  }
  if (!/^-?\d+(?:\.\d+)?$/.test(value.trim())) {
    throw new ParameterError(`统计条件的数值应为数字，例如 100。The number of a statistics condition must be a number, e.g. 100.`);
  }
  return [`${measure}${comparison}${value.trim()}`];
}

/**
 * `stat=requests.newReceived.total>=100` (repeatable, all must hold) and `checks=ok|failed|none`
 * (repeatable, any): which reports' sections a search keeps, by their statistics tables.
 */
export function statisticsFilterOf(lists: Record<string, string[]>): StatisticsFilter | undefined {
  const stats = lists['stat'] ?? [];
  const checks = lists['checks'] ?? [];
  if (stats.length === 0 && checks.length === 0) return undefined;
  const conditions = stats.map((text) => {
    const condition = parseMeasureCondition(text);
    if (!condition) {
      throw new ParameterError(
        `无法理解统计条件 “${text}”，应写作 指标>=数值，例如 requests.newReceived.total>=100。Cannot read the condition '${text}': write measure>=number, e.g. requests.newReceived.total>=100.`,
      );
    }
    return condition;
  });
  const status = checks.map((value) => {
    if (!isStatisticsStatus(value)) throw new ParameterError('checks 只能是 ok、failed 或 none。checks must be ok, failed or none.');
    return value;
  });
  return { conditions, status };
}

/**
 * The range chosen with the two year selects, as one `year` value (2019-2023) that replaces any range
 * already chosen; an open end is the first or last year allowed; reversed ends are swapped.
 */
function withYearControl(facets: Record<Facet, string[]>, from = '', to = ''): Record<Facet, string[]> {
  if (from === '' && to === '') return facets;
  let [first, last] = [from === '' ? String(MIN_YEAR) : from, to === '' ? String(MAX_YEAR) : to];
  if (Number(first) > Number(last)) [first, last] = [last, first];
  return { ...facets, year: [...facets.year.filter((value) => parseYearRange(value) === null), `${first}-${last}`] };
}

export interface TrendParams {
  /** The first query ('' for none): what the single-query page and API answer. */
  q: string;
  /** Every query to compare, in the order given, without empty or repeated ones (at most MAX_TREND_QUERIES). */
  queries: string[];
  filters: FacetFilters;
}

/** Lines one chart can keep apart, in colour and in grey print (trendChart.ts SERIES_STYLES). */
export const MAX_TREND_QUERIES = 6;

const trendSchema = z.object({
  queries: z
    .array(query)
    .transform((queries) => [...new Set(queries.filter((q) => q !== ''))])
    .refine((queries) => queries.length <= MAX_TREND_QUERIES, {
      error: `最多可比较 ${MAX_TREND_QUERIES} 个检索式。At most ${MAX_TREND_QUERIES} queries can be compared.`,
    }),
  filters: facetFilters,
});

/** `/trend` and `/api/trend`: `q` may be repeated to compare several queries. */
export function parseTrendParams(raw: RawQuery): TrendParams {
  const { facets, lists } = readQuery(raw, { scalars: [], facets: true, lists: ['q'] });
  const { queries, filters } = parse(trendSchema, { queries: lists['q'] ?? [], filters: facets });
  return { q: queries[0] ?? '', queries, filters };
}

export interface KwicParams {
  q: string;
  filters: FacetFilters;
  /** Only occurrences in sections holding this passage, as on the search page. */
  passage?: string;
  sort: KwicSort;
  context: number;
  page: number;
  per: number;
}

export const DEFAULT_CONTEXT = 30;
export const DEFAULT_KWIC_PER = 50;
export const MAX_KWIC_PER = 200;

function contextWidth() {
  return positiveInteger('context', DEFAULT_CONTEXT).pipe(
    z
      .number()
      .min(MIN_CONTEXT, { error: `context 应在 ${MIN_CONTEXT}–${MAX_CONTEXT} 之间。context must be ${MIN_CONTEXT}–${MAX_CONTEXT}.` })
      .max(MAX_CONTEXT, { error: `context 应在 ${MIN_CONTEXT}–${MAX_CONTEXT} 之间。context must be ${MIN_CONTEXT}–${MAX_CONTEXT}.` }),
  );
}

const kwicSchema = z
  .object({
    q: query,
    filters: facetFilters,
    sort: oneOf('sort', KWIC_SORTS, 'year'),
    context: contextWidth(),
    page: positiveInteger('page', 1),
    per: positiveInteger('per', DEFAULT_KWIC_PER, MAX_KWIC_PER),
    passage: passageKey,
  })
  .superRefine(withinDepth);

/** An absent passage filter leaves no `passage: undefined` behind (requests are compared whole in tests). */
function withoutEmptyPassage<T extends { passage?: string | undefined }>({
  passage,
  ...rest
}: T): Omit<T, 'passage'> & { passage?: string } {
  return passage === undefined ? rest : { ...rest, passage };
}

/** `/kwic`. */
export function parseKwicParams(raw: RawQuery): KwicParams {
  const { scalars, facets } = readQuery(raw, { scalars: ['q', 'sort', 'context', 'page', 'per', 'passage'], facets: true });
  return withoutEmptyPassage(parse(kwicSchema, { ...scalars, filters: facets }));
}

export interface ExportParams {
  q: string;
  filters: FacetFilters;
  sort: SortOrder;
  context: number;
  statistics?: StatisticsFilter;
  /** Only occurrences in sections holding this passage. */
  passage?: string;
  /** The count mode of the page the export came from, recorded (the rows are occurrences either way). */
  distinct: (typeof DISTINCT_COUNTS)[number];
  /** `alsoIn=1`: each row also gives the passage holding its match and where else it appears. */
  alsoIn: boolean;
}

const exportSchema = z.object({
  q: query.refine((q) => q.length > 0, {
    error: '导出需要检索词（q）。An export needs a query (q).',
  }),
  filters: facetFilters,
  sort: oneOf('sort', SORT_ORDERS, 'year-desc'),
  context: contextWidth(),
  passage: passageKey,
  distinct: oneOf('distinct', DISTINCT_COUNTS, 'section'),
  alsoIn: oneOf('alsoIn', ['0', '1'], '0').transform((value) => value === '1'),
});

/** `/export.csv` and `/export.jsonl`. */
export function parseExportParams(raw: RawQuery): ExportParams {
  const { scalars, facets, lists } = readQuery(raw, {
    scalars: ['q', 'sort', 'context', 'passage', 'distinct', 'alsoIn'],
    facets: true,
    lists: ['stat', 'checks'],
  });
  const params = withoutEmptyPassage(parse(exportSchema, { ...scalars, filters: facets }));
  const statistics = statisticsFilterOf(lists);
  return statistics ? { ...params, statistics } : params;
}

const reportPageSchema = z.object({ q: query });

/** `/reports/:reportId`: the phrase to highlight. */
export function parseReportPageParams(raw: RawQuery): { q: string } {
  const { scalars } = readQuery(raw, { scalars: ['q'], facets: false });
  return parse(reportPageSchema, scalars);
}

export const MAX_REPORTS_PER = 1000;
export const DEFAULT_REPORTS_PER = 100;

const reportListSchema = z
  .object({
    page: positiveInteger('page', 1),
    per: positiveInteger('per', DEFAULT_REPORTS_PER, MAX_REPORTS_PER),
  })
  .superRefine(withinDepth);

/** `/api/reports`. */
export function parseReportListParams(raw: RawQuery): { page: number; per: number } {
  const { scalars } = readQuery(raw, { scalars: ['page', 'per'], facets: false });
  return parse(reportListSchema, scalars);
}

/** Report ids are Meilisearch document ids: anything else cannot exist, so it is a 404, not a lookup. */
export function isReportId(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,511}$/.test(value);
}

export interface StatsParams {
  measure: MeasureKey | RateName;
  by: 'year' | 'level' | 'province';
  filters: FacetFilters;
}

export const DEFAULT_MEASURE = 'requests.newReceived.total';

const statsSchema = z.object({
  measure: z
    .string()
    .optional()
    .transform((value) => value ?? DEFAULT_MEASURE)
    .refine((value) => isMeasureKey(value) || isRateName(value), {
      error:
        '未知的统计指标，例如 requests.newReceived.total 或 grantedShare。Unknown measure: e.g. requests.newReceived.total or grantedShare.',
    })
    .transform((value) => value as MeasureKey | RateName),
  by: z
    .enum(['year', 'level', 'province'], { error: 'by 只能是 year、level 或 province。by must be year, level or province.' })
    .default('year'),
  filters: facetFilters,
});

/** `/stats` and `/api/stats`. */
export function parseStatsParams(raw: RawQuery): StatsParams {
  const { scalars, facets } = readQuery(raw, { scalars: ['measure', 'by'], facets: true });
  return parse(statsSchema, { ...scalars, filters: facets });
}
