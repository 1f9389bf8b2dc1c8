import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clean } from '../indexer/clean.js';
import { decode } from '../indexer/decode.js';
import { splitSections } from '../indexer/sections.js';
import { toMatchable } from '../core/simplify.js';
import { generateCorpus } from '../tools/gen/corpus.js';
import { readPlaces, type Places } from '../tools/gen/places.js';
import { DEFAULT_MIX } from '../tools/gen/plan.js';
import { generateReport, type GeneratedReport } from '../tools/gen/report.js';
import { CorpusWriter, MANIFEST_COLUMNS, OutputDirectoryError } from '../tools/gen/writer.js';
import { parseWrapOption } from '../tools/gen/wrap.js';

interface ManifestRow {
  file: string;
  encoding: string;
  year: number;
  province: string;
  level: string;
  organKind: string;
  organ: string;
}

function readManifest(dir: string): ManifestRow[] {
  const [header, ...lines] = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').trimEnd().split('\n');
  expect(header?.split('\t')).toEqual([...MANIFEST_COLUMNS]);
  return lines.map((line) => {
    const [file, encoding, year, province, level, organKind, organ] = line.split('\t');
    return {
      file: file!,
      encoding: encoding!,
      year: Number(year),
      province: province!,
      level: level!,
      organKind: organKind!,
      organ: organ!,
    };
  });
}

/** A report's text as the indexer would see it: decoded, tags and pinyin annotations removed, simplified. */
function readable(bytes: Uint8Array, file: string): string {
  const decoded = decode(bytes, file);
  const text = decoded.isHtml ? decoded.text.replace(/<(?:p|h1|h3|div|tr|title)\b[^>]*>/g, '\n').replace(/<[^>]+>/g, '') : decoded.text;
  return toMatchable(text.replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùü]+\)/g, ''));
}

/** The year in the title line: the first line that names a year and says 报告. */
function titleYear(text: string): number | null {
  const title = text.split(/\r?\n/).find((line) => /(?:19|20)\d{2}\s*年/.test(line) && line.includes('报告'));
  const year = title ? /((?:19|20)\d{2})\s*年/.exec(title) : null;
  return year ? Number(year[1]) : null;
}

const SEED = 7;
const REPORTS = 50;
let places: Places;
let work: string;

beforeAll(() => {
  places = readPlaces();
  work = mkdtempSync(join(tmpdir(), 'gen-test-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('gen: the corpus on disk', () => {
  let first: string;
  let again: string;
  let other: string;

  beforeAll(async () => {
    [first, again, other] = ['first', 'again', 'other'].map((name) => join(work, name)) as [string, string, string];
    await generateCorpus({ reports: REPORTS, seed: SEED, out: first, places });
    await generateCorpus({ reports: REPORTS, seed: SEED, out: again, places });
    await generateCorpus({ reports: REPORTS, seed: SEED + 1, out: other, places });
  });

  it('writes byte-identical files for the same number of reports and seed', () => {
    const rows = readManifest(first);
    expect(rows).toHaveLength(REPORTS);
    expect(readFileSync(join(again, 'MANIFEST.tsv'))).toEqual(readFileSync(join(first, 'MANIFEST.tsv')));
    for (const { file } of rows) expect(readFileSync(join(again, file)).equals(readFileSync(join(first, file))), file).toBe(true);
  });

  it('writes different reports for a different seed', () => {
    const rows = readManifest(first);
    const others = readManifest(other);
    const same = rows.filter((row, i) => {
      const twin = others[i]!;
      return twin.file === row.file && readFileSync(join(other, twin.file)).equals(readFileSync(join(first, row.file)));
    });
    expect(same).toHaveLength(0);
  });

  it('names files by index with an ASCII slug, in folders of 1000', () => {
    const rows = readManifest(first);
    rows.forEach((row, index) => {
      expect(row.file).toMatch(/^\d{3}\/\d{6}_[a-z0-9-]+\.(?:txt|html)$/);
      expect(row.file.startsWith(`000/${String(index).padStart(6, '0')}_`)).toBe(true);
    });
  });

  it('decodes every file as the encoding MANIFEST records, and its title names the year MANIFEST records', () => {
    for (const row of readManifest(first)) {
      const bytes = readFileSync(join(first, row.file));
      expect(decode(bytes, row.file).encoding, row.file).toBe(row.encoding);
      expect(titleYear(readable(bytes, row.file)), row.file).toBe(row.year);
    }
  });

  it('states a publication date in the year after the year covered', () => {
    for (const row of readManifest(first)) {
      const text = readable(readFileSync(join(first, row.file)), row.file);
      const published = /(?:发布日期|发布时间|发文日期)[：:\s|]*((?:19|20)\d{2})/.exec(text);
      expect(published?.[1], row.file).toBe(String(row.year + 1));
    }
  });

  it('refuses to write into a directory that is not empty, and to delete one that holds no corpus', async () => {
    const occupied = join(work, 'occupied');
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'notes.txt'), 'keep me');
    await expect(generateCorpus({ reports: 1, seed: 1, out: occupied, places })).rejects.toMatchObject({ code: 'OUT_NOT_EMPTY' });
    await expect(generateCorpus({ reports: 1, seed: 1, out: occupied, places, force: true })).rejects.toBeInstanceOf(OutputDirectoryError);
    expect(existsSync(join(occupied, 'notes.txt'))).toBe(true);
  });
});

