/**
 * # The statistics contract (issue #11)
 *
 * Since 2019 every 政府信息公开工作年度报告 carries three statistics tables, in the layout of the
 * 2019 template (国办公开办函〔2019〕60号) or of the 2021 template (国办公开办函〔2021〕30号):
 * 表二 (第二十条 rules and administrative actions), 表三 (requests received and how they were
 * handled, by applicant type) and 表四 (administrative review and litigation). `parseStatistics`
 * reads them from a report's cleaned, simplified text; `statistics` is `null` when the report has
 * no recognised 表三 or 表四.
 *
 * ## Keys
 * - `template`: `"2019"` (表二 columns 本年新制作数量/本年新公开数量/对外公开总数量, 表三 with one
 *   （六）其他处理 row) or `"2021"` (表二 columns 本年制发件数/本年废止件数/现行有效件数, （六）其他处理
 *   split into 1.–3.). Mixed reports exist (a 2021 表二 with a 2019-style （六） row): the template
 *   names the 表二 layout, and 表三 keeps whichever （六） rows were printed.
 * - `requests[ROW][COL]` (表三). ROW is one of {@link REQUEST_ROWS}:
 *   `newReceived` 一、本年新收; `carriedOver` 二、上年结转; `granted` （一）予以公开;
 *   `partiallyGranted` （二）部分公开; `denied.stateSecret` … `denied.inquiry` （三）不予公开 1.–8.;
 *   `cannotProvide.notHeld|needsCreation|unclear` （四）无法提供 1.–3.;
 *   `notProcessed.complaint|repeated|publication|massRepeated|confirmation` （五）不予处理 1.–5.;
 *   `otherHandling` （六）其他处理 when it is one row (2019), else
 *   `otherHandling.overdueCorrection|unpaidFee|other` （六） 1.–3. (2021);
 *   `total` （七）总计; `carriedForward` 四、结转下年度继续办理.
 *   A parent row (`denied`, `cannotProvide`, `notProcessed`) appears only when the report printed
 *   numbers on it. COL is one of {@link APPLICANT_COLUMNS}: `natural` 自然人, `commercial` 商业企业,
 *   `research` 科研机构, `publicInterest` 社会公益组织, `legalService` 法律服务机构, `otherOrg` 其他,
 *   `total` 总计.
 * - `review` (行政复议), `litigationDirect` (行政诉讼 未经复议直接起诉), `litigationAfterReview`
 *   (行政诉讼 复议后起诉): {@link Outcomes} `{upheld 结果维持, corrected 结果纠正, other 其他结果,
 *   pending 尚未审结, total 总计}`.
 * - `regulations` (表二): `{ROW: {COL: number|null}}`. 2021: rows `rules` 规章 and
 *   `normativeDocuments` (行政)规范性文件 with `issued` 本年制发件数, `repealed` 本年废止件数,
 *   `inForce` 现行有效件数; `licensing` 行政许可, `punishment` 行政处罚, `enforcement` 行政强制 with
 *   `decisions` 本年处理决定数量; `fees` 行政事业性收费 with `amount` 本年收费金额 (万元, a decimal).
 *   2019: `rules`/`normativeDocuments` with `made` 本年新制作数量, `published` 本年新公开数量,
 *   `publishedTotal` 对外公开总数量; `licensing`, `otherServices` 其他对外管理服务事项, `punishment`,
 *   `enforcement` with `previousYear` 上一年项目数量, `change` 本年增/减, `decisions` 处理决定数量;
 *   `fees` with `previousYear`, `change`; `procurement` 政府集中采购 with `projects` 采购项目数量,
 *   `amount` 采购总金额 (as printed, in whatever unit the report used).
 * - `cells`: every cell of every recognised table, `{table, row, column, value, raw, mark}`.
 *   The maps above hold `value`; `cells` says how each value was obtained.
 * - `checks`: the table's arithmetic, `{id, ok, expected, found, detail}` (see below).
 * - `prose`: totals quoted in the report's prose (`共受理政府信息公开申请3119件`) with where they
 *   were found; checked against 表三 by `prose.newReceived`.
 *
 * ## How a cell is marked
 * - `read`: the number as printed, its cell boundaries visible in the text.
 * - `placed`: a printed number whose label the text printed elsewhere (pdftotext, PDF-to-markdown);
 *   its row is the one the template puts there between the labelled rows around it, and every
 *   identity of the table holds with it. When all of 表三's numbers print apart from the labels
 *   (detached.ts), the rows are the template's, laid on by count, and a cell is filled only if
 *   every reading of the blocks that the identities allow agrees on it. 表四's fifteen numbers
 *   with a header word among them are `placed` only when each group adds up; a one-cell 表二 item
 *   whose number precedes its label is `placed` when it holds exactly one number.
 * - `inferred`: not readable on its own (digits glued across cells, one cell lost, a stray number
 *   among a row's cells) but the table's own identities leave exactly one value; filled. (For a
 *   row with a stray number, only when its printed numbers hold that row of values in a run. A row
 *   of glued digits is filled only if the columns confirm every cell cut from its digits; else
 *   all those cells are `ambiguous`, with the digits in `raw`.)
 * - `blank` (an empty cell), `dash` (`/`, `-`, `—`), `none` (`无`), `notApplicable` (`不适用`):
 *   printed as such; `value` is `null`, never 0. Arithmetic checks count them as 0 on the
 *   parts side and skip an identity whose total is one of them (the report printed no total).
 * - `missing`: the row or cell is not in the text at all; `value` is `null`.
 * - `ambiguous`: the text holds the cell but not unambiguously (glued digits with several
 *   consistent splits, a row with too many or too few cells, a row label that names two rows,
 *   numbers printed away from their labels); `value` is `null`.
 *
 * ## Check ids
 * - `requests.balance.COL`: 一 + 二 = （七）总计 + 四 (the 勾稽关系 printed above 表三).
 * - `requests.total.COL`: （七）总计 = （一） + （二） + （三）… + （六）… (sub-rows, or the parent row
 *   where the report printed one).
 * - `requests.row.ROW`: the six applicant columns add up to 总计.
 * - `review.total`, `litigationDirect.total`, `litigationAfterReview.total`:
 *   维持 + 纠正 + 其他 + 尚未审结 = 总计.
 * - `prose.newReceived`: a total quoted in the prose equals 一、本年新收 总计 (or 一 + 二, which
 *   some reports quote as 受理).
 * - `acrossYears.carriedOver.COL` (from {@link checkAcrossYears}): last year's 结转下年度继续办理
 *   = this year's 上年结转.
 * - `acrossYears.inForce.rules|normativeDocuments`: 现行有效件数 = last year's 现行有效件数 +
 *   本年制发件数 − 本年废止件数 (2021 template both years).
 * A check is listed only when every number it needs was read; `ok: false` means the printed
 * table does not add up, `expected` is the side the identity computes, `found` the printed total.
 *
 * ## Legacy measures
 * Reports of 2008–2018 have no standard table; {@link LegacyMeasure}s are the totals their prose
 * states unambiguously (see prose.ts), kept apart from `statistics`.
 */

