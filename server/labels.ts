// Chinese labels for the values the index stores as codes. The one place the UI names a level, a
// section type or a facet, so that the search page, the report page and the exports agree.
import { LEVELS, SECTION_TYPES, type Level, type SectionType, type SourceUrlOrigin } from '../core/report.js';
import { MISSING_FACET_VALUE, type Facet } from '../core/facets.js';

export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  national: '国家级',
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇级',
};

export const SECTION_TYPE_LABELS: Readonly<Record<SectionType, string>> = {
  preamble: '前言',
  overview: '概述/总体情况',
  proactive: '主动公开',
  requests: '依申请公开',
  fees: '收费及减免',
  review: '行政复议和诉讼',
  problems: '存在问题及改进',
  other: '其他事项',
  interpretation: '政策解读',
  response: '舆情回应',
  proposals: '建议提案办理',
  platform: '平台建设',
  organization: '组织与制度',
  unclassified: '未分类',
};

export const FACET_LABELS: Readonly<Record<Facet, string>> = {
  province: '省份',
  city: '地市',
  county: '区县',
  level: '层级',
  year: '年度',
  sectionType: '章节类型',
};

const isLevel = (value: string): value is Level => (LEVELS as readonly string[]).includes(value);
const isSectionType = (value: string): value is SectionType => (SECTION_TYPES as readonly string[]).includes(value);

/** How a facet value is shown: the Chinese label for coded facets, the value itself otherwise. */
/** What the bucket of sections without a value is called, per facet. */
const MISSING_LABELS: Partial<Record<Facet, string>> = {
  province: '无省份（中央或未识别）',
  city: '无地市（省级或未识别）',
  county: '无区县（地市级以上或未识别）',
  level: '层级不详',
  year: '年度不详',
};

export function facetValueLabel(facet: Facet, value: string): string {
  if (value === MISSING_FACET_VALUE) return MISSING_LABELS[facet] ?? value;
  if (facet === 'level' && isLevel(value)) return LEVEL_LABELS[value];
  if (facet === 'sectionType' && isSectionType(value)) return SECTION_TYPE_LABELS[value];
  if (facet === 'year') return `${value.replace('-', '–')} 年`;
  return value;
}

export function levelLabel(level: Level | null): string | null {
  return level === null ? null : LEVEL_LABELS[level];
}

export function sectionTypeLabel(sectionType: SectionType): string {
  return SECTION_TYPE_LABELS[sectionType];
}

export const SOURCE_URL_ORIGIN_LABELS: Readonly<Record<SourceUrlOrigin, string>> = {
  manifest: '来源清单（manifest）',
  'html-canonical': '网页的规范链接（canonical）',
  'og-url': '网页的 og:url',
  'crawler-header': '采集文件头',
  'pdf-metadata': 'PDF 元数据',
  'docx-metadata': 'Word 文档元数据',
};

export function sourceUrlOriginLabel(origin: SourceUrlOrigin | null): string | null {
  return origin === null ? null : (SOURCE_URL_ORIGIN_LABELS[origin] ?? null);
}

/** The measures of the statistics tables the forms offer, in Chinese; any other key works in the URL and the API. */
export const MEASURE_LABELS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'requests.newReceived.total', label: '本年新收申请数（总计）' },
  { value: 'requests.newReceived.natural', label: '本年新收申请数（自然人）' },
  { value: 'requests.carriedOver.total', label: '上年结转申请数（总计）' },
  { value: 'requests.granted.total', label: '予以公开（总计）' },
  { value: 'requests.partiallyGranted.total', label: '部分公开（总计）' },
  { value: 'requests.total.total', label: '办理结果总计' },
  { value: 'requests.carriedForward.total', label: '结转下年度继续办理（总计）' },
  { value: 'review.total', label: '行政复议（总计）' },
  { value: 'review.corrected', label: '行政复议结果纠正' },
  { value: 'litigationDirect.total', label: '行政诉讼·直接起诉（总计）' },
  { value: 'litigationAfterReview.total', label: '行政诉讼·复议后起诉（总计）' },
];

/** The comparison of a statistics condition as the forms and the active-filter line show it. */
export const CONDITION_OP_LABELS: Readonly<Record<'>=' | '<=' | '=' | '>' | '<', string>> = {
  '>=': '≥',
  '<=': '≤',
  '=': '=',
  '>': '>',
  '<': '<',
};

/** A measure's Chinese label, or its key when the forms do not offer it. */
export function measureLabel(measure: string): string {
  return MEASURE_LABELS.find((m) => m.value === measure)?.label ?? measure;
}

/** A report's statistics status (checks=…) as the active-filter line names it. */
export const STATISTICS_STATUS_LABELS: Readonly<Record<'ok' | 'failed' | 'none', string>> = {
  failed: '表格核对未通过',
  ok: '表格核对通过',
  none: '无统计表',
};
