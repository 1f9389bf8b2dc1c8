// Which 表三 row each run of numbers belongs to. Most layouts print a row's label right before its
// numbers. Two layouts separate them: pdftotext (one cell per line) sometimes prints a few labels
// together and their numbers later, in row order; PDF-to-markdown converters leave some number
// rows without their label. There the numbers still come in the template's row order, so a run of
// unlabelled rows between two labelled ones is placed on the rows the template puts between them,
// when exactly that many rows are absent. The caller keeps a placement only if the table's
// identities then hold.
//
// Invariant: a placed row lies, in template order, strictly between the labelled rows around it.
import { REQUEST_VOCABULARY, rowNamedBy } from './labels.js';
import type { Piece, TableText, TextRow } from './tableText.js';
import { APPLICANT_COLUMNS, REQUEST_ROWS, type RequestRow, type Template } from './types.js';

const WIDTH = APPLICANT_COLUMNS.length;

export interface RowEntry {
  key: RequestRow | null;
  row: TextRow;
  pieces: Piece[];
  /** The row was chosen by order, not by a label beside the numbers. */
  placed: boolean;
}

/** The rows in text order with the row each names; 'scrambled' when numbers precede every label. */
export function rowEntries(table: TableText): RowEntry[] | 'scrambled' {
  const entries: RowEntry[] = [];
  for (const row of table.rows) {
    const key = labelledRow(row);
    // Numbers before the first label, outside a pipe row: this layout prints numbers before
    // their labels, and every later label may be followed by its neighbour's numbers.
    if (key === null && entries.every((e) => e.key === null) && !row.piped) return 'scrambled';
    const oneCellPerLine = !row.piped && !row.mayBeGlued;
    if (oneCellPerLine && row.pieces.length > WIDTH && row.pieces.length % WIDTH === 0) {
      // A label, its seven numbers, then rows of numbers whose labels were printed elsewhere.
      for (let at = 0; at < row.pieces.length; at += WIDTH) {
        entries.push({ key: at === 0 ? key : null, row, pieces: row.pieces.slice(at, at + WIDTH), placed: false });
      }
    } else entries.push({ key, row, pieces: row.pieces, placed: false });
  }
  return entries;
}

/**
 * The row a label names. A label holding several rows' words (labels printed together) names the
 * row of its last lines: the cell beside the numbers in a pipe row; in one-cell-per-line text the
 * shortest tail of the label's lines that names a sub-row (a label may wrap over lines).
 */
export function labelledRow(row: TextRow): RequestRow | null {
  const named = rowNamedBy(row.label, REQUEST_VOCABULARY);
  if (named !== 'several') return named;
  if (row.mayBeGlued) return null;
  // In a pipe row only the cell beside the numbers is its label: converters pour the text of
  // row-spanning cells (and whole labels) onto the lines before a row of numbers.
  if (row.piped) {
    const beside = rowNamedBy(row.sameLineLabel, REQUEST_VOCABULARY);
    return beside === 'several' ? null : beside;
  }
  const lines = row.label.split('\n');
  for (let take = 1; take <= lines.length; take += 1) {
    const tail = rowNamedBy(lines.slice(-take).join(''), REQUEST_VOCABULARY);
    const isLeaf = tail !== null && tail !== 'several' && !REQUEST_VOCABULARY.find((r) => r.key === tail)?.parent;
    if (tail === 'several') return null;
    if (isLeaf) return tail;
  }
  return null;
}

/** Gives each run of unlabelled rows the absent template rows between its labelled neighbours. */
export function placeOrphans(entries: readonly RowEntry[], template: Template): RowEntry[] {
  const labelled = new Set(entries.flatMap((e) => (e.key ? [e.key] : [])));
  const order = templateOrder(template, labelled);
  const out = entries.map((e) => ({ ...e }));
  let at = 0;
  while (at < out.length) {
    if (out[at]!.key !== null) {
      at += 1;
      continue;
    }
    let end = at;
    while (end < out.length && out[end]!.key === null) end += 1;
    const before = at > 0 ? order.indexOf(out[at - 1]!.key!) : -1;
    const after = end < out.length ? order.indexOf(out[end]!.key!) : order.length;
    const absent = before < 0 && at > 0 ? [] : order.slice(before + 1, after).filter((key) => !labelled.has(key));
    if (after > before && absent.length === end - at && out.slice(at, end).every((e) => e.pieces.length === WIDTH)) {
      absent.forEach((key, i) => {
        Object.assign(out[at + i]!, { key, placed: true });
      });
    }
    at = end;
  }
  return out;
}

/** 表三's rows in printed order for the template: （六） is one row in 2019, three in 2021. */
function templateOrder(template: Template, labelled: ReadonlySet<RequestRow>): RequestRow[] {
  const split = template === '2021' && !labelled.has('otherHandling');
  const parents: RequestRow[] = ['denied', 'cannotProvide', 'notProcessed'];
  return REQUEST_ROWS.filter((key) => {
    if (parents.includes(key)) return false;
    if (key === 'otherHandling') return !split;
    if (key.startsWith('otherHandling.')) return split;
    return true;
  });
}
