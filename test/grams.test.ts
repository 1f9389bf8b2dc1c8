import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bigramTerms, phraseNeedsVerification, unitCodes } from '../core/grams.js';
import { BIGRAMS_BY_FREQUENCY } from '../core/bigramRanks.js';
import { HAN_BY_FREQUENCY } from '../core/hanRanks.js';
import { toUnits } from '../core/units.js';

const codesOf = (text: string) => unitCodes(toUnits(text));
/** The bigram table's pairs as text (`|` is a break, which any punctuation also is). */
const tablePairs = (): string[] => {
  const chars = Array.from(BIGRAMS_BY_FREQUENCY);
  return Array.from({ length: chars.length / 2 }, (_, i) => chars[i * 2]! + chars[i * 2 + 1]!);
};

describe('grams: index terms', () => {
  it('gives one term per pair of neighbouring units, made of lowercase letters only', () => {
    const terms = bigramTerms(codesOf('保密审查'));
    expect(terms).toHaveLength(3);
    for (const term of terms) expect(term).toMatch(/^[a-z]+$/);
  });

  it('codes traditional and simplified characters the same', () => {
    expect(codesOf('報告審查')).toEqual(codesOf('报告审查'));
  });

  it('cuts long words into chunks, marking all but the last', () => {
    const codes = codesOf('abcdefghijklmnopq');
    expect(codes).toHaveLength(2);
    expect(codes[0]!.startsWith('y')).toBe(true);
    expect(codesOf('abcdefghijkl')[0]).not.toBe(codes[0]);
  });

  it('codes the most frequent characters in two letters, the next in three, any other in four', () => {
    const [frequent, next, rare] = [HAN_BY_FREQUENCY[0]!, Array.from(HAN_BY_FREQUENCY)[600]!, '𠀀'];
    expect(codesOf(frequent)[0]).toMatch(/^[a-w]{2}$/);
    expect(codesOf(next)[0]).toMatch(/^[a-w]{3}$/);
    expect(codesOf(rare)[0]).toMatch(/^[a-w]{4}$/);
    expect(codesOf('龘')[0]).toMatch(/^[a-w]{4}$/);
  });

  it('gives every character of the table and beyond its own code', () => {
    const table = Array.from(HAN_BY_FREQUENCY);
    // Characters that are their own unit (a traditional one is coded as its simplified unit).
    const others = Array.from({ length: 3_000 }, (_, i) => String.fromCodePoint(0x4e00 + i * 7)).filter(
      (c) => !table.includes(c) && toUnits(c).values[0] === c,
    );
    const codes = [...table, ...others].map((char) => codesOf(char)[0]!);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('decodes uniquely: different unit pairs never share a term', () => {
    const table = Array.from(HAN_BY_FREQUENCY);
    const han = fc.oneof(
      fc.constantFrom(...table),
      fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCodePoint(code)),
    );
    const unit = fc.oneof(han, fc.constantFrom('报', '告', '审', '查', '，', '𠀀'), fc.stringMatching(/^[a-z0-9]{1,20}$/));
    fc.assert(
      fc.property(unit, unit, unit, unit, (a, b, c, d) => {
        const left = bigramTerms(codesOf(`${a} ${b}`));
        const right = bigramTerms(codesOf(`${c} ${d}`));
        const same = codesOf(`${a} ${b}`).join('|') === codesOf(`${c} ${d}`).join('|');
        if (!same && left.length === 1 && right.length === 1) expect(left[0]).not.toBe(right[0]);
      }),
      { numRuns: 5_000 },
    );
  });

  it('gives the pairs of the bigram table short terms: z and two letters, then z and three', () => {
    const pairs = tablePairs();
    expect(pairs.length).toBeGreaterThan(529);
    expect(bigramTerms(codesOf(pairs[0]!))).toEqual(['zaa']);
    expect(bigramTerms(codesOf(pairs[528]!))[0]).toMatch(/^z[a-w]{2}$/);
    expect(bigramTerms(codesOf(pairs[529]!))).toEqual(['zaaa']);
  });

  it('keeps the long term for a pair outside the table', () => {
    const pairs = new Set(tablePairs());
    expect(pairs.has('龘龘')).toBe(false);
    const [code] = codesOf('龘');
    expect(bigramTerms(codesOf('龘龘'))).toEqual([`${code}z${code}`]);
  });

  it('gives every pair of the table its own term, which no pair outside the table has', () => {
    const terms = tablePairs().map((pair) => bigramTerms(codesOf(pair)));
    for (const term of terms) expect(term).toHaveLength(1);
    const short = terms.map(([term]) => term!);
    expect(new Set(short).size).toBe(short.length);
    // A long term never starts with z: the first unit's code is never empty.
    for (const term of short) expect(term.startsWith('z')).toBe(true);
  });

  it('decodes uniquely with the table: pairs from the table and outside it never share a term', () => {
    const tableUnits = Array.from(new Set(Array.from(BIGRAMS_BY_FREQUENCY))).map((char) => (char === '|' ? '，' : char));
    const unit = fc.oneof(fc.constantFrom(...tableUnits), fc.constantFrom('龘', '𠀀', 'abc', '2019'));
    fc.assert(
      fc.property(unit, unit, unit, unit, (a, b, c, d) => {
        const [left, right] = [codesOf(`${a} ${b}`), codesOf(`${c} ${d}`)];
        if (left.length === 2 && right.length === 2 && left.join('|') !== right.join('|')) {
          expect(bigramTerms(left)[0]).not.toBe(bigramTerms(right)[0]);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([
    ['保密', false],
    ['保密审', false],
    ['保密审查', false],
    ['公开公开', true], // first bigram = last bigram
    ['公开开放', true], // middle units equal
    ['公开透明', false],
    ['开放公开', true], // first unit equals the last
    ['政府信息公开', true],
  ])('%s needs verification: %s', (phrase, expected) => {
    expect(phraseNeedsVerification(codesOf(phrase))).toBe(expected);
  });
});
