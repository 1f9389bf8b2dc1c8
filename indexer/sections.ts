// Splits a report's cleaned text into its top-level numbered sections (一、二、… or 第一部分…).
//
// Numbered lines are everywhere in these reports: sub-lists, table rows that restart at 一,
// enumerations inside sentences, hard-wrapped PDF lines that happen to begin with 一、. So every
// marker is only a candidate, scored by where it stands (own line, after a full stop, glued to
// table numbers) and by whether its title is a known section title; then the best-scoring run
// of candidates numbered 1, 2, 3, … is chosen (a dynamic programme over the numbers, linear in
// the number of candidates). A heading cut by a hard wrap (PDF text: '五、因政府信息公开申请行政复议、
// 提起行政' / '诉讼的情况') takes its continuation line, so such a heading contains a line break. Text is never rewritten: sections are slices of the input, so joining heading + text of
// all sections gives the input back.
import type { Section, SectionType } from '../core/report.js';
import { classifySection } from './sectionType.js';
import { toSimplified } from '../core/simplify.js';

/** A numbered marker that might start a top-level section. */
interface Candidate {
  /** Where the heading starts (the numeral, or the '#' of a markdown heading). */
  start: number;
  /** Where the heading's title ends. */
  end: number;
  numeral: number;
  style: 'plain' | 'part';
  score: number;
  /** May restart the numbering at 一: a known title on its own line. */
  canRestart: boolean;
  sectionType: SectionType;
}

/** How a marker stands in the text, which says how likely it is to be a real heading. */
type Placement = 'line' | 'sentence' | 'glued';

// The titles of the national templates (old and 2019). Only these are trusted where a heading
// is glued to other text, as in crawler pages whose tables were flattened into one line.
const TEMPLATE_TYPES: ReadonlySet<SectionType> = new Set<SectionType>([
  'overview',
  'proactive',
  'requests',
  'fees',
  'review',
  'problems',
  'other',
]);

const PLACEMENT_SCORE: Record<Placement, number> = { line: 2, sentence: 1, glued: 0 };
const TEMPLATE_TITLE_SCORE = 3;
const KNOWN_TITLE_SCORE = 1;
// Jumping a number (a heading lost in extraction) costs more than an unknown title earns, so
// only a known title is worth a jump; a restart at 一 must beat a heading glued to a table.
const SKIP_PENALTY = 2.5;
const RESTART_PENALTY = 4.5;
const LATE_START_PENALTY = 1.5;

/** A line at most this long after the numbering is taken whole as the title. */
const OWN_LINE_MAX = 50;
/** Where the heading runs on into body text, its title must end within this many characters. */
const INLINE_TITLE_MAX = 40;
const MAX_NUMERAL = 30;
/** A heading line at least this long may have been cut by a hard wrap before a template title ends… */
const WRAPPED_LINE_MIN = 12;
/** …or, shorter, by a soft line break (Word's shift+enter) at a conjunction ('五、存在的主要问题' / '及改进情况'). */
const BROKEN_LINE_MIN = 6;
const AT_CONJUNCTION = /[及和与、]$/u;
const FROM_CONJUNCTION = /^[及和与、]/u;
/** …or before a title word, when the line is at least this long and the rest short. */
const WRAPPED_LONG_LINE_MIN = 15;
const SHORT_CONTINUATION_MAX = 6;
/** The rest of a wrapped heading on the next line is at most this long. */
const CONTINUATION_MAX = 30;

