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
  if (shape.glued && pieces.some(isDigitRun)) return gluedReadings(pieces, shape.width, shape.identities);
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
  return piece.kind === 'number' ? { value: piece.value, raw: piece.raw, mark: 'read' } : { value: null, raw: piece.raw, mark: piece.mark };
}

const isDigitRun = (piece: Piece): boolean => piece.kind === 'number' && /^[+\-−－]?\d{2,}$/.test(piece.raw);

// The mark of a cell taken from a run of glued digits: zeros cut only one way ("00" is 0 | 0, no
// number starts with 0); any other run is a choice of boundaries.
const markOfRun = (digits: string): CellMark => (/^0+$/.test(digits) ? 'read' : 'inferred');

/**
 * Every way to cut the pieces into `width` cells. A total cell whose parts come before it is not
 * guessed: it must print the parts' sum. When the last cell is such a total, each suffix of the
 * last run of digits is tried as the total and the parts are cut from what precedes it, never
 * adding up past it; this keeps the walk to the splits that can hold.
 * Every cell taken from a run of two or more digits (not only zeros) is marked 'inferred', even a
 * whole run: the run might have held several cells, so its boundaries come from arithmetic, not
 * from the text. The readings returned are already narrowed by the closing total, so agreeing
 * readings prove nothing about a cell; only a column identity can confirm it.
 */
function gluedReadings(pieces: readonly Piece[], width: number, identities: readonly Identity[]): CellValue[][] {
  // As many digits as cells: each digit is a cell, no boundary is in doubt.
  const runs = pieces.filter(isDigitRun);
  const digitCount = runs.reduce((n, piece) => n + digitsOf(piece).length, 0);
  if (digitCount === width - (pieces.length - runs.length) && runs.every((piece) => digitsOf(piece) === piece.raw)) {
    return [
      pieces.flatMap((piece) =>
        isDigitRun(piece) ? [...piece.raw].map((d): CellValue => ({ value: Number(d), raw: d, mark: 'read' })) : [pieceCell(piece)],
      ),
    ];
  }
  const forward = identities.filter((id) => id.parts.every((p) => p < id.total));
  const last = pieces[pieces.length - 1]!;
  const closing = forward.find((id) => id.total === width - 1);
  if (!closing || !isDigitRun(last) || digitsOf(last) !== last.raw) return cutCells(pieces, width, forward, null);
  const out: CellValue[][] = [];
  for (let length = 1; length <= last.raw.length && out.length <= MAX_READINGS; length += 1) {
    const total = last.raw.slice(-length);
    if (!validNumber(total)) continue;
    const head = last.raw.slice(0, -length);
    const rest = head === '' ? pieces.slice(0, -1) : [...pieces.slice(0, -1), { ...last, raw: head, value: Number(head) }];
    const totalCell: CellValue = { value: Number(total), raw: total, mark: markOfRun(last.raw) };
    for (const cells of cutCells(rest, width - 1, forward, { parts: closing.parts, target: Number(total) }))
      out.push([...cells, totalCell]);
  }
  return out;
}

/** The cuts of `pieces` into `width` cells, `bound` keeping the closing identity's parts within its total. */
function cutCells(
  pieces: readonly Piece[],
  width: number,
  identities: readonly Identity[],
  bound: { parts: readonly number[]; target: number } | null,
): CellValue[][] {
  const out: CellValue[][] = [];
  const forcedAt = new Map(identities.map((id) => [id.total, id.parts]));
  const cells: CellValue[] = [];
  const sumOf = (parts: readonly number[]): number | null => {
    let sum = 0;
    for (const p of parts) {
      const v = p < cells.length ? amount(cells[p]!) : 0;
      if (v === null) return null;
      sum += v;
    }
    return sum;
  };
  const walk = (at: number, offset: number): void => {
    if (out.length > MAX_READINGS) return;
    const piece = pieces[at];
    if (!piece) {
      if (cells.length === width && (!bound || sumOf(bound.parts) === bound.target)) out.push(cells.map((c) => ({ ...c })));
      return;
    }
    if (cells.length + (pieces.length - at) > width) return;
    const push = (cell: CellValue, next: () => void): void => {
      cells.push(cell);
      const partial = bound ? sumOf(bound.parts) : null;
      if (partial === null || partial <= bound!.target) next();
      cells.pop();
    };
    if (!isDigitRun(piece)) {
      push(pieceCell(piece), () => walk(at + 1, 0));
      return;
    }
    const digits = digitsOf(piece);
    const mark = markOfRun(digits);
    const sign = offset === 0 ? piece.raw.slice(0, piece.raw.length - digits.length) : '';
    const parts = forcedAt.get(cells.length);
    const forced = parts ? sumOf(parts) : null;
    for (let end = offset + 1; end <= digits.length; end += 1) {
      const raw = digits.slice(offset, end);
      if (!validNumber(raw)) break;
      const value = Number((sign + raw).replace(/^[−－]/, '-'));
      if (forced !== null && value !== forced) continue;
      push({ value, raw: sign + raw, mark }, () => (end === digits.length ? walk(at + 1, 0) : walk(at, end)));
    }
  };
  walk(0, 0);
  return out;
}

const digitsOf = (piece: Piece): string => piece.raw.replace(/^[+\-−－]/, '');

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
    if (known.some((v) => v === null) || (identity.total !== unknown && (total === null || reading[identity.total]!.mark !== 'read')))
      return [];
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
