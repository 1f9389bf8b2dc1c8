// 表四: fifteen cells in three groups of five (行政复议; 行政诉讼 未经复议直接起诉; 复议后起诉),
// each 维持 + 纠正 + 其他 + 尚未审结 = 总计. The header words carry no digits, so every number in
// the table's text is a cell, in printed order, whether the table came as one row of fifteen, as
// three small tables, or flattened with its digits glued.
import { hasNumber, identityHolds, readRow, type CellValue, type Identity } from './cells.js';
import type { Piece } from './tableText.js';
import { settle } from './settle.js';
import type { TableText } from './tableText.js';
import { OUTCOME_COLUMNS } from './types.js';

export const REVIEW_GROUPS = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];

const GROUP_WIDTH = OUTCOME_COLUMNS.length;
const WIDTH = GROUP_WIDTH * REVIEW_GROUPS.length;
const IDENTITIES: Identity[] = REVIEW_GROUPS.map((_, g) => ({
  parts: [0, 1, 2, 3].map((i) => g * GROUP_WIDTH + i),
  total: g * GROUP_WIDTH + 4,
}));

/** The fifteen cells in printed order, or null when the text holds no numbers at all. */
export function readReview(table: TableText): CellValue[] | null {
  const pieces = table.rows.flatMap((row) => row.pieces);
  if (pieces.length === 0) return null;
  const glued = table.rows.length === 1 && table.rows[0]!.mayBeGlued;
  // Header words between numbers: fine between whole groups (表四 printed as three small tables),
  // a sign of header and number cells interleaved (pdftotext) anywhere else.
  if (!glued && table.rows.some((row) => row.pieces.length % GROUP_WIDTH !== 0)) return interleaved(pieces);
  const readings = readRow(pieces, {
    width: WIDTH,
    identities: IDENTITIES,
    glued,
    padBlank: table.keepsEmptyCells && !table.rows.some((row) => row.interrupted),
  });
  return settle(readings.consistent, readings.syntactic, WIDTH);
}

/**
 * Header words between the numbers (pdftotext prints a header cell that sits lower, like the last
 * 总计, among them): the fifteen numbers in printed order are kept, marked 'placed', only when
 * there are exactly fifteen numbers and each group's printed total is the sum of its four parts; else every
 * cell is ambiguous (a number may have moved, and a table that does not add up cannot tell).
 */
function interleaved(pieces: readonly Piece[]): CellValue[] {
  const cells = pieces.map(
    (piece): CellValue =>
      piece.kind === 'number' ? { value: piece.value, raw: piece.raw, mark: 'placed' } : { value: null, raw: piece.raw, mark: piece.mark },
  );
  const proved = cells.length === WIDTH && cells.every(hasNumber) && IDENTITIES.every((id) => identityHolds(cells, id));
  return proved ? cells : Array.from({ length: WIDTH }, () => ({ value: null, raw: null, mark: 'ambiguous' }));
}