const MARKER = /第([一二三四五六七八九十]{1,3})(部分|章)|([一二三四五六七八九十]{1,3})[ \t\u3000]?[、．.，,]/gu;
const NUMERAL_CHARS = '一二三四五六七八九十';
const INLINE_SPACE = /[ \t\u3000\u00a0\r]/;
// Where a title that runs on stops: a space, punctuation, an opening bracket, a table cell, a number.
const TITLE_BREAK = /[\s。，,；;：:！？!?（(【[|0-9０-９]/u;
// The 2008–2018 and 2019 template titles (simplified), wherever a report's wording ends them.
const TEMPLATE_TITLE =
  /总体情况|概述|概况|基本情况|主动公开政府信息的?情况|依申请公开(?:政府信息|工作)*的?情况|收到和处理政府信息公开申请的?情况|收费及减免的?情况|行政诉讼的?情况|(?:改进|整改)的?(?:情况|措施)|其他需要报告的事项/u;
// Words that end section titles; a title glued to its body ends after one of them.
const TITLE_END_WORD = /情况|措施|事项|概述|概况|统计表|问题/gu;
const TITLE_WORD_AT_END = new RegExp(`(?:${TITLE_END_WORD.source})$`, 'u');
const TEMPLATE_TITLE_AT_END = new RegExp(`(?:${TEMPLATE_TITLE.source})$`, 'u');
// A heading line that does not end a title: no closing punctuation, no title word at its end.
const UNFINISHED_TITLE = new RegExp(`^(?!.*(?:[。．.！？!?；;：:）)】」』”’]|${TITLE_END_WORD.source})$)`, 'u');
// The rest of a wrapped title: Han characters (and the 、 of a two-part title), no sentence
// punctuation, not a numbered line of its own.
// How the first line of a paragraph often starts ('全年无…', '本年度…'): not the rest of a title.
const SENTENCE_START = /^(?:本|我|全|今|共|无|未|均|已|该|各|经|对|在|按|根据)/u;
const CONTINUATION = /^(?![一二三四五六七八九十]+[、．.，,]|[（(]|第[一二三四五六七八九十])[\p{Script=Han}、~]+$/u;
// Pinyin glosses some pages put after characters ('報(bào)告'): not a break inside a title.
const PINYIN_GLOSS = /\([a-z\u00e0-\u01dc]{1,8}\)/giu;
const GLOSS_MASK = '~';
const HAN = /\p{Script=Han}/u;
// A title cannot start like the continuation of an enumeration ('一、二、三级', '一是').
const BAD_TITLE_START = /^[一二三四五六七八九十〇零两是、，,。．.：:；;）)]/u;
const SENTENCE_END = /[。！？!?]/u;
const CLOSING_MARK = /[”’」』）)]/u;
// After these a numbered item is part of a list inside a sentence, not a heading.
const LIST_PUNCTUATION = /[：:，,；;、]/u;

/**
 * The report's sections in order: a preamble (ordinal 0, the text before the first heading)
 * when that text is not blank, then one section per top-level numbered heading. Concatenating
 * heading + text of the result gives back the input exactly. Pure; never throws.
 */
export function splitSections(text: string): Section[] {
  if (text === '') return [];
  const candidates = findCandidates(text, memoize(classifySection), memoize(comparable));
  const parts = bestRun(candidates.filter((c) => c.style === 'part'));
  const headings = parts.length >= 2 ? parts : bestRun(candidates.filter((c) => c.style === 'plain'));
  return toSections(text, headings);
}

/** Headings repeat (boilerplate, tables), and each conversion costs a few microseconds. */
function memoize<T>(compute: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    if (known.has(key)) return known.get(key) as T;
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}

function findCandidates(text: string, classify: (heading: string) => SectionType, comparableOf: (window: string) => string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const match of text.matchAll(MARKER)) {
    const candidate = toCandidate(text, match, classify, comparableOf);
    if (candidate) candidates.push(candidate);
  }
  return candidates;
}

function toCandidate(
  text: string,
  match: RegExpMatchArray,
  classify: (heading: string) => SectionType,
  comparableOf: (window: string) => string,
): Candidate | null {
  const markerStart = match.index ?? 0;
  const style = match[2] === undefined ? 'plain' : 'part';
  const numeral = parseNumeral(match[1] ?? match[3] ?? '');
  if (numeral === null || numeral > MAX_NUMERAL) return null;

  const before = placementOf(text, markerStart);
  if (before === null) return null;

  let titleStart = markerStart + match[0].length;
  if (style === 'part') titleStart = skipPartSeparator(text, titleStart);
  while (titleStart < text.length && INLINE_SPACE.test(text[titleStart] ?? '')) titleStart++;

  const titled = findTitleEnd(text, titleStart, style, comparableOf);
  if (titled === null) return null;
  if (style === 'plain' && !isPlausibleTitle(text.slice(titleStart, titled.end))) return null;

  const placement: Placement = titled.inTable ? 'glued' : before.placement;
  if (placement === 'line') titled.end = wrappedTitleEnd(text, markerStart, titled.end, comparableOf) ?? titled.end;
  const title = text.slice(titleStart, titled.end);
  const sectionType = title === '' ? 'unclassified' : classify(title);
  const isTemplate = TEMPLATE_TYPES.has(sectionType);
  if (placement === 'glued' && !isTemplate) return null;

  const titleScore = isTemplate ? TEMPLATE_TITLE_SCORE : sectionType === 'unclassified' ? 0 : KNOWN_TITLE_SCORE;
  return {
    start: before.headingStart,
    end: titled.end,
    numeral,
    style,
    score: PLACEMENT_SCORE[placement] + titleScore,
    canRestart: placement === 'line' && sectionType !== 'unclassified',
    sectionType,
  };
}

