// 表三: rows found by their labels, each row's readings narrowed by its own sum, then the whole
// table's readings narrowed by its column identities (only glued text has more than one reading),
// then a lost row filled where one identity leaves it one value and its own sum agrees.
//
// Invariants: a filled cell is printed, or computed from printed cells by an identity the printed
// table satisfies; numbers printed away from their labels (a layout that puts numbers before the
// first label) are never attached to a neighbouring label.
import { amount, hasNumber, identityHolds, readRow, type CellValue, type RowReadings } from './cells.js';
import { detachedReadings } from './detached.js';
import { requestIdentities, expectedRows, type ColumnIdentity } from './identities.js';
import { REQUEST_VOCABULARY, rowNamedBy } from './labels.js';
import { placeOrphans, rowEntries, labelledRow, type RowEntry } from './placement.js';
import { settle } from './settle.js';
import type { Piece, TableText } from './tableText.js';
import { APPLICANT_COLUMNS, type RequestRow, type Template } from './types.js';

const WIDTH = APPLICANT_COLUMNS.length;
const ROW_SUM = [{ parts: [0, 1, 2, 3, 4, 5], total: 6 }];
/** Beyond this many combinations of glued rows the column identities are not used to choose. */
const MAX_COMBINATIONS = 200_000;

export type RequestCells = Map<RequestRow, CellValue[]>;

/** 表三's cells from its rows; `source` is the table's text, read again when labels and numbers are apart. */
export function readRequests(table: TableText, template: Template, source: string): RequestCells {
  const found = rowEntries(table);
  if (found === 'scrambled') return readDetached(source) ?? scrambled(table);
  const entries = placeOrphans(found, template);
  const readings = new Map<RequestRow, RowReadings>();
  const conflicting = new Set<RequestRow>();
  const placed = new Set<RequestRow>();
  for (const { key, row, pieces, placed: byOrder } of entries) {
    if (key === null) continue;
    if (readings.has(key)) conflicting.add(key);
    if (byOrder) placed.add(key);
    const shape = { width: WIDTH, identities: ROW_SUM, glued: row.mayBeGlued, brokenOff: row.brokenOff };
    readings.set(key, readRow(pieces, { ...shape, padBlank: table.keepsEmptyCells && !row.interrupted }));
  }
  if (table.keepsEmptyCells) addEmptyRows(table, readings);
  for (const key of conflicting) readings.set(key, { syntactic: [], consistent: [] });
  narrowByColumns(readings);
  const cells: RequestCells = new Map();
  for (const [key, r] of readings) cells.set(key, settle(r.consistent, r.syntactic, WIDTH));
  confirmPlacement(cells, placed);
  inferLostRows(cells);
  PRINTED.set(cells, printedAfterLabels(entries, new Set([...conflicting, ...placed])));
  return cells;
}

/** What each row printed, kept for inferUnreadableRows, which runs once the cuts are settled. */
const PRINTED = new WeakMap<RequestCells, Map<RequestRow, Piece[]>>();

/** Each labelled row's pieces with those of the unlabelled, unplaced rows that follow it. */
function printedAfterLabels(entries: readonly RowEntry[], excluded: ReadonlySet<RequestRow>): Map<RequestRow, Piece[]> {
  const printed = new Map<RequestRow, Piece[]>();
  let last: RequestRow | null = null;
  for (const entry of entries) {
    if (entry.key !== null) last = excluded.has(entry.key) ? null : entry.key;
    if (last !== null) printed.set(last, [...(printed.get(last) ?? []), ...entry.pieces]);
  }
  return printed;
}

/**
 * Rows placed by order stay only if every identity of the table holds with them (each then sits
 * in a table that adds up); their cells are marked 'placed'. Otherwise they become ambiguous.
 */
function confirmPlacement(cells: RequestCells, placed: ReadonlySet<RequestRow>): void {
  if (placed.size === 0) return;
  const identities = requestIdentities(new Set(cells.keys()));
  const rowsHold = [...placed].every((key) => identityHolds(cells.get(key)!, ROW_SUM[0]!));
  const confirmed = rowsHold && identities.every((identity) => columnsHold(identity, cells));
  for (const key of placed) {
    const row = cells.get(key)!;
    cells.set(
      key,
      row.map((cell): CellValue => {
        if (!confirmed) return { value: null, raw: null, mark: 'ambiguous' };
        return cell.mark === 'read' ? { ...cell, mark: 'placed' } : cell;
      }),
    );
  }
}

