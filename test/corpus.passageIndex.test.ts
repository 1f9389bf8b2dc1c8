import { describe, expect, it } from 'vitest';
import { DuplicateReportError, IncompatibleSnapshotError, PassageIndex } from '../core/corpus/passageIndex.js';
import { pairShares, reportShares } from '../core/corpus/shares.js';
import type { CorpusReport } from '../core/corpus/types.js';

// Small invented reports: a county and a zone that copied from it, and the county a year later.
const PREAMBLE = '本报告根据《中华人民共和国政府信息公开条例》要求，由本机关编制。';
const OWN_A = '甲县今年重点推进了农村集体资产信息在村务公开栏的逐月公示工作。';
const SHARED = '我们建立了政府信息公开保密审查机制，坚持先审查后公开的原则。';
const SHARED_EDITED = '我们健全了政府信息公开保密审查机制，坚持先审查后公开的原则。';
const OWN_B = '乙区管委会围绕海岛旅游发展，集中发布了一批招商引资项目清单。';
const NEW_2012 = '甲县二〇一二年开通了政务微博，及时回应群众关切的热点问题。';

function report(reportId: string, organ: string, year: number, province: string, sentences: string[]): CorpusReport {
  return {
    reportId,
    organ,
    province,
    level: 'county',
    year,
    sections: [{ type: 'overview', heading: '一、概述', text: sentences.join('\n') }],
  };
}

function build(): PassageIndex {
  const index = new PassageIndex();
  index.addReport(report('a2011', '甲县人民政府', 2011, '福建', [PREAMBLE, OWN_A, SHARED]));
  index.addReport(report('b2011', '乙区管委会', 2011, '福建', [PREAMBLE, OWN_B, SHARED_EDITED]));
  index.addReport(report('a2012', '甲县人民政府', 2012, '福建', [PREAMBLE, OWN_A, NEW_2012]));
  return index;
}

describe('PassageIndex', () => {
  it('keeps every passage findable while its arrays grow many times (10,000 distinct passages)', () => {
    // Distinct sentences built from digits spelled out: no two are near-repeats.
    const digits = '〇一二三四五六七八九';
    const spelled = (n: number): string => [...String(n).padStart(5, '0')].map((d) => digits[Number(d)]).join('');
    const sentence = (n: number): string => `第${spelled(n)}号文件由第${spelled(n * 7 + 3)}科室负责公开。`;
    const index = new PassageIndex();
    for (let r = 0; r < 100; r++) {
      index.addReport(
        report(
          `r${r}`,
          '甲',
          2020,
          '福建',
          Array.from({ length: 100 }, (_, i) => sentence(r * 100 + i)),
        ),
      );
    }
    expect(index.stats().distinctPassages).toBe(10_000);
    const again = new PassageIndex().addReport(report('x', '乙', 2021, '江苏', [sentence(0), sentence(9_999)]));
    const last = index.addReport(report('y', '乙', 2021, '江苏', [sentence(0), sentence(9_999)]));
    expect(last.map((p) => p.passageKey)).toEqual(again.map((p) => p.passageKey));
    expect(index.stats().distinctPassages).toBe(10_000);
  });

  it('stores a passage repeated exactly once and finds every report that has it', () => {
    const index = new PassageIndex();
    const first = index.addReport(report('x', '甲', 2020, '福建', [OWN_A]));
    const second = index.addReport(report('y', '乙', 2020, '江苏', [OWN_A]));
    expect(second[0]?.passageId).toBe(first[0]?.passageId);
    const sharing = index.sharing(first[0]!.passageId, 'x');
    expect(sharing.reports.map((r) => [r.reportId, r.match])).toEqual([['y', 'exact']]);
    expect(sharing.organs).toBe(1);
  });

  it('finds a near-repeat with a word changed and puts it in the same cluster', () => {
    const index = build();
    const a = index.reportPassages('a2011')!;
    const b = index.reportPassages('b2011')!;
    const sharedA = a.passageIds[2]!;
    const sharedB = b.passageIds[2]!;
    expect(sharedA).not.toBe(sharedB);
    expect(index.clusterOf(sharedB)).toBe(index.clusterOf(sharedA));
    const sharing = index.sharing(sharedA, 'a2011');
    expect(sharing.reports).toEqual([expect.objectContaining({ reportId: 'b2011', match: 'near' })]);
  });

  it('gives a passage and its near-repeat group keys that do not depend on the index', () => {
    const a = new PassageIndex().addReport(report('x', '甲', 2020, '福建', [OWN_A, SHARED]));
    const b = new PassageIndex().addReport(report('y', '乙', 2021, '江苏', [SHARED]));
    expect(b[0]?.passageKey).toBe(a[1]?.passageKey);
    expect(a[1]?.passageKey).toMatch(/^[0-9a-f]{13}$/);
    const grouped = build().addReport(report('z', '丙', 2012, '上海', [SHARED_EDITED]));
    expect(grouped[0]?.clusterKey).toBe(a[1]?.passageKey);
  });

  it('does not count unrelated sentences as near-repeats', () => {
    const index = build();
    const own = index.reportPassages('b2011')!.passageIds[1]!;
    expect(index.sharing(own, 'b2011').reports).toEqual([]);
  });

  it('reports the offsets and template pattern of each passage it adds', () => {
    const index = new PassageIndex();
    const passages = index.addReport(report('x', '甲', 2020, '福建', [PREAMBLE, OWN_A]));
    expect(passages.map((p) => p.templatePattern)).toEqual(['preamble-basis', null]);
    expect(passages[1]?.start).toBe(PREAMBLE.length + 1);
  });

  it('refuses a report added twice', () => {
    const index = build();
    expect(() => index.addReport(report('a2011', '甲县人民政府', 2011, '福建', [OWN_A]))).toThrow(DuplicateReportError);
  });

  it('finds the same body’s latest earlier report as its previous one', () => {
    expect(build().previousReport('a2012')?.reportId).toBe('a2011');
    expect(build().previousReport('a2011')).toBeUndefined();
  });

  it('counts each near-repeat group once', () => {
    const stats = build().stats();
    expect(stats.distinctPassages).toBe(6);
    expect(stats.clusters).toBe(5);
    expect(stats.occurrences).toBe(9);
  });
});

