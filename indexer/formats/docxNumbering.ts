// Word's automatic numbering, written back into the text. In a DOCX the "一、" of a heading, the
// "（一）" of a sub-heading and the "1." of a list item are often not characters of the paragraph:
// Word draws them from word/numbering.xml (a level's numFmt, such as chineseCounting, and its
// lvlText, such as "%1、" or "（%1）"), for paragraphs that name a list (w:numPr) or whose style
// does. mammoth renders such paragraphs as list items without the numerals, and the section
// splitter then finds no headings. So before mammoth reads word/document.xml, each numbered
// paragraph gets its label as a run of text at its start, as Word would show it.
//
// Order of decisions, for each paragraph of the body in document order: its list and level (its
// own w:numPr, else its style's, following w:basedOn; a w:numId of 0 turns numbering off); the
// level's definition (the list's w:lvlOverride, else the abstract list's, following
// w:numStyleLink); its counter (counters belong to the abstract list, so lists that share one
// continue each other, except that a list with a w:startOverride starts again where it is first
// used; a level restarts after any higher level unless w:lvlRestart says otherwise); then the
// label, each %n in lvlText replaced by level n's counter in level n's format.
//
// Invariants: pure (XML strings in, XML string out); only whole runs are inserted, right after a
// paragraph's properties, so the rest of the document is left byte for byte; bullets and levels
// whose format is none get no label; paragraphs inside mc:Choice are left alone (mammoth reads the
// mc:Fallback copy of the same text box); nothing is inserted when the document has no numbering.

/** The main WordprocessingML namespaces (transitional and strict). */
const MAIN_NAMESPACES = [
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
];

/** The parts that define numbering; null when the document has none. */
export interface NumberingParts {
  numbering: string | null;
  styles: string | null;
}

/** word/document.xml with each numbered paragraph's label written in front of its text, and how many were labelled. */
export function labelNumberedParagraphs(documentXml: string, parts: NumberingParts): { xml: string; labelled: number } {
  if (parts.numbering === null) return { xml: documentXml, labelled: 0 };
  const numbering = readNumbering(parts.numbering);
  if (numbering.nums.size === 0) return { xml: documentXml, labelled: 0 };
  const styles = parts.styles === null ? new Map<string, StyleNumbering>() : readStyles(parts.styles);
  resolveStyleLinks(numbering, styles);
  const w = prefixOf(documentXml);
  const counters = new Counters(numbering);
  const inserts: Array<{ at: number; label: string }> = [];

  const stack: string[] = [];
  const paragraphs: OpenParagraph[] = [];
  let choiceDepth = 0;
  for (const tag of tags(documentXml)) {
    const local = tag.name === `${w}p` ? 'p' : tag.name.startsWith(w) ? tag.name.slice(w.length) : null;
    if (tag.kind === 'close') {
      if (tag.name === 'mc:Choice') choiceDepth--;
      stack.pop();
      if (local === 'p') {
        const paragraph = paragraphs.pop();
        if (paragraph === undefined || paragraph.inChoice) continue;
        const label = counters.next(resolveList(paragraph, styles, numbering));
        if (label !== null && label !== '') inserts.push({ at: paragraph.pPrEnd ?? paragraph.start, label });
      } else if (local === 'pPr' && stack[stack.length - 1] === `${w}p`) {
        const paragraph = paragraphs[paragraphs.length - 1];
        if (paragraph !== undefined) paragraph.pPrEnd = tag.end;
      }
      continue;
    }
    const parent = stack[stack.length - 1];
    const paragraph = paragraphs[paragraphs.length - 1];
    if (paragraph !== undefined && local !== null) {
      // Only the paragraph's own properties count, not those of a tracked change (w:pPrChange).
      const inOwnPPr = stack[stack.length - 2] === `${w}p` && parent === `${w}pPr`;
      const inOwnNumPr = parent === `${w}numPr` && stack[stack.length - 2] === `${w}pPr` && stack[stack.length - 3] === `${w}p`;
      if (inOwnPPr && local === 'pStyle') paragraph.styleId = attribute(tag.attributes, `${w}val`) ?? null;
      else if (inOwnNumPr && local === 'numId') paragraph.numId = attribute(tag.attributes, `${w}val`) ?? null;
      else if (inOwnNumPr && local === 'ilvl') paragraph.level = toLevel(attribute(tag.attributes, `${w}val`));
      else if (local === 'pPr' && tag.kind === 'empty' && parent === `${w}p`) paragraph.pPrEnd = tag.end;
    }
    if (tag.kind === 'empty') continue;
    if (tag.name === 'mc:Choice') choiceDepth++;
    if (local === 'p')
      paragraphs.push({ start: tag.end, pPrEnd: null, styleId: null, numId: null, level: null, inChoice: choiceDepth > 0 });
    stack.push(tag.name);
  }

  if (inserts.length === 0) return { xml: documentXml, labelled: 0 };
  inserts.sort((a, b) => a.at - b.at);
  let xml = '';
  let copied = 0;
  for (const { at, label } of inserts) {
    xml += `${documentXml.slice(copied, at)}<${w}r><${w}t xml:space="preserve">${escapeXml(label)}</${w}t></${w}r>`;
    copied = at;
  }
  return { xml: xml + documentXml.slice(copied), labelled: inserts.length };
}

