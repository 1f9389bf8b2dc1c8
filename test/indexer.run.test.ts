// Index runs against a real Meilisearch: what happens to every kind of bad input, to repeated and
// interrupted runs, to long sections and to changed settings.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMeiliPublisher } from '../indexer/publisher.js';
import { runIndex, type IndexDependencies } from '../indexer/run.js';
import { ensureSearchKey } from '../meili/connect.js';
import { createMeiliReportSearch } from '../search/meiliReportSearch.js';
import { DOCUMENT_FORMAT_VERSION, GENERATION_DOCUMENT_ID, indexNames, SECTION_SETTINGS } from '../index/schema.js';
import { startTestMeili, type TestMeili } from './helpers/meili.js';

const DEMO = join(import.meta.dirname, '..', 'fixtures', 'demo', 'reports');
const GOOD = ['2013_henan-sheng-gov.txt', '2019_zhejiang-jiaxing-tongxiang-wuzhen-zhen.txt'];

let meili: TestMeili;
let folder: string;
let prefix: string;
let run = 0;

beforeAll(async () => {
  meili = await startTestMeili();
});
afterAll(async () => {
  await meili?.stop();
});
beforeEach(async () => {
  run += 1;
  prefix = `run${run}_`;
  folder = await mkdtemp(join(tmpdir(), 'nianbao-run-'));
  for (const name of GOOD) await copyFile(join(DEMO, name), join(folder, name));
  return () => rm(folder, { recursive: true, force: true });
});

function deps(overrides: Partial<IndexDependencies> = {}): IndexDependencies {
  const publisher = createMeiliPublisher({ host: meili.conn.host, adminKey: meili.conn.adminKey, indexes: indexNames(prefix) });
  return { publisher, keyTerms: () => [], ...overrides };
}
const options = { prune: false, maxFileBytes: 5_000_000 };
const admin = () => new Meilisearch({ host: meili.conn.host, apiKey: meili.conn.adminKey });

async function searchFor(q: string) {
  const names = indexNames(prefix);
  const key = await ensureSearchKey(meili.conn, [names.sections, names.reports, names.meta]);
  return createMeiliReportSearch({ host: meili.conn.host, apiKey: key, indexes: names }).search({
    q,
    filters: {},
    page: 1,
    per: 100,
    sort: 'relevance',
  });
}

/** Every report once, with exactly the sections its report document names. */
async function expectConsistentIndex(): Promise<void> {
  const names = indexNames(prefix);
  const reports = (
    await admin()
      .index(names.reports)
      .getDocuments({ limit: 10_000, fields: ['id', 'sectionIds'] })
  ).results;
  const sections = (
    await admin()
      .index(names.sections)
      .getDocuments({ limit: 100_000, fields: ['id', 'reportId'] })
  ).results;
  const expected = reports.flatMap((r) => r['sectionIds'] as string[]).sort();
  expect(sections.map((s) => s['id'] as string).sort()).toEqual(expected);
}

