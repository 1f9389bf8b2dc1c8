// Exports of every occurrence of a query, streamed row by row from the search layer: nothing is
// held in memory, and writing waits for the client whenever the socket's buffer is full.
//
// CSV layout: one table, one header line, one line per occurrence. The facts that make an export
// reproducible (query, filters, sort, context, export time, the index's size, generation and
// format, the passage keying's thresholds) are columns repeated on every row rather than a
// preamble, so the file loads as-is into a spreadsheet, R or pandas. With `alsoIn=1` five more
// columns give the passage holding each match and where else it appears (server/passages.ts).
import type { Response } from 'express';
import { levelLabel, sectionTypeLabel } from './labels.js';
import type { AlsoIn } from './passages.js';
import { sectionFields, type SectionFields } from './present.js';
import { occurrenceAnchor, reportPath } from './urls.js';
import type { FacetFilters } from '../core/facets.js';
import type { OccurrenceRow } from '../core/hits.js';
import type { StatisticsFilter } from '../core/measures.js';
import type { SortOrder } from '../search/port.js';

export interface ExportMeta {
  query: string;
  filters: FacetFilters;
  /** stat= and checks=, or null. */
  statistics: StatisticsFilter | null;
  /** The passage filter (passage=), or null. */
  passage: string | null;
  distinct: 'section' | 'passage';
  sort: SortOrder;
  context: number;
  alsoIn: boolean;
  exportedAt: string;
  reportsInIndex: number;
  indexGeneration: string;
  formatVersion: string;
  /** What the passage keys were made with (core/corpus/passageIndex.ts keyingParameters). */
  passageRules: Record<string, number | string>;
}

/** "Also in" as an export gives it: the link is absolute, as the permalink is. */
export interface ExportAlsoIn {
  passageKey: string;
  template: boolean;
  reports: number | null;
  organs: number | null;
  url: string;
}

export interface ExportRow extends SectionFields {
  field: 'heading' | 'text';
  index: number;
  left: string;
  match: string;
  right: string;
  permalink: string;
  /** Only with alsoIn=1: null when the match is in no kept passage (a heading, a short line). */
  alsoIn?: ExportAlsoIn | null;
}

/** One occurrence, with its passage's "also in" when the export asks for it (undefined otherwise). */
export interface ExportItem {
  row: OccurrenceRow;
  alsoIn?: AlsoIn | null;
}

export function exportRow({ row, alsoIn }: ExportItem, q: string, origin: string): ExportRow {
  const { hit } = row;
  return {
    ...sectionFields(hit),
    field: row.field,
    index: row.index,
    left: row.left,
    match: row.match,
    right: row.right,
    permalink: origin + reportPath(hit.reportId, q, occurrenceAnchor(hit.sectionId, row.index)),
    ...(alsoIn === undefined
      ? {}
      : {
          alsoIn: alsoIn && {
            passageKey: alsoIn.passageKey,
            template: alsoIn.template,
            reports: alsoIn.reports,
            organs: alsoIn.organs,
            url: origin + alsoIn.href,
          },
        }),
  };
}

export const CSV_COLUMNS = [
  'report_id',
  'section_id',
  'title',
  'organ',
  'province',
  'level',
  'level_label',
  'year',
  'section_type',
  'section_type_label',
  'heading',
  'field',
  'occurrence_index',
  'left',
  'match',
  'right',
  'permalink',
  'ocr',
  'query',
  'filters',
  'exported_at',
  'reports_in_index',
  'statistics_filter',
  'passage_filter',
  'distinct',
  'sort',
  'context',
  'index_generation',
  'format_version',
  'passage_rules',
] as const;

/** Added after CSV_COLUMNS with alsoIn=1. */
export const ALSO_IN_COLUMNS = ['passage_key', 'passage_template', 'also_in_reports', 'also_in_organs', 'passage_url'] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes are doubled. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: ReadonlyArray<string | number | null>): string => `${values.map(csvField).join(',')}\r\n`;

export function csvHeader(alsoIn = false): string {
  return `\uFEFF${csvLine(alsoIn ? [...CSV_COLUMNS, ...ALSO_IN_COLUMNS] : CSV_COLUMNS)}`;
}

function alsoInFields(alsoIn: ExportAlsoIn | null | undefined): Array<string | number | null> {
  if (alsoIn === undefined) return [];
  if (alsoIn === null) return ['', '', '', '', ''];
  return [alsoIn.passageKey, String(alsoIn.template), alsoIn.reports, alsoIn.organs, alsoIn.url];
}

export function csvRow(row: ExportRow, meta: ExportMeta): string {
  return csvLine([
    row.reportId,
    row.sectionId,
    row.title,
    row.organ,
    row.province,
    row.level,
    levelLabel(row.level),
    row.year,
    row.sectionType,
    sectionTypeLabel(row.sectionType),
    row.heading,
    row.field,
    row.index,
    row.left,
    row.match,
    row.right,
    row.permalink,
    row.ocr ? 'true' : 'false',
    meta.query,
    JSON.stringify(meta.filters),
    meta.exportedAt,
    meta.reportsInIndex,
    meta.statistics === null ? '' : JSON.stringify(meta.statistics),
    meta.passage,
    meta.distinct,
    meta.sort,
    meta.context,
    meta.indexGeneration,
    meta.formatVersion,
    JSON.stringify(meta.passageRules),
    ...alsoInFields(row.alsoIn),
  ]);
}

export function jsonlMeta(meta: ExportMeta): string {
  return `${JSON.stringify({ meta })}\n`;
}

export function jsonlRow(row: ExportRow): string {
  return `${JSON.stringify(row)}\n`;
}

/**
 * Writes `head` then one chunk per row. The first row is read before anything is sent, so a search
 * that fails at once still gets a proper error page; a failure later can only cut the stream.
 */
export async function streamExport<T>(
  response: Response,
  rows: AsyncIterable<T>,
  format: { head: string; line: (row: T) => string; contentType: string; filename: string },
): Promise<void> {
  const iterator = rows[Symbol.asyncIterator]();
  let closed = false;
  const onClose = (): void => {
    closed = true;
  };
  response.on('close', onClose);
  try {
    let step = await iterator.next();
    response.status(200);
    response.set({
      'Content-Type': format.contentType,
      'Content-Disposition': `attachment; filename="${format.filename}"`,
      'Cache-Control': 'no-store',
    });
    await write(response, format.head, () => closed);
    while (!step.done && !closed) {
      await write(response, format.line(step.value), () => closed);
      step = await iterator.next();
    }
    if (!closed) response.end();
  } finally {
    response.off('close', onClose);
    if (closed) await iterator.return?.();
  }
}

async function write(response: Response, chunk: string, isClosed: () => boolean): Promise<void> {
  if (isClosed()) return;
  if (response.write(chunk)) return;
  // Wake on 'close' too: a client that goes away never drains.
  await new Promise<void>((resolve) => {
    const wake = (): void => {
      response.off('drain', wake);
      response.off('close', wake);
      resolve();
    };
    response.on('drain', wake);
    response.on('close', wake);
  });
}
