// `/coverage`: the bodies the index knows (from every year it holds) × the years, which have a
// report and which do not (core/corpus/coverage.ts): counts per province, level and year, with the
// bodies behind each missing count; `/api/coverage` and `/coverage.csv` give the same.
import { Router } from 'express';
import { coverageCountsCsv, coverageCsv, coverageMatrix, type CoverageMatrix, type ExpectedYears } from '../../core/corpus/coverage.js';
import type { ReportSummary } from '../../core/report.js';
import { ParameterError } from '../errors.js';
import { facetValueLabel } from '../labels.js';
import { navLinks } from '../present.js';
import type { RouteDeps } from './deps.js';

/** A body is its organ key as the indexer records it (province|organ); a report without an organ is its own body. */
export function coverageOf(reports: readonly ReportSummary[], expected: ExpectedYears): CoverageMatrix {
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
  const matrixOf = async (expected: unknown) => coverageOf(await deps.search.allReports(), expectedOf(expected));
  router.get('/coverage', async (request, response) => {
    const matrix = await matrixOf(request.query['expected']);
    response.type('html').send(deps.views.render('coverage', coveragePageModel(matrix)));
  });
  router.get('/api/coverage', async (request, response) => {
    const matrix = await matrixOf(request.query['expected']);
    response.json({
      years: matrix.years,
      parameters: matrix.parameters,
      groups: matrix.groups,
      bodies: matrix.bodies.map((b) => ({ ...b, reports: Object.fromEntries(b.reports) })),
    });
  });
  router.get('/coverage.csv', async (request, response) => {
    const matrix = await matrixOf(request.query['expected']);
    const body = request.query['rows'] === 'bodies' ? coverageCsv(matrix) : coverageCountsCsv(matrix);
    response.type('text/csv; charset=utf-8').attachment('nianbao-coverage.csv').send(`\uFEFF${body}`);
  });
  return router;
}
