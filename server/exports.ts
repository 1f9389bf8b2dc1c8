// Exports of every occurrence of a query, streamed row by row from the search layer: nothing is
// held in memory, and writing waits for the client whenever the socket's buffer is full.
//
// CSV layout: one table, one header line, one line per occurrence. The facts that make an export
// reproducible (query, filters, export time, reports in the index) are columns repeated on every
// row rather than a preamble, so the file loads as-is into a spreadsheet, R or pandas.
import type { Response } from 'express';
import { levelLabel, sectionTypeLabel } from './labels.js';
import { sectionFields, type SectionFields } from './present.js';
import { occurrenceAnchor, reportPath } from './urls.js';
import type { FacetFilters } from '../core/facets.js';
import type { OccurrenceRow } from '../core/hits.js';

export interface ExportMeta {
  query: string;
  filters: FacetFilters;
  exportedAt: string;
  reportsInIndex: number;
}

export interface ExportRow extends SectionFields {
  field: 'heading' | 'text';
  index: number;
  left: string;
  match: string;
  right: string;
  permalink: string;
}

export function exportRow(row: OccurrenceRow, q: string, origin: string): ExportRow {
  const { hit } = row;
  return {
    ...sectionFields(hit),
    field: row.field,
    index: row.index,
    left: row.left,
    match: row.match,
    right: row.right,
    permalink: origin + reportPath(hit.reportId, q, occurrenceAnchor(hit.sectionId, row.index)),
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
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes are doubled. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: ReadonlyArray<string | number | null>): string => `${values.map(csvField).join(',')}\r\n`;

export function csvHeader(): string {
  return `\uFEFF${csvLine(CSV_COLUMNS)}`;
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
export async function streamExport(
  response: Response,
  rows: AsyncIterable<OccurrenceRow>,
  format: { head: string; line: (row: OccurrenceRow) => string; contentType: string; filename: string },
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
