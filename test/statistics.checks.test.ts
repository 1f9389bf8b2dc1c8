import { describe, it, expect } from 'vitest';
import { checkAcrossYears } from '../core/statistics/acrossYears.js';
import { parseStatistics } from '../core/statistics/parse.js';
import { legacyMeasures, proseTotals } from '../core/statistics/prose.js';
import { splitDigits } from '../core/statistics/cells.js';
import { rowNamedBy, REQUEST_VOCABULARY } from '../core/statistics/labels.js';
import type { ReportStatistics } from '../core/statistics/types.js';
import { parserInput, statisticsFixture } from './helpers/statistics.js';

const yunxi = (): ReportStatistics => parseStatistics(parserInput(statisticsFixture('yunxi-2021.pipes.txt').toString('utf8')))!;

describe('splitDigits', () => {
  it.each([
    [
      '230',
      2,
      [
        ['2', '30'],
        ['23', '0'],
      ],
    ],
    ['000', 3, [['0', '0', '0']]],
    ['105', 2, [['10', '5']]],
    ['07', 1, []],
  ])('cuts %s into %i numbers without leading zeros', (digits, count, cuts) => {
    expect(splitDigits(digits, count)).toEqual(cuts);
  });
});

describe('rowNamedBy', () => {
  it.each([
    ['（三）不予公开1.属于国家秘密', 'denied.stateSecret'],
    ['三、本年度办理结果（一）予以公开', 'granted'],
    ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 'partiallyGranted'],
    ['2.其他法律行政止公开', 'denied.lawForbidden'],
    ['（六）其\n2、申请人逾期未按收费通知要\n他处理\n求缴纳费用', 'otherHandling.unpaidFee'],
    ['3.其他', 'otherHandling.other'],
    ['（六）其他处理', 'otherHandling'],
    ['总计', null],
    ['5.属于三类内部事务信息1.本机关不掌握相关政府信息', 'several'],
  ])('names %j as %s', (label, row) => {
    expect(rowNamedBy(label, REQUEST_VOCABULARY)).toBe(row);
  });
});

describe('checkAcrossYears', () => {
  it('accepts last year carrying forward what this year carries over', () => {
    const previous = yunxi();
    const current = { ...yunxi(), requests: { ...yunxi().requests, carriedOver: { ...previous.requests.carriedForward! } } };
    const carried = checkAcrossYears(previous, current).filter((c) => c.id.startsWith('acrossYears.carriedOver'));
    expect(carried).toHaveLength(7);
    expect(carried.every((c) => c.ok)).toBe(true);
  });

  it('flags a carried-over count that last year did not carry forward', () => {
    const failing = checkAcrossYears(yunxi(), yunxi()).filter((c) => !c.ok);
    expect(failing.map((c) => [c.id, c.expected, c.found])).toContainEqual(['acrossYears.carriedOver.natural', 27, 15]);
  });

  it('checks 现行有效件数 against last year plus issued minus repealed', () => {
    const previous = yunxi();
    const current = yunxi();
    current.regulations.normativeDocuments = { issued: 14, repealed: 3, inForce: 97 };
    expect(checkAcrossYears(previous, current).find((c) => c.id === 'acrossYears.inForce.normativeDocuments')).toMatchObject({
      ok: true,
      expected: 97,
      found: 97,
    });
  });
});

describe('prose totals', () => {
  it('reads the 受理 total the prose quotes', () => {
    expect(proseTotals('本年度共受理政府信息公开申请3119件，办结3050件。').map((t) => t.value)).toEqual([3119]);
  });

  it('checks the quoted total against 表三', () => {
    expect(yunxi().checks.find((c) => c.id === 'prose.newReceived')).toMatchObject({ ok: true, expected: 427, found: 427 });
  });

  it("accepts a quoted total that includes last year's carried-over requests", () => {
    const text = statisticsFixture('yunxi-2021.pipes.txt').toString('utf8').replace('申请427件', '申请443件');
    expect(parseStatistics(parserInput(text))!.checks.find((c) => c.id === 'prose.newReceived')).toMatchObject({
      ok: true,
      detail: 'the prose quotes 本年新收 + 上年结转',
    });
  });
});

describe('legacyMeasures', () => {
  it('reads the totals an old report states once', () => {
    const text = '2012年，我县共受理政府信息公开申请15件，全部按时答复。全年未发生行政复议和行政诉讼。';
    expect(legacyMeasures(text)).toEqual([{ measure: 'requestsReceived', value: 15, offset: 8, phrase: '共受理政府信息公开申请15件' }]);
  });

  it('reads "未收到政府信息公开申请" as none received', () => {
    expect(legacyMeasures('2016年全区未收到有关政府信息公开申请。').map((m) => [m.measure, m.value])).toEqual([['requestsReceived', 0]]);
  });

  it('leaves out a measure stated twice with different numbers', () => {
    expect(legacyMeasures('县政府共受理政府信息公开申请15件；各部门共受理政府信息公开申请40件。')).toEqual([]);
  });
});
