// Domain types shared by the indexing pipeline stages and the search side.
// Every stage is a pure function from one of these to the next; only the edges do I/O.

/** The file formats the indexer reads. */
export const REPORT_FORMATS = ['txt', 'md', 'html', 'pdf', 'docx', 'doc', 'wps', 'ofd'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

import type { LegacyMeasure, ReportStatistics } from './statistics/types.js';

/** Administrative level of the issuing body. A department takes the level of the government it belongs to. */
export const LEVELS = ['national', 'province', 'city', 'county', 'township'] as const;
export type Level = (typeof LEVELS)[number];

/** Whether the issuing body is a people's government (or its office) or one of its departments (局/委/办…). */
export const ORGAN_KINDS = ['government', 'department'] as const;
export type OrganKind = (typeof ORGAN_KINDS)[number];

/**
 * What a section of a report is about. The first eight follow the 2019 national template;
 * the others appear in older (2008–2018) reports.
 */
export const SECTION_TYPES = [
  'preamble', // text before the first heading (title, dates, introduction)
  'overview', // 总体情况 / 概述 / 基本情况
  'proactive', // 主动公开政府信息情况
  'requests', // 依申请公开 / 收到和处理政府信息公开申请情况
  'fees', // 收费及减免情况
  'review', // 行政复议、行政诉讼情况
  'problems', // 存在的主要问题及改进情况
  'other', // 其他需要报告的事项
  'interpretation', // 政策解读
  'response', // 舆情回应 / 回应社会关切
  'proposals', // 建议提案办理
  'platform', // 平台建设 / 网站建设 / 政务公开载体
  'organization', // 组织领导 / 机制建设 / 制度建设
  'unclassified',
] as const;
export type SectionType = (typeof SECTION_TYPES)[number];

/** Encodings the decoder recognises. */
export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

/** Output of the decode stage. */
export interface DecodedText {
  text: string;
  encoding: SourceEncoding;
  /** How the encoding was found: a byte-order mark, a declaration in the file, or detection. */
  encodingSource: 'bom' | 'declared' | 'detected';
  /** True when the content is an HTML document (by extension or by its markup). */
  isHtml: boolean;
  /** Problems that did not stop decoding, e.g. a declared charset that was wrong. */
  warnings: string[];
}

/** Output of the clean stage: plain text with one paragraph or table row per line. */
export interface CleanedText {
  text: string;
  /** The HTML <title>, when the source was an HTML page; a hint for metadata. */
  htmlTitle: string | null;
}

/** Metadata extracted from a report's cleaned text. Anything not found is null, with a warning. */
export interface ReportMetadata {
  title: string | null;
  organ: string | null;
  /** The year the report covers, not the year it was published. */
  year: number | null;
  /** ISO date (YYYY-MM-DD) of publication when the report states it. */
  publishedAt: string | null;
  province: string | null;
  city: string | null;
  county: string | null;
  level: Level | null;
  organKind: OrganKind | null;
  warnings: string[];
}

/** A section of a report: its heading as written, and the text up to the next heading. */
export interface Section {
  /** 0 for the preamble, then 1, 2, … in document order. */
  ordinal: number;
  /** The heading line as written (empty for the preamble). */
  heading: string;
  /** Text after the heading up to the next section. */
  text: string;
  sectionType: SectionType;
}

/** Where a report's original address was found, most trusted first (indexer/provenance.ts). */
export const SOURCE_URL_ORIGINS = ['manifest', 'html-canonical', 'og-url', 'crawler-header', 'pdf-metadata', 'docx-metadata'] as const;
export type SourceUrlOrigin = (typeof SOURCE_URL_ORIGINS)[number];

/**
 * Where a report came from, as far as a sidecar manifest or the file itself says: never guessed.
 * Anything not stated is null.
 */
export interface Provenance {
  /** The file format (for now from the file's extension). */
  format: ReportFormat;
  /** The original address: an absolute http(s) URL (isHttpUrl), or null. */
  sourceUrl: string | null;
  /** Where sourceUrl was found; null exactly when sourceUrl is null. */
  sourceUrlFrom: SourceUrlOrigin | null;
  /** ISO date (YYYY-MM-DD) the file was downloaded. */
  retrievedAt: string | null;
  /** Who published the document online (a manifest column, a crawler header's 发布机构/来源). */
  publisher: string | null;
}

/**
 * An absolute http or https URL as written, with no spaces and no user name or password: the only
 * addresses kept as a report's source and the only ones the report page links to.
 */
export function isHttpUrl(value: string): boolean {
  if (value.length > 2_000 || !/^https?:\/\/[^/?#\s]/i.test(value) || /[\s\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** A report after the text stages, ready to become documents. */
export interface Report {
  reportId: string;
  /** The file's path relative to the folder given to the indexer (its name when given directly), with / separators. */
  source: string;
  /** sha256 of the file's bytes: identifies identical content under two paths, and changed files. */
  contentHash: string;
  /** The byte encoding of a text file; null for PDF, Word and OFD files. */
  encoding: SourceEncoding | null;
  /** Pages of a fixed-layout file (PDF, OFD); null for flowing formats. */
  pages: number | null;
  /** True when the text was read by OCR from page images (not exact). */
  ocr: boolean;
  provenance: Provenance;
  metadata: ReportMetadata;
  sections: Section[];
  /** The statistics tables (表二/表三/表四) as parsed and checked (core/statistics); null without a recognised table. */
  statistics: ReportStatistics | null;
  /** Totals an older, free-form report states in its prose (core/statistics/prose.ts). */
  legacyMeasures: LegacyMeasure[];
}

/** What a listing, a hit and an export row say about a report. */
export interface ReportSummary {
  reportId: string;
  title: string | null;
  organ: string | null;
  organKey: string | null;
  province: string | null;
  city: string | null;
  county: string | null;
  level: Level | null;
  organKind: OrganKind | null;
  year: number | null;
  publishedAt: string | null;
  source: string;
  /** True when the report's text was read by OCR from a scanned PDF: not exact, shown with every hit. */
  ocr: boolean;
}

/**
 * Where a report came from, on its report document, in ReportDetail and in /api/reports/:id: what a
 * manifest or the file says (Provenance), the sha256 of the file's bytes, and when it was indexed.
 */
export interface ReportProvenance extends Provenance {
  contentHash: string;
  /** ISO date-time of the index run that wrote the report. */
  indexedAt: string;
}

export const PROVENANCE_FIELDS = [
  'format',
  'sourceUrl',
  'sourceUrlFrom',
  'retrievedAt',
  'publisher',
  'contentHash',
  'indexedAt',
] as const satisfies ReadonlyArray<keyof ReportProvenance>;

/** Every field of ReportSummary: documents, hits and listings copy a summary by this list alone. */
export const REPORT_SUMMARY_FIELDS = [
  'reportId',
  'title',
  'organ',
  'organKey',
  'province',
  'city',
  'county',
  'level',
  'organKind',
  'year',
  'publishedAt',
  'source',
  'ocr',
] as const satisfies ReadonlyArray<keyof ReportSummary>;
// Adding a field to ReportSummary without listing it fails to compile.
const everySummaryField: [Exclude<keyof ReportSummary, (typeof REPORT_SUMMARY_FIELDS)[number]>] extends [never] ? true : never = true;
void everySummaryField;

/** The summary of any record that carries one (a section hit, a report document), and nothing else. */
export function summaryOf(record: ReportSummary): ReportSummary {
  return Object.fromEntries(REPORT_SUMMARY_FIELDS.map((field) => [field, record[field]])) as unknown as ReportSummary;
}
