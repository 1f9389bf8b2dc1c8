// Domain types shared by the indexing pipeline stages and the search side.
// Every stage is a pure function from one of these to the next; only the edges do I/O.
import type { ReportFormat } from './formats/types.js';

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

/** A report after the text stages, ready to become documents. */
export interface Report {
  reportId: string;
  /** The file path as given to the indexer. */
  source: string;
  /** sha256 of the file's bytes: identifies identical content under two paths, and changed files. */
  contentHash: string;
  /** The byte encoding of a text file; null for PDF, Word and OFD files. */
  encoding: SourceEncoding | null;
  /** The file format the text was read from. */
  format: ReportFormat;
  /** Pages of a fixed-layout file (PDF, OFD); null for flowing formats. */
  pages: number | null;
  /** True when the text was read by OCR from page images (not exact). */
  ocr: boolean;
  /** The original address the file itself states (PDF metadata), if any. */
  statedSourceUrl: string | null;
  metadata: ReportMetadata;
  sections: Section[];
}
