// Turns the text of one table, in whatever shape it arrived, into labelled rows of pieces.
//
// The shapes: pipe rows ("label | 1 | 0 | …", HTML and PDF/DOCX tables as the adapters rebuild
// them, markdown tables), one cell per line (pdftotext), and flattened crawler text where a row's
// numbers are glued ("…申请数量230 000023"). All of them are read the same way: the text is cut
// into label text and pieces (a run of digits, a dash-like mark, an empty pipe cell); a row is the
// label text since the previous row followed by its pieces. What the pieces mean (how many cells
// a run of digits holds) is decided later, by the table that knows its width and arithmetic.
//
// Invariants: pieces keep their order and their raw characters; no digit of the input is lost
// (a digit is either in a piece or part of an ordinal like "1." in label text).

export type PieceMark = 'blank' | 'dash' | 'none' | 'notApplicable';

export type Piece =
  | { kind: 'number'; raw: string; value: number; line: number }
  | { kind: 'mark'; raw: string; mark: PieceMark; line: number };

export interface TextRow {
  /** Label text since the previous row, its pieces joined by "\n". */
  label: string;
  /** The label text on the line of the first piece (the cell beside the numbers in a pipe row). */
  sameLineLabel: string;
  pieces: Piece[];
  /** True when the row's pieces come from one line without pipes: digits there may be glued. */
  mayBeGlued: boolean;
  /** True when the row's first line was a pipe row. */
  piped: boolean;
  /** True when label text followed the pieces on their line ("820 | 窗体顶端 1663.23万"): the
   *  cells after them are unknown, not empty. */
  interrupted: boolean;
  /** True when what followed the pieces on their line is no label (a stray "/" or "-"): in glued
   *  text the row's digits may then not be all its cells. */
  brokenOff: boolean;
}

export interface TableText {
  rows: TextRow[];
  /** Label-only lines of pipe tables (a row whose cells were all empty and dropped). */
  labelOnlyLines: string[];
  /** A pipe row in this table printed an empty cell, so empties are kept as cells. */
  keepsEmptyCells: boolean;
}

const MARKS: ReadonlyMap<string, PieceMark> = new Map([
  ['/', 'dash'],
  ['／', 'dash'],
  ['-', 'dash'],
  ['—', 'dash'],
  ['——', 'dash'],
  ['–', 'dash'],
  ['－', 'dash'],
  ['无', 'none'],
  ['不适用', 'notApplicable'],
]);

// Page furniture inside a table: "— 3 —", "-3-", "第 3 页".
const PAGE_NUMBER = /^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?)\s*$/;

