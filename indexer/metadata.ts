// The metadata stage: title, issuing body, report year, publication date and where the body sits
// in the administrative hierarchy, read from a cleaned report.
//
// Only a bounded part of a report is read — its start (title, dates, the body's name) and its end
// (the dated signature) — so a 50 MB file costs no more than a short one. Matching is done on a
// normalised copy (half-width ASCII, simplified characters); what is returned keeps the report's
// own characters.
import {
  type Division,
  findPlaces,
  fullPlaceName,
  isMunicipality,
  resolvePlace,
  type DivisionLevel,
  type FormerPlace,
  type PlaceMention,
  type PlaceResolution,
} from './divisions.js';
import { DATE, dateFrom, findYear, YEAR_MONTH, type YearMatch } from './chineseDates.js';
import {
  organKindOf,
  parseOrgan,
  placesOfOrgan,
  unknownDistrictAt,
  type DevelopmentZone,
  type OrganName,
  type UnknownPlace,
} from './organ.js';
import { toMatchable } from '../core/simplify.js';
import type { CleanedText, Level, OrganKind, ReportMetadata } from '../core/report.js';

const HEAD_CHARS = 6000;
const TAIL_CHARS = 1000;
const TITLE_LINES = 80;
// Lines longer than this are paragraphs (or a whole page flattened onto one line); a title inside
// one is looked for among its whitespace-separated pieces.
const MAX_TITLE_LENGTH = 120;

/** Lines of a part of the report, as written and normalised for matching. */
interface Region {
  lines: string[];
  normalized: string[];
}

/** A stretch of one line: `normalized` for matching, `text` to return. */
interface Span {
  text: string;
  normalized: string;
}

function toRegion(text: string): Region {
  const lines = text.split(/\r?\n|\r/);
  const normalized = toMatchable(text).split(/\r?\n|\r/);
  // OpenCC converts character for character in practice; should a line ever change length, the
  // normalised line stands in for the original.
  return { lines: lines.length === normalized.length ? lines : normalized, normalized };
}

function slice(region: Region, line: number, start: number, end: number): Span {
  const normalized = region.normalized[line] ?? '';
  const original = region.lines[line] ?? '';
  const source = original.length === normalized.length ? original : normalized;
  return { text: source.slice(start, end), normalized: normalized.slice(start, end) };
}

const WHITESPACE = /\s+/g;

/** Whitespace only separates words of Latin script; elsewhere it is layout (PDF wraps, "2023 年"). */
function compact(text: string): string {
  return text.replace(WHITESPACE, (space, offset: number) => (separatesWords(text, offset, space.length) ? ' ' : ''));
}

function separatesWords(text: string, offset: number, length: number): boolean {
  return /[A-Za-z]/.test(text[offset - 1] ?? '') && /[A-Za-z]/.test(text[offset + length] ?? '');
}

/** Compacts both sides of a span alike, deciding on the normalised side, so offsets stay shared. */
function compactSpan(span: Span): Span {
  let text = '';
  let normalized = '';
  let from = 0;
  for (const match of span.normalized.matchAll(WHITESPACE)) {
    const keep = separatesWords(span.normalized, match.index, match[0].length) ? ' ' : '';
    text += span.text.slice(from, match.index) + keep;
    normalized += span.normalized.slice(from, match.index) + keep;
    from = match.index + match[0].length;
  }
  return { text: text + span.text.slice(from), normalized: normalized + span.normalized.slice(from) };
}

function joinSpans(spans: Span[]): Span {
  return compactSpan({ text: spans.map((s) => s.text).join(''), normalized: spans.map((s) => s.normalized).join('') });
}

function cut(span: Span, start: number, end = span.normalized.length): Span {
  return { text: span.text.slice(start, end), normalized: span.normalized.slice(start, end) };
}

// ---------------------------------------------------------------------------------------------
// Years and dates

// A labelled date: 发布日期：2020-01-03, 发文日期: | 2021年01月22日, 时间：2018年3月23日. The label
// must not follow another Han character, so 采集时间 (when a crawler saved the page) and 统计时间
// do not count.
const LABELLED_DATE = new RegExp(
  `(?<!\\p{Script=Han})(?:发布日期|发文日期|成文日期|公开日期|印发日期|发布时间|日期|时间)[ \\t]*:?[ \\t]*\\|?[ \\t]*${DATE}`,
  'u',
);
// A line that is only a date, as under a signature: 二〇二〇年一月三日, (2026年1月23日).
const DATE_LINE = new RegExp(`^[\\s(]*${DATE}[\\s)]*$`);
// A signature dated by month only (2021年1月): it places the body but gives no publication date.
const MONTH_LINE = new RegExp(`^[\\s(]*${YEAR_MONTH}[\\s)]*$`);
// Page numbers left by PDF extraction: -5-, — 7 —.
const PAGE_NUMBER = /^[\s\-—–]*\d{1,3}[\s\-—–]*$/;

