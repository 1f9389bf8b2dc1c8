// The row and column vocabulary of the statistics tables, as data. A row is recognised by words
// that occur in its label and in no other row's label (the ordinal alone is not enough: PDF
// rebuilds move "（三）不予公开" into the middle of its sub-rows and cut labels in two, so a
// label's words are matched after joining its pieces without whitespace). Keywords are written in
// the normalised form of normalizeLabel (full-width brackets, no spaces).
import type { RequestRow, Template } from './types.js';

export interface RowVocabulary<K extends string> {
  key: K;
  /** Any of these in the joined label names the row. */
  keywords: readonly string[];
  /** A parent row (（三）不予公开 …): loses to any sub-row named in the same label. */
  parent?: boolean;
  /** A label that must END with this pattern (for the bare "3.其他"). */
  endsWith?: RegExp;
}

export const REQUEST_VOCABULARY: ReadonlyArray<RowVocabulary<RequestRow>> = [
  { key: 'newReceived', keywords: ['本年新收'] },
  { key: 'carriedOver', keywords: ['上年结转'] },
  { key: 'granted', keywords: ['予以公开'] },
  { key: 'partiallyGranted', keywords: ['部分公开'] },
  { key: 'denied', keywords: ['不予公开'], parent: true },
  { key: 'denied.stateSecret', keywords: ['国家秘密'] },
  // One report prints "其他法律行政止公开": the words before the typo still name the row.
  { key: 'denied.lawForbidden', keywords: ['其他法律行政', '法规禁止公开'] },
  { key: 'denied.threeSecurity', keywords: ['三安全一稳定'] },
  { key: 'denied.thirdParty', keywords: ['第三方合法权益'] },
  { key: 'denied.internalAffairs', keywords: ['三类内部事务'] },
  { key: 'denied.processInfo', keywords: ['四类过程性'] },
  { key: 'denied.enforcementFile', keywords: ['行政执法案卷'] },
  { key: 'denied.inquiry', keywords: ['行政查询事项'] },
  { key: 'cannotProvide', keywords: ['无法提供'], parent: true },
  { key: 'cannotProvide.notHeld', keywords: ['不掌握相关'] },
  { key: 'cannotProvide.needsCreation', keywords: ['没有现成信息', '另行制作'] },
  { key: 'cannotProvide.unclear', keywords: ['补正后申请内容', '仍不明确'] },
  { key: 'notProcessed', keywords: ['不予处理'], parent: true },
  { key: 'notProcessed.complaint', keywords: ['信访举报投诉'] },
  { key: 'notProcessed.repeated', keywords: ['重复申请'] },
  { key: 'notProcessed.publication', keywords: ['公开出版物'] },
  { key: 'notProcessed.massRepeated', keywords: ['大量反复'] },
  { key: 'notProcessed.confirmation', keywords: ['确认或重新出具', '重新出具已获取'] },
  { key: 'otherHandling', keywords: ['其他处理'], parent: true },
  { key: 'otherHandling.overdueCorrection', keywords: ['逾期不补正'] },
  { key: 'otherHandling.unpaidFee', keywords: ['收费通知', '缴纳费用'] },
  { key: 'otherHandling.other', keywords: [], endsWith: /[1-9][.、．]其他$/ },
  // The ordinal is required: a bare 总计 is also the last column's header.
  { key: 'total', keywords: ['（七）总计', '七）总计'] },
  { key: 'carriedForward', keywords: ['结转下年度'] },
];

/** The groups whose sub-rows add up to （七）总计, in the template's order. */
export const OUTCOME_GROUPS: ReadonlyArray<{ parent: RequestRow; children: readonly RequestRow[] }> = [
  { parent: 'granted', children: [] },
  { parent: 'partiallyGranted', children: [] },
  { parent: 'denied', children: REQUEST_VOCABULARY.map((r) => r.key).filter((k) => k.startsWith('denied.')) },
  { parent: 'cannotProvide', children: REQUEST_VOCABULARY.map((r) => r.key).filter((k) => k.startsWith('cannotProvide.')) },
  { parent: 'notProcessed', children: REQUEST_VOCABULARY.map((r) => r.key).filter((k) => k.startsWith('notProcessed.')) },
  { parent: 'otherHandling', children: REQUEST_VOCABULARY.map((r) => r.key).filter((k) => k.startsWith('otherHandling.')) },
];

export type RegulationRow =
  | 'rules'
  | 'normativeDocuments'
  | 'licensing'
  | 'otherServices'
  | 'punishment'
  | 'enforcement'
  | 'fees'
  | 'procurement';

export const REGULATION_VOCABULARY: ReadonlyArray<RowVocabulary<RegulationRow>> = [
  { key: 'rules', keywords: ['规章'] },
  { key: 'normativeDocuments', keywords: ['规范性文件'] },
  { key: 'licensing', keywords: ['行政许可'] },
  { key: 'otherServices', keywords: ['其他对外管理服务'] },
  { key: 'punishment', keywords: ['行政处罚'] },
  { key: 'enforcement', keywords: ['行政强制'] },
  { key: 'fees', keywords: ['行政事业性收费'] },
  { key: 'procurement', keywords: ['政府集中采购'] },
];

/** 表二's rows per template, in printed order. */
export function regulationRows(template: Template): RegulationRow[] {
  return template === '2021'
    ? ['rules', 'normativeDocuments', 'licensing', 'punishment', 'enforcement', 'fees']
    : ['rules', 'normativeDocuments', 'licensing', 'otherServices', 'punishment', 'enforcement', 'fees', 'procurement'];
}

/** 表二's columns per template and row, in printed order. */
export function regulationColumns(template: Template, row: RegulationRow): readonly string[] {
  if (template === '2021') {
    if (row === 'rules' || row === 'normativeDocuments') return ['issued', 'repealed', 'inForce'];
    if (row === 'fees') return ['amount'];
    if (row === 'licensing' || row === 'punishment' || row === 'enforcement') return ['decisions'];
    return [];
  }
  if (row === 'rules' || row === 'normativeDocuments') return ['made', 'published', 'publishedTotal'];
  if (row === 'fees') return ['previousYear', 'change'];
  if (row === 'procurement') return ['projects', 'amount'];
  return ['previousYear', 'change', 'decisions'];
}

/** The template a report's tables follow, from the words only one template uses. */
export function detectTemplate(text: string): Template {
  if (/本年制发件数|本年废止件数|现行有效件数/.test(text)) return '2021';
  if (/本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量/.test(text)) return '2019';
  return /逾期不补正/.test(text) ? '2021' : '2019';
}

/** A label's comparable form: no whitespace, full-width brackets, half-width digits. */
export function normalizeLabel(label: string): string {
  return label
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * The one row a label names, or null. Sub-rows beat parents (glued text puts "（三）不予公开" and
 * "1.属于国家秘密" in one label); two different sub-rows in one label is no answer.
 */
export function rowNamedBy<K extends string>(label: string, vocabulary: ReadonlyArray<RowVocabulary<K>>): K | 'several' | null {
  const joined = normalizeLabel(label);
  const named = vocabulary.filter((row) => row.keywords.some((word) => joined.includes(word)) || (row.endsWith?.test(joined) ?? false));
  const leaves = named.filter((row) => !row.parent);
  const candidates = leaves.length > 0 ? leaves : named;
  if (candidates.length === 0) return null;
  return candidates.length === 1 ? candidates[0]!.key : 'several';
}