describe('reportShares', () => {
  it('splits a report into own, previous year, other bodies and template text, by characters', () => {
    const index = build();
    const shares = reportShares(index, 'a2012');
    expect(shares.previousReportId).toBe('a2011');
    expect(shares.passages.map((p) => p.label)).toEqual(['template', 'previousYear', 'own']);
    expect(shares.chars.total).toBe(PREAMBLE.length + OWN_A.length + NEW_2012.length);
    expect(shares.chars.own + shares.chars.previousYear + shares.chars.template + shares.chars.otherOrgans).toBe(shares.chars.total);
  });

  it('labels text another body also has as shared, naming its report', () => {
    const shares = reportShares(build(), 'b2011');
    expect(shares.passages[2]).toEqual(expect.objectContaining({ label: 'otherOrgans', evidence: ['a2011'] }));
  });

  it('labels a wording used by ten bodies in three provinces as template', () => {
    const index = new PassageIndex();
    const provinces = ['福建', '江苏', '上海'];
    for (let i = 0; i < 10; i++) index.addReport(report(`r${i}`, `机关${i}`, 2020, provinces[i % 3]!, [OWN_A]));
    const shares = reportShares(index, 'r0');
    expect(shares.passages[0]).toEqual(expect.objectContaining({ label: 'template', templateRule: 'widespread' }));
  });

  it('keeps copying among twelve bodies of one province labelled as copying', () => {
    const index = new PassageIndex();
    for (let i = 0; i < 12; i++) index.addReport(report(`r${i}`, `机关${i}`, 2020, '福建', [OWN_A]));
    expect(reportShares(index, 'r0').passages[0]?.label).toBe('otherOrgans');
  });
});

describe('pairShares', () => {
  it('lists the passages one report shares with another, exact and near, with its share of characters', () => {
    const pair = pairShares(build(), 'a2011', 'b2011');
    expect(pair.passages.map((p) => [p.ordinal, p.match])).toEqual([
      [0, 'exact'],
      [2, 'near'],
    ]);
    expect(pair.chars).toEqual({ shared: PREAMBLE.length + SHARED.length, total: PREAMBLE.length + OWN_A.length + SHARED.length });
  });
});

describe('snapshots', () => {
  it('restores an index that answers and grows as the original does', () => {
    const original = build();
    const restored = PassageIndex.restore(original.snapshot());
    const passage = original.reportPassages('a2011')!.passageIds[2]!;
    expect(restored.sharing(passage, 'a2011')).toEqual(original.sharing(passage, 'a2011'));
    expect(reportShares(restored, 'a2012')).toEqual(reportShares(original, 'a2012'));
    const next = report('b2012', '乙区管委会', 2012, '福建', [OWN_B, SHARED_EDITED, NEW_2012]);
    expect(restored.addReport(next)).toEqual(original.addReport(next));
    // Bytes may differ: a restored index sizes its lookup chains to what it holds.
    expect({ ...restored.stats(), bytes: 0 }).toEqual({ ...original.stats(), bytes: 0 });
  });

  it('gives views instead of copies when asked, with the same contents', () => {
    const index = build();
    const views = index.snapshot({ copy: false });
    expect(views).toEqual(index.snapshot());
    expect(views.keys[0]!.buffer).not.toBe(index.snapshot().keys[0]!.buffer);
    expect(index.snapshot({ copy: false }).keys[0]!.buffer).toBe(views.keys[0]!.buffer);
  });

  it('refuses a snapshot made with other template patterns', () => {
    expect(() => PassageIndex.restore(build().snapshot(), { templatePatterns: [] })).toThrow(IncompatibleSnapshotError);
  });
});
