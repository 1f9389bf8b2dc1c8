// A folder as users download it — PDFs, Word, OFD, broken and hostile files, twins — indexed through
// the real pipeline (format worker included) into a real Meilisearch, then searched.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../config/paths.js';
import type { IndexSummary } from '../indexer/run.js';
import { indexNames } from '../search/schema.js';
import type { ReportSearch } from '../search/types.js';
import { indexWith, searchOver } from './helpers/e2e.js';
import { startTestMeili, type TestMeili } from './helpers/meili.js';

const FORMATS = projectPath('fixtures', 'formats');
const PDFS = join(FORMATS, 'pdf');

/** Each readable file with the report it holds. */
const GOOD: Record<string, { organ: string; year: number; level: string; format: string; pages: number | null }> = {
  'anji-2012-narrow.pdf': { organ: '安吉县人民政府', year: 2012, level: 'county', format: 'pdf', pages: 5 },
  'anji-2020-tables.pdf': { organ: '安吉县人民政府', year: 2020, level: 'county', format: 'pdf', pages: 5 },
  'qingdao-2022-landscape.pdf': { organ: '青岛市人民政府', year: 2022, level: 'city', format: 'pdf', pages: 5 },
  'wuzhen-2019-blocks.pdf': { organ: '桐乡市乌镇镇人民政府', year: 2019, level: 'township', format: 'pdf', pages: 5 },
  'report.ofd': { organ: '德清县人民政府', year: 2021, level: 'county', format: 'ofd', pages: 2 },
  'report-tables.docx': { organ: '水利部', year: 2021, level: 'national', format: 'docx', pages: null },
};

/** Each file that must be skipped, with its code. */
const BAD: Record<string, string> = {
  'broken-truncated.pdf': 'malformed',
  'broken-html-saved-as.pdf': 'not-a-report',
  'encrypted-password.pdf': 'encrypted',
  'scanned-2-pages.pdf': 'no-text-layer',
  'scanned.ofd': 'no-text-layer',
  'truncated.ofd': 'malformed',
  'encrypted.docx': 'encrypted',
  'truncated.docx': 'malformed',
  'zip-bomb.docx': 'too-large',
  'rtf-renamed.doc': 'unsupported-format',
  'statistics.xls': 'unsupported-type',
  'attachments.zip': 'unsupported-type',
  // Twins of files above: the same report read from another file.
  'wuzhen-2019-rotated.pdf': 'duplicate',
  'report-tables.doc': 'duplicate',
};

let meili: TestMeili;
let folder: string;
let first: IndexSummary;
let search: ReportSearch;
const names = indexNames('formats_');

beforeAll(async () => {
  meili = await startTestMeili();
  folder = await mkdtemp(join(tmpdir(), 'nianbao-formats-'));
  for (const name of [...Object.keys(GOOD), ...Object.keys(BAD)]) {
    const from = name.endsWith('.pdf') ? join(PDFS, name) : join(FORMATS, name);
    await copyFile(from, join(folder, name));
  }
  first = await indexWith(meili.conn, names, [folder]);
  search = await searchOver(meili.conn, names);
}, 180_000);

