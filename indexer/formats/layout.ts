// Layout stage: text runs placed on fixed-layout pages (PDF, OFD) → the text the clean stage reads,
// one paragraph or table row per line, table cells joined by " | ".
//
// Order of decisions:
//   0. A run's radical code points become the ideographs they are drawn as (⼈⺠ → 人民, radicals.ts).
//   1. Runs → lines: runs whose baselines differ by less than half the smaller font size share a
//      line (table figures often sit a little lower than their labels); a line's runs go left to
//      right, and a wide gap (> 1.2 em) splits the line into segments (table cells, columns).
//   2. Spaces: in a letter-spaced line (Chinese characters drawn one by one, apart) spaces inside a
//      run of single digits ("2 0 2 1", a reader's rendering of the gaps) are dropped. A space the
//      PDF itself has is kept ("2024 年"), except between two Chinese
//      characters; a space is invented only where two Latin/digit runs have a gap wider than
//      letter spacing (> 0.25 em) between them, none is given, and they are not pieces of one
//      source (glyphs of one OFD TextObject: "2021" drawn digit by digit stays one number). Two
//      Chinese characters never get a space.
//   3. Page furniture goes: page numbers ("- 1 -", "第1页 共5页", "1/5", a bare number) among the
//      first or last lines of a page, near its top or bottom; and short lines repeated at the top
//      or bottom of most pages in the same size (running headers and footers, digits ignored).
//   4. Tables: two or more lines split into segments, with at most a few single-segment lines
//      between them, are rows of one table. A line much closer to the row above than rows are to
//      each other is the wrapped second line of that row's cells and is merged into them by column.
//   5. Hard wraps are joined: a break stays after closing punctuation (。；！？：), before a numbered
//      heading (一、 （一） 1. 第一部分), before an indented line (a new paragraph), where the font
//      size changes, after a line set right (a signature) and around tables; otherwise a line that
//      reaches the page's right margin runs on into the next one (across pages too), and so does a
//      wide centred title line.
//
// Invariants: pure and deterministic (the same pages give the same text, whatever the order of the
// runs within a page); never throws on odd input (empty pages, zero or negative sizes, NaN
// coordinates are skipped); no output line is blank; Chinese characters are never separated by an
// inserted space. Coordinates follow types.ts: points, y grows downward.
import { unifyRadicals } from '../../core/radicals.js';
import type { PlacedPage, PlacedText } from './types.js';

/** The pages' text in reading order, one paragraph or table row per line. */
export function layoutPages(pages: readonly PlacedPage[]): string {
  const laidOut = pages.map((page, index) => toLines(page, index));
  removeRunningLines(laidOut);
  const lines = laidOut.flatMap((page) => page.lines);
  const margins = laidOut.map((page) => pageMargins(page.lines, lines));
  const blocks = toBlocks(lines);
  const prose = blocks.flatMap((block) => (block.kind === 'line' ? [block.line] : []));
  const indents = prose.filter((line) => {
    const indent = (line.x - (margins[line.page]?.left ?? line.x)) / line.size;
    return indent >= INDENT && indent <= MAX_FIRST_LINE_INDENT;
  }).length;
  const style: Style = { body: bodySize(prose), indented: indents >= MIN_INDENTED_LINES };
  return joinBlocks(blocks, margins, style).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Runs and lines

interface Run {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  /** Whitespace only: a space the PDF states, with no reliable width of its own. Once a line is
   *  built, the flag marks a run that a stated space precedes. */
  blank: boolean;
  /** PlacedText.source: runs of one source are never parted by an invented space. */
  source: number | undefined;
}

interface Segment {
  text: string;
  x: number;
  right: number;
}

interface Line {
  page: number;
  y: number;
  x: number;
  right: number;
  /** The font size most of the line's characters have. */
  size: number;
  /** Its runs left to right, blank runs dropped. */
  runs: Run[];
  segments: Segment[];
  /** The segments as one line of text (for a line that is not a table row). */
  text: string;
}

interface PageLines {
  lines: Line[];
  height: number;
}

/** Runs with a baseline this close (in ems of the smaller font) share a line. */
const SAME_LINE = 0.5;
/** A gap wider than this (in ems) between runs separates segments: table cells or columns. */
const SEGMENT_GAP = 1.2;
/** Inside a table (once found), cells may stand closer: a cell's padding is a fraction of an em. */
const CELL_GAP = 0.6;
/** A gap wider than this (in ems) between Latin or digit runs is a space the PDF did not write. */
const WORD_GAP = 0.25;
/** A line whose Chinese characters, drawn one by one, stand this far apart (in ems) is letter-spaced. */
const LETTER_SPACED = 0.05;
/** So many single characters must show the gap. */
const MIN_SPACED_GLYPHS = 4;
const SPACED_DIGITS = /(?<![\p{L}\p{N}])\d(?: \d)+(?![\p{L}\p{N}])/gu;
/** Two runs with the same text this close (in ems) are one run drawn twice (simulated bold). */
const OVERSTRIKE = 0.3;

const HAN = /[\p{Script=Han}]/u;
/** Chinese characters and full-width punctuation: no space is ever put next to them by layout. */
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019]/u;
const LATIN_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACES_BETWEEN_HAN = /(?<=\p{Script=Han})[ \u3000\u00a0]+(?=\p{Script=Han})/gu;

