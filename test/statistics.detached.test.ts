import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStatistics } from '../core/statistics/parse.js';
import { renderDetached, type TableTruth } from '../tools/statistics/renderTables.js';
import { filledShare, parserInput, statisticsFixture, truthOf, wrongCells } from './helpers/statistics.js';

// pdftotext printing 表三's numbers apart from its labels (fixtures/statistics/yunxi-2021.detached*).
const fixtureText = (name: string): string => parserInput(statisticsFixture(name).toString('utf8'));
const parse = (text: string) => {
  const statistics = parseStatistics(text);
  if (!statistics) throw new Error('no statistics');
  return statistics;
};
const marksOf = (text: string, table: string): Set<string> =>
  new Set(
    parse(text)
      .cells.filter((c) => c.table === table)
      .map((c) => c.mark),
  );

describe('numbers printed apart from their labels', () => {
  it('reads every cell of 表三 laid on the template rows by count, marked placed', () => {
    expect(marksOf(fixtureText('yunxi-2021.detached.txt'), 'requests')).toEqual(new Set(['placed']));
  });

  it('reads 表四 with a header word among its numbers when every group adds up', () => {
    const statistics = parse(fixtureText('yunxi-2021.detached.txt'));
    expect(statistics.litigationAfterReview).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 });
  });

  it('leaves 表四 ambiguous when its numbers among header words do not add up', () => {
    const text = fixtureText('yunxi-2021.detached.txt').replace(/总计\n+2\n+五、存在/, '总计\n\n4\n\n五、存在');
    expect(marksOf(text, 'review')).toEqual(new Set(['ambiguous']));
  });

  it('reads a one-cell 表二 item whose number precedes its label', () => {
    expect(parse(fixtureText('yunxi-2021.detached.txt')).regulations.licensing).toEqual({ decisions: 5120 });
  });

  it('leaves a one-cell 表二 item unread when it holds two numbers', () => {
    const text = fixtureText('yunxi-2021.detached.txt').replace('\n5120\n', '\n5120\n\n17\n');
    expect(parse(text).regulations.licensing).toEqual({ decisions: null });
  });

  it('leaves every 表三 cell ambiguous when a block prints its columns out of order', () => {
    expect(marksOf(fixtureText('yunxi-2021.detached-columns.txt'), 'requests')).toEqual(new Set(['ambiguous']));
  });

  it('leaves 表三 unread when one number is lost', () => {
    const text = fixtureText('yunxi-2021.detached.txt').replace('\n11\n102\n9\n', '\n11\n9\n');
    expect(text).not.toBe(fixtureText('yunxi-2021.detached.txt'));
    const statistics = parse(text);
    expect(statistics.cells.filter((c) => c.table === 'requests' && c.value !== null)).toEqual([]);
  });
});

// Random consistent tables (every identity holds), cut into random blocks, labels scattered.
const count = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 9 }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 300 }) },
);
const base = truthOf('yunxi-2021.detached.txt');
const ROWS = base.requests.filter((r) => r.key).length;

/** The fixture's table with new leaf numbers; totals, 上年结转 and 本年新收 recomputed. */
const consistentTable: fc.Arbitrary<TableTruth> = fc
  .array(fc.array(count, { minLength: 6, maxLength: 6 }), { minLength: ROWS, maxLength: ROWS })
  .map((numbers) => {
    const truth = structuredClone(base);
    const rows = truth.requests.filter((r) => r.key);
    const leaves = rows.filter((r) => !['newReceived', 'carriedOver', 'total', 'carriedForward'].includes(r.key!));
    const withTotal = (parts: number[]): number[] => [...parts, parts.reduce((a, b) => a + b, 0)];
    leaves.forEach((row, i) => {
      row.cells = withTotal(numbers[i]!);
    });
    const sum = (c: number) => leaves.reduce((a, r) => a + (r.cells[c] as number), 0);
    const handled = [0, 1, 2, 3, 4, 5].map(sum);
    const forward = numbers[ROWS - 1]!;
    const over = numbers[ROWS - 2]!.map((n, c) => Math.min(n, handled[c]! + forward[c]!));
    const set = (key: string, cells: number[]) => {
      rows.find((r) => r.key === key)!.cells = withTotal(cells);
    };
    set('total', handled);
    set('carriedForward', forward);
    set('carriedOver', over);
    set(
      'newReceived',
      handled.map((h, c) => h + forward[c]! - over[c]!),
    );
    return truth;
  });

/** Block sizes covering the table's rows. */
const blocks = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: ROWS, maxLength: ROWS }).map((sizes) => {
  const out: number[] = [];
  let left = ROWS;
  for (const size of sizes) {
    if (left === 0) break;
    out.push(Math.min(size, left));
    left -= Math.min(size, left);
  }
  return out;
});
const places = fc.array(fc.nat(), { minLength: base.requests.length, maxLength: base.requests.length });

const render = (truth: TableTruth, sizes: number[], at: number[]): string =>
  parserInput(
    renderDetached(
      truth,
      sizes,
      at.map((p) => p % sizes.length),
    ),
  );

/** The lines of 表三's numbers in the rendered text (between its heading and 表四). */
function numberLines(text: string): number[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('三、收到和处理'));
  const end = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
  return lines.flatMap((l, i) => (i > start && i < end && /^\d+$/.test(l) ? [i] : []));
}

describe('numbers apart from their labels, random tables', () => {
  it('reads every cell of a consistent table as printed', () => {
    fc.assert(
      fc.property(consistentTable, blocks, places, (truth, sizes, at) => {
        const statistics = parse(render(truth, sizes, at));
        expect(wrongCells(statistics, truth)).toEqual([]);
        expect(filledShare(statistics, truth)).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it('never yields a wrong number when one number moves (the rest shift by one)', () => {
    fc.assert(
      fc.property(consistentTable, blocks, places, fc.nat(), fc.nat(), (truth, sizes, at, from, to) => {
        const lines = render(truth, sizes, at).split('\n');
        const numbers = numberLines(lines.join('\n'));
        const source = numbers[from % numbers.length]!;
        const target = numbers[to % numbers.length]!;
        const [moved] = lines.splice(source, 1);
        lines.splice(target, 0, moved!);
        expect(wrongCells(parse(lines.join('\n')), truth)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never yields a wrong number when a blank line moves (runs cut differently)', () => {
    fc.assert(
      fc.property(consistentTable, blocks, places, fc.nat(), fc.boolean(), (truth, sizes, at, which, up) => {
        const lines = render(truth, sizes, at).split('\n');
        const numbers = new Set(numberLines(lines.join('\n')));
        const blanks = lines.flatMap((l, i) => (l === '' && numbers.has(i - 1) && numbers.has(i + 1) ? [i] : []));
        if (blanks.length === 0) return;
        const blank = blanks[which % blanks.length]!;
        const [line] = lines.splice(blank, 1);
        lines.splice(up ? blank - 1 : blank + 1, 0, line!);
        expect(wrongCells(parse(lines.join('\n')), truth)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