describe('an index run', () => {
  it('lists an empty file and an image named .txt as skipped with reasons and indexes the rest', async () => {
    await writeFile(join(folder, 'empty.txt'), '');
    await writeFile(join(folder, 'image.txt'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const summary = await runIndex([folder], options, deps());
    expect(summary.new).toHaveLength(2);
    expect(summary.skipped.map((s) => [s.path.split('/').pop(), s.code])).toEqual([
      ['empty.txt', 'empty'],
      ['image.txt', 'unsupported-format'],
    ]);
    expect(summary.skipped.every((s) => s.reason.length > 20)).toBe(true);
  });

  it('lists a hidden file and a hidden folder as skipped, never reading them', async () => {
    await writeFile(join(folder, '.DS_Store'), 'x');
    await mkdir(join(folder, '.git'));
    await writeFile(join(folder, '.git', 'report.txt'), '政府信息公开工作年度报告');
    const summary = await runIndex([folder], options, deps());
    expect(summary.skipped.map((s) => [s.path.split('/').pop(), s.code])).toEqual([
      ['.DS_Store', 'hidden'],
      ['.git', 'hidden'],
    ]);
    expect(summary.new).toHaveLength(2);
  });

  it('adds nothing when the same files are indexed again', async () => {
    await runIndex([folder], options, deps());
    const again = await runIndex([folder], options, deps());
    expect(again.new).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.unchanged).toHaveLength(2);
    await expectConsistentIndex();
  });

  it('replaces a changed file: its stale sections are gone', async () => {
    await runIndex([folder], options, deps());
    const path = join(folder, GOOD[0]!);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, text.indexOf('三、')));
    const summary = await runIndex([folder], options, deps());
    expect(summary.updated).toEqual([path]);
    await expectConsistentIndex();
  });

  it('indexes the same content under two paths once and says which path it kept', async () => {
    await copyFile(join(folder, GOOD[0]!), join(folder, 'zz-copy.txt'));
    const summary = await runIndex([folder], options, deps());
    expect(summary.new).toHaveLength(2);
    const duplicate = summary.skipped.find((s) => s.code === 'duplicate');
    expect(duplicate?.reason).toContain(GOOD[0]);
  });

  it('reports a deleted file as stale, and removes it with prune', async () => {
    await runIndex([folder], options, deps());
    await rm(join(folder, GOOD[1]!));
    const stale = await runIndex([folder], options, deps());
    expect(stale.stale).toHaveLength(1);
    expect((await searchFor('乌镇')).total).toBeGreaterThan(0);
    const pruned = await runIndex([folder], { ...options, prune: true }, deps());
    expect(pruned.pruned).toBe(true);
    expect((await searchFor('乌镇')).total).toBe(0);
    await expectConsistentIndex();
  });

  it('lists an unreadable file with its reason and goes on', async () => {
    const denied = Object.assign(new Error('permission denied'), { code: 'EACCES' });
    const readBytes = async (path: string) => {
      if (path.endsWith(GOOD[0]!)) throw denied;
      return readFile(path);
    };
    const summary = await runIndex([folder], options, deps({ readBytes }));
    expect(summary.skipped).toEqual([expect.objectContaining({ code: 'unreadable', reason: expect.stringContaining('EACCES') })]);
    expect(summary.new).toHaveLength(1);
  });

  it('lists a pipe in the folder instead of ignoring it', async () => {
    execFileSync('mkfifo', [join(folder, 'pipe.txt')]);
    const summary = await runIndex([folder], options, deps());
    expect(summary.skipped).toEqual([expect.objectContaining({ code: 'unsupported-type' })]);
  });

  it('skips a file over the size limit and a text that is not a report', async () => {
    await writeFile(join(folder, 'big.txt'), '政府信息公开'.repeat(100_000));
    await writeFile(join(folder, 'news.txt'), '今天天气很好，我们去公园散步。\n'.repeat(20));
    const summary = await runIndex([folder], { ...options, maxFileBytes: 1_000_000 }, deps());
    expect(summary.skipped.map((s) => s.code).sort()).toEqual(['not-a-report', 'too-large']);
  });

  it('finds a phrase at the very end of a 200,000-character section', async () => {
    const body = '本机关依法做好政府信息公开工作。'.repeat(12_500); // 200,000 characters
    await writeFile(join(folder, 'long.txt'), `某县2020年政府信息公开工作年度报告\n一、总体情况\n${body}末尾独有短语甲乙丙\n`);
    await runIndex([folder], options, deps());
    const result = await searchFor('末尾独有短语甲乙丙');
    expect(result.total).toBe(1);
    expect(result.hits[0]!.textOccurrences).toHaveLength(1);
  });

  it('removes sections left without their report by an interrupted run', async () => {
    await runIndex([folder], options, deps());
    // An interrupted run: sections written, report document never written.
    const names = indexNames(prefix);
    await admin()
      .index(names.sections)
      .addDocuments([{ id: 'ghost-1', reportId: 'ghost', sectionId: 'ghost-1', ordinal: 1 }])
      .waitTask({ timeout: 60_000 });
    const summary = await runIndex([folder], options, deps());
    expect(summary.orphansRemoved).toBe(1);
    await expectConsistentIndex();
  });

  it('re-applies changed settings on the next run without losing documents', async () => {
    await runIndex([folder], options, deps());
    const names = indexNames(prefix);
    const before = (await admin().index(names.sections).getStats()).numberOfDocuments;
    // As if an older version had fewer filterable attributes.
    await admin()
      .index(names.sections)
      .updateSettings({ filterableAttributes: ['reportId'] })
      .waitTask({ timeout: 60_000 });
    await runIndex([folder], options, deps());
    const settings = await admin().index(names.sections).getSettings();
    expect(settings.filterableAttributes).toEqual(SECTION_SETTINGS.filterableAttributes);
    expect((await admin().index(names.sections).getStats()).numberOfDocuments).toBe(before);
    expect((await searchFor('政府信息公开')).facets.province).not.toEqual({});
  });

  it('indexes an unchanged file again when it was indexed in an older document format', async () => {
    const first = await runIndex([folder], options, deps());
    const names = indexNames(prefix);
    const [reportId] = (
      await admin()
        .index(names.reports)
        .getDocuments({ limit: 1, fields: ['id'] })
    ).results.map((r) => r['id']);
    await admin()
      .index(names.reports)
      .updateDocuments([{ id: reportId, formatVersion: 'old' }])
      .waitTask({ timeout: 60_000 });
    const second = await runIndex([folder], options, deps());
    expect(first.new).toHaveLength(2);
    expect(second.updated).toHaveLength(1);
    expect(second.unchanged).toHaveLength(1);
    const meta = (await admin().index(names.meta).getDocuments({ limit: 10 })).results;
    expect(meta.find((d) => d['id'] === GENERATION_DOCUMENT_ID)?.['formatVersion']).toBe(DOCUMENT_FORMAT_VERSION);
  });

  it('reads every unchanged file again with reread, each report still once', async () => {
    await runIndex([folder], options, deps());
    const again = await runIndex([folder], { ...options, reread: true }, deps());
    expect(again.updated).toHaveLength(2);
    expect(again.unchanged).toEqual([]);
    await expectConsistentIndex();
  });

  it('finds a folder nested below the given one, in sorted order', async () => {
    await mkdir(join(folder, 'b'));
    await copyFile(join(DEMO, '2022_sichuan-chengdu-jinjiang-qu-minzhengju.txt'), join(folder, 'b', 'x.txt'));
    const summary = await runIndex([folder], options, deps());
    expect(summary.new).toEqual([...GOOD.map((n) => join(folder, n)), join(folder, 'b', 'x.txt')].sort());
  });
});
