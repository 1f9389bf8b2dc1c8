// The statistics tables on the report page and in the API: checks across years added from the same
// body's previous report, and the tables as rows of cells with their marks (how each number was
// obtained, core/statistics/types.ts), failed checks with what was expected.
import { checkAcrossYears } from '../core/statistics/acrossYears.js';
import {
  APPLICANT_COLUMNS,
  OUTCOME_COLUMNS,
  type CellMark,
  type ReportStatistics,
  type StatisticsCheck,
} from '../core/statistics/types.js';
import type { ReportSummary } from '../core/report.js';
import type { ReportDetail, ReportSearch } from '../search/port.js';

/**
 * A report's statistics with the checks that need last year's report of the same body (结转 and
 * 现行有效件数) appended when that report is indexed and has tables; null without tables.
 * `sameOrgan` gives the body's reports (the report page has them already; asked only when needed).
 */
export async function statisticsWithHistory(
  search: ReportSearch,
  report: ReportDetail,
  sameOrgan: () => Promise<readonly ReportSummary[]>,
): Promise<ReportStatistics | null> {
  const current = report.statistics;
  if (current === null || report.organKey === null || report.year === null) return current;
  const previousYear = report.year - 1;
  const previous = (await sameOrgan()).find((r) => r.year === previousYear);
  const previousDetail = previous ? await search.getReport(previous.reportId) : null;
  if (!previousDetail?.statistics) return current;
  return { ...current, checks: [...current.checks, ...checkAcrossYears(previousDetail.statistics, current)] };
}

const REQUEST_ROW_LABELS: Record<string, string> = {
  newReceived: '一、本年新收政府信息公开申请数量',
  carriedOver: '二、上年结转政府信息公开申请数量',
  granted: '（一）予以公开',
  partiallyGranted: '（二）部分公开',
  denied: '（三）不予公开',
  'denied.stateSecret': '1.属于国家秘密',
  'denied.lawForbidden': '2.其他法律行政法规禁止公开',
  'denied.threeSecurity': '3.危及“三安全一稳定”',
  'denied.thirdParty': '4.保护第三方合法权益',
  'denied.internalAffairs': '5.属于三类内部事务信息',
  'denied.processInfo': '6.属于四类过程性信息',
  'denied.enforcementFile': '7.属于行政执法案卷',
  'denied.inquiry': '8.属于行政查询事项',
  cannotProvide: '（四）无法提供',
  'cannotProvide.notHeld': '1.本机关不掌握相关政府信息',
  'cannotProvide.needsCreation': '2.没有现成信息需要另行制作',
  'cannotProvide.unclear': '3.补正后申请内容仍不明确',
  notProcessed: '（五）不予处理',
  'notProcessed.complaint': '1.信访举报投诉类申请',
  'notProcessed.repeated': '2.重复申请',
  'notProcessed.publication': '3.要求提供公开出版物',
  'notProcessed.massRepeated': '4.无正当理由大量反复申请',
  'notProcessed.confirmation': '5.要求行政机关确认或重新出具已获取信息',
  otherHandling: '（六）其他处理',
  'otherHandling.overdueCorrection': '1.申请人无正当理由逾期不补正',
  'otherHandling.unpaidFee': '2.申请人逾期未按收费通知要求缴纳费用',
  'otherHandling.other': '3.其他',
  total: '（七）总计',
  carriedForward: '四、结转下年度继续办理',
};
const APPLICANT_LABELS: Record<string, string> = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  publicInterest: '社会公益组织',
  legalService: '法律服务机构',
  otherOrg: '其他',
  total: '总计',
};
const OUTCOME_LABELS: Record<string, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};
const MARK_SHORT: Record<CellMark, string> = {
  read: '',
  placed: '定位',
  inferred: '推定',
  blank: '空白',
  dash: '—',
  none: '无',
  notApplicable: '不适用',
  missing: '缺',
  ambiguous: '无法读出',
};
const MARK_LABELS: Record<CellMark, string> = {
  read: '',
  placed: '按模板行序定位，且各项合计成立',
  inferred: '由表内合计关系推定',
  blank: '原表空白',
  dash: '原表为“—”或“/”',
  none: '原表为“无”',
  notApplicable: '原表为“不适用”',
  missing: '原文缺此栏',
  ambiguous: '原文无法唯一读出',
};