/** 一 → 1, 十二 → 12, 二十 → 20; null for runs that are not a number ('五一', '一二三'). */
function parseNumeral(run: string): number | null {
  const digit = (ch: string | undefined): number => (ch === undefined ? -1 : NUMERAL_CHARS.indexOf(ch) + 1);
  const [a, b, c] = [...run].map(digit);
  if (run.length === 1) return a ?? null;
  if (run.length === 2 && a === 10 && b !== undefined && b < 10) return 10 + b;
  if (run.length === 2 && b === 10 && a !== undefined && a >= 2 && a < 10) return a * 10;
  if (run.length === 3 && b === 10 && a !== undefined && a >= 2 && a < 10 && c !== undefined && c < 10) {
    return a * 10 + c;
  }
  return null;
}

/**
 * What stands before the marker. Null when the marker cannot be a heading: '第一、二季度',
 * a list after '：' or '，' inside a sentence.
 */
function placementOf(text: string, markerStart: number): { placement: Placement; headingStart: number } | null {
  let i = markerStart - 1;
  while (i >= 0 && INLINE_SPACE.test(text[i] ?? '')) i--;
  const headingStart = markerStart;
  // A markdown heading ('## 一、…') starts at its first '#'.
  if (text[i] === '#') {
    let j = i;
    while (j >= 0 && text[j] === '#') j--;
    let k = j;
    while (k >= 0 && INLINE_SPACE.test(text[k] ?? '')) k--;
    if (k < 0 || text[k] === '\n') return { placement: 'line', headingStart: j + 1 };
  }
  if (i < 0 || text[i] === '\n') {
    // A hard-wrapped '第' at the end of the line before still makes this an ordinal.
    let k = i;
    while (k >= 0 && /\s/.test(text[k] ?? '')) k--;
    if (text[k] === '第') return null;
    return { placement: 'line', headingStart };
  }
  const previous = text[i] ?? '';
  if (previous === '第' || NUMERAL_CHARS.includes(previous)) return null;
  if (LIST_PUNCTUATION.test(previous)) return null;
  if (SENTENCE_END.test(previous)) return { placement: 'sentence', headingStart };
  if (CLOSING_MARK.test(previous) && SENTENCE_END.test(text[i - 1] ?? '')) {
    return { placement: 'sentence', headingStart };
  }
  return { placement: 'glued', headingStart };
}

/** '第一部分：总体情况' — the separator after 部分/章 is optional. */
function skipPartSeparator(text: string, from: number): number {
  let i = from;
  while (i < text.length && /[ \t\u3000\u00a0、．.，,：:]/u.test(text[i] ?? '')) i++;
  return i;
}

/**
 * Where the title that starts at titleStart ends: the end of its line when the line is short,
 * else where a known title or a short title stops. inTable when the heading sits in a table
 * row, which makes it suspect. Null when no title can be found.
 */
function findTitleEnd(
  text: string,
  titleStart: number,
  style: Candidate['style'],
  comparableOf: (window: string) => string,
): { end: number; inTable: boolean } | null {
  const lineEnd = lineEndWithin(text, titleStart, OWN_LINE_MAX);
  const limit = lineEnd === -1 ? Math.min(text.length, titleStart + INLINE_TITLE_MAX) : lineEnd;
  const window = comparableOf(text.slice(titleStart, limit));
  if (lineEnd === -1) return atOffset(titleStart, runOnTitleLength(window), false);
  const line = window.replace(/\s+$/u, '');
  if (line === '') return style === 'part' ? { end: titleStart, inTable: false } : null;
  if (line.includes('|')) return atOffset(titleStart, runOnTitleLength(line), true);
  return atOffset(titleStart, lineTitleLength(line), false);
}

