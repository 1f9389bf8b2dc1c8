// The readings of one row: every way its pieces can fill the row's cells, kept only if the row's
// own arithmetic holds. A piece is one cell, except a run of digits in glued text, which may hold
// several ("230" → 23 | 0). A number never starts with 0 unless it is 0: no table prints "07".
//
// Invariant: every reading has exactly `width` cells and uses every digit of the pieces, in
// order; a reading never holds a number that is not printed, except a cell marked 'inferred',
// which an identity computed from printed cells.
import type { Piece } from './tableText.js';
import type { CellMark } from './types.js';

export interface CellValue {
  value: number | null;
  raw: string | null;
  mark: CellMark;
}

/** The cells at `parts` add up to the cell at `total` (indices into the row). */
export interface Identity {
  parts: readonly number[];
  total: number;
}

export interface RowShape {
  width: number;
  identities: readonly Identity[];
  /** Digits runs may hold several cells (flattened crawler text). */
  glued: boolean;
  /** Missing trailing cells were empty cells the extraction dropped (a table that keeps empties). */
  padBlank: boolean;
  /** Something that is no label ended the row early: glued digits may not be all its cells. */
  brokenOff?: boolean;
}

export interface RowReadings {
  /** Readings before arithmetic: what the digits alone allow. */
  syntactic: CellValue[][];
  /** Readings the row's identities allow (the syntactic ones when none does and there is one). */
  consistent: CellValue[][];
}

/** More readings than this and the row is ambiguous: no table needs that many. */
const MAX_READINGS = 20_000;

export function readRow(pieces: readonly Piece[], shape: RowShape): RowReadings {
  if (shape.glued && shape.brokenOff) return { syntactic: [], consistent: [] };
  const syntactic = syntacticReadings(pieces, shape);
  if (syntactic.length === 0 || syntactic.length > MAX_READINGS) return { syntactic: [], consistent: [] };
  const consistent = syntactic.flatMap((reading) => solveOneUnknown(reading, shape.identities));
  if (consistent.length > 0) return { syntactic, consistent };
  // A single reading that does not add up is the printed table's own error: keep it, the checks
  // will say so. Several readings, none adding up: no way to tell which one was printed.
  const printed = syntactic.length === 1 && syntactic[0]!.every((cell) => cell.mark !== 'ambiguous');
  return { syntactic, consistent: printed ? syntactic : [] };
}

function syntacticReadings(pieces: readonly Piece[], shape: RowShape): CellValue[][] {
  const asCells = pieces.map(pieceCell);
  if (asCells.length === shape.width) return [asCells];
  if (asCells.length > shape.width) return [];
  if (shape.glued && pieces.some(isDigitRun)) return gluedReadings(pieces, shape.width);
  if (shape.padBlank) {
    const pad = Array.from({ length: shape.width - asCells.length }, (): CellValue => ({ value: null, raw: null, mark: 'blank' }));
    return [[...asCells, ...pad]];
  }
  // One cell lost (a PDF rebuild drops an empty cell): it may be anywhere.
  if (asCells.length !== shape.width - 1) return [];
  return Array.from({ length: shape.width }, (_, at) => [
    ...asCells.slice(0, at),
    { value: null, raw: null, mark: 'ambiguous' as const },
    ...asCells.slice(at),
  ]);
}

function pieceCell(piece: Piece): CellValue {
  return piece.kind === 'number'
    ? { value: piece.value, raw: piece.raw, mark: 'read' }
    : { value: null, raw: piece.raw, mark: piece.mark };
}

const isDigitRun = (piece: Piece): boolean => piece.kind === 'number' && /^[+\-−－]?\d{2,}$/.test(piece.raw);

function gluedReadings(pieces: readonly Piece[], width: number): CellValue[][] {
  const out: CellValue[][] = [];
  const walk = (at: number, left: number, acc: CellValue[]): void => {
    if (out.length > MAX_READINGS) return;
    if (at === pieces.length) {
      if (left === 0) out.push(acc);
      return;
    }
    const piece = pieces[at]!;
    const rest = pieces.length - at - 1;
    if (!isDigitRun(piece)) {
      if (left >= 1) walk(at + 1, left - 1, [...acc, pieceCell(piece)]);
      return;
    }
    for (let count = 1; count <= Math.min(piece.raw.length, left - rest); count += 1) {
      // A sign belongs to the first number of the run.
      const sign = /^[+\-−－]/.test(piece.raw) ? piece.raw[0]! : '';
      for (const split of splitDigits(piece.raw.slice(sign.length), count)) {
        const raws = split.map((raw, i) => (i === 0 ? sign + raw : raw));
        walk(at + 1, left - count, [...acc, ...raws.map((raw): CellValue => ({ value: Number(raw.replace(/^[−－]/, '-')), raw, mark: 'read' }))]);
      }
    }
  };
  walk(0, width, []);
  return out;
}

/** Every way to cut a run of digits into `count` numbers without leading zeros. */
export function splitDigits(digits: string, count: number): string[][] {
  if (count === 1) return validNumber(digits) ? [[digits]] : [];
  const out: string[][] = [];
  for (let end = 1; end <= digits.length - count + 1; end += 1) {
    const head = digits.slice(0, end);
    if (!validNumber(head)) break;
    for (const tail of splitDigits(digits.slice(end), count - 1)) out.push([head, ...tail]);
  }
  return out;
}

const validNumber = (digits: string): boolean => digits === '0' || !digits.startsWith('0');

/** Arithmetic value of a cell: empty and dash-like cells count as none (0); unknown is null. */
export function amount(cell: CellValue): number | null {
  if (cell.value !== null) return cell.value;
  if (cell.mark === 'blank' || cell.mark === 'dash' || cell.mark === 'none' || cell.mark === 'notApplicable') return 0;
  return null;
}

/**
 * The reading with its one unknown cell (if any) computed from an identity, if every identity then
 * holds; [] otherwise. A total printed as blank or dash is no total: that identity is not checked.
 */
function solveOneUnknown(reading: CellValue[], identities: readonly Identity[]): CellValue[][] {
  const unknown = reading.findIndex((cell) => cell.mark === 'ambiguous');
  let solved = reading;
  if (unknown >= 0) {
    const identity = identities.find((id) => id.total === unknown || id.parts.includes(unknown));
    if (!identity) return [];
    const known = identity.parts.filter((p) => p !== unknown).map((p) => amount(reading[p]!));
    const total = identity.total === unknown ? null : amount(reading[identity.total]!);
    if (known.some((v) => v === null) || (identity.total !== unknown && (total === null || reading[identity.total]!.mark !== 'read'))) return [];
    const sum = (known as number[]).reduce((a, b) => a + b, 0);
    const value = identity.total === unknown ? sum : (total as number) - sum;
    if (!Number.isInteger(value) || value < 0) return [];
    solved = reading.map((cell, i) => (i === unknown ? { value, raw: null, mark: 'inferred' as const } : cell));
  }
  return identities.every((id) => identityHolds(solved, id)) ? [solved] : [];
}

export function identityHolds(cells: readonly CellValue[], identity: Identity): boolean {
  const total = cells[identity.total]!;
  if (!hasNumber(total)) return true;
  const parts = identity.parts.map((p) => amount(cells[p]!));
  if (parts.some((v) => v === null) || !identity.parts.some((p) => hasNumber(cells[p]!))) return true;
  return Math.abs((parts as number[]).reduce((a, b) => a + b, 0) - total.value!) < 1e-9;
}

/** A cell holding a number (read, placed or inferred); marks and unknowns hold none. */
export const hasNumber = (cell: CellValue): boolean => cell.value !== null;