// The first section heading: 一、总体情况, 1. 概述.
const FIRST_HEADING = /^\s*(?:#+\s*)?(?:一|1)\s*[、.]/;
const MAX_PREAMBLE_LINES = 40;

/** Where the preamble ends: labels (发布日期, 发布机构) and the compiler's name stand before the
 *  first heading, and a date or 单位 in a table further down is about something else. */
function preambleEnd(head: Region): number {
  const heading = head.normalized.findIndex((line) => FIRST_HEADING.test(line));
  return Math.min(heading < 0 ? head.normalized.length : heading, MAX_PREAMBLE_LINES);
}

function nonEmptyLinesFromEnd(region: Region, limit: number): number[] {
  const found: number[] = [];
  for (let i = region.normalized.length - 1; i >= 0 && found.length < limit; i--) {
    const line = region.normalized[i]!.trim();
    if (line && !PAGE_NUMBER.test(line)) found.push(i);
  }
  return found;
}

/** The line index of the signature's date: the last date-only line near the end (with `monthOnly`,
 *  also a line of a year and a month). */
function signatureDateLine(tail: Region, options: { monthOnly: boolean } = { monthOnly: false }): number | null {
  for (const i of nonEmptyLinesFromEnd(tail, 8)) {
    const line = tail.normalized[i]!.trim();
    if (DATE_LINE.test(line) || (options.monthOnly && MONTH_LINE.test(line))) return i;
  }
  return null;
}

function publicationDate(head: Region, tail: Region, titleLine: number, year: number | null): string | null {
  const acceptable = (date: string | null): date is string =>
    date !== null && (year === null || (Number(date.slice(0, 4)) >= year && Number(date.slice(0, 4)) <= year + 5));

  for (const line of head.normalized.slice(0, preambleEnd(head))) {
    const match = line.match(LABELLED_DATE);
    const date = match ? dateFrom(match) : null;
    if (acceptable(date)) return date;
  }
  const signature = signatureDateLine(tail);
  if (signature !== null) {
    const date = dateFrom(tail.normalized[signature]!.trim().match(DATE_LINE)!);
    if (acceptable(date)) return date;
  }
  // A date standing alone just under the title: 沭阳县人民政府 / (2026年1月23日).
  for (let i = Math.max(titleLine + 1, 0); i < Math.min(titleLine + 6, head.normalized.length); i++) {
    const match = head.normalized[i]!.trim().match(DATE_LINE);
    const date = match ? dateFrom(match) : null;
    if (acceptable(date)) return date;
  }
  return null;
}

const STATISTICS_PERIOD = /(?:统计期限|统计时限|统计周期|统计时间|统计区间|统计期间)[^。\n]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/;
const YEAR_OF_WORK = /(?<![《\d])((?:19|20)\d{2})\s*年度?(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)/;

function yearFromBody(head: Region): number | null {
  const text = head.normalized.join('\n');
  const match = text.match(STATISTICS_PERIOD) ?? text.match(YEAR_OF_WORK);
  return match ? Number(match[1]) : null;
}

// The overview's account of the year: "一、总体情况" / "2023年,我局…", "2020年以来,…".
const OPENING_YEAR = /^\s*((?:19|20)\d{2})\s*年度?(?:,|以来|全年|中|内)/;
const OVERVIEW_THEN_YEAR = /(?:总体情况|概述|基本情况)\s*((?:19|20)\d{2})\s*年度?(?:,|以来|全年)/;
const OPENING_LINES = 4;

/** The first heading's line and the lines of its section's opening: up to OPENING_LINES non-empty lines
 *  after it, before any next heading. Where the year (yearOfOpening) and the body (organFromOpening) of a
 *  report without a title are read. */
function openingLines(head: Region): number[] {
  const heading = head.normalized.findIndex((line) => FIRST_HEADING.test(line));
  if (heading < 0) return [];
  const lines = [heading];
  for (let line = heading + 1; line < head.normalized.length && lines.length <= OPENING_LINES; line++) {
    const normalized = head.normalized[line]!;
    if (normalized.trim() === '') continue;
    if (FIRST_HEADING.test(normalized) || /^\s*[二三]\s*[、.]/.test(normalized)) break;
    lines.push(line);
  }
  return lines;
}

/** The year a report's first section starts its account with, when nothing names the report's year. */
function yearOfOpening(head: Region): number | null {
  for (const [i, line] of openingLines(head).entries()) {
    const match = (i === 0 ? OVERVIEW_THEN_YEAR : OPENING_YEAR).exec(head.normalized[line]!);
    if (match) return Number(match[1]);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Title

const REPORT_WORD = /年度报告|年报|工作报告/;
const COVERING_LETTER = /(?:年度报告|年报|工作报告)(?:》)?的(?:函|通知|报告|请示)/;
// A heading mark, or the 标题 label of a disclosure page's table of fields (标题: …, 标 题 …).
const TITLE_PREFIX = /^\s*(?:#+\s*|标\s*题\s*:?\s*)/;
const NOT_A_TITLE_START = /^(本|根据|现将|按照|依据|为|经|我|对|在|各|附件|关于做好|关于印发)/;
/** The rest of a title whose report word was cut by a wrap ("度报告") is at most this long. */
const WRAPPED_TITLE_REST_MAX = 30;
// The second line of a title broken in two: "…政府信息公开工作" / "年度报告".
const CONTINUATION = /^(?:工作)?(?:年度报告|年报|报告)|^(?:政府)?信息公开|^政务公开/;
// The end of a body's name standing alone before the year: the rest of a name cut by a wrap.
const ORGAN_TAIL = /^(?:人民政府|政府|办公室|办公厅|委员会|管委会|局|委|厅|办)$/;
// What an issuing body's name ends with.
const ORGAN_SUFFIX =
  /(人民政府|政府|办公室|办公厅|办事处|管委会|委员会|街道|苏木|局|委|厅|署|院|中心|镇|乡|区|县|旗|市|州|盟|省|部|所|站|队|办)$/;

function isTitleLike(normalized: string): boolean {
  const report = REPORT_WORD.exec(normalized);
  return (
    report !== null &&
    normalized.length <= MAX_TITLE_LENGTH &&
    !NOT_A_TITLE_START.test(normalized) &&
    !/[|:。;,]/.test(normalized) &&
    // A report cited inside a sentence (《关于…年度报告…》) is not the title; a title in 《》 is.
    !normalized.slice(1, report.index).includes('《')
  );
}

/** A title without what surrounds it: a crawler's page title repeats the site name after the
 *  report's ("…年度报告-沭阳县发改局"), and some pages wrap the title in 《》. */
function titleProper(span: Span): Span {
  const site = /(?:年度报告|年报|工作报告)(?:\([^)]*\))?\s*[-_—–|]/.exec(span.normalized);
  const title = site ? cut(span, 0, site.index + site[0].length - 1) : span;
  return /^《[^《》]*》$/.test(title.normalized) ? cut(title, 1, title.normalized.length - 1) : title;
}

interface TitleFound {
  span: Span;
  line: number;
}

/** Title pieces of one line: the whole line, or the whitespace-separated pieces of a long one. */
function titlePieces(head: Region, line: number): Array<{ span: Span; whole: boolean }> {
  const normalized = head.normalized[line] ?? '';
  if (normalized.length <= MAX_TITLE_LENGTH * 1.5) {
    const prefix = TITLE_PREFIX.exec(normalized)?.[0].length ?? 0;
    return [{ span: slice(head, line, prefix, normalized.length), whole: true }];
  }
  return [...normalized.matchAll(/\S+/g)].map((m) => ({
    span: slice(head, line, m.index, m.index + m[0].length),
    whole: false,
  }));
}

/** Does a title candidate still lack its start on the previous line, and may `previous` be it? */
function previousLineContinues(current: string, previous: string): boolean {
  if (!previous || previous.length > 60 || /[|:。;,]/.test(previous) || NOT_A_TITLE_START.test(previous)) return false;
  if (REPORT_WORD.test(previous)) return false;
  if (CONTINUATION.test(current)) return true;
  // A number cut by the wrap: "…人民政府20" / "24年政府信息公开…".
  if (/\d$/.test(previous) && /^\d/.test(current)) return true;
  const year = findYear(current);
  if (!year) return findYear(previous) !== null;
  // A name cut by the wrap: "淮安市人民" / "政府2024年政府信息公开…".
  if (ORGAN_TAIL.test(current.slice(0, year.start)) && /^\p{Script=Han}{2,30}$/u.test(previous)) return true;
  // "洪泽区人民政府" / "2023 年政府信息公开工作年度报告": the body's name stands above.
  return year.start === 0 && organAfterYear(current, year) === null && ORGAN_SUFFIX.test(previous);
}

/**
 * A title whose report word a hard wrap cut ("…工作年" / "度报告", "…工作年度" / "报告"): the line
 * and the short next line, which is no title on its own, together name the report.
 */
function wrappedTitle(head: Region, line: number, piece: { span: Span; whole: boolean }): Span | null {
  if (!piece.whole || REPORT_WORD.test(compact(piece.span.normalized))) return null;
  const [next] = titlePieces(head, line + 1);
  if (!next?.whole) return null;
  const rest = compact(next.span.normalized);
  if (rest === '' || rest.length > WRAPPED_TITLE_REST_MAX || isTitleLike(rest)) return null;
  const joined = joinSpans([piece.span, next.span]);
  return isTitleLike(joined.normalized) ? joined : null;
}

function findTitle(head: Region): TitleFound | null {
  let withoutYear: TitleFound | null = null;
  let covering: TitleFound | null = null;
  const lastLine = Math.min(head.normalized.length, TITLE_LINES);
  for (let line = 0; line < lastLine; line++) {
    for (const piece of titlePieces(head, line)) {
      const wrapped = isTitleLike(compact(piece.span.normalized)) ? null : wrappedTitle(head, line, piece);
      if (!wrapped && !isTitleLike(compact(piece.span.normalized))) continue;
      const parts = [wrapped ?? piece.span];
      for (let above = line - 1; piece.whole && above >= 0 && parts.length < 3; above--) {
        const [previous] = titlePieces(head, above);
        if (!previous?.whole || !previousLineContinues(joinSpans(parts).normalized, compact(previous.span.normalized))) break;
        parts.unshift(previous.span);
      }
      const found = { span: titleProper(joinSpans(parts)), line: wrapped ? line + 1 : line };
      // A covering letter (…年度报告的函) is a title only when the report's own is not printed below it.
      if (findYear(found.span.normalized) && !COVERING_LETTER.test(found.span.normalized)) return found;
      if (findYear(found.span.normalized)) covering ??= found;
      else withoutYear ??= found;
    }
  }
  return covering ?? withoutYear;
}

function titleFromHtml(htmlTitle: string | null): Span | null {
  if (!htmlTitle) return null;
  const normalized = toMatchable(htmlTitle);
  const span = titleProper(compactSpan({ text: htmlTitle.length === normalized.length ? htmlTitle : normalized, normalized }));
  return REPORT_WORD.test(span.normalized) ? span : null;
}

// ---------------------------------------------------------------------------------------------
// Issuing body

const REPORT_PHRASE = /政府信息公开|政务公开|信息公开|政府信息|年度报告|年报|工作报告/;
const LEADING_JUNK = /^[\s"'“”《(【[]*(?:关于)?/;
const TRAILING_JUNK = /(?:关于|的|[\s"'“”《(【[、,-])+$/;

/** The body's name between two offsets of a title, up to the first report phrase. */
function organBetween(span: Span, start: number, end: number): Span | null {
  const text = span.normalized.slice(start, end);
  const phrase = REPORT_PHRASE.exec(text);
  let stop = phrase ? phrase.index : text.length;
  // "XX县人民政府办公室关于XX县2019年…": the issuer is what stands before 关于.
  const about = text.indexOf('关于');
  if (about > 0 && about < stop) stop = about;
  // "XX区人民政府信息公开…": the phrase took 政府 from 人民政府.
  if (text.slice(0, stop).endsWith('人民') && text.startsWith('政府', stop)) stop += 2;
  let from = LEADING_JUNK.exec(text)?.[0].length ?? 0;
  let to = stop;
  const trailing = TRAILING_JUNK.exec(text.slice(from, to));
  if (trailing) to -= trailing[0].length;
  if (to <= from || !/\p{Script=Han}/u.test(text.slice(from, to))) return null;
  from += start;
  to += start;
  return cut(span, from, to);
}

function organAfterYear(title: string, year: YearMatch): Span | null {
  return organBetween({ text: title, normalized: title }, year.end, title.length);
}

/** The issuing body named in a title: before the year ("平房区2009年…"), else after it
 *  ("2020年上海市嘉定区新成路街道政府信息公开…"). */
function organFromTitle(title: Span): Span | null {
  const year = findYear(title.normalized);
  if (!year) return organBetween(title, 0, title.normalized.length);
  return organBetween(title, 0, year.start) ?? organBetween(title, year.end, title.normalized.length);
}

const ORGAN_LABEL =
  /(?<!\p{Script=Han})(?:发布机构|发文机关|发布单位|发文单位|来源单位|信息来源|来源|单位)[ \t]*:?[ \t]*\|?[ \t]*([\p{Script=Han}()]{2,40})(?!\p{Script=Han})(?![ \t]*:)/u;
const COMPILED_BY = /由(?<organ>[\p{Script=Han}]{2,40}?)(?:根据|按照|依据|依照|负责|汇总|编制|统一|组织)/u;
const SIGNATURE_LINE = /^[\p{Script=Han}()\s]{2,40}$/u;
// The report's full name where a preamble publishes it (编制, 公布, 发布, 现将 …), or at the very start
// of the preamble. Not after 印发, and not a name followed by 格式 or 编制: those cite the notice on how
// to write reports.
const NAMED_IN_PREAMBLE =
  /(?:^|编制|公布|发布|现将|特将)(?:了|并向社会公布)?《?(?<report>[\p{Script=Han}\d][\p{Script=Han}()\d\s]{1,60}?(?:年度报告|年报|工作报告))(?!格式|编制|发布|有关|的通知|指引)/gu;
// A site's banner or navigation, not a body's name: 宿迁市人民政府门户网站, 网站首页.
const SITE_FURNITURE = /网站|门户|首页|欢迎|当前位置|网$/;
const CONTACT = /[请可]与(?<organ>[\p{Script=Han}()]{2,40}?)(?:联系|联络)/u;
const CONTACT_BODY =
  /^.+?(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府|街道办事处|办事处|管委会)(?=.)|^.+(?:局|厅|委员会|委)(?=办公室$|办$)/u;
// "2015年，眉山市按照…": a year, then a body, then what it did. After the first heading, on its line or the next.
const OPENING_BODY =
  /(?:^|情况|概述)\s*(?:19|20)\d{2}\s*年(?:度|以来)?,(?<organ>[\p{Script=Han}()]{2,30}?)(?:认真|坚持|按照|严格|深入|全面|紧紧|高度|不断|积极|继续|进一步|围绕|依据|根据|持续|以习近平|以)/u;
// How a report names its own body without naming it.
const SELF_REFERENCE = /^(?:本|我|该|各|上述|贵)/;

function organFromLabels(head: Region): Span | null {
  for (let line = 0; line < preambleEnd(head); line++) {
    const match = ORGAN_LABEL.exec(head.normalized[line]!);
    if (match && ORGAN_SUFFIX.test(match[1]!)) {
      const start = match.index + match[0].length - match[1]!.length;
      return slice(head, line, start, start + match[1]!.length);
    }
  }
  return null;
}

function organFromSignature(tail: Region): Span | null {
  const dateLine = signatureDateLine(tail, { monthOnly: true });
  if (dateLine === null) return null;
  for (let line = dateLine - 1; line >= Math.max(0, dateLine - 3); line--) {
    const normalized = tail.normalized[line]!;
    if (!normalized.trim()) continue;
    if (!SIGNATURE_LINE.test(normalized) || !ORGAN_SUFFIX.test(normalized.trim())) return null;
    const start = normalized.length - normalized.trimStart().length;
    return slice(tail, line, start, normalized.trimEnd().length);
  }
  return null;
}

/** The lines before the first heading as one span: a PDF's hard wraps do not cut a name. */
function preambleSpan(head: Region): Span {
  return linesSpan(head, preambleEnd(head));
}

function linesSpan(head: Region, count: number): Span {
  const lines = Array.from({ length: count }, (_, line) => slice(head, line, 0, Infinity));
  return { text: lines.map((l) => l.text).join(''), normalized: lines.map((l) => l.normalized).join('') };
}

/** The part of a match a named group captured, as a span of the text matched. */
function captured(span: Span, match: RegExpExecArray, group: string): Span {
  const value = match.groups![group]!;
  const start = match.index + match[0].indexOf(value);
  return cut(span, start, start + value.length);
}

/** The body's name a pattern captured as `organ`, if it ends like a body's name and is not the
 *  report's way of saying "this body" (本机关, 我局). */
function capturedOrgan(preamble: Span, pattern: RegExp): Span | null {
  const match = pattern.exec(preamble.normalized);
  const organ = match?.groups?.organ;
  if (!match || !organ || !ORGAN_SUFFIX.test(organ) || SELF_REFERENCE.test(organ)) return null;
  return captured(preamble, match, 'organ');
}

/** "本报告由淮安市洪泽区人民政府办公室根据…编制", read across the hard wraps of a PDF. */
function organFromCompiler(head: Region): Span | null {
  return capturedOrgan(preambleSpan(head), COMPILED_BY);
}

/**
 * The report a preamble names when the page has no title line (the title was the web page's, and
 * was lost): "特编制湛江市人民政府地方志办公室2023年政府信息公开工作年度报告", "现发布《临洮县新添镇
 * 2022年…年度报告》", "特向社会公布2020年开平市农业农村局政府信息公开工作年度报告". Null when the
 * name has no year, or no body of its own (编制本机关2022年度…, 公布2021年度街道信息公开年度报告).
 */
function reportNamedInPreamble(head: Region): { title: Span; organ: Span } | null {
  // At least the first line: a page flattened onto one line starts with its first heading.
  const preamble = linesSpan(head, Math.max(1, preambleEnd(head)));
  for (const match of preamble.normalized.matchAll(NAMED_IN_PREAMBLE)) {
    const title = compactSpan(captured(preamble, match, 'report'));
    const organ = findYear(title.normalized) ? organFromTitle(title) : null;
    if (organ && isOwnName(organ.normalized)) return { title, organ };
  }
  return null;
}

/** A body's name, not a sentence's start or the report's word for itself (本机关, 我局, 街道). */
function isOwnName(organ: string): boolean {
  return (
    organ.length >= 3 &&
    ORGAN_SUFFIX.test(organ) &&
    !SELF_REFERENCE.test(organ) &&
    !NOT_A_TITLE_START.test(organ) &&
    // Lines are joined to read across a PDF's wraps: a name must not run over a banner or a verb.
    !/现将|特将|根据|按照|依据|公布|发布|编制/.test(organ) &&
    !SITE_FURNITURE.test(organ)
  );
}

/** "如对本报告有任何疑问，请与南通市通州区兴东街道办事处联系": who answers for the report. Only a
 *  hint for placing the body, or its name when the report gives no other (a contact may be a
 *  sub-office: 高平市东城街街道办事处政务信息公开办公室). */
function organFromContact(head: Region): Span | null {
  // Anywhere in the head: some reports give it in their first section.
  const contact = capturedOrgan(linesSpan(head, head.normalized.length), CONTACT);
  if (!contact) return null;
  // The office inside a body that answers for it: 平度市政府办公室 | 政府信息公开领导小组办公室.
  const body = CONTACT_BODY.exec(contact.normalized);
  return body ? cut(contact, 0, body[0].length) : contact;
}

/** The body the first section's account starts with: "一、总体情况" / "2015年，眉山市按照…",
 *  "2020年，杨陵区统计局以…". */
function organFromOpening(head: Region): Span | null {
  for (const line of openingLines(head)) {
    const match = OPENING_BODY.exec(head.normalized[line]!);
    if (match && isOwnName(match.groups!.organ!)) return captured(slice(head, line, 0, Infinity), match, 'organ');
  }
  return null;
}

// How a report speaks of itself in its sentences: 我局, 本委, 我镇. A bureau's report may also say 我市 or 我县
// of its place, so a body's own word (局, 委 …) is looked for before a place's.
const SELF_AS_BODY = /[我本](局|委|办|厅|署|院|中心)(?!长|级)/u;
const SELF_AS_PLACE = /我(镇|乡|街道|区|县|市)(?!长|级|委|政府)/u;
// What follows the body's name where the report speaks of itself or its own work: 绍兴市卫生健康委是主管…,
// 花石镇政务公开办公室负责…, 湘潭县财政局政府信息公开工作领导小组…; a superior is named before 的要求, 印发 ….
const OWN_WORK =
  /^(?:是|政府信息公开|政务公开|信息公开|门户网站|政府网站|网站|官网|办公室|领导小组|认真|坚持|严格|进一步|全面|积极|始终|高度重视|深入|依法|切实|不断|持续)/;
// A body named as the one that directs or receives: 按照湘潭市财政局…, 向湘潭县人民政府报告.
const DIRECTED_BY = /(?:按照|根据|依据|遵照|落实|贯彻|在|经|向|受|由|对|和|与|及|、|的)$/;

/** The report's own body in its sentences, for a text that calls it only 我局 or 我镇 up front: the
 *  first name, from a known place, that ends as that word does (湘潭县财政局 for 我局, 花石镇 for 我镇) and is
 *  followed by the report's own work (…政府信息公开工作领导小组, …政务公开办公室), not by a superior's. */
function organInRunningText(head: Region): Span | null {
  const joined = head.normalized.join('\n');
  const asBody = SELF_AS_BODY.exec(joined);
  const asPlace = asBody ? null : SELF_AS_PLACE.exec(joined);
  const ending = (asBody ?? asPlace)?.[1];
  if (ending === undefined) return null;
  const name = new RegExp(`^\\p{Script=Han}{0,10}?${ending}`, 'u');
  for (let line = 0; line < head.normalized.length; line++) {
    const text = head.normalized[line]!;
    const mentions = findPlaces(text);
    for (let i = 0; i < mentions.length; i++) {
      const mention = mentions[i]!;
      let start = mention.start;
      for (let k = i - 1; k >= 0 && mentions[k]!.end === start; k--) start = mentions[k]!.start;
      let end: number;
      if (asPlace) {
        if (!mention.name.endsWith(ending)) continue;
        end = mention.end;
      } else {
        const rest = name.exec(text.slice(mention.end))?.[0];
        if (rest === undefined || findPlaces(rest).length > 0) continue;
        end = mention.end + rest.length;
      }
      if (DIRECTED_BY.test(text.slice(Math.max(0, start - 2), start)) || !OWN_WORK.test(text.slice(end))) continue;
      return slice(head, line, start, end);
    }
  }
  return null;
}

/** A line that is only a body's name just under a title that names none ("2022年政府信息公开工作
 *  年度报告" / "桃江县松木塘镇人民政府"), or, without a title line, the first line (浑南区国资局 / 根据…). */
function organBesideTitle(head: Region, titleLine: number): Span | null {
  for (let line = titleLine + 1; line <= titleLine + 2 && line < head.normalized.length; line++) {
    const normalized = head.normalized[line]!.trim();
    if (!normalized) continue;
    if (
      !SIGNATURE_LINE.test(normalized) ||
      !ORGAN_SUFFIX.test(normalized) ||
      REPORT_PHRASE.test(normalized) ||
      SITE_FURNITURE.test(normalized)
    ) {
      return null;
    }
    const start = head.normalized[line]!.indexOf(normalized);
    return compactSpan(slice(head, line, start, start + normalized.length));
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Placing the body: province, city, county, level and kind

const NATIONAL_NAME = /^(?:国务院|国家|中华人民共和国|中国(?!共产党))/;
const MINISTRY = /(?:部|总署|总局|审计署)(?:办公厅)?$/;
const NATIONAL_GOVERNMENT = /^国务院(?:办公厅)?$/;
// A place the dataset does not know (an OCR slip such as 沐阳县 for 沭阳县) still tells its level
// by its last character. 区 is left out (新区, 开发区 and 实验区 have all levels), and so is 市
// (city or county). Up to three characters before it, so 住房和城乡建设部 holds no 乡.
const UNKNOWN_PLACE = /^(\p{Script=Han}{1,3}?)(省|自治区|县|旗|街道|镇|乡|苏木)/u;
const LEVEL_OF_SUFFIX: Record<string, DivisionLevel> = {
  省: 'province',
  自治区: 'province',
  县: 'county',
  旗: 'county',
  街道: 'township',
  镇: 'township',
  乡: 'township',
  苏木: 'township',
};

/** A place that is a municipality itself (not one of its districts). */
const isMunicipalityItself = (place: { level: DivisionLevel | null; province: string | null }): boolean =>
  place.level === 'province' && place.province !== null && isMunicipality(place.province);

/** The city of a place, where a municipality stands in for the city of what lies in it (its districts, and the
 *  zones and districts the data lacks), as the division data does for its own districts. */
function cityOrMunicipality(place: { level: DivisionLevel | null; province: string | null; city: string | null }): string | null {
  return place.city ?? (isMunicipalityItself(place) ? place.province : null);
}

/** The one prefecture-level city or municipality that every unambiguous city named in the report is. */
function onlyCityNamed(context: readonly PlaceMention[]): Division | null {
  const isCity = (division: Division) => division.level === 'city' || isMunicipalityItself(division);
  const named = context.filter((mention) => mention.candidates.length === 1 && isCity(mention.candidates[0]!));
  const first = named[0]?.candidates[0];
  return first && named.every((mention) => mention.candidates[0] === first) ? first : null;
}

/** The divisions an ambiguous place name could be, for a warning. */
function listReadings(resolution: PlaceResolution): string {
  const shown = resolution.candidates.slice(0, 5).map(fullPlaceName).join('、');
  const more = resolution.candidates.length - 5;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

interface Placement {
  province: string | null;
  city: string | null;
  county: string | null;
  level: Level | null;
  organKind: OrganKind | null;
}

/** A name the report gives its issuing body, as found and as parsed into places and the rest. */
interface OrganCandidate {
  span: Span;
  parsed: OrganName;
}

/** 国务院…, 国家…, or a ministry (…部, …总署) that names no place, known or unknown. */
function isNational(organ: OrganName): boolean {
  if (organ.places.length > 0) return false;
  return NATIONAL_NAME.test(organ.name) || (MINISTRY.test(organ.name) && !UNKNOWN_PLACE.test(organ.name));
}

/** The division the body's own name points to; when that is ambiguous or incomplete, the other
 *  names the report gives the body may spell it out (站前街道 / 抚顺市新抚区站前街道办事处). */
function resolveOrganPlace(
  own: readonly PlaceMention[],
  others: ReadonlyArray<readonly PlaceMention[]>,
  context: readonly PlaceMention[],
): PlaceResolution | null {
  const resolution = resolvePlace(own, context);
  if (!resolution || resolution.division) return resolution;
  const lastName = own.at(-1)!.name;
  for (const other of others) {
    if (!other.some((mention) => mention.name === lastName)) continue;
    const merged = resolvePlace([...own, ...other], context);
    if (merged?.division) return merged;
  }
  return resolution;
}

/** The division a longer name of the same body puts it in, when its own name's place is unknown:
 *  东城街街道办事处 / 高平市东城街街道办事处政务信息公开办公室 (the contact) → 高平市. */
function placeOfLongerName(
  name: string,
  others: readonly OrganCandidate[],
  context: readonly PlaceMention[],
): { name: string; division: PlaceResolution } | null {
  for (const other of others) {
    const at = other.parsed.name.indexOf(name);
    const before = other.parsed.places.filter((mention) => mention.end <= at);
    if (at <= 0 || before.length === 0) continue;
    const resolution = resolvePlace(before, context);
    if (resolution?.division) return { name: fullPlaceName(resolution.division), division: resolution };
  }
  return null;
}

/** Where the issuing body sits and what kind of body it is. The first candidate is the name the
 *  report is filed under; the others only help to place it. */
function place(organs: readonly OrganCandidate[], context: readonly PlaceMention[], warnings: string[]): Placement {
  const [organ, ...others] = organs;
  if (!organ) {
    warnings.push('no issuing body found in the title, the labelled fields or the signature; province and level left empty');
    return { province: null, city: null, county: null, level: null, organKind: null };
  }
  const { name, unknownPlace } = organ.parsed;
  const unplaced = { province: null, city: null, county: null };
  if (isNational(organ.parsed)) {
    return { ...unplaced, level: 'national', organKind: NATIONAL_GOVERNMENT.test(name) ? 'government' : 'department' };
  }
  const organKind = organKindOf(organ.parsed);
  const own = placesOfOrgan(organ.parsed, { sameLevelOnly: false });
  const resolution = resolveOrganPlace(
    own,
    others.map((other) => other.parsed.places),
    context,
  );
  const renamed =
    resolution && unknownPlace?.former ? renamedPlacement(organ, unknownPlace, unknownPlace.former, resolution, warnings) : null;
  if (renamed) return { ...renamed, organKind };
  if (organ.parsed.zone) return { ...zonePlacement(organ, organ.parsed.zone, resolution, warnings), organKind };
  if (resolution && unknownPlace && !unknownPlace.former) {
    // 龙岩市沐阳县: a county below the places the dataset knows.
    warnings.push(
      `issuing body ${organ.span.text}: ${unknownPlace.name} is not in the division dataset under ${name.slice(0, unknownPlace.start)}; placed there, level county taken from its suffix`,
    );
    return { province: resolution.province, city: cityOrMunicipality(resolution), county: null, level: 'county', organKind };
  }
  const district = resolution ? null : unknownDistrictAt(name, 0);
  const namedCity = district && district.length >= 3 ? onlyCityNamed(context) : null;
  if (district && namedCity) {
    // 卢湾区人民政府 (merged into 黄浦区 in 2011), in a report whose place names all lie in 上海市.
    warnings.push(
      `issuing body ${organ.span.text}: ${district} is not in the division dataset; placed in ${fullPlaceName(namedCity)}, the only city the report names, level county`,
    );
    return { province: namedCity.province, city: cityOrMunicipality(namedCity), county: null, level: 'county', organKind };
  }
  if (!resolution) {
    const unknown = UNKNOWN_PLACE.exec(name);
    const level = unknown ? LEVEL_OF_SUFFIX[unknown[2]!]! : null;
    const within = unknown ? placeOfLongerName(name, others, context) : null;
    if (within) {
      warnings.push(
        `issuing body ${organ.span.text}: ${unknown![0]} is not in the division dataset; placed in ${within.name}, which the report's longer name of the body gives, level ${level} taken from its suffix`,
      );
      return { province: within.division.province, city: within.division.city, county: within.division.county, level, organKind };
    }
    warnings.push(
      unknown
        ? `issuing body ${organ.span.text}: ${unknown[0]} is not in the division dataset; province left empty, level ${level} taken from its suffix`
        : `issuing body ${organ.span.text} names no place in the division dataset; province and level left empty`,
    );
    return { ...unplaced, level, organKind };
  }
  if (!resolution.division) {
    warnings.push(
      `place ${own.at(-1)!.name} in issuing body ${organ.span.text} could be ${listReadings(resolution)}; ` +
        'the report does not say which' +
        (resolution.province ? '' : ', so the province is left empty') +
        (resolution.level ? '' : ' and the level is left empty'),
    );
  }
  const { province, city, county, level } = resolution;
  return { province, city, county, level, organKind };
}

// A development zone is run one level below the place it is named after: a national new area named after
// a province (湖南湘江新区) as a city, a city's or a municipality's zone (成都高新区, 天津经济技术开发区)
// as a county, a county's (长丰县经济开发区) as a township.
const LEVEL_BELOW: Record<Level, Level> = {
  national: 'province',
  province: 'city',
  city: 'county',
  county: 'township',
  township: 'township',
};

/** A development zone the division data does not list: placed in the place it is named after, one
 *  level below it, with a warning. Named after no place the data knows: neither place nor level. */
function zonePlacement(
  organ: OrganCandidate,
  zone: DevelopmentZone,
  resolution: PlaceResolution | null,
  warnings: string[],
): Omit<Placement, 'organKind'> {
  const unlisted = `issuing body ${organ.span.text}: ${zone.name} is a development zone the division dataset does not list`;
  if (!resolution) {
    warnings.push(`${unlisted}, named after no place it knows; province and level left empty`);
    return { province: null, city: null, county: null, level: null };
  }
  const { province, county } = resolution;
  // A municipality's own divisions are counties (its districts), and so are its zones.
  const level = isMunicipalityItself(resolution) ? 'county' : resolution.level ? LEVEL_BELOW[resolution.level] : null;
  const where = resolution.division ? fullPlaceName(resolution.division) : `one of ${listReadings(resolution)}`;
  warnings.push(`${unlisted}; placed in ${where}, level ${level ?? 'left empty'}: one below the place it is named after`);
  return { province, city: cityOrMunicipality(resolution), county, level };
}

/** A body named by a place's name before a rename (FORMER_SHAPES in divisions.ts): placed in the
 *  division of today it resolves to, with a warning; only the province when the old name's level is
 *  not known (a 市 that is now a 区). Null when the report does not say which division it is. */
function renamedPlacement(
  organ: OrganCandidate,
  unknownPlace: UnknownPlace,
  former: FormerPlace,
  resolution: PlaceResolution,
  warnings: string[],
): Omit<Placement, 'organKind'> | null {
  const division = resolution.division;
  const unknown = `issuing body ${organ.span.text}: ${unknownPlace.name} is not in the division dataset (names of 2020)`;
  if (!former.sameLevel && !division) {
    warnings.push(
      `${unknown}; it could be ${listReadings(resolution)} since a rename` +
        (resolution.province ? ', all in one province: only the province is kept' : ', so the province is left empty'),
    );
    return { province: resolution.province, city: null, county: null, level: null };
  }
  if (!division || !former.readings.includes(division)) return null;
  const readAs = `${unknown}; read as ${fullPlaceName(division)}, its name since a rename`;
  if (former.sameLevel) {
    warnings.push(`${readAs} (or the shipped alias list's reading)`);
    return { province: division.province, city: division.city, county: division.county, level: division.level };
  }
  warnings.push(`${readAs}, which does not tell whether it was a county-level city or a prefecture: only the province is kept`);
  return { province: division.province, city: null, county: null, level: null };
}

function emptyMetadata(warnings: string[]): ReportMetadata {
  return {
    title: null,
    organ: null,
    year: null,
    publishedAt: null,
    province: null,
    city: null,
    county: null,
    level: null,
    organKind: null,
    warnings,
  };
}

/** Extracts a report's metadata from its cleaned text, and from `fileName` (its name or path as given)
 *  when the text names no title or no body. Pure; never throws: what cannot be found is null, with a
 *  warning saying why. */
export function extractMetadata(cleaned: CleanedText, fileName: string): ReportMetadata {
  try {
    return extract(cleaned, fileName);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return emptyMetadata([`metadata of ${fileName} could not be read: ${reason}`]);
  }
}

// A report saved under its own title (平潭县财政局2020年政府信息公开工作年度报告.pdf, or a folder of that
// name holding page.txt), after any leading number (80678_).
const REPORT_NAME = /年度报告|年报|信息公开|政务公开/;

/** The title a file's name, or its folder's, gives: the last resort for a report whose text names neither
 *  title nor body (a page saved without its heading that calls its body 我局 throughout). */
function titleFromFileName(path: string): Span | null {
  for (const part of path.split(/[\\/]/).filter(Boolean).reverse().slice(0, 2)) {
    const stem = part.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/^[\d_\-\s]+/, '');
    const name = toRegion(compact(stem));
    if (name.normalized.length === 1 && REPORT_NAME.test(name.normalized[0]!)) return slice(name, 0, 0, Infinity);
  }
  return null;
}

function extract(cleaned: CleanedText, fileName: string): ReportMetadata {
  const warnings: string[] = [];
  const text = cleaned.text;
  const head = toRegion(text.slice(0, HEAD_CHARS));
  const tail = toRegion(text.length > HEAD_CHARS ? text.slice(Math.max(HEAD_CHARS, text.length - TAIL_CHARS)) : text);

  const found = findTitle(head);
  const fromHtml = titleFromHtml(cleaned.htmlTitle);
  const named = reportNamedInPreamble(head);
  const inText = found && (findYear(found.span.normalized) || !fromHtml) ? found.span : (fromHtml ?? found?.span ?? named?.title ?? null);
  const fromFile = titleFromFileName(fileName);
  const title = inText ?? fromFile;
  if (!title) warnings.push('no title found (no line naming a 年度报告 near the start)');
  else if (!inText) warnings.push(`no title in the text; taken from the file name (${title.text})`);

  let year = title ? (findYear(title.normalized)?.year ?? null) : null;
  if (year === null) year = yearFromBody(head);
  const opening = year === null ? yearOfOpening(head) : null;
  if (opening !== null) {
    year = opening;
    warnings.push(`report year not stated in the title or the statistics period; taken from the first section's opening (${opening}年)`);
  }
  const publishedAt = publicationDate(head, tail, found?.line ?? -1, year);
  if (year === null && publishedAt) {
    year = Number(publishedAt.slice(0, 4)) - 1;
    warnings.push(`report year not stated; taken as the year before publication (${publishedAt})`);
  } else if (year === null) {
    warnings.push("report year not found in the title, the statistics period, the first section's opening or a publication date");
  }

  const inTitle = title ? organFromTitle(title) : null;
  const titleLine = found !== null && title === found.span ? found.line : -1;
  const candidates = [
    inTitle,
    inTitle === null || (titleLine < 0 && !fromHtml) ? organBesideTitle(head, titleLine) : null,
    organFromLabels(head),
    organFromSignature(tail),
    organFromCompiler(head),
    named?.organ ?? null,
    organFromOpening(head),
  ];
  const asCandidate = (span: Span): OrganCandidate => ({ span, parsed: parseOrgan(span.normalized) });
  const organs = candidates.filter((span): span is Span => span !== null).map(asCandidate);
  // The report is filed under the first name that places the body (or is a national body),
  // else under the first name found.
  const filed = Math.max(
    0,
    organs.findIndex((o) => o.parsed.places.length > 0 || isNational(o.parsed)),
  );
  const contact = organFromContact(head);
  // The contact comes last: it only places a body named elsewhere, unless nothing else names one.
  // The file's name only when the text names no body at all, and the report's sentences last.
  const inFileName = organs.length === 0 && !contact && fromFile && title !== fromFile ? organFromTitle(fromFile) : null;
  if (inFileName) warnings.push(`no issuing body named in the text; taken from the file name (${inFileName.text})`);
  const inSentences = organs.length === 0 && !contact && !inFileName ? organInRunningText(head) : null;
  if (inSentences)
    warnings.push(`no issuing body named up front; taken from the report's sentences about its own work (${inSentences.text})`);
  const ordered = [
    ...(organs.length ? [organs[filed]!, ...organs.filter((_, i) => i !== filed)] : []),
    ...(contact ? [asCandidate(contact)] : []),
    ...(inFileName ? [asCandidate(inFileName)] : []),
    ...(inSentences ? [asCandidate(inSentences)] : []),
  ];
  const context = findPlaces([...head.normalized, ...tail.normalized, toMatchable(cleaned.htmlTitle ?? '')].join('\n'));
  const placement = place(ordered, context, warnings);

  return {
    title: title?.text ?? null,
    organ: ordered[0]?.span.text ?? null,
    year,
    publishedAt,
    ...placement,
    warnings,
  };
}
