import { describe, expect, it } from 'vitest';
import { formatNumber, labelNumberedParagraphs } from '../indexer/formats/docxNumbering.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A paragraph: its text, and the list (numId, level) or style it names. */
function p(text: string, options: { num?: [string, number]; style?: string } = {}): string {
  const style = options.style === undefined ? '' : `<w:pStyle w:val="${options.style}"/>`;
  const num = options.num === undefined ? '' : `<w:numPr><w:ilvl w:val="${options.num[1]}"/><w:numId w:val="${options.num[0]}"/></w:numPr>`;
  const pPr = style === '' && num === '' ? '' : `<w:pPr>${style}${num}</w:pPr>`;
  return `<w:p>${pPr}<w:r><w:t>${text}</w:t></w:r></w:p>`;
}

const documentOf = (...paragraphs: string[]): string =>
  `<?xml version="1.0"?><w:document ${W}><w:body>${paragraphs.join('')}</w:body></w:document>`;

function level(ilvl: number, format: string, text: string, extra = ''): string {
  return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
}

/** Abstract list 1: 一、 / （一） / 1. ; lists 1 and 2 use it, list 3 restarts it at 1, list 4 is bullets. */
const NUMBERING = `<?xml version="1.0"?><w:numbering ${W}>
<w:abstractNum w:abstractNumId="1">${level(0, 'chineseCounting', '%1、', '<w:pStyle w:val="Heading1"/>')}${level(1, 'chineseCountingThousand', '（%2）', '<w:pStyle w:val="SubHeading"/>')}${level(2, 'decimal', '%3.')}</w:abstractNum>
<w:abstractNum w:abstractNumId="2">${level(0, 'bullet', '●')}</w:abstractNum>
<w:abstractNum w:abstractNumId="3">${level(0, 'decimal', '%1.')}${level(1, 'decimal', '%1.%2', '<w:lvlRestart w:val="0"/>')}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>
</w:numbering>`;

const STYLES = `<?xml version="1.0"?><w:styles ${W}>
<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>
<w:style w:type="paragraph" w:styleId="SubHeading"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
</w:styles>`;

/** The paragraphs' texts after labelling, labels included. */
function texts(...paragraphs: string[]): string[] {
  const { xml } = labelNumberedParagraphs(documentOf(...paragraphs), { numbering: NUMBERING, styles: STYLES });
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

describe('formatNumber', () => {
  it.each<[number, string, string]>([
    [1, 'chineseCounting', '一'],
    [9, 'chineseCounting', '九'],
    [10, 'chineseCounting', '十'],
    [11, 'chineseCounting', '十一'],
    [19, 'chineseCountingThousand', '十九'],
    [20, 'chineseCountingThousand', '二十'],
    [21, 'taiwaneseCountingThousand', '二十一'],
    [105, 'chineseCounting', '一百零五'],
    [10, 'chineseLegalSimplified', '壹拾'],
    [3, 'ideographTraditional', '丙'],
    [11, 'ideographTraditional', '甲'],
    [2, 'ideographZodiac', '丑'],
    [10, 'ideographDigital', '一〇'],
    [3, 'decimalEnclosedCircle', '③'],
    [2, 'decimalEnclosedParen', '⑵'],
    [12, 'decimalFullWidth', '１２'],
    [4, 'upperRoman', 'IV'],
    [28, 'lowerLetter', 'bb'],
    [7, 'decimalZero', '07'],
    [7, 'someFutureFormat', '7'],
  ])('writes %i in %s as %s', (value, format, expected) => {
    expect(formatNumber(value, format)).toBe(expected);
  });

  it('counts 一 to 二十 as Word does', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => formatNumber(i + 1, 'chineseCounting'));
    expect(twenty.join(' ')).toBe('一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十');
  });
});

