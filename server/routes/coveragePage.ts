// `/coverage`: the bodies the index knows (from every year it holds) × the years, which have a
// report and which do not (core/corpus/coverage.ts): counts per province, level and year, with the
// bodies behind each missing count; `/api/coverage` and `/coverage.csv` give the same.
import { Router } from 'express';
import { coverageCountsCsv, coverageCsv, coverageMatrix, type CoverageMatrix, type ExpectedYears } from '../../core/corpus/coverage.js';
import type { ReportSummary } from '../../core/report.js';
import type { ReportPlace, ReportSearch } from '../../search/port.js';
import { RecentValues } from '../../core/recentValues.js';
import { MISSING_FACET_VALUE } from '../../core/facets.js';
import { ParameterError } from '../errors.js';
import { facetValueLabel } from '../labels.js';
import { navLinks } from '../present.js';
import type { RouteDeps } from './deps.js';
import { withQuery } from '../urls.js';

/** A body is its organ key as the indexer records it (province|organ); a report without an organ is its own body. */
export function coverageOf(reports: readonly ReportPlace[], expected: ExpectedYears): CoverageMatrix {
  return coverageMatrix(
    reports.map((r) => ({
      reportId: r.reportId,
      organKey: r.organKey ?? `?${r.reportId}`,
      province: r.province,
      level: r.level,
      year: r.year,
    })),
    { expected },
  );
}

/** The coverage filters a page can carry over: a body's province and level (its reports'). */
interface CoverageFilters {
  province?: readonly string[];
  level?: readonly string[];
}

const within = (filters: CoverageFilters) => (r: Pick<ReportSummary, 'province' | 'level'>) =>
  (!filters.province?.length || filters.province.includes(r.province ?? MISSING_FACET_VALUE)) &&
  (!filters.level?.length || filters.level.includes(r.level ?? MISSING_FACET_VALUE));

/**
 * Coverage depends on the index and the filters only, and reads every report: at 1M sections
 * 100,000 summaries, 10 s and hundreds of MB when the trend pages of several users built it at once.
 * Remembered per search backend and index generation, and shared by the requests asking at once:
 * the trend and stats pages' per-year counts (a few numbers, many kept), and whole matrices (the
 * bodies behind every count, megabytes at that size) only for the last two /coverage views.
 */
function remembered<V>(capacity: number) {
  const bySearch = new WeakMap<ReportSearch, RecentValues<Promise<V>>>();
  return async (search: ReportSearch, parts: readonly unknown[], compute: () => Promise<V>): Promise<V> => {
    const { generation } = await search.indexState();
    let values = bySearch.get(search);
    if (!values) {
      values = new RecentValues(capacity);
      bySearch.set(search, values);
    }
    const key = JSON.stringify([generation, ...parts]);
    const known = values.get(key);
    if (known) return known;
    const value = compute();
    values.set(key, value);
    // A failed read is not remembered: the next request tries again.
    value.catch(() => values.delete(key));
    return value;
  };
}

const filterParts = (filters: CoverageFilters) => [[...(filters.province ?? [])].sort(), [...(filters.level ?? [])].sort()];
const rememberedMatrix = remembered<CoverageMatrix>(2);
const rememberedMissing = remembered<Array<{ year: number; missing: number; text: string; href: string }>>(100);

/** Reads every report: call through the memos below. */
async function readCoverage(search: ReportSearch, filters: CoverageFilters, expected: ExpectedYears): Promise<CoverageMatrix> {
  return coverageOf((await search.reportPlaces()).filter(within(filters)), expected);
}

async function coverageFor(search: ReportSearch, filters: CoverageFilters, expected: ExpectedYears): Promise<CoverageMatrix> {
  return rememberedMatrix(search, [...filterParts(filters), expected], () => readCoverage(search, filters, expected));
}

/**
 * "N 个机关在该年度没有报告（索引中）" for the trend and stats pages: per year, the bodies the index
 * knows under the province and level filters that have no report that year, with a link to /coverage
 * under the same filters. Years with none missing are left out.
 */
export async function missingBodiesByYear(deps: RouteDeps, filters: CoverageFilters) {
  return rememberedMissing(deps.search, filterParts(filters), async () => {
    const matrix = await readCoverage(deps.search, filters, 'all-years');
    const href = withQuery('/coverage', { q: '', filters: { province: [...(filters.province ?? [])], level: [...(filters.level ?? [])] } });
    return matrix.years.flatMap((year) => {
      const missing = matrix.groups.filter((g) => g.year === year).reduce((n, g) => n + g.withoutReport, 0);
      return missing === 0 ? [] : [{ year, missing, text: `${year} 年：${missing} 个机关在该年度没有报告（索引中）`, href }];
    });
  });
}

function expectedOf(value: unknown): ExpectedYears {
  if (value === undefined || value === 'all-years') return 'all-years';
  if (value === 'first-to-last') return 'first-to-last';
  throw new ParameterError('expected 只能是 all-years 或 first-to-last。expected must be all-years or first-to-last.');
}

export function coveragePageModel(matrix: CoverageMatrix) {
  const rows = new Map<
    string,
    { province: string; level: string; cells: Map<number, { withReport: number; bodies: number; missing: string }> }
  >();
  for (const group of matrix.groups) {
    const key = `${group.province ?? ''}|${group.level ?? ''}`;
    const row = rows.get(key) ?? {
      province: group.province === null ? '无省份' : group.province,
      level: group.level === null ? '层级不详' : facetValueLabel('level', group.level),
      cells: new Map(),
    };
    row.cells.set(group.year, { withReport: group.withReport, bodies: group.bodies, missing: group.missing.join('、') });
    rows.set(key, row);
  }
  return {
    pageTitle: '机关覆盖',
    nav: navLinks('search', { q: '', filters: {} }),
    years: matrix.years,
    parameters: matrix.parameters,
    rows: [...rows.values()].map((row) => ({
      province: row.province,
      level: row.level,
      cells: matrix.years.map((year) => {
        const cell = row.cells.get(year);
        if (!cell) return { text: '—', missing: '', gap: false };
        return { text: `${cell.withReport}/${cell.bodies}`, missing: cell.missing, gap: cell.withReport < cell.bodies };
      }),
    })),
  };
}

export function coveragePage(deps: RouteDeps): Router {
  const router = Router();
  const matrixOf = async (query: Record<string, unknown>) => {
    const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
    return coverageFor(deps.search, { province: list(query['province']), level: list(query['level']) }, expectedOf(query['expected']));
  };
  router.get('/coverage', async (request, response) => {
    const matrix = await matrixOf(request.query);
    response.type('html').send(deps.views.render('coverage', coveragePageModel(matrix)));
  });
  router.get('/api/coverage', async (request, response) => {
    const matrix = await matrixOf(request.query);
    response.json({
      years: matrix.years,
      parameters: matrix.parameters,
      groups: matrix.groups,
      bodies: matrix.bodies.map((b) => ({ ...b, reports: Object.fromEntries(b.reports) })),
    });
  });
  router.get('/coverage.csv', async (request, response) => {
    const matrix = await matrixOf(request.query);
    const body = request.query['rows'] === 'bodies' ? coverageCsv(matrix) : coverageCountsCsv(matrix);
    response.type('text/csv; charset=utf-8').attachment('nianbao-coverage.csv').send(`\uFEFF${body}`);
  });
  return router;
}
