// Renders a statistics table (invented numbers) in each shape reports arrive in: HTML tables,
// pipe rows (what the adapters rebuild from PDF/DOCX tables), markdown, pdftotext's one cell per
// line with header cells split, and crawler text with each row's digits glued. Used to write
// fixtures/statistics/ (tools/fixtures/makeStatisticsFixtures.ts) and by the property tests.
import { APPLICANT_COLUMNS, OUTCOME_COLUMNS, type RequestRow, type Template } from '../../core/statistics/types.js';

export type Cell = number | '' | '/' | '—' | '无' | '不适用';

export interface TableTruth {
  template: Template;
  /** 表二 rows, label → cells in printed order. */
  regulations: Array<{ key: string; label: string; item: string; header: string[]; cells: Cell[] }>;
  /** 表三 rows in printed order; a row with no cells is a heading row. */
  requests: Array<{ key: RequestRow | null; label: string; cells: Cell[] }>;
  /** 表四: fifteen cells. */
  review: Cell[];
}

const R = (key: RequestRow | null, label: string, cells: Cell[] = []): TableTruth['requests'][number] => ({ key, label, cells });

/** 表三's printed rows for the template, every numbered row given its cells by `cellsOf`. */
export function requestRows(template: Template, cellsOf: (key: RequestRow) => Cell[]): TableTruth['requests'] {
  const row = (key: RequestRow, label: string): TableTruth['requests'][number] => R(key, label, cellsOf(key));
  const other =
    template === '2021'
      ? [
          R(null, '（六）其他处理'),
          row('otherHandling.overdueCorrection', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'),
          row('otherHandling.unpaidFee', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'),
          row('otherHandling.other', '3.其他'),
        ]
      : [row('otherHandling', '（六）其他处理')];
  return [
    row('newReceived', '一、本年新收政府信息公开申请数量'),
    row('carriedOver', '二、上年结转政府信息公开申请数量'),
    R(null, '三、本年度办理结果'),
    row('granted', '（一）予以公开'),
    row('partiallyGranted', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'),
    R(null, '（三）不予公开'),
    row('denied.stateSecret', '1.属于国家秘密'),
    row('denied.lawForbidden', '2.其他法律行政法规禁止公开'),
    row('denied.threeSecurity', '3.危及“三安全一稳定”'),
    row('denied.thirdParty', '4.保护第三方合法权益'),
    row('denied.internalAffairs', '5.属于三类内部事务信息'),
    row('denied.processInfo', '6.属于四类过程性信息'),
    row('denied.enforcementFile', '7.属于行政执法案卷'),
    row('denied.inquiry', '8.属于行政查询事项'),
    R(null, '（四）无法提供'),
    row('cannotProvide.notHeld', '1.本机关不掌握相关政府信息'),
    row('cannotProvide.needsCreation', '2.没有现成信息需要另行制作'),
    row('cannotProvide.unclear', '3.补正后申请内容仍不明确'),
    R(null, '（五）不予处理'),
    row('notProcessed.complaint', '1.信访举报投诉类申请'),
    row('notProcessed.repeated', '2.重复申请'),
    row('notProcessed.publication', '3.要求提供公开出版物'),
    row('notProcessed.massRepeated', '4.无正当理由大量反复申请'),
    row('notProcessed.confirmation', '5.要求行政机关确认或重新出具已获取信息'),
    ...other,
    row('total', '（七）总计'),
    row('carriedForward', '四、结转下年度继续办理'),
  ];
}

const HEADER_2021 = ['本年制发件数', '本年废止件数', '现行有效件数'];
const HEADER_2019 = ['本年新制作数量', '本年新公开数量', '对外公开总数量'];

/** 表二 of the template with the given cells per row key. */
export function regulationRows(template: Template, cellsOf: (key: string) => Cell[]): TableTruth['regulations'] {
  if (template === '2021') {
    return [
      { key: 'rules', label: '规章', item: '（一）', header: HEADER_2021, cells: cellsOf('rules') },
      { key: 'normativeDocuments', label: '行政规范性文件', item: '（一）', header: HEADER_2021, cells: cellsOf('normativeDocuments') },
      { key: 'licensing', label: '行政许可', item: '（五）', header: ['本年处理决定数量'], cells: cellsOf('licensing') },
      { key: 'punishment', label: '行政处罚', item: '（六）', header: ['本年处理决定数量'], cells: cellsOf('punishment') },
      { key: 'enforcement', label: '行政强制', item: '（六）', header: ['本年处理决定数量'], cells: cellsOf('enforcement') },
      { key: 'fees', label: '行政事业性收费', item: '（八）', header: ['本年收费金额（单位：万元）'], cells: cellsOf('fees') },
    ];
  }
  const actions = ['上一年项目数量', '本年增/减', '处理决定数量'];
  return [
    { key: 'rules', label: '规章', item: '（一）', header: HEADER_2019, cells: cellsOf('rules') },
    { key: 'normativeDocuments', label: '规范性文件', item: '（一）', header: HEADER_2019, cells: cellsOf('normativeDocuments') },
    { key: 'licensing', label: '行政许可', item: '（五）', header: actions, cells: cellsOf('licensing') },
    { key: 'otherServices', label: '其他对外管理服务事项', item: '（五）', header: actions, cells: cellsOf('otherServices') },
    { key: 'punishment', label: '行政处罚', item: '（六）', header: actions, cells: cellsOf('punishment') },
    { key: 'enforcement', label: '行政强制', item: '（六）', header: actions, cells: cellsOf('enforcement') },
    { key: 'fees', label: '行政事业性收费', item: '（八）', header: ['上一年项目数量', '本年增/减'], cells: cellsOf('fees') },
  ];
}

const APPLICANT_HEADER = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
const REVIEW_HEADER = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const text = (cell: Cell): string => String(cell);

/** Groups 表二's rows by 第二十条 item, in order. */
function items(truth: TableTruth): Array<[string, TableTruth['regulations']]> {
  const out: Array<[string, TableTruth['regulations']]> = [];
  for (const row of truth.regulations) {
    const last = out[out.length - 1];
    if (last && last[0] === row.item) last[1].push(row);
    else out.push([row.item, [row]]);
  }
  return out;
}

/** Rows of cells, the shape every other renderer starts from. */
function grid(truth: TableTruth): string[][] {
  const lines: string[][] = [['二、主动公开政府信息情况']];
  for (const [item, rows] of items(truth)) {
    lines.push([`第二十条第${item}项`], ['信息内容', ...rows[0]!.header]);
    for (const row of rows) lines.push([row.label, ...row.cells.map(text)]);
  }
  lines.push(
    ['三、收到和处理政府信息公开申请情况'],
    ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'],
    ['自然人', '法人或其他组织', '总计'],
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
  );
  for (const row of truth.requests) lines.push([row.label, ...row.cells.map(text)]);
  lines.push(
    ['四、政府信息公开行政复议、行政诉讼情况'],
    ['行政复议', '行政诉讼'],
    [...REVIEW_HEADER, '未经复议直接起诉', '复议后起诉'],
    [...REVIEW_HEADER, ...REVIEW_HEADER],
    truth.review.map(text),
    ['五、存在的主要问题及改进情况'],
  );
  return lines;
}

/** "a | b | c" rows, as the HTML, PDF and DOCX adapters rebuild tables. */
export function renderPipes(truth: TableTruth): string {
  return grid(truth)
    .map((cells) => cells.join(' | '))
    .join('\n');
}

export function renderMarkdown(truth: TableTruth): string {
  return grid(truth)
    .map((cells) => (cells.length === 1 ? `\n## ${cells[0]}\n` : `| ${cells.join(' | ')} |`))
    .join('\n');
}

export function renderHtml(truth: TableTruth, title: string): string {
  const rows = grid(truth)
    .map((cells) =>
      cells.length === 1
        ? `</table>\n<p>${cells[0]}</p>\n<table border="1">`
        : `<tr>${cells.map((c) => `<td>${c === '' ? '&nbsp;' : c}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${title}</title></head><body>\n<h1>${title}</h1>\n<table border="1">\n${rows}\n</table>\n</body></html>\n`;
}

/** pdftotext without -layout: one cell per line, blank lines between, long header cells split. */
export function renderPdftotext(truth: TableTruth): string {
  const split = (cell: string): string =>
    cell.length === 4 && /^\p{Script=Han}+$/u.test(cell) ? `${cell.slice(0, 3)}\n${cell.slice(3)}` : cell;
  return grid(truth)
    .flatMap((cells) => cells.map((cell) => split(cell === '' ? '' : cell)))
    .filter((cell) => cell !== '')
    .join('\n\n');
}

/**
 * pdftotext without -layout on a PDF whose 表三 was drawn in pieces: the numbers come in blocks and
 * the labels elsewhere. `blocks` cuts 表三's numbered rows (in order) into blocks of k rows: k = 1
 * prints the row's seven numbers one per line, blank lines between; k > 1 prints the block column
 * by column, seven runs of k lines. `labelAfter[i]` is the block after which the i-th label line
 * (表三's rows and headings, in printed order) is printed; labels after the same block keep their
 * order. 表二 and 表四 are as `renderPdftotext` prints them, except that 表二's one-cell items print
 * their number before their label and 表四's last 总计 header falls before the last number.
 */
export function renderDetached(truth: TableTruth, blocks: readonly number[], labelAfter: readonly number[]): string {
  const whole = renderPdftotext(truth);
  const start = whole.indexOf('三、收到和处理政府信息公开申请情况');
  const end = whole.indexOf('四、政府信息公开行政复议');
  const numbered = truth.requests.filter((row) => row.key !== null);
  const labels = truth.requests.map((row) => row.label);
  const out: string[] = [
    '三、收到和处理政府信息公开申请情况',
    '申请人情况',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    '法人或其他组织',
    '自然人',
    '社会 法律\n商业 科研\n公益 服务 其他\n企业 机构\n组织 机构',
    '总计',
  ];
  let row = 0;
  blocks.forEach((k, b) => {
    const rows = numbered.slice(row, row + k);
    row += k;
    const columns = APPLICANT_COLUMNS.map((_, c) => rows.map((r) => text(r.cells[c]!)).join('\n'));
    out.push(...columns);
    labels.forEach((label, i) => {
      if ((labelAfter[i] ?? blocks.length - 1) === b) out.push(label);
    });
  });
  // 表二's one-cell items print their number before the label; 表四 prints its last 总计 header
  // among the numbers, before the last one.
  const regulations = whole.slice(0, start).replace(/\n\n(行政许\n可|行政事业性收费)\n\n([\d.]+)\n\n/g, '\n\n$2\n\n$1\n\n');
  const review = whole.slice(end).replace(/\n\n(\d+)\n\n(五、存在)/, '\n\n总计\n\n$1\n\n$2');
  return `${regulations}${out.join('\n\n')}\n\n${review}`;
}

/** Crawler text: the whole table on one line, each row's cells glued; `spaces` keeps a few gaps. */
export function renderGlued(truth: TableTruth, spaces: ReadonlySet<number> = new Set()): string {
  let n = 0;
  return grid(truth)
    .map((cells) => {
      const [first, ...rest] = cells;
      if (rest.every((c) => /^[\d.\-+]*$/.test(c))) return first + rest.map((c) => (spaces.has(n++) ? ` ${c}` : c)).join('');
      return cells.join('');
    })
    .join('');
}

export { APPLICANT_COLUMNS, APPLICANT_HEADER, OUTCOME_COLUMNS };