function toLines(page: PlacedPage, pageIndex: number): PageLines {
  const runs = page.items.map(toRun).filter((run): run is Run => run !== null);
  runs.sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: Run[][] = [];
  let current: Run[] = [];
  let reference = 0;
  for (const run of runs) {
    const first = current[0];
    if (first !== undefined && Math.abs(run.y - reference) <= SAME_LINE * Math.min(first.size, run.size)) {
      current.push(run);
      continue;
    }
    if (current.length > 0) groups.push(current);
    current = [run];
    reference = run.y;
  }
  if (current.length > 0) groups.push(current);
  const lines = groups.map((group) => toLine(group, pageIndex)).filter((line): line is Line => line !== null);
  const height = Number.isFinite(page.height) && page.height > 0 ? page.height : Math.max(0, ...lines.map((l) => l.y));
  return { lines, height };
}

function toRun(item: PlacedText): Run | null {
  const text = unifyRadicals(item.text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ''));
  if (text === '' || ![item.x, item.y, item.height].every(Number.isFinite)) return null;
  const size = item.height > 0 ? item.height : 10;
  const blank = text.trim() === '';
  const width = item.width > 0 && Number.isFinite(item.width) ? item.width : estimateWidth(text, size);
  return { text, x: item.x, right: item.x + (blank ? 0 : width), y: item.y, size, blank, source: item.source };
}

function estimateWidth(text: string, size: number): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? size : size / 2;
  return width;
}

function toLine(group: Run[], page: number): Line | null {
  group.sort((a, b) => a.x - b.x || Number(b.blank) - Number(a.blank));
  const runs: Run[] = [];
  let statedSpace = false;
  const sizes = new Map<number, number>();
  for (const run of group) {
    if (run.blank) {
      statedSpace = runs.length > 0;
      continue;
    }
    const previous = runs[runs.length - 1];
    if (previous && run.text === previous.text && Math.abs(run.x - previous.x) < OVERSTRIKE * run.size) continue;
    const rounded = Math.round(run.size * 2) / 2;
    sizes.set(rounded, (sizes.get(rounded) ?? 0) + run.text.length);
    // A stated space is carried on the run after it.
    runs.push(statedSpace ? { ...run, blank: true } : run);
    statedSpace = false;
  }
  // In a letter-spaced line (Chinese characters drawn apart) a reader puts spaces inside a run of
  // digits where they stand apart too: "2 0 2 1" is 2021.
  if (letterSpacing(runs) > LETTER_SPACED * (group[0]?.size ?? 10)) {
    for (const [i, run] of runs.entries())
      runs[i] = { ...run, text: run.text.replace(SPACED_DIGITS, (digits) => digits.replace(/ /g, '')) };
  }
  const segments = segmentRuns(runs, SEGMENT_GAP);
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (first === undefined || last === undefined) return null;
  const size = [...sizes].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? group[0]!.size;
  const y = runs[0]?.y ?? group[0]!.y;
  return { page, y, x: first.x, right: last.right, size, runs, segments, text: joinSegments(segments, size) };
}