/**
 * Numbers printed apart from their labels (detached.ts): the readings every identity of the table
 * holds with, each cell filled only where they all agree; every row ambiguous when none does (a
 * reading that does not add up may be a shifted one); null when the text is not this layout.
 */
function readDetached(source: string): RequestCells | null {
  const readings = detachedReadings(source);
  if (readings === null) return null;
  const kept = readings.filter((reading) => {
    const rowsHold = [...reading.values()].every((row) => identityHolds(row, ROW_SUM[0]!));
    return rowsHold && requestIdentities(new Set(reading.keys())).every((identity) => columnsHold(identity, reading));
  });
  const cells: RequestCells = new Map();
  if (kept.length === 0) {
    // The numbers are all there, in the layout, but no reading adds up: say so for every row.
    for (const key of readings[0]!.keys())
      cells.set(
        key,
        Array.from({ length: WIDTH }, () => ({ value: null, raw: null, mark: 'ambiguous' as const })),
      );
    return cells;
  }
  for (const key of kept[0]!.keys()) {
    const rows = kept.map((reading) => reading.get(key)!);
    cells.set(key, settle(rows, rows, WIDTH));
  }
  return cells;
}

function scrambled(table: TableText): RequestCells {
  const cells: RequestCells = new Map();
  for (const row of table.rows) {
    const key = labelledRow(row);
    if (key)
      cells.set(
        key,
        Array.from({ length: WIDTH }, () => ({ value: null, raw: null, mark: 'ambiguous' as const })),
      );
  }
  return cells;
}

/** A labelled line with no cells in a table that keeps empty cells: a row left empty. */
function addEmptyRows(table: TableText, readings: Map<RequestRow, RowReadings>): void {
  for (const line of table.labelOnlyLines) {
    const key = rowNamedBy(line, REQUEST_VOCABULARY);
    if (key === null || key === 'several' || readings.has(key)) continue;
    // A parent row carries no cells of its own, except （六）其他处理 where it is the only row (2019).
    const oneRowOther = key === 'otherHandling' && ![...readings.keys()].some((k) => k.startsWith('otherHandling.'));
    if (REQUEST_VOCABULARY.find((r) => r.key === key)?.parent && !oneRowOther) continue;
    const empty = Array.from({ length: WIDTH }, (): CellValue => ({ value: null, raw: '', mark: 'blank' }));
    readings.set(key, { syntactic: [empty], consistent: [empty] });
  }
}

/**
 * Keeps only the readings of glued rows that let every column identity hold, if any do. A
 * depth-first walk over the open rows' readings that carries each identity's running sum per
 * column, so a complete choice is checked in constant time.
 */
function narrowByColumns(readings: Map<RequestRow, RowReadings>): void {
  const open = [...readings].filter(([, r]) => r.consistent.length > 1);
  if (open.length === 0) return;
  const combinations = open.reduce((n, [, r]) => n * r.consistent.length, 1);
  if (combinations > MAX_COMBINATIONS) return;
  const terms = identityTerms(readings);
  if (terms.length === 0) return;
  const base = terms.map((t) =>
    t.rows.reduce(
      (sum, [key, sign]) =>
        readings.get(key)!.consistent.length === 1 ? sum + sign * amountOf(readings.get(key)!.consistent[0]![t.column]!) : sum,
      0,
    ),
  );
  // Each open row's contribution to each term, per reading.
  const contributions = open.map(([key, r]) =>
    r.consistent.map((reading) => terms.map((t) => (t.rows.find(([k]) => k === key)?.[1] ?? 0) * amountOf(reading[t.column]!))),
  );
  const kept = open.map(() => new Set<number>());
  const picks: number[] = [];
  const walk = (at: number, sums: number[]): void => {
    if (at === open.length) {
      if (sums.every((s) => Math.abs(s) < 1e-9)) {
        picks.forEach((p, i) => {
          kept[i]!.add(p);
        });
      }
      return;
    }
    contributions[at]!.forEach((add, i) => {
      picks[at] = i;
      walk(
        at + 1,
        sums.map((s, j) => s + add[j]!),
      );
    });
  };
  walk(0, base);
  if (kept.every((k) => k.size === 0)) return;
  open.forEach(([key, r], i) => {
    readings.set(key, { ...r, consistent: r.consistent.filter((_, j) => kept[i]!.has(j)) });
  });
}

