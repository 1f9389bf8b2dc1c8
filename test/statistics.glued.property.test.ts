import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import type { CellValue } from '../core/statistics/cells.js';
import { checkRequests } from '../core/statistics/checks.js';
import { parseStatistics } from '../core/statistics/parse.js';
import type { RequestCells } from '../core/statistics/requests.js';
import type { RequestRow } from '../core/statistics/types.js';
import {
  APPLICANT_COLUMNS,
  regulationRows,
  renderGlued,
  renderPipes,
  requestRows,
  type Cell,
  type TableTruth,
} from '../tools/statistics/renderTables.js';
import { filledShare, wrongCells } from './helpers/statistics.js';

// Counts as reports print them: mostly 0, often one digit, sometimes two or three.
const count = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 9 }) },
  { weight: 2, arbitrary: fc.integer({ min: 10, max: 99 }) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 999 }) },
);
const sixCounts = fc.array(count, { minLength: 6, maxLength: 6 });
const withTotal = (parts: number[]): number[] => [...parts, parts.reduce((a, b) => a + b, 0)];

const LEAVES = requestRows('2021', () => []).flatMap((r) =>
  r.key && !['newReceived', 'carriedOver', 'total', 'carriedForward'].includes(r.key) ? [r.key] : [],
);

/** A 2021 table whose every identity holds. */
const consistentTable: fc.Arbitrary<TableTruth> = fc
  .record({
    leaves: fc.array(sixCounts, { minLength: LEAVES.length, maxLength: LEAVES.length }),
    forward: sixCounts,
    carried: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
    review: fc.array(fc.array(count, { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
    regulations: fc.array(count, { minLength: 6, maxLength: 6 }),
  })
  .map(({ leaves, forward, carried, review, regulations }) => {
    const rows = new Map<RequestRow, number[]>(LEAVES.map((key, i) => [key, withTotal(leaves[i]!)]));
    const handled = [0, 1, 2, 3, 4, 5].map((c) => leaves.reduce((a, row) => a + row[c]!, 0));
    // 上年结转 is a share of what had to be handled, so 本年新收 = 七 + 四 − 二 is never negative.
    const over = handled.map((h, c) => Math.floor((h + forward[c]!) * carried[c]!));
    rows.set('total', withTotal(handled));
    rows.set('carriedForward', withTotal(forward));
    rows.set('carriedOver', withTotal(over));
    rows.set('newReceived', withTotal(handled.map((h, c) => h + forward[c]! - over[c]!)));
    const [a, b, c, d, e, f] = regulations as [number, number, number, number, number, number];
    return {
      template: '2021' as const,
      regulations: regulationRows(
        '2021',
        (key) =>
          ({ rules: [a, b, c], normativeDocuments: [d, e, f], licensing: [e], punishment: [f], enforcement: [a], fees: [b] })[key] ?? [],
      ),
      requests: requestRows('2021', (key) => (rows.get(key) ?? []) as Cell[]),
      review: review.flatMap(withTotal),
    };
  });

/** Where the crawler left a space between two cells (an index into the numeric cells). */
const gaps = fc.uniqueArray(fc.integer({ min: 0, max: 250 }), { maxLength: 12 }).map((xs) => new Set(xs));

/** A consistent table with one printed cell of 表三 off by 1–9 (a copy: the generated table stays as it was, for shrinking). */
const brokenTable: fc.Arbitrary<TableTruth> = fc
  .tuple(consistentTable, fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 9 }))
  .map(([consistent, row, column, delta]) => {
    const truth = structuredClone(consistent);
    const target = truth.requests.filter((r) => r.key)[row]!;
    target.cells[column] = (target.cells[column] as number) + delta;
    return truth;
  });

/** Sample `index` of `fc.sample(brokenTable with gaps, seed)`: where an exploration found a case. */
const brokenSample = (seed: number, index: number): [TableTruth, Set<number>] =>
  fc.sample(fc.tuple(brokenTable, gaps), { seed, numRuns: index + 1 })[index]!;

const cellsOf = (truth: TableTruth, key: RequestRow): Cell[] | undefined => truth.requests.find((r) => r.key === key)?.cells;

/**
 * The wrong cells of a glued table with a printed error, when they are not the parser's error: the
 * truth with the parsed numbers in their place spells the same digits and adds up everywhere. Such a
 * text is, digit for digit, also the rendering of a table without an error; no reader can tell which
 * one was printed (DESIGN.md, statistics: "a glued twin"). Any other wrong cell is returned.
 */
function unexplainedWrongCells(text: string, truth: TableTruth, spaces: ReadonlySet<number>): string[] {
  const statistics = parseStatistics(text)!;
  const wrong = wrongCells(statistics, truth);
  if (wrong.length === 0 || wrong.some((w) => !w.startsWith('requests/'))) return wrong;
  const twin = structuredClone(truth);
  for (const row of twin.requests) {
    const parsed = row.key ? statistics.requests[row.key] : undefined;
    if (parsed) row.cells = row.cells.map((cell, i) => parsed[APPLICANT_COLUMNS[i]!] ?? cell);
  }
  const unspaced = (t: string): string => t.replace(/\s/g, '');
  return unspaced(renderGlued(twin, spaces)) === unspaced(text) && addsUp(twin) ? [] : wrong;
}

/** Every row sum and column identity of the truth's 表三 holds (the parser's own checks, on the truth's numbers). */
function addsUp(truth: TableTruth): boolean {
  const cells: RequestCells = new Map(
    truth.requests.flatMap((r) =>
      r.key ? [[r.key, r.cells.map((v): CellValue => ({ value: v as number, raw: String(v), mark: 'read' }))] as const] : [],
    ),
  );
  return checkRequests(cells).every((check) => check.ok);
}

describe('glued crawler text', () => {
  it('never yields a number other than the printed one', () => {
    fc.assert(
      fc.property(consistentTable, gaps, (truth, spaces) => {
        const statistics = parseStatistics(renderGlued(truth, spaces));
        expect(statistics).not.toBeNull();
        expect(wrongCells(statistics!, truth)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  }, 180_000);

  it('never yields a wrong number when one printed cell breaks the arithmetic, unless the digits also spell a table that adds up', () => {
    fc.assert(
      fc.property(brokenTable, gaps, (truth, spaces) => {
        expect(unexplainedWrongCells(renderGlued(truth, spaces), truth, spaces)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  }, 180_000);
});

describe('glued crawler text: wrong numbers the property once found', () => {
  // Found by the property above (seed -277336516, run 10): 部分公开 printed 12 5 0 432 8 17 465 (17 = 8 + 9
  // breaks the row's sum) glued as "125 0432817465" was read with 自然人 125: the whole run "125" counted
  // as read, though the readings had been narrowed by the row's sum. Now every cell of a run is a cut.
  it('reads 自然人 of a glued broken row as printed', () => {
    fc.assert(
      fc.property(brokenTable, gaps, (truth, spaces) => {
        expect(cellsOf(truth, 'partiallyGranted')).toEqual([12, 5, 0, 432, 8, 17, 465]);
        expect(wrongCells(parseStatistics(renderGlued(truth, spaces))!, truth)).toEqual([]);
      }),
      { seed: -277336516, path: '9', numRuns: 1 },
    );
  });

  // Found by 4,000 samples of seed 1 (sample 2446): 过程性信息 printed 8 9 0 97 0 0 105 (9 = 0 + 9 breaks the
  // row's sum) glued as 8909700105 has one reading that adds up, 89 0 9 7 0 0 105. Its 商业企业 0 is what the
  // table should have printed, so that column's identity confirmed it; the other columns deny the reading,
  // so every cut of it must go.
  it('withdraws every cut of a row when a column denies one of them', () => {
    const [truth, spaces] = brokenSample(1, 2446);
    expect(cellsOf(truth, 'denied.processInfo')).toEqual([8, 9, 0, 97, 0, 0, 105]);

    const statistics = parseStatistics(renderGlued(truth, spaces))!;
    expect(wrongCells(statistics, truth)).toEqual([]);
    expect(Object.values(statistics.requests['denied.processInfo']!)).toEqual([null, null, null, null, null, null, null]);
  });

  // Found by 4,000 samples of seed 9 (sample 789): 重复申请 printed 21 0 5 0 95 8 120 (21 = 12 + 9 breaks the
  // row's sum) and 予以公开 printed 1 14 …; glued, the same digits spell 2 10 … and 11 4 …, a table in which
  // every row and column adds up. That table is read: nothing in the text says which one was printed.
  it('reads the glued twin that adds up when the printed table does not', () => {
    const [truth, spaces] = brokenSample(9, 789);
    expect(cellsOf(truth, 'notProcessed.repeated')).toEqual([21, 0, 5, 0, 95, 8, 120]);

    const text = renderGlued(truth, spaces);
    expect(wrongCells(parseStatistics(text)!, truth)).toEqual([
      'requests/granted/natural: printed 1, parsed 11',
      'requests/granted/commercial: printed 14, parsed 4',
      'requests/notProcessed.repeated/natural: printed 21, parsed 2',
      'requests/notProcessed.repeated/commercial: printed 0, parsed 10',
    ]);
    expect(unexplainedWrongCells(text, truth, spaces)).toEqual([]);
  });
});

describe('pipe rows', () => {
  it('read every cell of a consistent table', () => {
    fc.assert(
      fc.property(consistentTable, (truth) => {
        const statistics = parseStatistics(renderPipes(truth));
        expect(wrongCells(statistics!, truth)).toEqual([]);
        expect(filledShare(statistics!, truth)).toBe(1);
        expect(statistics!.checks.filter((c) => !c.ok)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('never yields a wrong number when a row holds a stray number and a printed cell breaks the arithmetic', () => {
    const broken = fc.tuple(
      consistentTable,
      fc.integer({ min: 0, max: 24 }),
      fc.integer({ min: 0, max: 24 }),
      fc.integer({ min: 0, max: 6 }),
    );
    fc.assert(
      fc.property(broken, fc.integer({ min: 0, max: 9 }), ([consistent, strayRow, row, column], delta) => {
        const truth = structuredClone(consistent);
        const rows = truth.requests.filter((r) => r.key);
        const target = rows[row]!;
        target.cells[column] = (target.cells[column] as number) + delta;
        const stray = rows[strayRow]!;
        const text = renderPipes(truth).replace(`${stray.label} | `, `${stray.label} | 7 | `);
        expect(wrongCells(parseStatistics(text)!, truth)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