describe('gen: what the reports contain', () => {
  const SAMPLE = 600;
  let reports: GeneratedReport[];
  let texts: string[];

  beforeAll(() => {
    reports = Array.from({ length: SAMPLE }, (_, i) => generateReport(places, SEED, i));
    texts = reports.map((r, i) => readable(r.bytes, `${i}.${r.extension}`));
  });

  const share = (predicate: (report: GeneratedReport, i: number) => boolean): number => reports.filter(predicate).length / SAMPLE;

  it('places report i in folder i / 1000 with the index zero-padded', () => {
    const dir = join(work, 'paths');
    const writer = new CorpusWriter(dir, 5000, false);
    expect(writer.pathOf(1234, reports[0]!)).toBe(`001/001234_${reports[0]!.slug}.${reports[0]!.extension}`);
    return writer.close();
  });

  it.each([
    ['gb18030', (1 - DEFAULT_MIX.traditional) * DEFAULT_MIX.gb18030OfSimplified, 0.05],
    ['big5', DEFAULT_MIX.traditional * DEFAULT_MIX.big5OfTraditional, 0.02],
    [
      'utf-8',
      (1 - DEFAULT_MIX.traditional) * (1 - DEFAULT_MIX.gb18030OfSimplified) + DEFAULT_MIX.traditional * (1 - DEFAULT_MIX.big5OfTraditional),
      0.05,
    ],
  ])('saves about the configured share of reports as %s', (encoding, expected, tolerance) => {
    const observed = share((r) => r.facts.encoding === encoding);
    expect(observed).toBeGreaterThan(0);
    expect(Math.abs(observed - expected)).toBeLessThan(tolerance);
  });

  it('saves about the configured share of reports as HTML pages', () => {
    expect(Math.abs(share((r) => r.extension === 'html') - DEFAULT_MIX.html)).toBeLessThan(0.04);
  });

  it('draws issuing levels in about the configured proportions, most from townships and counties', () => {
    const total = Object.values(DEFAULT_MIX.levels).reduce((a, b) => a + b, 0);
    for (const [level, weight] of Object.entries(DEFAULT_MIX.levels)) {
      expect(Math.abs(share((r) => r.facts.level === level) - weight / total), level).toBeLessThan(0.05);
    }
  });

  it('writes Big5 only for traditional text, and annotates some traditional UTF-8 text with pinyin', () => {
    for (const report of reports.filter((r) => r.facts.encoding === 'big5')) {
      expect(decode(report.bytes, 'big5.txt').text).toMatch(/報告/);
    }
    const annotated = reports.filter(
      (r) => r.facts.encoding === 'utf-8' && /[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)/.test(r.bytes.toString('utf8')),
    );
    expect(annotated.length).toBeGreaterThan(0);
  });

  it.each([
    ['政府信息公开', 0.95, 1],
    ['主动公开', 0.95, 1],
    ['依申请公开', 0.9, 1],
    ['保密审查', 0.05, 0.6],
    ['数据开放平台试运行', 0, 0.03],
    ['政务公开标准化规范化', 0, 0.03],
  ])('uses %s in a share of reports between %f and %f', (phrase, min, max) => {
    const frequency = texts.filter((text) => text.includes(phrase)).length / SAMPLE;
    expect(frequency).toBeGreaterThanOrEqual(min);
    expect(frequency).toBeLessThanOrEqual(max);
  });

  it('finds the rare phrases in some reports of a larger corpus', () => {
    const rare = ['数据开放平台试运行', '政务公开标准化规范化'];
    const found = new Set<string>();
    for (let i = 0; i < 3000 && found.size < rare.length; i++) {
      const report = generateReport(places, SEED, i);
      if (report.facts.encoding !== 'utf-8' || report.bytes.includes('報')) continue;
      const text = report.bytes.toString('utf8');
      for (const phrase of rare) if (text.includes(phrase)) found.add(phrase);
    }
    expect([...found].sort()).toEqual([...rare].sort());
  });

  it('varies its text: no paragraph is shared by most reports', () => {
    const counts = new Map<string, number>();
    for (const text of texts) {
      for (const paragraph of new Set(text.split('\n').filter((line) => line.trim().length > 40 && !line.includes('|')))) {
        counts.set(paragraph, (counts.get(paragraph) ?? 0) + 1);
      }
    }
    expect(Math.max(...counts.values()) / SAMPLE).toBeLessThan(0.05);
  });

  it('numbers about ten top-level sections per report on average', () => {
    const plainTexts = texts.filter((_, i) => reports[i]!.extension === 'txt');
    const headings = plainTexts.map((text) => text.split('\n').filter((line) => /^\s*[一二三四五六七八九十]+、/.test(line)).length);
    const mean = headings.reduce((a, b) => a + b, 0) / headings.length;
    expect(mean).toBeGreaterThan(8.5);
    expect(mean).toBeLessThan(11.5);
  });

  it('writes reports of 2 to 15 KB, a few beyond', () => {
    const sizes = reports.map((r) => r.bytes.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2 * 1024);
    expect(sizes.filter((s) => s > 15 * 1024).length / SAMPLE).toBeLessThan(0.02);
  });
});

