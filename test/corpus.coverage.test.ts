import { describe, expect, it } from 'vitest';
import { coverageCountsCsv, coverageCsv, coverageMatrix, type CoverageEntry } from '../core/corpus/coverage.js';

const entry = (
  reportId: string,
  organKey: string,
  year: number | null,
  province: string | null = '福建',
  level: string | null = 'county',
): CoverageEntry => ({
  reportId,
  organKey,
  province,
  level,
  year,
});

// 甲县 reports every year; 乙区 started in 2012; 丙局 skipped 2012.
const entries = [
  entry('a11', '甲县', 2011),
  entry('a12', '甲县', 2012),
  entry('a13', '甲县', 2013),
  entry('b12', '乙区', 2012),
  entry('b13', '乙区', 2013),
  entry('c11', '丙局', 2011),
  entry('c13', '丙局', 2013),
];

describe('coverageMatrix', () => {
  it('expects every body in every year the index holds by default', () => {
    const matrix = coverageMatrix(entries);
    expect(matrix.years).toEqual([2011, 2012, 2013]);
    const y2011 = matrix.groups.find((g) => g.year === 2011)!;
    expect([y2011.bodies, y2011.withReport, y2011.withoutReport]).toEqual([3, 2, 1]);
    expect(y2011.missing).toEqual(['乙区']);
  });

  it('expects a body only between its first and last report when asked', () => {
    const matrix = coverageMatrix(entries, { expected: 'first-to-last' });
    const y2011 = matrix.groups.find((g) => g.year === 2011)!;
    expect([y2011.bodies, y2011.withoutReport]).toEqual([2, 0]);
    expect(matrix.groups.find((g) => g.year === 2012)!.missing).toEqual(['丙局']);
  });

  it('keeps withReport + withoutReport equal to the bodies of every group', () => {
    for (const group of coverageMatrix(entries).groups) expect(group.withReport + group.withoutReport).toBe(group.bodies);
  });

  it('places a body in the province and level most of its reports give', () => {
    const matrix = coverageMatrix([entry('x1', '丁', 2011, '福建'), entry('x2', '丁', 2012, '福建'), entry('x3', '丁', 2013, '江苏')]);
    expect(matrix.bodies[0]?.province).toBe('福建');
  });

  it('counts a report without a year as undated, in no year', () => {
    const matrix = coverageMatrix([entry('a', '甲县', 2011), entry('u', '甲县', null)]);
    expect(matrix.bodies[0]?.undated).toEqual(['u']);
    expect(matrix.years).toEqual([2011]);
  });
});

describe('coverage CSV', () => {
  it('writes the parameters, then one row a body with report counts, blanks for missing and - for not expected', () => {
    const csv = coverageCsv(coverageMatrix(entries, { expected: 'first-to-last' }));
    expect(csv.split('\r\n')).toEqual([
      '# expected=first-to-last',
      '# reports=7',
      '# bodies=3',
      '# years=2011-2013',
      'organKey,province,level,2011,2012,2013',
      '丙局,福建,county,1,,1',
      '乙区,福建,county,-,1,1',
      '甲县,福建,county,1,1,1',
      '',
    ]);
  });

  it('quotes a field with a comma', () => {
    expect(coverageCountsCsv(coverageMatrix([entry('a', 'k', 2011, '福建,测试')]), false)).toContain('"福建,测试"');
  });
});