interface OpenParagraph {
  /** Offset just after the <w:p> start tag. */
  start: number;
  /** Offset just after its own </w:pPr> (or <w:pPr/>). */
  pPrEnd: number | null;
  styleId: string | null;
  numId: string | null;
  level: number | null;
  inChoice: boolean;
}

/** The list and level a paragraph is numbered by, or null. */
function resolveList(
  paragraph: OpenParagraph,
  styles: ReadonlyMap<string, StyleNumbering>,
  numbering: Numbering,
): { numId: string; level: number } | null {
  const style = paragraph.styleId === null ? null : styleNumbering(paragraph.styleId, styles);
  const numId = paragraph.numId ?? style?.numId ?? null;
  if (numId === null) {
    // A level tied to the style by w:pStyle, as mammoth also reads it.
    return paragraph.styleId === null ? null : (numbering.levelsByStyle.get(paragraph.styleId) ?? null);
  }
  if (numId === '0' || !numbering.nums.has(numId)) return null;
  const tied = paragraph.styleId === null ? undefined : numbering.levelsByStyle.get(paragraph.styleId);
  const sameAbstract = tied !== undefined && numbering.nums.get(tied.numId)?.abstractId === numbering.nums.get(numId)?.abstractId;
  const level = paragraph.level ?? style?.level ?? (sameAbstract ? tied.level : null) ?? 0;
  return { numId, level };
}

/** A paragraph style's numbering, following w:basedOn (a style's own numPr wins over its base's). */
function styleNumbering(styleId: string, styles: ReadonlyMap<string, StyleNumbering>): { numId: string | null; level: number | null } {
  let numId: string | null = null;
  let level: number | null = null;
  const seen = new Set<string>();
  for (let id: string | null = styleId; id !== null && !seen.has(id); ) {
    seen.add(id);
    const style = styles.get(id);
    if (style === undefined) break;
    numId ??= style.numId;
    level ??= style.level;
    id = style.basedOn;
  }
  return { numId, level };
}

// ---------------------------------------------------------------------------------------------
// Counters

class Counters {
  /** Per abstract list, the current value of each level (undefined: not used yet). */
  private readonly values = new Map<string, Array<number | undefined>>();
  /** Lists with a start override that have been used (they restart once, where first used). */
  private readonly started = new Set<string>();

  constructor(private readonly numbering: Numbering) {}

