// The hand-label files of tools/statistics/labels/ (see README.md there): the printed numbers of
// a report's tables, by row and column key, with the identities the printed table really breaks.
import { APPLICANT_COLUMNS, OUTCOME_COLUMNS, type CellMark, type TableId } from '../../core/statistics/types.js';

type Printed = number | Extract<CellMark, 'blank' | 'dash' | 'none' | 'notApplicable'>;

export interface Label {
  template: '2019' | '2021';
  source: string;
  regulations: Record<string, Record<string, Printed>>;
  /** Seven cells per row, applicant columns in order; null = not labelled (unreadable in the source). */
  requests: Record<string, Array<Printed | null>>;
  /** Fifteen cells: 行政复议, 未经复议直接起诉, 复议后起诉, five each; null when not labelled. */
  review: Array<Printed | null> | null;
  /** "check id: why", for every identity the printed table breaks. */
  printedErrors: string[];
  unreadable?: string[];
}

export interface LabelledCell {
  table: TableId;
  row: string;
  column: string;
  printed: Printed;
}

const REVIEW_TABLES: TableId[] = ['review', 'litigationDirect', 'litigationAfterReview'];

export function labelledCells(label: Label): LabelledCell[] {
  const cells: LabelledCell[] = [];
  for (const [row, values] of Object.entries(label.regulations)) {
    for (const [column, printed] of Object.entries(values)) cells.push({ table: 'regulations', row, column, printed });
  }
  for (const [row, values] of Object.entries(label.requests)) {
    values.forEach((printed, i) => {
      if (printed !== null) cells.push({ table: 'requests', row, column: APPLICANT_COLUMNS[i]!, printed });
    });
  }
  label.review?.forEach((printed, i) => {
    const table = REVIEW_TABLES[Math.floor(i / 5)]!;
    if (printed !== null) cells.push({ table, row: table, column: OUTCOME_COLUMNS[i % 5]!, printed });
  });
  return cells;
}
