import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bandKeys,
  exactKey,
  minhashSignature,
  normalisePassage,
  shingleJaccard,
  signatureSimilarity,
  splitPassages,
} from '../core/corpus/passages.js';

describe('splitPassages', () => {
  it('cuts at 。！？； and line ends, keeping offsets into the section', () => {
    const text = '本机关全年主动公开政府信息共计一百余条。\n依申请公开工作平稳有序地开展，办结率达到百分之百！';
    const spans = splitPassages(text);
    expect(spans.map((s) => s.text)).toEqual([
      '本机关全年主动公开政府信息共计一百余条。',
      '依申请公开工作平稳有序地开展，办结率达到百分之百！',
    ]);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('drops headings, table cells and closing lines shorter than 12 characters', () => {
    const text = '一、概述\n单位：件\n特此报告。\n本年度共受理政府信息公开申请若干件并全部按时答复。';
    expect(splitPassages(text).map((s) => s.text)).toEqual(['本年度共受理政府信息公开申请若干件并全部按时答复。']);
  });

  it('keeps a closing quotation mark with its sentence', () => {
    const spans = splitPassages('他说：“我们将持续推进政务公开标准化规范化建设。”下一步继续加强队伍建设和业务培训工作。');
    expect(spans[0]?.text.endsWith('。”')).toBe(true);
  });
});

describe('normalisePassage', () => {
  it('makes full-width, half-width, spaced and punctuated copies equal', () => {
    expect(normalisePassage('全年受理申请 １２ 件，办结１２件。')).toBe(normalisePassage('全年受理申请12件、办结12件'));
  });

  it('lets numbers and dates not hide a copy', () => {
    expect(normalisePassage('统计期限自2011年1月1日起至2011年12月31日止')).toBe(
      normalisePassage('统计期限自二〇二三年一月一日起至二〇二三年十二月三十一日止'),
    );
  });

  it('writes numbers and dates as # and masked names as @', () => {
    expect(normalisePassage('甲县2023年共受理申请12件', { mask: ['甲县'] })).toBe('@#年共受理申请#件');
  });

  it('masks the body’s own names, longest first', () => {
    const mask = ['平潭县', '平潭综合实验区'];
    expect(normalisePassage('平潭综合实验区管委会高度重视政务公开工作', { mask })).toBe(
      normalisePassage('平潭县管委会高度重视政务公开工作', { mask }),
    );
  });

  it('is idempotent', () => {
    const once = normalisePassage('《中华人民共和国政府信息公开条例》（以下简称《条例》）第 3 条');
    expect(normalisePassage(once)).toBe(once);
  });

  it('applies the caller’s folding step', () => {
    expect(normalisePassage('政府資訊公開', { fold: (t) => t.replace('資訊', '信息').replace('開', '开') })).toBe('政府信息公开');
  });
});

describe('fingerprints', () => {
  const a = normalisePassage('本机关进一步完善政府信息公开工作机制，明确专人负责信息发布和审核工作。');
  const nearA = normalisePassage('本机关进一步健全政府信息公开工作机制，明确专人负责信息发布和审核工作。');
  const other = normalisePassage('全年未发生因政府信息公开引起的行政复议和行政诉讼案件。');

  it('gives equal texts equal keys and signatures, deterministically', () => {
    expect(exactKey(a)).toBe(exactKey(`${a}`));
    expect(Number.isSafeInteger(exactKey(a))).toBe(true);
    expect(Array.from(minhashSignature(a))).toEqual(Array.from(minhashSignature(a)));
  });

  it('estimates a one-word change as near and an unrelated sentence as far', () => {
    expect(shingleJaccard(a, nearA)).toBeGreaterThan(0.7);
    expect(signatureSimilarity(minhashSignature(a), minhashSignature(nearA))).toBeGreaterThanOrEqual(0.7);
    expect(signatureSimilarity(minhashSignature(a), minhashSignature(other))).toBeLessThan(0.3);
  });

  it('puts a near pair into at least one shared LSH band', () => {
    const bandsA = bandKeys(minhashSignature(a));
    const bandsNear = bandKeys(minhashSignature(nearA));
    expect(bandsA.some((key, band) => bandsNear[band] === key)).toBe(true);
  });

  it('keeps band keys small non-negative integers', () => {
    for (const key of bandKeys(minhashSignature(other))) expect(key >= 0 && key < 2 ** 30).toBe(true);
  });
});

describe('splitPassages properties', () => {
  const sentenceText = fc
    .array(fc.constantFrom('政', '府', '信', '息', '公', '开', '年', '度', '报', '告', '。', '；', '\n', ' ', '1', '，', '！', '”'), {
      maxLength: 200,
    })
    .map((chars) => chars.join(''));

  it('returns ordered, non-overlapping spans that are slices of the text', () => {
    fc.assert(
      fc.property(sentenceText, (text) => {
        let last = 0;
        for (const span of splitPassages(text, { minChars: 1 })) {
          expect(span.start).toBeGreaterThanOrEqual(last);
          expect(text.slice(span.start, span.end)).toBe(span.text);
          last = span.end;
        }
      }),
    );
  });

  it('normalises idempotently', () => {
    fc.assert(fc.property(sentenceText, (text) => normalisePassage(normalisePassage(text)) === normalisePassage(text)));
  });
});
