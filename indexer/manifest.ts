// Sidecar manifest: a `manifest.csv` (or `manifest.tsv`) in an indexed folder says where files in that
// folder and below came from. Pure: the manifest's text in, its rows and its problems out; the edge
// (readManifests.ts) reads the file and checks that the files it names exist.
//
// Format: UTF-8, a header row, RFC 4180 quoting (a quoted field may hold the delimiter, doubled quotes
// and line breaks). Columns, in any order: `file` (required: the path relative to the manifest's
// folder, / or \ separators), `url` (the original address, http or https), `retrieved` (the date the
// file was downloaded, 2024-06-18 or 2024年6月18日, a time after it is ignored), `publisher`. Other
// columns are ignored; column names are matched without case. A problem in a row is a warning with
// its line number: a bad field is dropped and the rest of the row kept; a row without a usable file
// is dropped; a file named twice keeps its first row.
import { isoDateAtStart, type ManifestProvenance } from './provenance.js';
import { isHttpUrl } from '../core/report.js';

export type ManifestKind = 'csv' | 'tsv';

export interface ManifestRow extends ManifestProvenance {
  /** Line of the manifest where the row starts (1-based). */
  line: number;
  /** Relative to the manifest's folder, / separators, no "." or ".." segments. */
  file: string;
}

export interface ParsedManifest {
  rows: ManifestRow[];
  /** "line 4: …" — what a person should fix. */
  warnings: string[];
}

const COLUMNS = ['file', 'url', 'retrieved', 'publisher'] as const;

export function parseManifest(text: string, kind: ManifestKind): ParsedManifest {
  const warnings: string[] = [];
  const records = readRecords(text.replace(/^\uFEFF/, ''), kind === 'csv' ? ',' : '\t', warnings);
  const header = records.shift();
  if (header === undefined)
    return { rows: [], warnings: ['the manifest is empty: its first line names the columns (file,url,retrieved,publisher)'] };
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const column = Object.fromEntries(COLUMNS.map((name) => [name, names.indexOf(name)])) as Record<(typeof COLUMNS)[number], number>;
  if (column.file === -1) {
    return {
      rows: [],
      warnings: [
        `line ${header.line}: no "file" column in the header (${names.join(', ') || 'empty'}); the first line names the columns: file,url,retrieved,publisher`,
      ],
    };
  }
  const rows: ManifestRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of records) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    const cell = (name: (typeof COLUMNS)[number]): string => (column[name] === -1 ? '' : (cells[column[name]] ?? '').trim());
    const file = relativeFile(cell('file'));
    if (typeof file !== 'string') {
      warnings.push(`line ${line}: ${file.problem}; the row is ignored`);
      continue;
    }
    const first = seen.get(file);
    if (first !== undefined) {
      warnings.push(`line ${line}: ${file} is already described on line ${first}; this row is ignored`);
      continue;
    }
    seen.set(file, line);
    const url = cell('url');
    if (url !== '' && !isHttpUrl(url)) warnings.push(`line ${line}: url "${url}" is not an http(s) address; it is ignored`);
    const retrieved = cell('retrieved');
    const retrievedAt = retrieved === '' ? null : isoDateAtStart(retrieved);
    if (retrieved !== '' && retrievedAt === null)
      warnings.push(`line ${line}: retrieved "${retrieved}" is not a date (write 2024-06-18); it is ignored`);
    const publisher = cell('publisher').replace(/\s+/g, ' ');
    rows.push({ line, file, url: isHttpUrl(url) ? url : null, retrievedAt, publisher: publisher === '' ? null : publisher });
  }
  return { rows, warnings };
}

/** The `file` cell as a clean relative path, or why it is not one. */
function relativeFile(value: string): string | { problem: string } {
  if (value === '') return { problem: 'the file column is empty' };
  const path = value.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[a-z]:/i.test(path)) return { problem: `${value} is not a path relative to the manifest's folder` };
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return { problem: `${value} leaves the manifest's folder (..)` };
  if (segments.length === 0) return { problem: `${value} names no file` };
  return segments.join('/');
}

interface RawRecord {
  line: number;
  cells: string[];
}

/**
 * RFC 4180 records. A quote opens a quoted field only at the field's start; inside one, "" is a quote.
 * Text after a closing quote, a quote inside an unquoted field, or a quote left open at the end make
 * the record malformed: it is dropped with a warning and reading goes on with the next record.
 */
function readRecords(text: string, delimiter: string, warnings: string[]): RawRecord[] {
  const records: RawRecord[] = [];
  let line = 1;
  let position = 0;
  while (position < text.length) {
    const start = line;
    const cells: string[] = [];
    let problem: string | null = null;
    for (;;) {
      let cell = '';
      const quoted = text[position] === '"';
      if (quoted) {
        position++;
        let closed = false;
        while (position < text.length && !closed) {
          const char = text[position]!;
          if (char === '"' && text[position + 1] === '"') {
            cell += '"';
            position += 2;
          } else if (char === '"') {
            closed = true;
            position++;
          } else {
            if (char === '\n') line++;
            cell += char;
            position++;
          }
        }
        if (!closed) problem ??= 'a quoted field is never closed (everything after its opening quote was read as that field)';
      }
      // The rest of the field: up to the delimiter or the end of the line.
      let end = position;
      while (end < text.length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++;
      const rest = text.slice(position, end);
      if (!quoted) cell = rest;
      if (quoted && rest.trim() !== '') problem ??= `text after a closing quote (${rest.trim().slice(0, 30)})`;
      if (!quoted && rest.includes('"'))
        problem ??= `a quote inside an unquoted field (${rest.trim().slice(0, 30)}): quote the whole field and double the quote`;
      cells.push(cell);
      position = end;
      if (text[position] === delimiter) {
        position++;
        continue;
      }
      if (text[position] === '\r') position++;
      if (text[position] === '\n') position++;
      line++;
      break;
    }
    if (problem === null) records.push({ line: start, cells });
    else warnings.push(`line ${start}: malformed row: ${problem}; the row is ignored`);
  }
  return records;
}
