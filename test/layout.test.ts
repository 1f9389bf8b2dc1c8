import { describe, expect, it } from 'vitest';
import { layoutPages } from '../indexer/formats/layout.js';
import type { PlacedPage, PlacedText } from '../indexer/formats/types.js';

// A page like a real A4 report: 16 pt text from x = 74 to x = 522 (28 characters), lines 28 pt apart.
const LEFT = 74;
const SIZE = 16;
const PITCH = 28;
const WIDE = 28;

/** A run of Chinese text (one em per character) at a line number and an indent in characters. */
function run(text: string, line: number, indent = 0, size = SIZE): PlacedText {
  return { text, x: LEFT + indent * size, y: 100 + line * PITCH, width: [...text].length * size, height: size };
}

function page(...items: PlacedText[]): PlacedPage {
  return { width: 595, height: 842, items };
}

/** A full line of prose (28 characters) so the line reaches the right margin. */
const full = (seed: string): string => seed.repeat(WIDE).slice(0, WIDE);

/** Enough prose lines to give the page its margins. */
const filler = (from: number): PlacedText[] =>
  Array.from({ length: 8 }, (_, i) => run(i % 2 === 0 ? `　　${full('工').slice(2)}` : full('作'), from + i, 0));

describe('layoutPages', () => {
  it.each([
    {
      behaviour: 'joins a heading wrapped across two lines into one line',
      pages: [
        page(
          run('五、因政府信息公开申请行政复议、提起行政诉讼', 0, 6),
          run('的情况', 1),
          run('本年度未发生行政复议。', 2, 2),
          ...filler(3),
        ),
      ],
      contains: ['五、因政府信息公开申请行政复议、提起行政诉讼的情况', '本年度未发生行政复议。'],
    },
    {
      behaviour: 'joins a paragraph line that reaches the right margin with the next',
      pages: [page(run(full('政'), 0, 0), run('府信息公开。', 1), ...filler(2))],
      contains: [`${full('政')}府信息公开。`],
    },
    {
      behaviour: 'keeps a break after a short line ending with 。 and before an indented line',
      pages: [page(run('第一段结束。', 0, 2), run('第二段开始。', 1, 2), ...filler(2))],
      contains: ['第一段结束。\n第二段开始。'],
    },
    {
      behaviour: 'keeps a line set right (reaching the right margin) apart from the block paragraph after it',
      pages: [page(...filler(0), run('2023年政府信息公开工作年度报告', 8, WIDE - 18), run('本报告由某县人民政府办公室编制。', 9))],
      contains: ['2023年政府信息公开工作年度报告\n本报告由'],
    },
    {
      behaviour: 'breaks before a numbered heading even after a full line',
      pages: [page(run(full('公'), 0), run('（二）依申请公开情况', 1, 2), ...filler(2))],
      contains: [`${full('公')}\n（二）依申请公开情况`],
    },
    {
      behaviour: 'drops page numbers at the foot of the page, in every usual form',
      pages: ['- 1 -', '— 2 —', '－3－', '第4页 共5页', '5/5'].map((number) =>
        page(run('正文内容。', 0, 2), ...filler(1), { text: number, x: 280, y: 800, width: 40, height: 10 }),
      ),
      absent: ['- 1 -', '— 2 —', '－3－', '第4页', '5/5'],
    },
    {
      behaviour: 'drops a bare number alone at the bottom of a page',
      pages: [page(run('正文内容。', 0, 2), ...filler(1), { text: '7', x: 290, y: 805, width: 6, height: 10 })],
      absent: ['\n7'],
    },
    {
      behaviour: 'drops a running header repeated at the top of most pages, but not the title of the same words',
      pages: [1, 2, 3].map((n) =>
        page(
          { text: '某县2023年政府信息公开工作年度报告', x: 300, y: 40, width: 160, height: 9 },
          ...(n === 1 ? [{ text: '某县2023年政府信息公开工作年度报告', x: 120, y: 80, width: 360, height: 22 }] : []),
          run(`第${n}页的正文。`, 1, 2),
          ...filler(2),
        ),
      ),
      count: { text: '某县2023年政府信息公开工作年度报告', times: 1 },
    },
    {
      behaviour: "drops a browser's print header and footer: date | title on top, a long address | page of pages below",
      pages: [1, 2, 3].map((n) =>
        page(
          { text: '2024/3/5 10:12', x: 20, y: 20, width: 60, height: 8 },
          { text: '某县2023年政府信息公开工作年度报告_某县人民政府', x: 230, y: 20, width: 200, height: 8 },
          run(`第${n}页的正文。`, 1, 2),
          ...filler(2),
          {
            text: 'https://www.example.gov.cn/art/2024/3/5/art_1229_5678901.html?from=zwgk&page=annual-report',
            x: 20,
            y: 825,
            width: 400,
            height: 8,
          },
          { text: `${n}/3`, x: 560, y: 825, width: 12, height: 8 },
        ),
      ),
      absent: ['2024/3/5', '_某县人民政府', 'https://', '/3'],
      contains: ['第1页的正文。', '第3页的正文。'],
    },
    {
      behaviour: 'rebuilds table rows with cells joined by " | "',
      pages: [
        page(
          ...filler(0),
          { text: '信息内容', x: 80, y: 400, width: 40, height: 10 },
          { text: '本年制发件数', x: 250, y: 400, width: 60, height: 10 },
          { text: '现行有效件数', x: 400, y: 400, width: 60, height: 10 },
          { text: '规章', x: 80, y: 425, width: 20, height: 10 },
          { text: '0', x: 270, y: 427, width: 5, height: 10 },
          { text: '11', x: 420, y: 427, width: 10, height: 10 },
        ),
      ],
      contains: ['信息内容 | 本年制发件数 | 现行有效件数\n规章 | 0 | 11'],
    },
    {
      behaviour: 'joins a cell that wraps onto a second line inside its row',
      pages: [
        page(
          ...filler(0),
          { text: '信息内容', x: 80, y: 400, width: 40, height: 10 },
          { text: '数量', x: 300, y: 400, width: 20, height: 10 },
          { text: '（二）部分公开（区分处理的，只计这一情', x: 80, y: 425, width: 190, height: 10 },
          { text: '447', x: 300, y: 431, width: 15, height: 10 },
          { text: '形，不计其他情形）', x: 80, y: 437, width: 90, height: 10 },
          { text: '规章', x: 80, y: 460, width: 20, height: 10 },
          { text: '5', x: 300, y: 460, width: 5, height: 10 },
        ),
      ],
      contains: ['（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 447\n规章 | 5'],
    },
    {
      behaviour: 'never puts a space between Chinese characters, keeps the spaces the PDF has around numbers',
      pages: [
        page(
          { text: '全年', x: LEFT + 32, y: 100, width: 32, height: SIZE },
          { text: ' ', x: LEFT + 64, y: 100, width: 60, height: SIZE },
          { text: '2023', x: LEFT + 68, y: 100, width: 32, height: SIZE },
          { text: ' ', x: LEFT + 100, y: 100, width: 60, height: SIZE },
          { text: '年', x: LEFT + 104, y: 100, width: 16, height: SIZE },
          { text: '受', x: LEFT + 124, y: 100, width: 16, height: SIZE },
          { text: '理 申 请。', x: LEFT + 140, y: 100, width: 80, height: SIZE },
          ...filler(1),
        ),
      ],
      contains: ['全年 2023 年受理申请。'],
    },
    {
      behaviour: 'keeps digits placed one by one (with a little letter spacing) as one number',
      pages: [
        page(
          run('德清县', 0, 2),
          ...[...'2021'].map((digit, i) => ({ text: digit, x: LEFT + 80 + i * 9.6, y: 100, width: 8, height: SIZE })),
          { ...run('年报告。', 0, 2), x: LEFT + 80 + 4 * 9.6 },
          ...filler(1),
        ),
      ],
      contains: ['德清县2021年报告。'],
    },
    {
      behaviour: 'keeps digits of one source (an OFD TextObject drawn glyph by glyph) as one number, however far apart',
      pages: [
        page(
          ...[...'德清县2021年报告。'].map((glyph, i) => ({
            text: glyph,
            x: LEFT + (2 + i) * SIZE,
            y: 100,
            width: 0,
            height: SIZE,
            source: 7,
          })),
          ...filler(1),
        ),
      ],
      contains: ['德清县2021年报告。'],
    },
    {
      behaviour: 'joins digits a reader spaced out in a letter-spaced line (glyphs drawn one by one, apart)',
      pages: [
        page(
          ...[...'我旗共主动公开政府信息'].map((glyph, i) => ({ text: glyph, x: LEFT + 32 + i * 19, y: 100, width: SIZE, height: SIZE })),
          { text: '1 5 1', x: LEFT + 32 + 11 * 19, y: 100, width: 30, height: SIZE },
          { text: '条。', x: LEFT + 32 + 11 * 19 + 33, y: 100, width: 32, height: SIZE },
          ...filler(1),
        ),
      ],
      contains: ['我旗共主动公开政府信息151条。'],
    },
    {
      behaviour: 'keeps single figures apart where the line is not letter-spaced (a row of a text table)',
      pages: [page(run('本年新收申请数量', 0, 2), { text: '6 0 0 6', x: LEFT + 10 * SIZE, y: 100, width: 50, height: SIZE }, ...filler(1))],
      contains: ['6 0 0 6'],
    },
    {
      behaviour: 'keeps a space between two Latin words, stated or shown by a gap',
      pages: [
        page(
          { text: 'Open', x: LEFT + 32, y: 100, width: 32, height: SIZE },
          { text: ' ', x: LEFT + 64, y: 100, width: 4, height: SIZE },
          { text: 'Data', x: LEFT + 68, y: 100, width: 32, height: SIZE },
          { text: 'Open', x: LEFT + 32, y: 100 + PITCH, width: 32, height: SIZE },
          { text: 'Data', x: LEFT + 70, y: 100 + PITCH, width: 32, height: SIZE },
          ...filler(2),
        ),
      ],
      contains: ['Open Data\nOpen Data\n'],
    },
    {
      behaviour: 'joins a line with figures (its width unknown, digits half an em) that reaches the right margin',
      pages: [page({ ...run('按规定本报告所列数据的统计期限为2021年1月1日至12月31', 0, 2), width: 0 }, run('日。', 1), ...filler(2))],
      contains: ['统计期限为2021年1月1日至12月31日。'],
    },
    {
      behaviour: 'reads radical code points (Kangxi and supplement, as Chromium/Skia maps them) as the ideographs drawn',
      pages: [page(run('中华\u2f08\u2ea0共和国政府信息公开\u2f2f作，\u2ed4户网站意\u2ec5。', 0, 2), ...filler(1))],
      contains: ['中华人民共和国政府信息公开工作，门户网站意见。'],
    },
    {
      behaviour: 'reads runs in any order: top to bottom, left to right',
      pages: [page(...[run('第二行。', 1, 2), run('第一', 0, 2), { ...run('行。', 0, 2), x: LEFT + 64 }, ...filler(2)].reverse())],
      contains: ['第一行。\n第二行。'],
    },
  ])('$behaviour', ({ pages, contains, absent, count }) => {
    const text = layoutPages(pages);
    for (const phrase of contains ?? []) expect(text).toContain(phrase);
    for (const phrase of absent ?? []) expect(text).not.toContain(phrase);
    if (count) expect(text.split(count.text).length - 1).toBe(count.times);
    expect(text.split('\n').every((line) => line.trim() !== '')).toBe(true);
  });

  it('gives nothing for no pages or pages without text, and skips runs with bad coordinates', () => {
    expect(layoutPages([])).toBe('');
    expect(layoutPages([{ width: 0, height: 0, items: [] }])).toBe('');
    expect(layoutPages([page({ text: '坏', x: Number.NaN, y: 1, width: 1, height: 1 }, run('好。', 0))])).toBe('好。');
  });
});