// A number: thousands separators allowed, a decimal part allowed. An ordinal ("1." or "2、" before
// label text) is not a number; glued to a number before it ("00000031.本机关") only its last
// digit is the ordinal, since the templates' ordinals run 1–8.
// A sign (表二's 本年增/减 column) at the start of a cell or right after another number's digits
// ("35-15" in flattened text is 35 and -15: no number has a sign inside it).
const NUMBER = /[+\-−－]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)/g;
const SIGN_ALLOWED_AFTER = /^\s*$|\d$/;
const ORDINAL_AFTER = /^[.．、](?!\d)/;
const LABEL_START = /^\s*(?:[\p{Script=Han}（(“"]|\d[.．、])/u;

/** Rows of one table's text (a slice of the report starting at the table's heading). */
export function readTableText(text: string): TableText {
  const rows: TextRow[] = [];
  const labelOnlyLines: string[] = [];
  let keepsEmptyCells = false;
  let label: string[] = [];
  let current: TextRow | null = null;
  const finish = (): void => {
    if (current) rows.push(current);
    current = null;
    label = [];
  };
  const lines = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).split('\n');
  lines.forEach((line, lineNo) => {
    if (PAGE_NUMBER.test(line) || line.trim() === '') return;
    const piped = line.includes('|');
    // A new pipe row ends the previous row: each pipe row is a row.
    if (piped && current) finish();
    const cells = piped ? line.split('|') : [line];
    let lineLabel = '';
    let piecesOnLine = false;
    cells.forEach((cell, cellNo) => {
      const trimmed = cell.trim();
      if (piped && trimmed === '') {
        // An empty cell between two pipes: the edges of "| a | b |" are no cells.
        if (cellNo === 0 || cellNo === cells.length - 1) return;
        keepsEmptyCells = true;
        if (current) current.pieces.push({ kind: 'mark', raw: '', mark: 'blank', line: lineNo });
        return;
      }
      const mark = MARKS.get(trimmed);
      if (mark !== undefined && (current !== null || label.length > 0)) {
        current ??= newRow(label, lineLabel, piped);
        current.pieces.push({ kind: 'mark', raw: trimmed, mark, line: lineNo });
        piecesOnLine = true;
        return;
      }
      for (const part of splitNumbers(cell, piped)) {
        if (typeof part === 'string') {
          if (part.trim() === '') continue;
          if (current) {
            if (piecesOnLine) current.interrupted = true;
            if (piecesOnLine && !LABEL_START.test(part)) current.brokenOff = true;
            finish();
          }
          label.push(part);
          lineLabel += part;
        } else {
          current ??= newRow(label, lineLabel, piped);
          current.pieces.push({ kind: 'number', raw: part.raw, value: part.value, line: lineNo });
          piecesOnLine = true;
          if (current.pieces.some((p) => p.line !== lineNo)) current.mayBeGlued = false;
        }
      }
    });
    if (!piecesOnLine && lineLabel.trim() !== '') labelOnlyLines.push(lineLabel);
    if (piped && current) finish();
  });
  finish();
  return { rows, labelOnlyLines, keepsEmptyCells };
}

function newRow(label: string[], lineLabel: string, piped: boolean): TextRow {
  return { label: label.join('\n'), sameLineLabel: lineLabel, pieces: [], mayBeGlued: !piped, piped, interrupted: false, brokenOff: false };
}

/** A cell's text cut into label text and numbers, in order. */
export function splitNumbers(cell: string, piped = false): Array<string | { raw: string; value: number }> {
  const out: Array<string | { raw: string; value: number }> = [];
  let at = 0;
  for (const match of cell.matchAll(NUMBER)) {
    let raw = match[0];
    let start = match.index;
    if (/^[+\-−－]/.test(raw) && !SIGN_ALLOWED_AFTER.test(cell.slice(0, start))) {
      raw = raw.slice(1);
      start += 1;
    }
    // In a table that parts its cells, digits written onto a word belong to it ("数据1").
    if (piped && start > 0 && /\p{Script=Han}/u.test(cell[start - 1]!)) continue;
    let end = start + raw.length;
    let ordinal = '';
    if (/^\d+$/.test(raw) && ORDINAL_AFTER.test(cell.slice(end))) {
      ordinal = raw.slice(-1) + cell[end]!;
      raw = raw.slice(0, -1);
      end += 1;
    }
    if (start > at) out.push(cell.slice(at, start));
    if (raw !== '') out.push({ raw, value: Number(raw.replace(/,/g, '').replace(/^[−－]/, '-')) });
    if (ordinal !== '') out.push(ordinal);
    at = end;
  }
  if (at < cell.length) out.push(cell.slice(at));
  return mergeText(out);
}

function mergeText(parts: Array<string | { raw: string; value: number }>): Array<string | { raw: string; value: number }> {
  const out: Array<string | { raw: string; value: number }> = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
    else out.push(part);
  }
  return out;
}

/** One non-blank line of a table's text, page furniture left out: its label text and its pieces. */
export interface TextLine {
  line: number;
  label: string;
  pieces: Piece[];
}

/** The table's text line by line, for layouts whose numbers are read apart from their labels. */
export function readLines(text: string): TextLine[] {
  const out: TextLine[] = [];
  const lines = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).split('\n');
  lines.forEach((line, lineNo) => {
    if (PAGE_NUMBER.test(line) || line.trim() === '') return;
    const mark = MARKS.get(line.trim());
    if (mark !== undefined) {
      out.push({ line: lineNo, label: '', pieces: [{ kind: 'mark', raw: line.trim(), mark, line: lineNo }] });
      return;
    }
    const parts = splitNumbers(line);
    const label = parts.filter((p): p is string => typeof p === 'string').join('');
    const pieces = parts.flatMap((p): Piece[] =>
      typeof p === 'string' ? [] : [{ kind: 'number', raw: p.raw, value: p.value, line: lineNo }],
    );
    out.push({ line: lineNo, label: label.trim(), pieces });
  });
  return out;
}