/**
 * Where a heading cut by a hard wrap ends, on the next line; null when it is not cut. It is cut
 * when its line is long (PDF lines wrap at 18–40 characters) or broken at a conjunction (a soft
 * line break typed in Word: '五、存在的主要问题' / '及改进情况'), its title does not look finished (no
 * closing punctuation, no title word such as 情况 at its end), and the next line is a short piece
 * of title that ends it: the two together end in a template title ('…提起行政' / '诉讼的情况'), or
 * the line is longer still and the piece is a few characters that end a title word, not the start
 * of a sentence ('…存在的主要问题及' / '改进措施', '…不予公开政府信息的情' / '况', but not
 * '…提供保障' / '全年无特殊情况').
 */
function wrappedTitleEnd(text: string, markerStart: number, titleEnd: number, comparableOf: (window: string) => string): number | null {
  const line = comparableOf(text.slice(markerStart, titleEnd)).replace(/[ \t\u3000\u00a0\r]+$/u, '');
  if (line.length < BROKEN_LINE_MIN) return null;
  // A finished-looking title ('…存在的主要问题') still goes on when the next line starts with a conjunction.
  const unfinished = UNFINISHED_TITLE.test(line);
  let lineEnd = titleEnd;
  while (INLINE_SPACE.test(text[lineEnd] ?? '')) lineEnd++;
  if (text[lineEnd] !== '\n') return null;
  let from = lineEnd + 1;
  // pdftotext starts a page with a form feed.
  while (INLINE_SPACE.test(text[from] ?? '') || text[from] === '\f') from++;
  const nextLineEnd = lineEndWithin(text, from, CONTINUATION_MAX);
  if (nextLineEnd === -1) return null;
  const piece = comparableOf(text.slice(from, nextLineEnd)).replace(/[ \t\u3000\u00a0\r]+$/u, '');
  if (piece === '' || !CONTINUATION.test(piece)) return null;
  if (!unfinished && !FROM_CONJUNCTION.test(piece)) return null;
  const brokenAtConjunction = AT_CONJUNCTION.test(line) || FROM_CONJUNCTION.test(piece);
  const endsTemplate = (line.length >= WRAPPED_LINE_MIN || brokenAtConjunction) && TEMPLATE_TITLE_AT_END.test(line + piece);
  const endsTitleWord =
    line.length >= WRAPPED_LONG_LINE_MIN &&
    piece.length <= SHORT_CONTINUATION_MAX &&
    TITLE_WORD_AT_END.test(line + piece) &&
    !SENTENCE_START.test(piece);
  return endsTemplate || endsTitleWord ? from + piece.length : null;
}

function atOffset(titleStart: number, length: number | null, inTable: boolean): { end: number; inTable: boolean } | null {
  return length === null ? null : { end: titleStart + length, inTable };
}

/** The end of the line that starts before `from`, if it ends within `distance`; else -1. */
function lineEndWithin(text: string, from: number, distance: number): number {
  const limit = Math.min(text.length, from + distance + 1);
  for (let i = from; i < limit; i++) if (text[i] === '\n') return i;
  return limit === text.length ? limit : -1;
}

/**
 * The window in simplified characters with pinyin glosses masked, for matching title words;
 * same length as the window so that offsets carry over (else the window itself is used).
 */
function comparable(window: string): string {
  const simplified = toSimplified(window);
  const base = simplified.length === window.length ? simplified : window;
  return base.replace(PINYIN_GLOSS, (gloss) => GLOSS_MASK.repeat(gloss.length));
}

/**
 * A short line is the title, unless a title word is followed by a break and body text
 * ('一、总体情况 2023年，我区…', '六、其他需要报告的事项2021年，…') or a sentence ends
 * inside it ('一、加强领导。成立了专班。').
 */
function lineTitleLength(line: string): number {
  const brk = line.search(TITLE_BREAK);
  if (brk <= 0) return line.length;
  const head = line.slice(0, brk);
  const sentenceEnds = SENTENCE_END.test(line[brk] ?? '') && brk < line.length - 1;
  const end = templateTitleEnd(head) ?? titleWordEnd(head, 'last') ?? (sentenceEnds ? brk : null);
  return end === null ? line.length : withStop(line, end, brk);
}

/**
 * Where a title that runs on into body text ends: after a template title ('…改进情况存在的
 * 问题…'), else after the last title word before the first break ('审批事项及处理情况 我局'),
 * else after the first title word when there is no break, else at the break. Null when there
 * is none of these: a long run of text is not a title.
 */
function runOnTitleLength(window: string): number | null {
  const brk = window.search(TITLE_BREAK);
  if (brk === 0) return null;
  const head = brk === -1 ? window : window.slice(0, brk);
  const end = templateTitleEnd(head) ?? titleWordEnd(head, brk === -1 ? 'first' : 'last') ?? (brk === -1 ? null : brk);
  return end === null ? null : withStop(window, end, brk);
}