describe('gen --wrap: text hard-wrapped like pdftotext', () => {
  const WRAP = { min: 18, max: 40 };
  const plainIndexes = (): number[] =>
    Array.from({ length: 40 }, (_, i) => i).filter((i) => generateReport(places, SEED, i).extension === 'txt');

  it('parses MIN-MAX and refuses anything else', () => {
    expect(parseWrapOption('18-40')).toEqual({ min: 18, max: 40 });
    for (const bad of ['40-18', '18', 'a-b', '2-3', '18-40-2']) expect(parseWrapOption(bad)).toBeNull();
  });

  it('cuts every line but table rows at the page width and changes nothing else but layout', () => {
    for (const i of plainIndexes()) {
      const plain = decode(generateReport(places, SEED, i).bytes, 'r.txt').text;
      const wrapped = decode(generateReport(places, SEED, i, DEFAULT_MIX, { wrap: WRAP }).bytes, 'r.txt').text;
      const lines = wrapped.split(/\r?\n/).filter((line) => !line.trimStart().startsWith('|'));
      expect(Math.max(...lines.map((line) => Array.from(line.replace('\f', '')).length))).toBeLessThanOrEqual(WRAP.max);
      const content = (text: string) => text.replace(/^- \d+ -$/gm, '').replace(/\s/g, '');
      expect(content(wrapped)).toBe(content(plain));
    }
  });

  it('is deterministic, and wraps headings the splitter then joins', () => {
    let joined = 0;
    for (const i of plainIndexes()) {
      const once = generateReport(places, SEED, i, DEFAULT_MIX, { wrap: WRAP });
      expect(generateReport(places, SEED, i, DEFAULT_MIX, { wrap: WRAP }).bytes.equals(once.bytes)).toBe(true);
      const text = clean(decode(once.bytes, 'r.txt')).text;
      joined += splitSections(text).filter((section) => /\S\n\S/.test(section.heading.trim())).length;
    }
    expect(joined).toBeGreaterThan(0);
  });
});
