// 表三 printed apart from its labels. pdftotext without -layout, on PDFs whose table was drawn in
// pieces, prints the numbers in blocks and the row labels together elsewhere, in no order that can
// be trusted. The numbers themselves keep the table's order, block by block: a block is either
// rows left to right (one number per line, a run of 7·k numbers, or seven runs of one), or k rows
// printed column by column (seven runs of k numbers, one run per applicant column, runs parted by a
// blank line). Which rows the blocks hold is then decided by count alone: the template's rows, in
// order, with every one of their labels printed somewhere in the table and exactly seven numbers
// each. No label position is used.
//
// Invariant: a reading is offered only when every number of the table is used exactly once, in
// order, every line holding a number holds nothing else, and every row's label is in the text. The
// caller keeps a reading only if every identity of the table holds with it, and fills a cell only
// where all kept readings agree.
import type { CellValue } from './cells.js';
import { REQUEST_VOCABULARY, rowNamedBy } from './labels.js';
import { readLines, type Piece } from './tableText.js';
import { APPLICANT_COLUMNS, REQUEST_ROWS, type RequestRow } from './types.js';

const WIDTH = APPLICANT_COLUMNS.length;
/** More ways than this to cut the numbers into blocks and the layout is not read. */
const MAX_TILINGS = 64;

export type DetachedReading = Map<RequestRow, CellValue[]>;

/**
 * The ways the table's numbers can be laid on the template's rows, or null when the text is not
 * this layout (a line mixing label and number, a row label absent, a count that does not tile).
 */
export function detachedReadings(text: string): DetachedReading[] | null {
  const lines = readLines(text);
  if (lines.some((l) => l.pieces.length > 1 || (l.pieces.length === 1 && l.label !== ''))) return null;
  const rows = rowsOf(labelsIn(lines.filter((l) => l.pieces.length === 0).map((l) => l.label)));
  if (rows === null) return null;
  const groups = runsOf(lines.flatMap((l) => l.pieces));
  const total = groups.reduce((n, g) => n + g.length, 0);
  if (total !== rows.length * WIDTH) return null;
  const tilings = tile(groups, rows.length);
  if (tilings === null || tilings.length === 0) return null;
  return tilings.map((tiling) => new Map(rows.map((key, r) => [key, tiling[r]!.map(cellOf)])));
}

/** The rows named by the label lines, alone or joined with the next line (labels wrap). */
function labelsIn(labels: readonly string[]): Set<RequestRow> {
  const named = new Set<RequestRow>();
  labels.forEach((label, i) => {
    for (const text of [label, label + (labels[i + 1] ?? '')]) {
      const key = rowNamedBy(text, REQUEST_VOCABULARY);
      if (key !== null && key !== 'several') named.add(key);
    }
  });
  return named;
}

/**
 * The number rows in template order: （六） as one row, or as its three sub-rows when their labels
 * are printed; parent rows (（三）不予公开 …) carry no numbers in this layout. Null when a row's label
 * is absent: then the count would not prove which rows the numbers fill.
 */
function rowsOf(labels: ReadonlySet<RequestRow>): RequestRow[] | null {
  const split = [...labels].some((key) => key.startsWith('otherHandling.'));
  const rows = REQUEST_ROWS.filter((key) => {
    if (key === 'otherHandling') return !split;
    if (key.startsWith('otherHandling.')) return split;
    return !REQUEST_VOCABULARY.find((r) => r.key === key)?.parent;
  });
  return rows.every((key) => labels.has(key)) ? rows : null;
}

/** Runs of numbers on consecutive lines; a blank line, a label or page furniture ends a run. */
function runsOf(pieces: readonly Piece[]): Piece[][] {
  const runs: Piece[][] = [];
  pieces.forEach((piece, i) => {
    if (i > 0 && piece.line === pieces[i - 1]!.line + 1) runs[runs.length - 1]!.push(piece);
    else runs.push([piece]);
  });
  return runs;
}

/** Every way to cut the runs into blocks covering exactly `rows` rows: each tiling row by row. */
function tile(runs: readonly Piece[][], rows: number): Piece[][][] | null {
  const out: Piece[][][] = [];
  let overflow = false;
  const walk = (at: number, done: Piece[][]): void => {
    if (out.length > MAX_TILINGS) {
      overflow = true;
      return;
    }
    if (at === runs.length) {
      if (done.length === rows) out.push(done);
      return;
    }
    const run = runs[at]!;
    // Rows left to right: a run of 7·k numbers.
    if (run.length % WIDTH === 0 && done.length + run.length / WIDTH <= rows) {
      const block = Array.from({ length: run.length / WIDTH }, (_, r) => run.slice(r * WIDTH, (r + 1) * WIDTH));
      walk(at + 1, [...done, ...block]);
    }
    // k rows column by column: seven runs of k (k = 1 is one row, already read left to right
    // when its seven numbers share a run; here they are seven runs of one).
    const columns = runs.slice(at, at + WIDTH);
    const k = run.length;
    if (columns.length === WIDTH && columns.every((c) => c.length === k) && done.length + k <= rows) {
      const block = Array.from({ length: k }, (_, r) => columns.map((c) => c[r]!));
      walk(at + WIDTH, [...done, ...block]);
    }
  };
  walk(0, []);
  return overflow ? null : out;
}

function cellOf(piece: Piece): CellValue {
  return piece.kind === 'number'
    ? { value: piece.value, raw: piece.raw, mark: 'placed' }
    : { value: null, raw: piece.raw, mark: piece.mark };
}