interface Term {
  column: number;
  /** Rows with their sign: lhs +1, rhs −1; the identity holds when the signed sum is 0. */
  rows: Array<[RequestRow, number]>;
}

/** The identities per column that every reading can be checked against (no row absent, no unknown cell). */
function identityTerms(readings: ReadonlyMap<RequestRow, RowReadings>): Term[] {
  const terms: Term[] = [];
  for (const identity of requestIdentities(new Set(readings.keys()))) {
    const rows: Array<[RequestRow, number]> = [
      ...identity.lhs.map((k): [RequestRow, number] => [k, 1]),
      ...identity.rhs.map((k): [RequestRow, number] => [k, -1]),
    ];
    if (rows.some(([key]) => (readings.get(key)?.consistent.length ?? 0) === 0)) continue;
    for (let column = 0; column < WIDTH; column += 1) {
      const cells = rows.flatMap(([key]) => readings.get(key)!.consistent.map((reading) => reading[column]!));
      if (cells.some((cell) => amount(cell) === null)) continue;
      const first = (key: RequestRow): CellValue => readings.get(key)!.consistent[0]![column]!;
      if (identity.id === 'total' && !hasNumber(first('total'))) continue;
      if (!identity.lhs.some((key) => hasNumber(first(key)))) continue;
      terms.push({ column, rows });
    }
  }
  return terms;
}

const amountOf = (cell: CellValue): number => amount(cell) ?? 0;

/**
 * Withdraws every cut of glued digits in a row where a column identity fails to confirm one. A
 * row's own sum chose their boundaries; if the printed row itself does not add up, another cut
 * that does may exist, and only the column (which the printed error then breaks, or leaves
 * unknown) can tell. Call after the checks are taken: they report the printed error as read.
 */
export function withdrawUnconfirmedCuts(cells: RequestCells): void {
  const identities = requestIdentities(new Set(cells.keys()));
  const identitiesOf = new Map(
    [...cells.keys()].map((key) => [key, identities.filter((identity) => identity.lhs.includes(key) || identity.rhs.includes(key))]),
  );
  const isCut = (cell: CellValue): boolean => cell.mark === 'inferred' && cell.raw !== null;
  // A withdrawn cut leaves its columns unknown, which may leave another row's cut unconfirmed:
  // repeat until nothing changes (each pass withdraws at least one row, so this ends).
  for (let changed = true; changed; ) {
    changed = false;
    for (const [key, row] of cells) {
      const confirmed = (c: number): boolean => identitiesOf.get(key)!.every((identity) => holdsIn(identity, cells, c) === true);
      // The cuts of one row are one choice of boundaries: if a column denies one of them, the choice
      // is not the printed one, and a cut a column happens to confirm is no better than the rest. A
      // cut no column can check could hide such a denial, so it withdraws the row's cuts too.
      if (row.every((cell, c) => !isCut(cell) || confirmed(c))) continue;
      cells.set(
        key,
        row.map((cell): CellValue => (isCut(cell) ? { value: null, raw: cell.raw, mark: 'ambiguous' } : cell)),
      );
      changed = true;
    }
  }
}

/** Whether the identity holds in one column; null when a cell it needs is unknown. */
function holdsIn(identity: ColumnIdentity, rows: ReadonlyMap<RequestRow, readonly CellValue[]>, column: number): boolean | null {
  const lhs = sideSum(identity.lhs, rows, column);
  const rhs = sideSum(identity.rhs, rows, column);
  if (lhs === null || rhs === null) return null;
  return Math.abs(lhs - rhs) < 1e-9;
}

/** The identity in every column, or true where a row is absent or a cell unknown. */
export function columnsHold(identity: ColumnIdentity, rows: ReadonlyMap<RequestRow, readonly CellValue[]>): boolean {
  for (let c = 0; c < WIDTH; c += 1) {
    const lhs = sideSum(identity.lhs, rows, c);
    const rhs = sideSum(identity.rhs, rows, c);
    if (lhs === null || rhs === null || !printedIn(identity.lhs, rows, c)) continue;
    if (identity.id === 'total' && !hasNumber(rows.get('total')![c]!)) continue;
    if (Math.abs(lhs - rhs) > 1e-9) return false;
  }
  return true;
}