  /** The label of the next paragraph of a list at a level; null when the level has no label. */
  next(list: { numId: string; level: number } | null): string | null {
    if (list === null) return null;
    const num = this.numbering.nums.get(list.numId);
    const abstract = num === undefined ? undefined : this.numbering.abstracts.get(num.abstractId);
    if (num === undefined || abstract === undefined) return null;
    const levelOf = (index: number): Level | undefined => num.levels.get(index) ?? abstract.levels.get(index);
    const level = levelOf(list.level);
    if (level === undefined) return null;

    let values = this.values.get(abstract.id);
    if (values === undefined) {
      values = [];
      this.values.set(abstract.id, values);
    }
    if (num.starts.size > 0 && !this.started.has(list.numId)) {
      this.started.add(list.numId);
      for (const index of num.starts.keys()) values[index] = undefined;
    }
    const startOf = (index: number): number => num.starts.get(index) ?? levelOf(index)?.start ?? 1;
    const current = values[list.level];
    values[list.level] = current === undefined ? startOf(list.level) : current + 1;
    for (let deeper = list.level + 1; deeper < values.length; deeper++) {
      const restart = levelOf(deeper)?.restart;
      // lvlRestart n: restart after a level numbered n (1-based) or higher; 0: never.
      if (restart === undefined || restart === null || (restart !== 0 && list.level < restart)) values[deeper] = undefined;
    }

    if (level.format === 'bullet' || level.format === 'none') return null;
    return level.text.replace(/%([1-9])/g, (_, n: string) => {
      const index = Number(n) - 1;
      const referenced = levelOf(index);
      const value = values[index] ?? startOf(index);
      const format = level.legal && index !== list.level ? 'decimal' : (referenced?.format ?? 'decimal');
      return formatNumber(value, format);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Number formats (ST_NumberFormat)

const CHINESE_DIGITS = '〇一二三四五六七八九';
const LEGAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const EARTHLY_BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/** A counter value written in a Word number format; unknown formats fall back to decimal. */
export function formatNumber(value: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
    case 'ideographEnclosedCircle':
      return format === 'ideographEnclosedCircle' && value >= 1 && value <= 10
        ? String.fromCodePoint(0x3280 + value - 1)
        : chineseCounting(value, CHINESE_DIGITS, '十', '百', '千');
    case 'chineseLegalSimplified':
      return chineseCounting(value, LEGAL_DIGITS, '拾', '佰', '仟', true);
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return [...String(value)].map((d) => CHINESE_DIGITS[Number(d)]).join('');
    case 'ideographTraditional':
      return cyclic(value, HEAVENLY_STEMS);
    case 'ideographZodiac':
      return cyclic(value, EARTHLY_BRANCHES);
    case 'decimalZero':
      return value < 10 ? `0${value}` : String(value);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(value)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return enclosed(value, 0x2460, 20);
    case 'decimalEnclosedParen':
      return enclosed(value, 0x2474, 20);
    case 'decimalEnclosedFullstop':
      return enclosed(value, 0x2488, 20);
    case 'upperRoman':
      return roman(value);
    case 'lowerRoman':
      return roman(value).toLowerCase();
    case 'upperLetter':
      return letters(value);
    case 'lowerLetter':
      return letters(value).toLowerCase();
    default:
      return String(value);
  }
}

/** 1 一, 10 十, 11 十一, 20 二十, 101 一百零一 (with legal digits, 10 is 壹拾). */
function chineseCounting(value: number, digits: string, ten: string, hundred: string, thousand: string, legal = false): string {
  if (value <= 0 || value >= 10000) return String(value);
  const units = ['', ten, hundred, thousand];
  const parts = [...String(value)].map(Number);
  let out = '';
  let zero = false;
  parts.forEach((digit, i) => {
    const unit = units[parts.length - 1 - i]!;
    if (digit === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += legal ? digits[0] : '零';
    zero = false;
    // 十一, not 一十一, when ten is the highest unit (except in legal numerals).
    out += digit === 1 && unit === ten && out === '' && !legal ? unit : digits[digit]! + unit;
  });
  return out;
}

function cyclic(value: number, symbols: string): string {
  return value >= 1 ? symbols[(value - 1) % symbols.length]! : String(value);
}

function enclosed(value: number, first: number, count: number): string {
  return value >= 1 && value <= count ? String.fromCodePoint(first + value - 1) : String(value);
}

function roman(value: number): string {
  if (value <= 0 || value >= 4000) return String(value);
  const table: Array<[number, string]> = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = value;
  let out = '';
  for (const [n, symbol] of table) {
    while (rest >= n) {
      out += symbol;
      rest -= n;
    }
  }
  return out;
}

/** A, …, Z, AA, BB, … as Word writes them. */
function letters(value: number): string {
  if (value <= 0) return String(value);
  return String.fromCharCode(65 + ((value - 1) % 26)).repeat(Math.floor((value - 1) / 26) + 1);
}

// ---------------------------------------------------------------------------------------------
// numbering.xml and styles.xml

interface Level {
  start: number;
  format: string;
  text: string;
  /** w:lvlRestart; null when absent. */
  restart: number | null;
  /** w:isLgl: the numbers of higher levels shown as decimals. */
  legal: boolean;
}

interface AbstractList {
  id: string;
  levels: Map<number, Level>;
}

interface List {
  abstractId: string;
  /** Levels redefined by w:lvlOverride/w:lvl. */
  levels: Map<number, Level>;
  /** w:lvlOverride/w:startOverride. */
  starts: Map<number, number>;
}

interface Numbering {
  abstracts: Map<string, AbstractList>;
  nums: Map<string, List>;
  /** Levels tied to a paragraph style by w:pStyle: style id → list and level. */
  levelsByStyle: Map<string, { numId: string; level: number }>;
  /** w:numStyleLink: abstract list id → the numbering style whose list defines its levels. */
  styleLinks: Map<string, string>;
}

interface StyleNumbering {
  numId: string | null;
  level: number | null;
  basedOn: string | null;
}

function readNumbering(xml: string): Numbering {
  const w = prefixOf(xml);
  const abstracts = new Map<string, AbstractList>();
  const styleLinks = new Map<string, string>(); // abstract id → numbering style it takes its levels from
  const nums = new Map<string, List>();
  const tiedStyles = new Map<string, { abstractId: string; level: number }>();

  let abstract: AbstractList | null = null;
  let list: List | null = null;
  let overrideLevel: number | null = null;
  let level: { index: number; value: Level; into: Map<number, Level> } | null = null;
  for (const tag of tags(xml)) {
    const name = tag.name.startsWith(w) ? tag.name.slice(w.length) : tag.name;
    const val = attribute(tag.attributes, `${w}val`);
    if (tag.kind === 'close') {
      if (name === 'abstractNum') abstract = null;
      else if (name === 'num') list = null;
      else if (name === 'lvlOverride') overrideLevel = null;
      else if (name === 'lvl' && level !== null) {
        level.into.set(level.index, level.value);
        level = null;
      }
      continue;
    }
    if (name === 'abstractNum') {
      const id = attribute(tag.attributes, `${w}abstractNumId`) ?? '';
      abstract = { id, levels: new Map() };
      abstracts.set(id, abstract);
    } else if (name === 'num' && abstract === null) {
      list = { abstractId: '', levels: new Map(), starts: new Map() };
      nums.set(attribute(tag.attributes, `${w}numId`) ?? '', list);
    } else if (name === 'abstractNumId' && list !== null) {
      list.abstractId = val ?? '';
    } else if (name === 'lvlOverride' && list !== null) {
      overrideLevel = toLevel(attribute(tag.attributes, `${w}ilvl`)) ?? 0;
    } else if (name === 'startOverride' && list !== null && overrideLevel !== null) {
      list.starts.set(overrideLevel, toInt(val) ?? 1);
    } else if (name === 'lvl') {
      const into = abstract?.levels ?? list?.levels;
      const index = toLevel(attribute(tag.attributes, `${w}ilvl`)) ?? overrideLevel ?? 0;
      const value: Level = { start: 1, format: 'decimal', text: `%${index + 1}.`, restart: null, legal: false };
      if (into === undefined) continue;
      if (tag.kind === 'empty') into.set(index, value);
      else level = { index, value, into };
    } else if (level !== null) {
      if (name === 'start') level.value.start = toInt(val) ?? 1;
      else if (name === 'numFmt') level.value.format = val ?? 'decimal';
      else if (name === 'lvlText') level.value.text = val ?? '';
      else if (name === 'lvlRestart') level.value.restart = toInt(val);
      else if (name === 'isLgl') level.value.legal = val !== 'false' && val !== '0';
      else if (name === 'pStyle' && val !== undefined && abstract !== null)
        tiedStyles.set(val, { abstractId: abstract.id, level: level.index });
    } else if (name === 'numStyleLink' && abstract !== null && val !== undefined) {
      styleLinks.set(abstract.id, val);
    }
  }

  const levelsByStyle = new Map<string, { numId: string; level: number }>();
  for (const [styleId, tied] of tiedStyles) {
    const numId = [...nums].find(([, n]) => n.abstractId === tied.abstractId)?.[0];
    if (numId !== undefined) levelsByStyle.set(styleId, { numId, level: tied.level });
  }
  return { abstracts, nums, levelsByStyle, styleLinks };
}

/**
 * w:numStyleLink: an abstract list that only names a numbering style takes its levels from the list
 * that style numbers by (styles.xml: the style's w:numPr).
 */
function resolveStyleLinks(numbering: Numbering, styles: ReadonlyMap<string, StyleNumbering>): void {
  for (const [abstractId, styleId] of numbering.styleLinks) {
    const linked = numbering.abstracts.get(abstractId);
    const numId = styles.get(styleId)?.numId;
    const target = numId === null || numId === undefined ? undefined : numbering.nums.get(numId);
    const source = target === undefined ? undefined : numbering.abstracts.get(target.abstractId);
    if (linked !== undefined && source !== undefined && linked.levels.size === 0) linked.levels = source.levels;
  }
}

function readStyles(xml: string): Map<string, StyleNumbering> {
  const w = prefixOf(xml);
  const styles = new Map<string, StyleNumbering>();
  const stack: string[] = [];
  let style: StyleNumbering | null = null;
  for (const tag of tags(xml)) {
    const name = tag.name.startsWith(w) ? tag.name.slice(w.length) : tag.name;
    if (tag.kind === 'close') {
      stack.pop();
      if (name === 'style') style = null;
      continue;
    }
    const val = attribute(tag.attributes, `${w}val`);
    if (name === 'style') {
      style = { numId: null, level: null, basedOn: null };
      styles.set(attribute(tag.attributes, `${w}styleId`) ?? '', style);
    } else if (style !== null) {
      const parent = stack[stack.length - 1];
      if (name === 'basedOn' && parent === 'style') style.basedOn = val ?? null;
      else if (name === 'numId' && parent === 'numPr' && stack[stack.length - 2] === 'pPr' && stack[stack.length - 3] === 'style')
        style.numId = val ?? null;
      else if (name === 'ilvl' && parent === 'numPr' && stack[stack.length - 2] === 'pPr' && stack[stack.length - 3] === 'style')
        style.level = toLevel(val);
    }
    if (tag.kind === 'open') stack.push(name);
  }
  return styles;
}

// ---------------------------------------------------------------------------------------------
// A minimal XML tag reader: enough for these parts (no DTDs; comments, CDATA and processing
// instructions skipped). Text between tags is never needed.

interface Tag {
  kind: 'open' | 'close' | 'empty';
  name: string;
  attributes: string;
  /** Offset just after the tag. */
  end: number;
}

const TAG =
  /<(?:!--[\s\S]*?-->|!\[CDATA\[[\s\S]*?\]\]>|[?!][^>]*>|(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>)/g;

function* tags(xml: string): Generator<Tag> {
  for (const match of xml.matchAll(TAG)) {
    const name = match[2];
    if (name === undefined) continue;
    const end = match.index + match[0].length;
    if (match[1] === '/') yield { kind: 'close', name, attributes: '', end };
    else yield { kind: match[4] === '/' ? 'empty' : 'open', name, attributes: match[3] ?? '', end };
  }
}

function attribute(attributes: string, name: string): string | undefined {
  const escaped = name.replace(/[.:]/g, (c) => `\\${c}`);
  const match = new RegExp(`(?:^|\\s)${escaped}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  const raw = match?.[1] ?? match?.[2];
  return raw === undefined ? undefined : unescapeXml(raw);
}

/** The prefix ("w:") bound to the WordprocessingML namespace in a part; "w:" when none is declared. */
function prefixOf(xml: string): string {
  const head = xml.slice(0, 4000);
  for (const uri of MAIN_NAMESPACES) {
    const match = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${uri.replace(/[.:/]/g, (c) => `\\${c}`)}["']`).exec(head);
    if (match !== null) return `${match[1]}:`;
  }
  return 'w:';
}

function toInt(value: string | undefined): number | null {
  const n = value === undefined ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : null;
}

function toLevel(value: string | undefined): number | null {
  const n = toInt(value);
  return n === null || n < 0 || n > 8 ? null : n;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[\da-fA-F]+);/g, (entity, body: string) => {
    if (body === 'lt') return '<';
    if (body === 'gt') return '>';
    if (body === 'quot') return '"';
    if (body === 'apos') return "'";
    if (body === 'amp') return '&';
    const code = body.startsWith('#x') ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}