/** The usual gap after a Chinese character drawn as a run of its own; 0 for a line of whole strings. */
function letterSpacing(runs: readonly Run[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < runs.length; i++) {
    const before = runs[i - 1]!;
    const gap = runs[i]!.x - before.right;
    if ([...before.text].length === 1 && HAN.test(before.text) && gap < SEGMENT_GAP * before.size) gaps.push(gap);
  }
  if (gaps.length < MIN_SPACED_GLYPHS) return 0;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

/** Splits a line's runs (left to right; `blank` marks a run preceded by a stated space) where the
 *  gap between two runs is wider than `gapEms` ems. */
function segmentRuns(runs: readonly Run[], gapEms: number): Segment[] {
  const segments: Segment[] = [];
  let segment: Segment | null = null;
  let previous: Run | null = null;
  for (const run of runs) {
    const gap = previous ? run.x - previous.right : 0;
    if (segment === null || previous === null || gap > gapEms * Math.max(run.size, previous.size)) {
      segment = { text: run.text, x: run.x, right: run.right };
      segments.push(segment);
    } else {
      const sameSource = run.source !== undefined && run.source === previous.source;
      const wordGap = !sameSource && gap > WORD_GAP * run.size;
      segment.text += joiner(segment.text, run.text, run.blank, wordGap) + run.text;
      segment.right = Math.max(segment.right, run.right);
    }
    previous = run;
  }
  for (const s of segments) s.text = s.text.replace(SPACES_BETWEEN_HAN, '').replace(/\s+/g, ' ').trim();
  return segments.filter((s) => s.text !== '');
}

/** What goes between two pieces of one segment: a stated space (unless both sides are Chinese),
 *  an invented one only between Latin/digit runs with a word gap, else nothing. */
function joiner(before: string, after: string, statedSpace: boolean, visibleGap: boolean): string {
  const left = before.slice(-1);
  const right = after.slice(0, 1);
  if (left === ' ' || right === ' ' || left === '') return '';
  if (HAN.test(left) && HAN.test(right)) return '';
  if (statedSpace) return ' ';
  return visibleGap && LATIN_OR_DIGIT.test(left) && LATIN_OR_DIGIT.test(right) && !WIDE.test(left) && !WIDE.test(right) ? ' ' : '';
}

/** A line that is not a table row: its segments with one space where the gap was wide, except
 *  next to full-width punctuation, and between Chinese characters only across a real gap (> 2 em). */
function joinSegments(segments: readonly Segment[], size: number): string {
  let text = segments[0]?.text ?? '';
  for (let i = 1; i < segments.length; i++) {
    const before = segments[i - 1]!;
    const after = segments[i]!;
    const left = text.slice(-1);
    const right = after.text.slice(0, 1);
    const punctuation = (WIDE.test(left) && !HAN.test(left)) || (WIDE.test(right) && !HAN.test(right));
    const tight = HAN.test(left) && HAN.test(right) && after.x - before.right < 2 * size;
    text += (punctuation || tight ? '' : ' ') + after.text;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Page furniture

/** The top or bottom band of a page (share of its height) where furniture stands. */
const EDGE_BAND = 0.15;
/** How many lines at each end of a page are looked at for furniture. */
const EDGE_LINES = 2;
const MAX_RUNNING_LINE = 60;
/** A web address (a browser prints the page's in its footer) repeats however long it is. */
const URL_PIECE = /^(?:https?|file):\/\/\S+$/i;

const PAGE_NUMBER = [
  /^[-—–－―~～·•]*\d{1,4}[-—–－―~～·•]*$/, // 1, -1-, — 1 —, －1－ (spaces removed first)
  /^第\d{1,4}页(?:[,，/／]?共\d{1,4}页)?$/, // 第1页 共5页
  /^共\d{1,4}页[,，]?第\d{1,4}页$/,
  /^\d{1,4}[/／]\d{1,4}$/, // 1/5
  /^(?:page)?\d{1,4}(?:of\d{1,4})?$/i, // Page 1 of 5
  /^[-—–－―]*[ivxlc]{1,6}[-—–－―]*$/i, // roman numerals of front matter
];

function isPageNumber(text: string): boolean {
  const compact = text.replace(/\s/g, '');
  return compact.length <= 16 && PAGE_NUMBER.some((pattern) => pattern.test(compact));
}

/** Indexes of the lines at the ends of a page that stand in its top or bottom band. */
function edgeLines(page: PageLines): number[] {
  const { lines, height } = page;
  const indexes = new Set<number>();
  for (let i = 0; i < Math.min(EDGE_LINES, lines.length); i++) {
    if (height <= 0 || lines[i]!.y <= height * EDGE_BAND) indexes.add(i);
    const last = lines.length - 1 - i;
    if (height <= 0 || lines[last]!.y >= height * (1 - EDGE_BAND)) indexes.add(last);
  }
  return [...indexes];
}

/** Drops page numbers, then lines repeated at the top or bottom of most pages. A line split into
 *  pieces (a browser's print header: date | title; footer: address | 1/5) goes when every piece is
 *  a page number or repeats. Mutates `pages`. */
function removeRunningLines(pages: PageLines[]): void {
  const piecesOf = (line: Line): string[] => (line.segments.length > 1 ? line.segments.map((s) => s.text) : [line.text]);
  for (const page of pages) {
    const drop = new Set(edgeLines(page).filter((i) => isPageNumber(page.lines[i]!.text) || piecesOf(page.lines[i]!).every(isPageNumber)));
    page.lines = page.lines.filter((_, i) => !drop.has(i));
  }
  if (pages.length < 2) return;
  const keyOf = (piece: string): string | null =>
    piece.length <= MAX_RUNNING_LINE || URL_PIECE.test(piece) ? piece.replace(/\s/g, '').replace(/\d+/g, '#') : null;
  // Per key, the pages it stands on and the size it has most often there.
  const seen = new Map<string, { pages: number; sizes: Map<number, number> }>();
  for (const page of pages) {
    const onPage = new Set<string>();
    for (const i of edgeLines(page)) {
      const line = page.lines[i]!;
      for (const piece of new Set([line.text, ...piecesOf(line)])) {
        const key = keyOf(piece);
        if (key === null) continue;
        const entry = seen.get(key) ?? { pages: 0, sizes: new Map<number, number>() };
        if (!onPage.has(key)) entry.pages++;
        onPage.add(key);
        entry.sizes.set(line.size, (entry.sizes.get(line.size) ?? 0) + 1);
        seen.set(key, entry);
      }
    }
  }
  const running = new Map<string, number>();
  for (const [key, entry] of seen) {
    if (entry.pages < 2 || entry.pages <= pages.length / 2) continue;
    running.set(key, [...entry.sizes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0]);
  }
  if (running.size === 0) return;
  // The title on the first page may read like the running header; its size tells them apart.
  const isRunning = (piece: string, line: Line): boolean => {
    const size = running.get(keyOf(piece) ?? '');
    return size !== undefined && Math.abs(line.size - size) <= SIZE_CHANGE * size;
  };
  const isFurniture = (line: Line): boolean =>
    isRunning(line.text, line) || piecesOf(line).every((piece) => isPageNumber(piece) || isRunning(piece, line));
  for (const page of pages) {
    const drop = new Set(edgeLines(page).filter((i) => isFurniture(page.lines[i]!)));
    page.lines = page.lines.filter((_, i) => !drop.has(i));
  }
}

/** The font size of most characters: the body text's. */
function bodySize(lines: readonly Line[]): number {
  const weights = new Map<number, number>();
  for (const line of lines) weights.set(line.size, (weights.get(line.size) ?? 0) + line.text.length);
  return [...weights].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 10;
}

// ---------------------------------------------------------------------------------------------
// Tables

type Block = { kind: 'line'; line: Line } | { kind: 'row'; text: string; page: number };

/** Single-segment lines (a caption row, a stacked cell) that may stand between two table rows. */
const MAX_BRIDGED_LINES = 3;
/** A line nearer than this share of the table's usual row pitch is a wrapped line of the row above,
 *  unless more than one of its segments falls in a column the row already fills (then it is a row
 *  of its own that merely sits close, as beside a cell whose characters are stacked vertically).
 *  Figures never wrap: a line reaching into a cell holding a number starts a new row. */
const WRAPPED_ROW_PITCH = 0.7;
/** A line this close (in ems) to the one above is a wrapped line whatever the table's pitch: rows
 *  have cell padding on top of the line height. */
const WRAPPED_LINE_PITCH = 1.5;
const NUMBER = /^[-+]?[\d,.]+%?$/;

function toBlocks(lines: readonly Line[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const end = tableEnd(lines, i);
    if (end === i) {
      blocks.push({ kind: 'line', line: lines[i]! });
      i++;
      continue;
    }
    blocks.push(...tableRows(lines.slice(i, end)));
    i = end;
  }
  return blocks;
}

/** Where a table starting at `start` ends (exclusive), or `start` when no table starts there. */
function tableEnd(lines: readonly Line[], start: number): number {
  if (lines[start]!.segments.length < 2) return start;
  let lastRow = start;
  let rows = 1;
  for (let j = start + 1; j < lines.length && j - lastRow - 1 <= MAX_BRIDGED_LINES; j++) {
    if (lines[j]!.segments.length >= 2) {
      lastRow = j;
      rows++;
    }
  }
  return rows >= 2 ? lastRow + 1 : start;
}

interface Cell {
  text: string;
  x: number;
  right: number;
}

function tableRows(lines: readonly Line[]): Block[] {
  const pitches: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.page === lines[i - 1]!.page) pitches.push(lines[i]!.y - lines[i - 1]!.y);
  }
  pitches.sort((a, b) => a - b);
  const usual = pitches[Math.floor(pitches.length / 2)] ?? 0;
  const rows: Array<{ cells: Cell[]; page: number }> = [];
  let previous: Line | null = null;
  for (const line of lines) {
    const row = rows[rows.length - 1];
    const cells = segmentRuns(line.runs, CELL_GAP);
    const gap = previous !== null && previous.page === line.page ? line.y - previous.y : Number.POSITIVE_INFINITY;
    const filled = row === undefined ? [] : cells.map((s) => overlapping(row.cells, s)).filter((c) => c !== undefined);
    const lineStep = gap < WRAPPED_LINE_PITCH * line.size;
    const wrapped =
      row !== undefined &&
      (lineStep || gap < WRAPPED_ROW_PITCH * usual) &&
      !filled.some((cell) => NUMBER.test(cell.text)) &&
      (filled.length <= 1 || lineStep);
    if (wrapped) for (const segment of cells) addToRow(row.cells, segment);
    else rows.push({ cells, page: line.page });
    previous = line;
  }
  return rows.map((row) => ({ kind: 'row', page: row.page, text: row.cells.map((c) => c.text).join(' | ') }));
}

function overlapping(cells: readonly Cell[], segment: Segment): Cell | undefined {
  return cells.find((c) => segment.x < c.right && segment.right > c.x);
}

/** Puts a wrapped line's segment into the cell of the column it overlaps, or a new cell. */
function addToRow(cells: Cell[], segment: Segment): void {
  const cell = overlapping(cells, segment);
  if (cell) {
    cell.text += joiner(cell.text, segment.text, false, true) + segment.text;
    cell.x = Math.min(cell.x, segment.x);
    cell.right = Math.max(cell.right, segment.right);
    return;
  }
  const at = cells.findIndex((c) => c.x > segment.x);
  cells.splice(at === -1 ? cells.length : at, 0, { ...segment });
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

interface Margins {
  left: number;
  right: number;
  /** The usual distance between the baselines of consecutive lines; 0 when unknown. */
  pitch: number;
}

/** How the document sets its prose. */
interface Style {
  /** The body text's font size. */
  body: number;
  /** Paragraphs start with an indented first line (else they are blocks set apart by space). */
  indented: boolean;
}

/** An indent up to this many ems is a first-line indent (more is a centred or right-set line). */
const MAX_FIRST_LINE_INDENT = 3;
/** With this many first-line indents the document is taken to mark paragraphs by indenting. */
const MIN_INDENTED_LINES = 3;
/** A gap between lines this many times the usual pitch separates paragraphs. */
const PARAGRAPH_GAP = 1.25;

/** Fewer text lines than this on a page: its margins are taken from the whole document. */
const MIN_LINES_FOR_MARGINS = 8;
/** A line ending within this many ems of the right margin reaches it. */
const RIGHT_MARGIN_SLACK = 1.5;
/** A line starting this many ems right of the left margin is indented. */
const INDENT = 1.5;
/** Font sizes differing by more than this share start a new paragraph. */
const SIZE_CHANGE = 0.15;
/** A centred line at least this share of the text width is a title that wrapped. */
const WIDE_TITLE = 0.6;

const CLOSING = /[。；！？：;!?:][”’」』"']?$/u;
const NUMBERED_HEADING =
  /^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[、．](?!\d)|\d{1,2}\.(?!\d)|[（(]\d{1,2}[）)]|第[一二三四五六七八九十]{1,3}(?:部分|章|节)|附件|附表)/u;

function pageMargins(pageLines: readonly Line[], allLines: readonly Line[]): Margins {
  const lines = (pageLines.length >= MIN_LINES_FOR_MARGINS ? pageLines : allLines).filter((l) => l.segments.length === 1);
  if (lines.length === 0) return { left: 0, right: Number.POSITIVE_INFINITY, pitch: 0 };
  // The left margin is the leftmost place where several lines start: indented first lines and
  // headings start right of it; a stray line further left (a page number, a note) does not count.
  const xs = lines.map((l) => l.x).sort((p, q) => p - q);
  const enough = Math.max(2, Math.ceil(xs.length * 0.05));
  const left = xs.find((x) => xs.filter((other) => other >= x && other - x < 3).length >= enough) ?? xs[0]!;
  const rights = lines.map((l) => l.right).sort((a, b) => a - b);
  const right = rights[Math.floor(rights.length * 0.9)] ?? rights[rights.length - 1]!;
  const pitches: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.page === lines[i - 1]!.page) pitches.push(lines[i]!.y - lines[i - 1]!.y);
  }
  pitches.sort((a, b) => a - b);
  return { left, right, pitch: pitches[Math.floor(pitches.length / 2)] ?? 0 };
}

