import { describe, it, expect } from 'vitest';
import { parseStatistics } from '../core/statistics/parse.js';
import { extractDocx } from '../indexer/formats/docx.js';
import { extractPdf } from '../indexer/formats/pdf.js';
import { filledShare, parserInput, statisticsFixture, truthOf, wrongCells } from './helpers/statistics.js';

const parseFile = (name: string, isHtml = false) => {
  const statistics = parseStatistics(parserInput(statisticsFixture(name).toString('utf8'), isHtml));
  if (!statistics) throw new Error(`${name}: no statistics`);
  return statistics;
};

describe('parseStatistics on the fixtures of every shape', () => {
  const whole: Array<[string, boolean]> = [
    ['yunxi-2021.html', true],
    ['yunxi-2021.pipes.txt', false],
    ['yunxi-2021.md', false],
    ['yunxi-2021.pdftotext.txt', false],
    ['yunxi-2019.pipes.txt', false],
    ['yunxi-2021.detached.txt', false],
  ];
  it.each(whole)('reads every printed cell of %s as printed', (name, isHtml) => {
    const statistics = parseFile(name, isHtml);
    expect(wrongCells(statistics, truthOf(name))).toEqual([]);
    expect(filledShare(statistics, truthOf(name))).toBe(1);
  });

  it.each(whole)('finds the tables of %s adding up', (name, isHtml) => {
    expect(parseFile(name, isHtml).checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('tells the templates apart by their 表二 columns', () => {
    expect(parseFile('yunxi-2021.pipes.txt').template).toBe('2021');
    expect(parseFile('yunxi-2019.pipes.txt').template).toBe('2019');
  });

  it('keeps empty, dash and 无 cells apart from 0', () => {
    const statistics = parseFile('yunxi-2019.pipes.txt');
    const mark = (row: string, column: string) =>
      statistics.cells.find((c) => c.table === 'requests' && c.row === row && c.column === column);
    expect(mark('newReceived', 'research')).toMatchObject({ value: null, mark: 'blank' });
    expect(mark('partiallyGranted', 'commercial')).toMatchObject({ value: null, mark: 'dash' });
    expect(mark('otherHandling', 'natural')).toMatchObject({ value: null, mark: 'none' });
    expect(mark('carriedOver', 'research')).toMatchObject({ value: 0, mark: 'read' });
  });

  it('reads a signed 本年增/减 of the 2019 表二', () => {
    expect(parseFile('yunxi-2019.pipes.txt').regulations.licensing).toEqual({ previousYear: 210, change: -4, decisions: 3388 });
  });

  it('reads glued crawler digits without a wrong number, 表三 and 表四 completely', () => {
    const statistics = parseFile('yunxi-2021.glued.txt');
    expect(wrongCells(statistics, truthOf('yunxi-2021.glued.txt'))).toEqual([]);
    const unfilled = statistics.cells.filter((c) => c.value === null && c.table !== 'regulations');
    expect(unfilled).toEqual([]);
  });

  it('leaves 表二 cells null when their glued digits split several ways', () => {
    const statistics = parseFile('yunxi-2021.glued.txt');
    expect(statistics.regulations.normativeDocuments).toEqual({ issued: null, repealed: null, inForce: null });
    expect(statistics.cells.find((c) => c.row === 'normativeDocuments')?.mark).toBe('ambiguous');
  });

  it('marks a glued cell that only the identities decide as inferred', () => {
    const statistics = parseFile('yunxi-2021.glued.txt');
    const granted = statistics.cells.filter((c) => c.table === 'requests' && c.row === 'granted');
    expect(granted.map((c) => c.value)).toEqual([160, 4, 0, 0, 1, 1, 166]);
    expect(granted.some((c) => c.mark === 'inferred')).toBe(true);
  });
});

describe('parseStatistics on broken tables', () => {
  it('flags a printed arithmetic error with the identities it breaks, and only those', () => {
    const failing = parseFile('yunxi-2021.arithmetic-error.pipes.txt').checks.filter((c) => !c.ok);
    expect(failing.map((c) => [c.id, c.expected, c.found])).toEqual([
      ['requests.total.natural', 401, 400],
      ['requests.row.granted', 167, 166],
    ]);
  });

  it('still reports the erroneous cell as printed', () => {
    expect(parseFile('yunxi-2021.arithmetic-error.pipes.txt').requests.granted?.natural).toBe(161);
  });

  it('fills a lost row from the balance identity and marks it inferred', () => {
    const statistics = parseFile('yunxi-2021.missing-row.pipes.txt');
    expect(statistics.requests.carriedOver).toEqual({
      natural: 15,
      commercial: 1,
      research: 0,
      publicInterest: 0,
      legalService: 0,
      otherOrg: 0,
      total: 16,
    });
    expect(statistics.cells.filter((c) => c.row === 'carriedOver').every((c) => c.mark === 'inferred')).toBe(true);
  });

  it('leaves glued cells with two consistent splits null as ambiguous', () => {
    const statistics = parseFile('yunxi-2021.ambiguous.glued.txt');
    expect(wrongCells(statistics, truthOf('yunxi-2021.ambiguous.glued.txt'))).toEqual([]);
    const processInfo = statistics.cells.filter((c) => c.row === 'denied.processInfo');
    expect(processInfo.slice(0, 2).map((c) => [c.value, c.mark])).toEqual([
      [null, 'ambiguous'],
      [null, 'ambiguous'],
    ]);
  });

  it('says a row the text lacks and no identity gives back is missing', () => {
    const total = parseFile('yunxi-2021.ambiguous.glued.txt').cells.filter((c) => c.row === 'total');
    expect(total.every((c) => c.value === null && c.mark === 'missing')).toBe(true);
  });
});

describe('a row printed unreadably (a stray number among its cells)', () => {
  const withStray = (text: string) => text.replace('4.保护第三方合法权益 | 5 | 0', '4.保护第三方合法权益 | 9 | 5 | 0');
  const rowOf = (text: string) =>
    parseStatistics(parserInput(text))!.cells.filter((c) => c.table === 'requests' && c.row === 'denied.thirdParty');

  it('is filled from （七）总计 and marked inferred when its printed numbers hold the values the identity leaves', () => {
    const row = rowOf(withStray(statisticsFixture('yunxi-2021.pipes.txt').toString('utf8')));
    expect(row.map((c) => [c.value, c.mark])).toEqual([5, 0, 0, 0, 0, 0, 5].map((v) => [v, 'inferred']));
  });

  it('stays ambiguous when the values the identity leaves do not add up along the row', () => {
    // 总计's 自然人 printed one too high: the identity would give the row 6 | 0 … | 5.
    const text = withStray(statisticsFixture('yunxi-2021.pipes.txt').toString('utf8')).replace('（七）总计 | 400', '（七）总计 | 401');
    expect(new Set(rowOf(text).map((c) => c.mark))).toEqual(new Set(['ambiguous']));
  });

  it('stays ambiguous when its printed numbers do not hold the values the identity leaves', () => {
    // The row printed 5 | 0 … | 6 (its own error) with a stray 9: the identity's 5 | 0 … | 5 is not printed.
    const text = withStray(statisticsFixture('yunxi-2021.pipes.txt').toString('utf8')).replace(
      '4.保护第三方合法权益 | 9 | 5 | 0 | 0 | 0 | 0 | 0 | 5',
      '4.保护第三方合法权益 | 9 | 5 | 0 | 0 | 0 | 0 | 0 | 6',
    );
    expect(new Set(rowOf(text).map((c) => c.mark))).toEqual(new Set(['ambiguous']));
  });
});

describe('parseStatistics on tables rebuilt by the format adapters', () => {
  it('reads the DOCX made from the HTML fixture as printed', async () => {
    const extracted = await extractDocx(statisticsFixture('yunxi-2021.docx'));
    const statistics = parseStatistics(parserInput(extracted.text, extracted.isHtml));
    expect(statistics && wrongCells(statistics, truthOf('yunxi-2021.html'))).toEqual([]);
    expect(statistics && filledShare(statistics, truthOf('yunxi-2021.html'))).toBe(1);
  });

  it('reads the PDF made from the HTML fixture without a wrong number', async () => {
    const extracted = await extractPdf(statisticsFixture('yunxi-2021.pdf'));
    const statistics = parseStatistics(parserInput(extracted.text, extracted.isHtml));
    expect(statistics && wrongCells(statistics, truthOf('yunxi-2021.html'))).toEqual([]);
    expect(statistics && filledShare(statistics, truthOf('yunxi-2021.html'))).toBeGreaterThan(0.9);
  });
});

describe('parseStatistics without tables', () => {
  it('gives null for a report with no 表三', () => {
    expect(parseStatistics('某县2012年政府信息公开工作年度报告\n一、概述\n本年度共受理政府信息公开申请12件。')).toBeNull();
  });
});
