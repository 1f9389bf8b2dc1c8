import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findOccurrences, prepareText } from '../core/match.js';
import { toUnits, unitKey, UnitKind } from '../core/units.js';

const keyOf = (text: string) => unitKey(toUnits(text));
const matches = (text: string, phrase: string) => findOccurrences(prepareText(text), keyOf(phrase)).length > 0;

describe('units: the exact-search rule', () => {
  it.each([
    ['報告', '报告'],
    ['政府信息公開', '政府信息公开'],
    ['保密審查', '保密审查'],
    ['ＡＢ角', 'ab角'],
    ['２０１９年', '2019年'],
    ['互联网＋政务服务', '互联网+政务服务'],
    ['報(bào)告', '报告'],
    ['區(qū)政府', '区政府'],
  ])('normalises %s like %s', (a, b) => {
    expect(keyOf(a)).toBe(keyOf(b));
  });

  it.each([
    ['保密\n审查', '保密审查'],
    ['保密 审查', '保密审查'],
    ['保 密\r\n 审 查', '保密审查'],
  ])('ignores whitespace between Chinese characters: %j', (text, phrase) => {
    expect(matches(text, phrase)).toBe(true);
  });

  it.each([
    ['保密，审查', '保密审查', false],
    ['保密，审查', '保密,审查', true],
    ['保密，审查', '保密。审查', true],
    ['保密 ， 审查', '保密，审查', true],
    ['信息,公开', '信息公开', false],
    ['市政府网站', '政府网站', true],
    ['镇政府信息公开', '政府信息公开', true],
    ['政府信息公开', '息公开', true],
    ['AB角', 'A', false],
    ['AB角', 'ab', true],
    ['AB 角', 'ab角', true],
    ['20190', '2019', false],
    ['2019年', '2019', true],
  ])('in %j, %j matches: %s', (text, phrase, expected) => {
    expect(matches(text, phrase)).toBe(expected);
  });

  it('gives every unit its span in the original text', () => {
    const text = '報(bào)告 AB角，';
    const units = toUnits(text);
    expect(units.kinds).toEqual([UnitKind.Han, UnitKind.Han, UnitKind.Word, UnitKind.Han, UnitKind.Break]);
    expect(units.starts.map((s, i) => text.slice(s, units.ends[i]))).toEqual(['報', '告', 'AB', '角', '，']);
  });

  it('finds overlapping occurrences at their original positions', () => {
    const text = '哈哈哈 報告';
    expect(findOccurrences(prepareText(text), keyOf('哈哈'))).toEqual([
      { start: 0, end: 2 },
      { start: 1, end: 3 },
    ]);
    expect(findOccurrences(prepareText(text), keyOf('报告'))).toEqual([{ start: 4, end: 6 }]);
  });

  it('is idempotent: normalising the normalised text changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const units = toUnits(text);
        const again = toUnits(units.values.map((v, i) => (units.kinds[i] === UnitKind.Break ? '，' : v)).join(' '));
        expect(unitKey(again)).toBe(unitKey(units));
      }),
    );
  });

  it('never throws and keeps spans inside the text for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const units = toUnits(text);
        units.starts.forEach((start, i) => {
          expect(start).toBeGreaterThanOrEqual(0);
          expect(units.ends[i]!).toBeLessThanOrEqual(text.length);
          expect(units.ends[i]!).toBeGreaterThan(start);
        });
      }),
    );
  });
});

describe('radical code points', () => {
  it('are the ideographs they are drawn as (⼈⺠ as some PDFs name 人民)', () => {
    expect(unitKey(toUnits('中华⼈⺠共和国'))).toBe(unitKey(toUnits('中华人民共和国')));
  });
});