describe('labelNumberedParagraphs', () => {
  it('writes the label of each numbered paragraph in front of its text', () => {
    expect(
      texts(
        p('总体情况', { num: ['1', 0] }),
        p('主动公开。', { num: ['1', 1] }),
        p('正文'),
        p('依申请公开。', { num: ['1', 1] }),
        p('属于国家秘密', { num: ['1', 2] }),
      ),
    ).toEqual(['一、总体情况', '（一）主动公开。', '正文', '（二）依申请公开。', '1.属于国家秘密']);
  });

  it('numbers headings through their style, following basedOn', () => {
    expect(texts(p('总体情况', { style: 'Heading1' }), p('正文'), p('主动公开政府信息情况', { style: 'MyHeading' }))).toEqual([
      '一、总体情况',
      '正文',
      '二、主动公开政府信息情况',
    ]);
  });

  it("takes the level from the abstract list's w:pStyle when the style names only the list", () => {
    expect(
      texts(p('总体情况', { style: 'Heading1' }), p('主动公开', { style: 'SubHeading' }), p('依申请公开', { style: 'SubHeading' })),
    ).toEqual(['一、总体情况', '（一）主动公开', '（二）依申请公开']);
  });

  it('restarts a level after a higher level, and continues a list across lists of the same abstract list', () => {
    expect(
      texts(
        p('甲', { num: ['1', 0] }),
        p('a', { num: ['1', 1] }),
        p('b', { num: ['1', 1] }),
        p('乙', { num: ['2', 0] }),
        p('c', { num: ['2', 1] }),
      ),
    ).toEqual(['一、甲', '（一）a', '（二）b', '二、乙', '（一）c']);
  });

  it('starts again where a list with a start override is first used', () => {
    expect(texts(p('甲', { num: ['1', 0] }), p('乙', { num: ['1', 0] }), p('丙', { num: ['3', 0] }), p('丁', { num: ['3', 0] }))).toEqual([
      '一、甲',
      '二、乙',
      '一、丙',
      '二、丁',
    ]);
  });

  it('keeps counting a level whose lvlRestart is 0, and writes higher levels into the label', () => {
    expect(texts(p('a', { num: ['5', 0] }), p('b', { num: ['5', 1] }), p('c', { num: ['5', 0] }), p('d', { num: ['5', 1] }))).toEqual([
      '1.a',
      '1.1b',
      '2.c',
      '2.2d',
    ]);
  });

  it('counts to 二十 and beyond', () => {
    const labels = texts(...Array.from({ length: 21 }, () => p('项', { num: ['1', 0] })));
    expect(labels.slice(9)).toEqual([
      '十、项',
      '十一、项',
      '十二、项',
      '十三、项',
      '十四、项',
      '十五、项',
      '十六、项',
      '十七、项',
      '十八、项',
      '十九、项',
      '二十、项',
      '二十一、项',
    ]);
  });

  it('leaves bullets, numId 0 and unknown lists without a label', () => {
    const off =
      '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不编号</w:t></w:r></w:p>';
    expect(texts(p('要点', { num: ['4', 0] }), off, p('无此列表', { num: ['9', 0] }))).toEqual(['要点', '不编号', '无此列表']);
  });

  it("reads the paragraph's own numbering, not that of a tracked change", () => {
    const changed =
      '<w:p><w:pPr><w:pPrChange w:id="1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>已取消编号</w:t></w:r></w:p>';
    expect(texts(changed)).toEqual(['已取消编号']);
  });

  it('labels the mc:Fallback copy of a text box, which mammoth reads, and counts it once', () => {
    const box = (where: string): string => `<mc:${where}><w:txbxContent>${p('文本框', { num: ['1', 0] })}</w:txbxContent></mc:${where}>`;
    const anchored = `<w:p><w:r><mc:AlternateContent>${box('Choice')}${box('Fallback')}</mc:AlternateContent></w:r></w:p>`;
    expect(texts(anchored, p('之后', { num: ['1', 0] }))).toEqual(['文本框', '一、文本框', '二、之后']);
  });

  it('reads another prefix bound to the WordprocessingML namespace', () => {
    const xml = documentOf(p('总体情况', { num: ['1', 0] }))
      .replace(/w:/g, 'ns0:')
      .replace('xmlns:w=', 'xmlns:ns0=');
    const numbering = NUMBERING.replace(/w:/g, 'x:').replace('xmlns:w=', 'xmlns:x=');
    expect(labelNumberedParagraphs(xml, { numbering, styles: null }).xml).toContain('<ns0:t xml:space="preserve">一、</ns0:t>');
  });

  it('changes nothing in a document without numbering', () => {
    const xml = documentOf(p('总体情况', { num: ['1', 0] }));
    expect(labelNumberedParagraphs(xml, { numbering: null, styles: STYLES })).toEqual({ xml, labelled: 0 });
  });
});
