// parseStatistics: a report's whole cleaned, simplified text → its statistics tables, or null.
// Order of decisions: find 表三 by its first row's label (the one phrase prose never uses), then
// 表二 before it and 表四 after it; read each table's text into rows (tableText.ts); read and
// check each table; quote the prose totals. Pure; the text is only read.
import { checkProse, checkRequests, checkReview } from './checks.js';
import type { CellValue } from './cells.js';
import { expectedRows } from './identities.js';
import { detectTemplate, regulationColumns, regulationRows } from './labels.js';
import { proseTotals } from './prose.js';
import { readRegulations } from './regulations.js';
import { inferUnreadableRows, readRequests, withdrawUnconfirmedCuts, type RequestCells } from './requests.js';
import { readReview, type REVIEW_GROUPS } from './review.js';
import { readTableText } from './tableText.js';
import { APPLICANT_COLUMNS, OUTCOME_COLUMNS, REQUEST_ROWS, type Outcomes, type ReportStatistics, type StatisticsCell } from './types.js';

const MISSING: CellValue = { value: null, raw: null, mark: 'missing' };
const FIRST_ROW = /本年新收(?:政府)?信息公开申请(?:数量)?/;
const REQUESTS_HEADING = '收到和处理政府信息公开申请';
const REVIEW_START = /行政复议/;
const REVIEW_END = /存在的主要问题|存在问题|主要问题|其他需要报告|\n\s*[五六七]\s*[、.．]/;

export function parseStatistics(text: string): ReportStatistics | null {
  const anchor = text.search(FIRST_ROW);
  if (anchor < 0) return null;
  const heading = text.lastIndexOf(REQUESTS_HEADING, anchor);
  const start = heading >= 0 && anchor - heading < 2000 ? heading : text.lastIndexOf('\n', anchor) + 1;
  const reviewAt = text.slice(anchor).search(REVIEW_START);
  const end = reviewAt < 0 ? text.length : anchor + reviewAt;
  const afterReview = text.slice(end);
  const reviewText = reviewAt < 0 ? '' : afterReview.slice(0, reviewEndOf(afterReview));
  const firstItem = text.slice(0, start).search(/第二十条\s*第/);
  const regulationsText = firstItem < 0 ? '' : text.slice(firstItem, start);

  const prose = text.slice(0, firstItem < 0 ? start : firstItem);
  const template = detectTemplate((regulationsText + text.slice(start, end)).replace(/\s+/g, ''));
  const requestsText = text.slice(start, end);
  const requests = readRequests(readTableText(requestsText), template, requestsText);
  const review = readReview(readTableText(reviewText));
  const regulations = readRegulations(regulationsText, template);

  // The checks see the table as read; then cut digits no column confirms are withdrawn.
  const checks = [...checkRequests(requests), ...(review ? checkReview(review) : []), ...checkProse(proseTotals(prose), requests)];
  withdrawUnconfirmedCuts(requests);
  inferUnreadableRows(requests);
  const cells: StatisticsCell[] = [];
  const statistics: ReportStatistics = {
    template,
    requests: requestMap(requests, cells),
    review: outcomes(review, 0, 'review', cells),
    litigationDirect: outcomes(review, 1, 'litigationDirect', cells),
    litigationAfterReview: outcomes(review, 2, 'litigationAfterReview', cells),
    regulations: {},
    cells,
    checks,
    prose: proseTotals(prose),
  };
  // 表二's rows all appear once 表二 is found: a row the text lacks is missing, not absent.
  const regulationKeys = firstItem < 0 ? [] : [...new Set([...regulationRows(template), ...regulations.keys()])];
  for (const row of regulationKeys) {
    const columns = regulationColumns(template, row);
    const values = regulations.get(row);
    statistics.regulations[row] = Object.fromEntries(columns.map((column, i) => [column, values?.[i]?.value ?? null]));
    columns.forEach((column, i) => {
      cells.push(cellOf('regulations', row, column, values?.[i] ?? MISSING));
    });
  }

  return statistics;
}

/** Where 表四's text ends: the line that starts the next part ("五、存在的主要问题"), else 3000 characters on. */
function reviewEndOf(text: string): number {
  const end = text.search(REVIEW_END);
  if (end < 0) return Math.min(text.length, 3000);
  const lineStart = text.lastIndexOf('\n', end);
  return lineStart > 0 ? lineStart : end;
}

function requestMap(requests: RequestCells, cells: StatisticsCell[]): ReportStatistics['requests'] {
  const map: ReportStatistics['requests'] = {};
  const rows = new Set([...requests.keys(), ...expectedRows(new Set(requests.keys()))]);
  for (const row of REQUEST_ROWS.filter((r) => rows.has(r))) {
    const values = requests.get(row);
    const entry = {} as Record<(typeof APPLICANT_COLUMNS)[number], number | null>;
    APPLICANT_COLUMNS.forEach((column, c) => {
      const cell = values?.[c] ?? { value: null, raw: null, mark: 'missing' as const };
      entry[column] = cell.value;
      cells.push(cellOf('requests', row, column, cell));
    });
    map[row] = entry;
  }
  return map;
}

function outcomes(review: CellValue[] | null, group: number, table: (typeof REVIEW_GROUPS)[number], cells: StatisticsCell[]): Outcomes {
  const entry = {} as Outcomes;
  OUTCOME_COLUMNS.forEach((column, i) => {
    const cell = review?.[group * 5 + i] ?? { value: null, raw: null, mark: 'missing' as const };
    entry[column] = cell.value;
    cells.push(cellOf(table, table, column, cell));
  });
  return entry;
}

function cellOf(table: StatisticsCell['table'], row: string, column: string, cell: CellValue): StatisticsCell {
  return { table, row, column, value: cell.value, raw: cell.raw, mark: cell.mark };
}