export function sideSum(side: readonly RequestRow[], rows: ReadonlyMap<RequestRow, readonly CellValue[]>, column: number): number | null {
  let sum = 0;
  for (const key of side) {
    const cell = rows.get(key)?.[column];
    const value = cell ? amount(cell) : null;
    if (value === null) return null;
    sum += value;
  }
  return sum;
}

/** A side with no number printed in this column (all cells left empty) has nothing to check. */
export function printedIn(side: readonly RequestRow[], rows: ReadonlyMap<RequestRow, readonly CellValue[]>, column: number): boolean {
  return side.some((key) => {
    const cell = rows.get(key)?.[column];
    return cell !== undefined && hasNumber(cell);
  });
}

/**
 * A row the text lacks, when one identity leaves it one value in every column and the values
 * add up along the row; only rows the template prints, and only one lost row per identity.
 */
function inferLostRows(cells: RequestCells): void {
  const printed = new Set(cells.keys());
  const expected = expectedRows(printed);
  for (const identity of requestIdentities(printed)) {
    const lost = [...identity.lhs, ...identity.rhs].filter((key) => !cells.has(key) && expected.includes(key));
    const absent = [...identity.lhs, ...identity.rhs].filter((key) => !cells.has(key));
    if (lost.length !== 1 || absent.length !== 1) continue;
    const row = solveRow(identity, lost[0]!, cells);
    if (row) cells.set(lost[0]!, row);
  }
}

/** The one row an identity leaves `key` (each column the other side minus its own), if it adds up along the row. */
function solveRow(identity: ColumnIdentity, key: RequestRow, cells: RequestCells): CellValue[] | null {
  const onLhs = identity.lhs.includes(key);
  const others = (side: readonly RequestRow[]): readonly RequestRow[] => side.filter((k) => k !== key);
  const row: CellValue[] = [];
  for (let c = 0; c < WIDTH; c += 1) {
    const own = sideSum(others(onLhs ? identity.lhs : identity.rhs), cells, c);
    const other = sideSum(onLhs ? identity.rhs : identity.lhs, cells, c);
    const value = own === null || other === null ? null : other - own;
    row.push(value === null || value < 0 ? { value: null, raw: null, mark: 'missing' } : { value, raw: null, mark: 'inferred' });
  }
  const sum = row.slice(0, 6).reduce((a, cell) => a + (cell.value ?? Number.NaN), 0);
  return row.every(hasNumber) && sum === row[6]!.value ? row : null;
}

/**
 * A row printed but unreadable (a stray number among its cells), filled when one identity leaves
 * it one value per column that adds up along the row, the identity's other rows add up along
 * theirs, every identity holds once it is filled, and the row's printed pieces hold exactly those
 * seven values in a run: the identity only chooses which printed numbers are its cells. Call after
 * withdrawUnconfirmedCuts: an identity over an unconfirmed cut of glued digits would pass its error on.
 */
export function inferUnreadableRows(cells: RequestCells): void {
  const printed = PRINTED.get(cells);
  if (!printed) return;
  const unreadable = (key: RequestRow): boolean =>
    (printed.get(key)?.length ?? 0) > WIDTH && cells.get(key)!.every((c) => c.mark === 'ambiguous');
  for (const identity of requestIdentities(new Set(cells.keys()))) {
    const rows = [...identity.lhs, ...identity.rhs];
    const unknown = rows.filter((key) => !cells.has(key) || cells.get(key)!.every((c) => c.mark === 'ambiguous'));
    if (unknown.length !== 1 || !cells.has(unknown[0]!) || !unreadable(unknown[0]!)) continue;
    const key = unknown[0]!;
    const row = solveRow(identity, key, cells);
    if (!row || !holdsRun(printed.get(key)!, row)) continue;
    if (!rows.every((k) => k === key || identityHolds(cells.get(k)!, ROW_SUM[0]!))) continue;
    const filled = new Map(cells).set(key, row);
    if (requestIdentities(new Set(filled.keys())).every((id) => columnsHold(id, filled))) cells.set(key, row);
  }
}

/** Whether seven consecutive printed numbers are the row's values, in order. */
function holdsRun(pieces: readonly Piece[], row: readonly CellValue[]): boolean {
  for (let at = 0; at + row.length <= pieces.length; at += 1) {
    if (row.every((cell, i) => pieces[at + i]!.kind === 'number' && (pieces[at + i] as { value: number }).value === cell.value))
      return true;
  }
  return false;
}