/**
 * A full stop or colon right after the title belongs with it rather than opening the body, and
 * so does the pinyin gloss of its last character.
 */
function withStop(window: string, end: number, brk: number): number {
  if (end === brk && /[。：:]/u.test(window[end] ?? '')) return end + 1;
  let glossEnd = end;
  while (window[glossEnd] === GLOSS_MASK) glossEnd++;
  return glossEnd;
}

function templateTitleEnd(head: string): number | null {
  const match = TEMPLATE_TITLE.exec(head);
  return match === null ? null : match.index + match[0].length;
}

/** Length of the title up to the end of its first or last title word, or null if it has none. */
function titleWordEnd(title: string, which: 'first' | 'last'): number | null {
  let found: number | null = null;
  for (const match of title.matchAll(TITLE_END_WORD)) {
    found = (match.index ?? 0) + match[0].length;
    if (which === 'first') break;
  }
  return found;
}

function isPlausibleTitle(title: string): boolean {
  return title.length >= 2 && !BAD_TITLE_START.test(title) && HAN.test(title);
}

/**
 * The highest-scoring run of candidates numbered 1, 2, 3, … in text order. best[n] is the best
 * run found so far that ends with a heading numbered n; each candidate extends best[n-1], jumps
 * from best[n-2], or (一 only) starts again after any run.
 */
function bestRun(candidates: Candidate[]): Candidate[] {
  const total: number[] = [];
  const previous: number[] = [];
  const best: Array<number | undefined> = [];
  const scoreOf = (index: number | undefined): number => (index === undefined ? -Infinity : (total[index] ?? -Infinity));
  const follows = (index: number | undefined, candidate: Candidate): boolean =>
    index !== undefined && (candidates[index]?.end ?? Infinity) <= candidate.start;

  candidates.forEach((candidate, index) => {
    const n = candidate.numeral;
    let from = -1;
    let base = -Infinity;
    const consider = (score: number, predecessor: number): void => {
      if (score > base) [base, from] = [score, predecessor];
    };
    if (n === 1) consider(0, -1);
    else if (TEMPLATE_TYPES.has(candidate.sectionType)) consider(-LATE_START_PENALTY * (n - 1), -1);
    const extend = best[n - 1];
    if (follows(extend, candidate)) consider(scoreOf(extend), extend ?? -1);
    const jump = best[n - 2];
    if (n >= 3 && follows(jump, candidate)) consider(scoreOf(jump) - SKIP_PENALTY, jump ?? -1);
    if (n === 1 && candidate.canRestart) {
      for (const ended of best) {
        if (follows(ended, candidate)) consider(scoreOf(ended) - RESTART_PENALTY, ended ?? -1);
      }
    }
    if (base === -Infinity) return;
    total[index] = base + candidate.score;
    previous[index] = from;
    if ((total[index] ?? -Infinity) > scoreOf(best[n])) best[n] = index;
  });

  let last: number | undefined;
  for (const index of best) if (scoreOf(index) > scoreOf(last)) last = index;
  const run: Candidate[] = [];
  for (let i = last ?? -1; i >= 0; i = previous[i] ?? -1) {
    const candidate = candidates[i];
    if (candidate) run.push(candidate);
  }
  return run.reverse();
}

function toSections(text: string, headings: Candidate[]): Section[] {
  const first = headings[0];
  if (first === undefined) return [{ ordinal: 0, heading: '', text, sectionType: 'preamble' }];
  const sections: Section[] = [];
  const preamble = text.slice(0, first.start);
  // A blank preamble is not a section; its whitespace stays with the first heading so that
  // nothing is lost.
  const hasPreamble = /\S/.test(preamble);
  if (hasPreamble) sections.push({ ordinal: 0, heading: '', text: preamble, sectionType: 'preamble' });
  headings.forEach((heading, index) => {
    const nextStart = headings[index + 1]?.start ?? text.length;
    const headingStart = index === 0 && !hasPreamble ? 0 : heading.start;
    const headingEnd = Math.min(heading.end, nextStart);
    sections.push({
      ordinal: index + 1,
      heading: text.slice(headingStart, headingEnd),
      text: text.slice(headingEnd, nextStart),
      sectionType: heading.sectionType,
    });
  });
  return sections;
}