export type Template = '2019' | '2021';

export const APPLICANT_COLUMNS = ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];

export const REQUEST_ROWS = [
  'newReceived',
  'carriedOver',
  'granted',
  'partiallyGranted',
  'denied',
  'denied.stateSecret',
  'denied.lawForbidden',
  'denied.threeSecurity',
  'denied.thirdParty',
  'denied.internalAffairs',
  'denied.processInfo',
  'denied.enforcementFile',
  'denied.inquiry',
  'cannotProvide',
  'cannotProvide.notHeld',
  'cannotProvide.needsCreation',
  'cannotProvide.unclear',
  'notProcessed',
  'notProcessed.complaint',
  'notProcessed.repeated',
  'notProcessed.publication',
  'notProcessed.massRepeated',
  'notProcessed.confirmation',
  'otherHandling',
  'otherHandling.overdueCorrection',
  'otherHandling.unpaidFee',
  'otherHandling.other',
  'total',
  'carriedForward',
] as const;
export type RequestRow = (typeof REQUEST_ROWS)[number];

export const OUTCOME_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type OutcomeColumn = (typeof OUTCOME_COLUMNS)[number];
export type Outcomes = Record<OutcomeColumn, number | null>;

export type TableId = 'regulations' | 'requests' | 'review' | 'litigationDirect' | 'litigationAfterReview';

/** How a cell's value was obtained; see the header comment. */
export type CellMark = 'read' | 'placed' | 'inferred' | 'blank' | 'dash' | 'none' | 'notApplicable' | 'missing' | 'ambiguous';

export interface StatisticsCell {
  table: TableId;
  row: string;
  column: string;
  /** The number; null unless mark is read or inferred. */
  value: number | null;
  /** The characters the value was read from (null when missing or inferred from others). */
  raw: string | null;
  mark: CellMark;
}

export interface StatisticsCheck {
  id: string;
  ok: boolean;
  /** What the identity computes from the parts. */
  expected: number;
  /** What the report printed. */
  found: number;
  detail: string;
}

/** A total quoted in the prose, e.g. 共受理政府信息公开申请3119件. */
export interface ProseTotal {
  measure: 'requestsReceived';
  value: number;
  /** Offset of the phrase in the text given to the parser. */
  offset: number;
}

export interface ReportStatistics {
  template: Template;
  requests: Partial<Record<RequestRow, Record<ApplicantColumn, number | null>>>;
  review: Outcomes;
  litigationDirect: Outcomes;
  litigationAfterReview: Outcomes;
  regulations: Record<string, Record<string, number | null>>;
  cells: StatisticsCell[];
  checks: StatisticsCheck[];
  prose: ProseTotal[];
}

/** A total stated in the prose of an older, free-form report. */
export interface LegacyMeasure {
  measure: 'requestsReceived' | 'requestsAnswered' | 'reviewCases' | 'litigationCases';
  value: number;
  offset: number;
  /** The phrase the value was read from (a few characters around it). */
  phrase: string;
}
