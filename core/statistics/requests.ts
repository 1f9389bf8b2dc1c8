// 表三: rows found by their labels, each row's readings narrowed by its own sum, then the whole
// table's readings narrowed by its column identities (only glued text has more than one reading),
// then a lost row filled where one identity leaves it one value and its own sum agrees.
//
// Invariants: a filled cell is printed, or computed from printed cells by an identity the printed
// table satisfies; numbers printed away from their labels (a layout that puts numbers before the
// first label) are never attached to a neighbouring label.
import { amount, hasNumber, identityHolds, readRow, type CellValue, type RowReadings } from './cells.js';
import { requestIdentities, expectedRows, type ColumnIdentity } from './identities.js';
import { REQUEST_VOCABULARY, rowNamedBy } from './labels.js';
import { placeOrphans, rowEntries, labelledRow } from './placement.js';
import { settle } from './settle.js';
import type { TableText } from './tableText.js';
import { APPLICANT_COLUMNS, type RequestRow, type Template } from './types.js';

const WIDTH = APPLICANT_COLUMNS.length;
const ROW_SUM = [{ parts: [0, 1, 2, 3, 4, 5], total: 6 }];
/** Beyond this many combinations of glued rows the column identities are not used to choose. */
const MAX_COMBINATIONS = 50_000;

export type RequestCells = Map<RequestRow, CellValue[]>;

export function readRequests(table: TableText, template: Template): RequestCells {
  const found = rowEntries(table);
  if (found === 'scrambled') return scrambled(table);
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
  return cells;
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
    cells.set(key, row.map((cell): CellValue => {
      if (!confirmed) return { value: null, raw: null, mark: 'ambiguous' };
      return cell.mark === 'read' ? { ...cell, mark: 'placed' } : cell;
    }));
  }
}

function scrambled(table: TableText): RequestCells {
  const cells: RequestCells = new Map();
  for (const row of table.rows) {
    const key = labelledRow(row);
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
    if (row.every(hasNumber) && sum === row[6]!.value) cells.set(key, row);
  }
}
