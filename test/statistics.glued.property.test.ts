import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { parseStatistics } from '../core/statistics/parse.js';
import type { RequestRow } from '../core/statistics/types.js';
import { regulationRows, renderGlued, renderPipes, requestRows, type Cell, type TableTruth } from '../tools/statistics/renderTables.js';
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

  it('never yields a wrong number when one printed cell breaks the arithmetic', () => {
    const broken = fc.tuple(
      consistentTable,
      fc.integer({ min: 0, max: 24 }),
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: 1, max: 9 }),
    );
    fc.assert(
      fc.property(broken, gaps, ([truth, row, column, delta], spaces) => {
        const target = truth.requests.filter((r) => r.key)[row]!;
        target.cells[column] = (target.cells[column] as number) + delta;
        const statistics = parseStatistics(renderGlued(truth, spaces));
        expect(wrongCells(statistics!, truth)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  }, 180_000);
});

describe('glued crawler text: a known wrong number (session 9, not fixed)', () => {
  // Found by the property above (seed -277336516, run 10): 部分公开 printed 12 5 0 432 8 17 465 (the 17 broken
  // by +9) glued as 1250432817465 reads 自然人 as 125. This passes while the bug is there; when it fails, the
  // bug is fixed: make it an ordinary test.
  it.fails('reads 自然人 of a glued broken row as printed', () => {
    fc.assert(
      fc.property(
        fc.tuple(consistentTable, fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 9 })),
        gaps,
        ([truth, row, column, delta], spaces) => {
          const target = truth.requests.filter((r) => r.key)[row]!;
          target.cells[column] = (target.cells[column] as number) + delta;
          expect(wrongCells(parseStatistics(renderGlued(truth, spaces))!, truth)).toEqual([]);
        },
      ),
      { seed: -277336516, path: '9', endOnFailure: true },
    );
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
      fc.property(broken, fc.integer({ min: 0, max: 9 }), ([truth, strayRow, row, column], delta) => {
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