export interface StatisticsCellView {
  text: string;
  mark: CellMark;
  /** How the cell was obtained, in a word ('' for a plain reading), shown under the number. */
  short: string;
  /** The same, in a sentence (the cell's title). */
  note: string;
}

export interface StatisticsTableView {
  title: string;
  columns: string[];
  /** A group row (（三）不予公开 …) the report printed no numbers on has no cells: it only heads its sub-rows. */
  rows: Array<{ label: string; cells: StatisticsCellView[]; group: boolean }>;
}

export interface StatisticsView {
  template: string;
  tables: StatisticsTableView[];
  failedChecks: Array<{ id: string; detail: string; expected: number; found: number }>;
  checkCount: number;
}

export function statisticsView(statistics: ReportStatistics): StatisticsView {
  // The first cell of each place, as the cell list gives them.
  const byPlace = new Map<string, (typeof statistics.cells)[number]>();
  for (const c of statistics.cells) if (!byPlace.has(`${c.table}|${c.row}|${c.column}`)) byPlace.set(`${c.table}|${c.row}|${c.column}`, c);
  const cellOf = (table: string, row: string, column: string): StatisticsCellView => {
    const cell = byPlace.get(`${table}|${row}|${column}`);
    const mark = cell?.mark ?? 'missing';
    const text = cell?.value !== null && cell?.value !== undefined ? String(cell.value) : (cell?.raw ?? '');
    return { text, mark, short: MARK_SHORT[mark], note: MARK_LABELS[mark] };
  };
  const requestRows = Object.keys(statistics.requests);
  const outcomeTable = (title: string, table: 'review' | 'litigationDirect' | 'litigationAfterReview') => ({
    title,
    columns: OUTCOME_COLUMNS.map((c) => OUTCOME_LABELS[c]!),
    rows: [{ label: '件数', cells: OUTCOME_COLUMNS.map((c) => cellOf(table, table, c)), group: false }],
  });
  const failed = statistics.checks.filter((check: StatisticsCheck) => !check.ok);
  return {
    template: statistics.template,
    tables: [
      {
        title: '表三 收到和处理政府信息公开申请情况',
        columns: APPLICANT_COLUMNS.map((c) => APPLICANT_LABELS[c]!),
        rows: withGroupRows(requestRows).map((row) => ({
          label: REQUEST_ROW_LABELS[row.key] ?? row.key,
          cells: row.group ? [] : APPLICANT_COLUMNS.map((c) => cellOf('requests', row.key, c)),
          group: row.group,
        })),
      },
      outcomeTable('表四 行政复议', 'review'),
      outcomeTable('表四 行政诉讼（未经复议直接起诉）', 'litigationDirect'),
      outcomeTable('表四 行政诉讼（复议后起诉）', 'litigationAfterReview'),
    ],
    failedChecks: failed.map(({ id, detail, expected, found }) => ({ id, detail, expected, found })),
    checkCount: statistics.checks.length,
  };
}

/** The rows in order, with a heading row before the first sub-row of a group whose own row is not printed. */
function withGroupRows(rows: readonly string[]): Array<{ key: string; group: boolean }> {
  const out: Array<{ key: string; group: boolean }> = [];
  const present = new Set(rows);
  for (const row of rows) {
    const parent = row.includes('.') ? row.slice(0, row.indexOf('.')) : null;
    if (parent && !present.has(parent) && !out.some((r) => r.key === parent)) out.push({ key: parent, group: true });
    out.push({ key: row, group: false });
  }
  return out;
}
