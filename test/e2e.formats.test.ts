// A folder as users download it — PDFs, Word, OFD, broken and hostile files, twins — indexed through
// the real pipeline (format worker included) into a real Meilisearch, then searched.
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../config/paths.js';
import type { IndexSummary } from '../indexer/run.js';
import { indexNames } from '../index/schema.js';
import type { ReportSearch } from '../search/port.js';
import { indexWith, searchOver } from './helpers/e2e.js';
import { startTestMeili, type TestMeili } from './helpers/meili.js';
import { SHARED_REAL } from './helpers/shared.js';

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
    const twins = Object.fromEntries(
      first.skipped.filter((s) => s.code === 'duplicate').map((s) => [basename(s.path), basename(s.duplicateOf ?? '')]),
    );
    expect(twins).toEqual({ 'wuzhen-2019-rotated.pdf': 'wuzhen-2019-blocks.pdf', 'report-tables.doc': 'report-tables.docx' });
  });

  it.each(Object.entries(GOOD))('reads the organ, year, level, format and pages of %s', async (file, expected) => {
    const reports = await search.listReports(1, 100);
    const summary = reports.reports.find((r) => r.source === file);
    expect(summary, `${file} is listed`).toBeDefined();
    const report = await search.getReport(summary!.reportId);
    expect(report).toMatchObject({
      organ: expected.organ,
      year: expected.year,
      level: expected.level,
      format: expected.format,
      pages: expected.pages,
      ocr: false,
    });
  });

  it('finds a phrase cut by a wrapped heading in the narrow PDF, in its review section', async () => {
    const result = await search.search({ q: '提起行政诉讼', filters: { year: ['2012'] }, page: 1, per: 100, sort: 'relevance' });
    const inPdf = result.hits.filter((hit) => hit.source === 'anji-2012-narrow.pdf');
    expect(inPdf.map((hit) => hit.sectionType)).toContain('review');
  });

  it('keeps the wrapped heading whole on one line', async () => {
    const result = await search.search({
      q: '因政府信息公开申请行政复议',
      filters: { year: ['2012'] },
      page: 1,
      per: 100,
      sort: 'relevance',
    });
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

describe.skipIf(!existsSync(join(SHARED_REAL, 'pdf')))('the real PDFs of ../shared and their pdftotext twins', () => {
  const pdfDir = join(SHARED_REAL, 'pdf');
  // Read only when ../shared is there: a skipped suite's body still runs while tests are collected.
  const sourcesFile = join(pdfDir, 'SOURCES.tsv');
  const sources = existsSync(sourcesFile)
    ? readFileSync(sourcesFile, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t'))
    : [];
  let summary: IndexSummary;
  let realSearch: ReportSearch;
  const realNames = indexNames('realpdf_');

  beforeAll(async () => {
    // Only the PDFs first: each read as a PDF, with the metadata its SOURCES.tsv row gives.
    summary = await indexWith(meili.conn, realNames, [pdfDir]);
    realSearch = await searchOver(meili.conn, realNames);
  }, 120_000);

  it.each(sources.map((row) => [row[0]!, row] as const))(
    'reads %s with the year, province, level and organ of SOURCES.tsv',
    async (file, row) => {
      const [, , , , , year, organ, province, level] = row;
      const listed = (await realSearch.listReports(1, 100)).reports.find((r) => r.source === file);
      expect(listed, `${file} is indexed (skipped: ${JSON.stringify(summary.skipped)})`).toBeDefined();
      expect(listed).toMatchObject({ year: Number(year), province, level });
      // SOURCES.tsv gives the full name (淮安市洪泽区人民政府); the title may print the short one (洪泽区人民政府).
      expect(organ!.endsWith(listed!.organ ?? '—'), `${listed!.organ} names ${organ}`).toBe(true);
    },
  );

  const duplicates = (run: IndexSummary): Record<string, string | undefined> =>
    Object.fromEntries(run.skipped.filter((s) => s.code === 'duplicate').map((s) => [basename(s.path), s.duplicateOf]));

  it('indexes the folder with both twins as one report per pair, keeping the text (read first)', async () => {
    const both = await indexWith(meili.conn, indexNames('realboth_'), [SHARED_REAL]);
    expect(duplicates(both)).toEqual(
      Object.fromEntries(sources.map(([file]) => [file!, join(SHARED_REAL, file!.replace(/\.pdf$/, '.txt'))])),
    );
  });

  it('keeps the copy already indexed when its twin arrives later', async () => {
    const later = await indexWith(meili.conn, realNames, [SHARED_REAL]);
    expect(duplicates(later)).toEqual(Object.fromEntries(sources.map(([file]) => [file!.replace(/\.pdf$/, '.txt'), join(pdfDir, file!)])));
    const reports = await realSearch.listReports(1, 1000);
    expect(reports.total).toBe(later.new.length + later.unchanged.length);
  });
});
