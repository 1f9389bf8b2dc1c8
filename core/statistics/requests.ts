// 表三: rows found by their labels, each row's readings narrowed by its own sum, then the whole
// table's readings narrowed by its column identities (only glued text has more than one reading),
// then a lost row filled where one identity leaves it one value and its own sum agrees.
//
// Invariants: a filled cell is printed, or computed from printed cells by an identity the printed
// table satisfies; numbers printed away from their labels (a layout that puts numbers before the
// first label) are never attached to a neighbouring label.
import { amount, readRow, type CellValue, type RowReadings } from './cells.js';
import { requestIdentities, expectedRows, type ColumnIdentity } from './identities.js';
import { REQUEST_VOCABULARY, rowNamedBy } from './labels.js';
import { settle } from './settle.js';
import type { TableText, TextRow } from './tableText.js';
import { APPLICANT_COLUMNS, type RequestRow } from './types.js';

const WIDTH = APPLICANT_COLUMNS.length;
const ROW_SUM = [{ parts: [0, 1, 2, 3, 4, 5], total: 6 }];
/** Beyond this many combinations of glued rows the column identities are not used to choose. */
const MAX_COMBINATIONS = 50_000;

export type RequestCells = Map<RequestRow, CellValue[]>;

export function readRequests(table: TableText): RequestCells {
  const readings = new Map<RequestRow, RowReadings>();
  const conflicting = new Set<RequestRow>();
  let seenRow = false;
  for (const row of table.rows) {
    const key = requestRowOf(row);
    if (key === null) {
      // Numbers before the first label, outside a pipe row: the layout printed numbers apart from
      // their labels, and every later label may be followed by its neighbour's numbers.
      if (!seenRow && !row.piped) return scrambled(table);
      continue;
    }
    seenRow = true;
    if (readings.has(key)) conflicting.add(key);
    readings.set(key, readRow(row.pieces, { width: WIDTH, identities: ROW_SUM, glued: row.mayBeGlued, padBlank: table.keepsEmptyCells && !row.interrupted, brokenOff: row.brokenOff }));
  }
  if (table.keepsEmptyCells) addEmptyRows(table, readings);
  for (const key of conflicting) readings.set(key, { syntactic: [], consistent: [] });
  narrowByColumns(readings);
  const cells: RequestCells = new Map();
  for (const [key, r] of readings) cells.set(key, settle(r.consistent, r.syntactic, WIDTH));
  inferLostRows(cells);
  return cells;
}

function requestRowOf(row: TextRow): RequestRow | null {
  const named = rowNamedBy(row.label, REQUEST_VOCABULARY);
  if (named !== 'several') return named;
  if (!row.piped && !row.mayBeGlued) return null;
  const beside = rowNamedBy(row.sameLineLabel, REQUEST_VOCABULARY);
  return beside === 'several' ? null : beside;
}

function scrambled(table: TableText): RequestCells {
  const cells: RequestCells = new Map();
  for (const row of table.rows) {
    const key = requestRowOf(row);
    if (key) cells.set(key, Array.from({ length: WIDTH }, () => ({ value: null, raw: null, mark: 'ambiguous' as const })));
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

/** Keeps only the readings of glued rows that let every column identity hold, if any do. */
function narrowByColumns(readings: Map<RequestRow, RowReadings>): void {
  const open = [...readings].filter(([, r]) => r.consistent.length > 1);
  if (open.length === 0) return;
  const combinations = open.reduce((n, [, r]) => n * r.consistent.length, 1);
  if (combinations > MAX_COMBINATIONS) return;
  const identities = requestIdentities(new Set(readings.keys()));
  const chosen = new Map<RequestRow, CellValue[]>();
  for (const [key, r] of readings) if (r.consistent.length === 1) chosen.set(key, r.consistent[0]!);
  const kept = open.map(() => new Set<number>());
  const walk = (at: number, picks: number[]): void => {
    if (at === open.length) {
      if (identities.every((id) => columnsHold(id, chosen))) picks.forEach((p, i) => kept[i]!.add(p));
      return;
    }
    const [key, r] = open[at]!;
    r.consistent.forEach((reading, i) => {
      chosen.set(key, reading);
      walk(at + 1, [...picks, i]);
    });
  };
  walk(0, []);
  if (kept.every((k) => k.size === 0)) return;
  open.forEach(([key, r], i) => readings.set(key, { ...r, consistent: r.consistent.filter((_, j) => kept[i]!.has(j)) }));
}

/** The identity in every column, or true where a row is absent or a cell unknown. */
export function columnsHold(identity: ColumnIdentity, rows: ReadonlyMap<RequestRow, readonly CellValue[]>): boolean {
  for (let c = 0; c < WIDTH; c += 1) {
    const lhs = sideSum(identity.lhs, rows, c);
    const rhs = sideSum(identity.rhs, rows, c);
    if (lhs === null || rhs === null || !printedIn(identity.lhs, rows, c)) continue;
    if (identity.id === 'total' && !isNumber(rows.get('total')![c]!)) continue;
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
    return cell !== undefined && isNumber(cell);
  });
}

const isNumber = (cell: CellValue): boolean => cell.mark === 'read' || cell.mark === 'inferred';

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
    const key = lost[0]!;
    const onLhs = identity.lhs.includes(key);
    const others = (side: readonly RequestRow[]): readonly RequestRow[] => side.filter((k) => k !== key);
    const row: CellValue[] = [];
    for (let c = 0; c < WIDTH; c += 1) {
      const own = sideSum(others(onLhs ? identity.lhs : identity.rhs), cells, c);
      const other = sideSum(onLhs ? identity.rhs : identity.lhs, cells, c);
      const value = own === null || other === null ? null : other - own;
      row.push(value === null || value < 0 ? { value: null, raw: null, mark: 'missing' } : { value, raw: null, mark: 'inferred' });
    }
    const sum = row.slice(0, 6).reduce((a, cell) => a + (cell.value ?? NaN), 0);
    if (row.every(isNumber) && sum === row[6]!.value) cells.set(key, row);
  }
}
