import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, highlightHtml, snippetHtml, type OccurrenceAnchor } from '../server/highlight.js';

const anchor = (id: string, position: number, total: number, previousId: string | null, nextId: string | null): OccurrenceAnchor => ({
  id,
  position,
  total,
  previousId,
  nextId,
});

/** The text a browser would show, with every tag removed and entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    [`"引号" 'single' & more`, '&quot;引号&quot; &#39;single&#39; &amp; more'],
    ['&lt; stays literal', '&amp;lt; stays literal'],
    ['保密审查', '保密审查'],
  ])('escapes %j', (text, expected) => {
    expect(escapeHtml(text)).toBe(expected);
  });
});

describe('highlightHtml', () => {
  it.each([
    ['marks one occurrence', '加强保密审查工作', [{ start: 2, end: 6 }], '加强<mark>保密审查</mark>工作'],
    [
      'marks at the very start and end',
      '审查到审查',
      [
        { start: 0, end: 2 },
        { start: 3, end: 5 },
      ],
      '<mark>审查</mark>到<mark>审查</mark>',
    ],
    ['returns the escaped text without occurrences', 'a<b', [], 'a&lt;b'],
    ['escapes inside and around a mark', '<b>保密</b>', [{ start: 3, end: 5 }], '&lt;b&gt;<mark>保密</mark>&lt;/b&gt;'],
    ['marks a match that contains markup characters', 'x<y>z', [{ start: 1, end: 4 }], 'x<mark>&lt;y&gt;</mark>z'],
    [
      'ignores empty and out-of-range spans',
      '保密',
      [
        { start: 1, end: 1 },
        { start: 5, end: 9 },
      ],
      '保密',
    ],
    ['clamps a span running past the end', '保密', [{ start: 1, end: 9 }], '保<mark>密</mark>'],
    // 𠀀 is two UTF-16 code units: offsets count code units, as the search layer reports them.
    ['keeps offsets right after characters outside the BMP', '𠀀𠀁保密', [{ start: 4, end: 6 }], '𠀀𠀁<mark>保密</mark>'],
    [
      'covers overlapping occurrences without gaps, starting a mark at each start',
      '哈哈哈',
      [
        { start: 0, end: 2 },
        { start: 1, end: 3 },
      ],
      '<mark>哈</mark><mark>哈哈</mark>',
    ],
    [
      'merges nothing across unmarked text',
      '哈x哈',
      [
        { start: 0, end: 1 },
        { start: 2, end: 3 },
      ],
      '<mark>哈</mark>x<mark>哈</mark>',
    ],
    [
      'accepts occurrences out of order',
      'ab ab',
      [
        { start: 3, end: 5 },
        { start: 0, end: 2 },
      ],
      '<mark>ab</mark> <mark>ab</mark>',
    ],
  ])('%s', (_name, text, occurrences, expected) => {
    expect(highlightHtml(text, occurrences)).toBe(expected);
  });

  it('never lets the text open a tag: the only tags are the marks it adds', () => {
    const text = '<script>alert(1)</script>保密审查<img src=x onerror=alert(1)>';
    const html = highlightHtml(text, [
      { start: 25, end: 29 },
      { start: 0, end: 8 },
    ]);
    expect(html.match(/<[^>]*>/g)).toEqual(['<mark>', '</mark>', '<mark>', '</mark>']);
    expect(visibleText(html)).toBe(text);
  });

  it('puts each anchor on its mark and the navigation after the marked run', () => {
    const html = highlightHtml('哈哈哈', [
      { start: 0, end: 2, anchor: anchor('occ-s1-0', 1, 2, null, 'occ-s1-1') },
      { start: 1, end: 3, anchor: anchor('occ-s1-1', 2, 2, 'occ-s1-0', null) },
    ]);
    expect(html).toBe(
      '<mark id="occ-s1-0">哈</mark><mark id="occ-s1-1">哈哈</mark>' +
        '<sup class="occ-nav">1/2<a class="occ-link" href="#occ-s1-1" title="下一处" aria-label="下一处">›</a></sup>' +
        '<sup class="occ-nav">2/2<a class="occ-link" href="#occ-s1-0" title="上一处" aria-label="上一处">‹</a></sup>',
    );
  });

  it('keeps both anchors when two occurrences start at the same place', () => {
    const html = highlightHtml('保密审查', [
      { start: 0, end: 2, anchor: anchor('occ-a', 1, 2, null, 'occ-b') },
      { start: 0, end: 4, anchor: anchor('occ-b', 2, 2, 'occ-a', null) },
    ]);
    expect(html).toContain('<span class="occ-anchor" id="occ-b"></span><mark id="occ-a">保密审查</mark>');
    expect(visibleText(html)).toBe('保密审查1/2›2/2‹');
  });

  it('shows exactly the original text for any text and any spans (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '/', '=', '保', '密', '𠀀', 'a', ' ', '\n'), maxLength: 40 }),
          fc.string({ unit: 'grapheme', maxLength: 40 }),
        ),
        fc.array(fc.tuple(fc.nat(60), fc.nat(20)), { maxLength: 6 }),
        (text, raw) => {
          const occurrences = raw.map(([start, length]) => ({ start, end: start + length }));
          const html = highlightHtml(text, occurrences);
          expect(visibleText(html)).toBe(text);
          expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
        },
      ),
    );
  });
});

describe('snippetHtml', () => {
  const long = `${'甲'.repeat(100)}保密审查${'乙'.repeat(300)}`;

  it('cuts a window around the first occurrence, with ellipses where it cut', () => {
    const html = snippetHtml(long, [{ start: 100, end: 104 }], { before: 10, width: 30 });
    expect(html).toBe(`…${'甲'.repeat(10)}<mark>保密审查</mark>${'乙'.repeat(16)}…`);
  });

  it('shows the start of the text when nothing matched in it', () => {
    expect(snippetHtml('总体情况良好。', [], { before: 10, width: 4 })).toBe('总体情况…');
  });

  it('never cuts a character outside the BMP in two', () => {
    const text = `${'𠀀'.repeat(10)}保密`;
    const html = snippetHtml(text, [{ start: 20, end: 22 }], { before: 3, width: 10 });
    expect(html).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u);
    expect(html).toContain('<mark>保密</mark>');
  });

  it('shows no space where a line break fell between two Chinese characters', () => {
    expect(snippetHtml('在北京路步\n行街设点。', [])).toBe('在北京路步行街设点。');
  });

  it('marks a phrase cut by a line break as one piece', () => {
    expect(snippetHtml('严格保密\n审查制度', [{ start: 2, end: 7 }])).toBe('严格<mark>保密审查</mark>制度');
  });

  it('keeps a space where a line break separated two numbers', () => {
    expect(snippetHtml('共 12\n34 件', [])).toBe('共 12 34 件');
  });

  it('escapes the window before marking it', () => {
    const text = '<script>x</script>保密';
    expect(snippetHtml(text, [{ start: 18, end: 20 }])).toBe('&lt;script&gt;x&lt;/script&gt;<mark>保密</mark>');
  });
});