function joinBlocks(blocks: readonly Block[], margins: readonly Margins[], style: Style): string[] {
  const out: string[] = [];
  let previous: Line | null = null;
  for (const block of blocks) {
    if (block.kind === 'row') {
      out.push(block.text);
      previous = null;
      continue;
    }
    const line = block.line;
    if (previous !== null && runsOn(previous, line, margins, style)) {
      const last = out.length - 1;
      out[last] = out[last]! + wrapJoiner(out[last]!, line.text) + line.text;
    } else {
      out.push(line.text);
    }
    previous = line;
  }
  return out.filter((line) => line !== '');
}

/** Does `next` continue the paragraph (or heading) that `line` belongs to? */
function runsOn(line: Line, next: Line, margins: readonly Margins[], style: Style): boolean {
  const here = margins[line.page] ?? { left: 0, right: Number.POSITIVE_INFINITY, pitch: 0 };
  const there = margins[next.page] ?? here;
  if (NUMBERED_HEADING.test(next.text)) return false;
  if (Math.abs(line.size - next.size) > SIZE_CHANGE * Math.max(line.size, next.size)) return false;
  if (line.size > TITLE_SIZE * style.body) return !CLOSING.test(line.text) && centredTitle(line, next, here);
  if (line.page === next.page && here.pitch > 0 && next.y - line.y > PARAGRAPH_GAP * here.pitch) return false;
  if (next.x - there.left >= INDENT * next.size) return false;
  // A line set right (a signature, a date, a subtitle) ends where it ends, though it reaches the
  // margin; a numbered heading set in deep may wrap.
  const setRight = line.x - here.left > MAX_FIRST_LINE_INDENT * line.size && !NUMBERED_HEADING.test(line.text);
  if (setRight && !centredTitle(line, next, here)) return false;
  const full = line.right >= here.right - RIGHT_MARGIN_SLACK * line.size;
  // After a full stop, a full line runs on only where paragraphs are marked by indenting: there a
  // line at the left margin cannot start one.
  if (CLOSING.test(line.text)) return full && style.indented;
  return full;
}

/** Text larger than the body's by this share is a title. */
const TITLE_SIZE = 1.1;

/** A wide centred title line followed by another centred line: a title that wrapped. (Short
 *  centred lines stay apart: 淮安市人民政府 / 2024年…年度报告 is set that way on purpose.) */
function centredTitle(line: Line, next: Line, margins: Margins): boolean {
  if (!Number.isFinite(margins.right)) return line.right - line.x > 0 && next.right - next.x > 0;
  const centre = (margins.left + margins.right) / 2;
  const centred = (l: Line): boolean => Math.abs((l.x + l.right) / 2 - centre) < l.size;
  return centred(line) && centred(next) && line.right - line.x >= WIDE_TITLE * (margins.right - margins.left);
}

/** Between two wrapped lines: nothing, except a space between two Latin words. */
function wrapJoiner(before: string, after: string): string {
  return /[A-Za-z]$/.test(before) && /^[A-Za-z]/.test(after) ? ' ' : '';
}
