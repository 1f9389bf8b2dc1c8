// What the statistics tests share: the fixtures of fixtures/statistics/, their truth, and the
// text the parser is given (the clean stage, folded to simplified characters, as the indexer does).
import { readFileSync } from 'node:fs';
import type { ReportStatistics, StatisticsCell } from '../../core/statistics/types.js';
import { clean } from '../../indexer/clean.js';
import { toSimplified } from '../../core/simplify.js';
import type { Cell, TableTruth } from '../../tools/statistics/renderTables.js';
import { APPLICANT_COLUMNS, OUTCOME_COLUMNS } from '../../core/statistics/types.js';
import { regulationColumns, type RegulationRow } from '../../core/statistics/labels.js';

const DIR = new URL('../../fixtures/statistics/', import.meta.url);

export const statisticsFixture = (name: string): Buffer => readFileSync(new URL(name, DIR));

/** The truth written beside a fixture (NAME.truth.json for NAME.EXT). */
export const truthOf = (name: string): TableTruth =>
  JSON.parse(readFileSync(new URL(`${name.replace(/\.[a-z]+$/, '')}.truth.json`, DIR), 'utf8')) as TableTruth;

/** The parser's input for a text or HTML file: cleaned and simplified. */
export const parserInput = (text: string, isHtml = false): string => toSimplified(clean({ text, isHtml }).text);

export interface TruthCell {
  table: StatisticsCell['table'];
  row: string;
  column: string;
  printed: Cell;
}

/** Every printed cell of a truth table, keyed as in `cells`. */
export function truthCells(truth: TableTruth): TruthCell[] {
  const out: TruthCell[] = [];
  for (const row of truth.regulations) {
    regulationColumns(truth.template, row.key as RegulationRow).forEach((column, i) => {
      out.push({ table: 'regulations', row: row.key, column, printed: row.cells[i]! });
    });
  }
  for (const row of truth.requests) {
    if (row.key) {
      row.cells.forEach((printed, i) => {
        out.push({ table: 'requests', row: row.key!, column: APPLICANT_COLUMNS[i]!, printed });
      });
    }
  }
  const groups = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
  truth.review.forEach((printed, i) => {
    const group = groups[Math.floor(i / 5)]!;
    out.push({ table: group, row: group, column: OUTCOME_COLUMNS[i % 5]!, printed });
  });
  return out;
}

const MARK_OF: Record<string, StatisticsCell['mark']> = { '': 'blank', '/': 'dash', '—': 'dash', 无: 'none', 不适用: 'notApplicable' };

/** Cells the parser filled with something other than what was printed (the number or the mark). */
export function wrongCells(statistics: ReportStatistics, truth: TableTruth): string[] {
  const byKey = new Map(statistics.cells.map((c) => [`${c.table}/${c.row}/${c.column}`, c]));
  const wrong: string[] = [];
  for (const t of truthCells(truth)) {
    const cell = byKey.get(`${t.table}/${t.row}/${t.column}`);
    if (!cell || cell.mark === 'missing' || cell.mark === 'ambiguous') continue;
    const ok = typeof t.printed === 'number' ? cell.value === t.printed : cell.value === null && cell.mark === MARK_OF[t.printed];
    if (!ok) wrong.push(`${t.table}/${t.row}/${t.column}: printed ${JSON.stringify(t.printed)}, parsed ${cell.value ?? cell.mark}`);
  }
  return wrong;
}

/** Share of the truth's cells the parser filled (a number or a mark). */
export function filledShare(statistics: ReportStatistics, truth: TableTruth): number {
  const byKey = new Map(statistics.cells.map((c) => [`${c.table}/${c.row}/${c.column}`, c]));
  const cells = truthCells(truth);
  const filled = cells.filter((t) => {
    const cell = byKey.get(`${t.table}/${t.row}/${t.column}`);
    return cell !== undefined && cell.mark !== 'missing' && cell.mark !== 'ambiguous';
  });
  return filled.length / cells.length;
}