afterAll(async () => {
  await meili?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const skippedCodes = (summary: IndexSummary): Record<string, string> =>
  Object.fromEntries(summary.skipped.map((s) => [basename(s.path), s.code]));

describe('indexing a folder of PDF, Word and OFD files', () => {
  it('indexes every readable file once and skips every other one with its code', () => {
    expect(first.new.map((p) => basename(p)).sort()).toEqual(Object.keys(GOOD).sort());
    expect(skippedCodes(first)).toEqual(BAD);
    expect(first.files).toBe(Object.keys(GOOD).length + Object.keys(BAD).length);
  });

  it('says which copy a twin duplicates', () => {
    const twins = Object.fromEntries(first.skipped.filter((s) => s.code === 'duplicate').map((s) => [basename(s.path), s.duplicateOf]));
    expect(twins).toEqual({ 'wuzhen-2019-rotated.pdf': 'wuzhen-2019-blocks.pdf', 'report-tables.doc': 'report-tables.docx' });
  });

  it.each(Object.entries(GOOD))('reads the organ, year, level, format and pages of %s', async (file, expected) => {
    const reports = await search.listReports(1, 100);
    const summary = reports.reports.find((r) => r.source === file);
    expect(summary, `${file} is listed`).toBeDefined();
    const report = await search.getReport(summary!.reportId);
    expect(report).toMatchObject({ organ: expected.organ, year: expected.year, level: expected.level, format: expected.format, pages: expected.pages, ocr: false });
  });

  it('finds a phrase cut by a wrapped heading in the narrow PDF, in its review section', async () => {
    const result = await search.search({ q: '提起行政诉讼', filters: { year: ['2012'] }, page: 1, per: 100, sort: 'relevance' });
    const inPdf = result.hits.filter((hit) => hit.source === 'anji-2012-narrow.pdf');
    expect(inPdf.map((hit) => hit.sectionType)).toContain('review');
  });

  it('keeps the wrapped heading whole on one line', async () => {
    const result = await search.search({ q: '因政府信息公开申请行政复议', filters: { year: ['2012'] }, page: 1, per: 100, sort: 'relevance' });
    const headings = result.hits.filter((hit) => hit.source === 'anji-2012-narrow.pdf').map((hit) => hit.heading.replace(/\s/g, ''));
    expect(headings).toContain('五、因政府信息公开申请行政复议、提起行政诉讼的情况');
  });

  it('reads the statistics table of a PDF as rows of cells', async () => {
    const reports = await search.listReports(1, 100);
    const id = reports.reports.find((r) => r.source === 'anji-2020-tables.pdf')!.reportId;
    const report = await search.getReport(id);
    const rows = report!.sections.flatMap((s) => s.text.split('\n')).filter((line) => line.includes(' | '));
    expect(rows.length).toBeGreaterThan(10);
  });

  it('finds every file unchanged on a second run, twins still skipped and nothing doubled', async () => {
    const again = await indexWith(meili.conn, names, [folder]);
    expect(again.new).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.unchanged.map((p) => basename(p)).sort()).toEqual(Object.keys(GOOD).sort());
    expect(skippedCodes(again)).toEqual(BAD);
    expect((await search.listReports(1, 100)).total).toBe(Object.keys(GOOD).length);
  });
});

describe('a file that takes too long', () => {
  it('is skipped as timeout and the run goes on', async () => {
    const slow = await mkdtemp(join(tmpdir(), 'nianbao-slow-'));
    try {
      await copyFile(join(PDFS, 'anji-2012-narrow.pdf'), join(slow, 'a-slow.pdf'));
      await copyFile(projectPath('fixtures', 'demo', 'reports', '2013_henan-sheng-gov.txt'), join(slow, 'b.txt'));
      const summary = await indexWith(meili.conn, indexNames('slow_'), [slow], { fileTimeoutMs: 1 });
      expect(skippedCodes(summary)).toEqual({ 'a-slow.pdf': 'timeout' });
      expect(summary.skipped[0]!.reason).toMatch(/--file-timeout/);
      expect(summary.new.map((p) => basename(p))).toEqual(['b.txt']);
    } finally {
      await rm(slow, { recursive: true, force: true });
    }
  });
});

describe('a scanned PDF', () => {
  const scanned = join(PDFS, 'scanned-1-page-ocr.pdf');

  it('is skipped as no-text-layer, with its page count, without --ocr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nianbao-scan-'));
    try {
      await copyFile(scanned, join(dir, 'scan.pdf'));
      const summary = await indexWith(meili.conn, indexNames('scan_'), [dir]);
      expect(skippedCodes(summary)).toEqual({ 'scan.pdf': 'no-text-layer' });
      expect(summary.skipped[0]!.reason).toMatch(/1 page/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is read by OCR with --ocr and marked as OCR text in its hits', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nianbao-ocr-'));
    const ocrNames = indexNames('ocr_');
    try {
      await copyFile(scanned, join(dir, 'scan.pdf'));
      const summary = await indexWith(meili.conn, ocrNames, [dir], { ocr: true });
      expect(summary.new.map((p) => basename(p))).toEqual(['scan.pdf']);
      const ocrSearch = await searchOver(meili.conn, ocrNames);
      const result = await ocrSearch.search({ q: '政府信息公开', filters: {}, page: 1, per: 10, sort: 'relevance' });
      expect(result.total).toBeGreaterThan(0);
      expect(result.hits.every((hit) => hit.ocr)).toBe(true);
      const report = await ocrSearch.getReport(result.hits[0]!.reportId);
      expect(report).toMatchObject({ year: 2012, organ: '安吉县人民政府', ocr: true, format: 'pdf', pages: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
