import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { choosePrevious, commonOrder, compareReports } from '../core/corpus/compare.js';
import type { CorpusReport, CorpusSection } from '../core/corpus/types.js';

const section = (type: string, heading: string, sentences: string[]): CorpusSection => ({ type, heading, text: sentences.join('') });
const report = (reportId: string, year: number, sections: CorpusSection[], organ = '甲县'): CorpusReport => ({
  reportId,
  organ,
  province: '福建',
  level: 'county',
  year,
  sections,
});

const KEPT = '本机关坚持以公开为常态、不公开为例外的原则。';
const NUMBERS_2022 = '全年主动公开政府信息120条。';
const NUMBERS_2023 = '全年主动公开政府信息135条。';
const REWORDED_2022 = '我们进一步完善了信息发布审核机制，确保信息准确。';
const REWORDED_2023 = '我们进一步健全了信息发布审核机制，确保信息准确。';
const NEW = '今年首次开设了政策解读专栏并配发图解。';
const REMOVED = '去年网站改版期间部分栏目暂停更新。';
const PROBLEMS_2022 = '存在的问题是公开内容不够全面。';
const PROBLEMS_2023 = '下一步将重点提升公开内容的全面性。';

const previous = report('r2022', 2022, [
  section('proactive', '一、主动公开政府信息情况', [KEPT, NUMBERS_2022, REWORDED_2022, REMOVED]),
  section('problems', '四、存在的主要问题及改进情况', [PROBLEMS_2022]),
]);
const current = report('r2023', 2023, [
  section('proactive', '一、主动公开政府信息情况', [KEPT, NUMBERS_2023, NEW, REWORDED_2023]),
  section('problems', '五、存在的主要问题及改进情况', [PROBLEMS_2023]),
]);

describe('compareReports', () => {
  const comparison = compareReports(current, previous);
  const proactive = comparison.sections.find((s) => s.type === 'proactive')!;
  const changeOf = (text: string): string | undefined =>
    proactive.sentences.find((s) => s.current?.text === text || (s.current === null && s.previous?.text === text))?.change;

  it('aligns sections by type, whatever their numbering', () => {
    expect(comparison.sections.map((s) => s.type)).toEqual(['proactive', 'problems']);
    expect(proactive.previousHeadings).toEqual(['一、主动公开政府信息情况']);
  });

  it('marks an unchanged sentence kept', () => {
    expect(changeOf(KEPT)).toBe('kept');
  });

  it('marks a sentence with only its numbers changed as changed, fully alike', () => {
    const diff = proactive.sentences.find((s) => s.current?.text === NUMBERS_2023)!;
    expect([diff.change, diff.similarity, diff.previous?.text]).toEqual(['changed', 1, NUMBERS_2022]);
  });

  it('marks a sentence with a word changed as changed', () => {
    expect(changeOf(REWORDED_2023)).toBe('changed');
  });

  it('marks this year’s own sentence new and last year’s dropped one removed', () => {
    expect(changeOf(NEW)).toBe('new');
    expect(changeOf(REMOVED)).toBe('removed');
  });

  it('lists every sentence of both reports exactly once', () => {
    const currentTexts = comparison.sections.flatMap((s) => s.sentences.flatMap((d) => (d.current ? [d.current.text] : [])));
    const previousTexts = comparison.sections.flatMap((s) => s.sentences.flatMap((d) => (d.previous ? [d.previous.text] : [])));
    expect(currentTexts.sort()).toEqual([KEPT, NUMBERS_2023, NEW, REWORDED_2023, PROBLEMS_2023].sort());
    expect(previousTexts.sort()).toEqual([KEPT, NUMBERS_2022, REWORDED_2022, REMOVED, PROBLEMS_2022].sort());
  });

  it('puts last year’s problems beside this year’s', () => {
    expect(comparison.problems).toEqual({ previous: PROBLEMS_2022, current: PROBLEMS_2023 });
  });

  it('marks a sentence found out of order as kept and moved', () => {
    const a = '第一句话讲的是制度建设方面的安排。';
    const b = '第二句话讲的是平台建设方面的安排。';
    const moved = compareReports(report('n', 2023, [section('other', '', [b, a])]), report('p', 2022, [section('other', '', [a, b])]));
    // Either sentence may anchor the order; the other is the one that moved.
    expect(moved.sections[0]?.sentences.map((s) => s.change)).toEqual(['kept', 'kept']);
    expect(moved.sections[0]?.sentences.filter((s) => s.moved)).toHaveLength(1);
  });
});

describe('choosePrevious', () => {
  it('picks the same body’s latest earlier report', () => {
    const candidates = [report('a2020', 2020, []), report('a2022', 2022, []), report('b2022', 2022, [], '乙区'), report('a2024', 2024, [])];
    expect(choosePrevious(report('a2023', 2023, []), candidates)?.reportId).toBe('a2022');
  });
});

describe('commonOrder', () => {
  it('finds a longest common subsequence', () => {
    expect(commonOrder(['a', 'b', 'c', 'd'], ['b', 'x', 'd'])).toEqual([
      [1, 0],
      [3, 2],
    ]);
  });
});

describe('compareReports properties', () => {
  const pool = [KEPT, NUMBERS_2022, NUMBERS_2023, REWORDED_2022, REWORDED_2023, NEW, REMOVED, PROBLEMS_2022, PROBLEMS_2023];
  const sentences = fc.array(fc.constantFrom(...pool), { maxLength: 12 });

  it('lists every sentence of both reports exactly once, whatever they hold', () => {
    fc.assert(
      fc.property(sentences, sentences, (mine, theirs) => {
        const diff = compareReports(report('n', 2023, [section('other', '', mine)]), report('p', 2022, [section('other', '', theirs)]));
        const listed = diff.sections.flatMap((s) => s.sentences);
        return (
          listed.filter((d) => d.current).length === mine.length &&
          listed.filter((d) => d.previous).length === theirs.length &&
          diff.counts.kept + diff.counts.changed + diff.counts.new === mine.length
        );
      }),
    );
  });
});
