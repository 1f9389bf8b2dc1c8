// Copied passages end to end (issue #14): reports written here are indexed through the real
// pipeline with passage keys and a passage index kept in a data folder, into a real Meilisearch, and
// read back through the site's API: "also in N reports (M bodies)", near repeats, template wording,
// a report's shares, the distinct-passage count, and the passage index across runs.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskTermsFor } from '../core/corpus/organKey.js';
import { partsLength } from '../core/corpus/passageIndex.js';
import { normalisePassage, shingleJaccard, splitPassages, NEAR_REPEAT } from '../core/corpus/passages.js';
import { toSimplified } from '../core/simplify.js';
import { DOCUMENT_FORMAT_VERSION, indexNames } from '../index/schema.js';
import { parseCsv } from './helpers/csv.js';
import { createMeiliPublisher } from '../indexer/publisher.js';
import { openPassageKeyer } from '../indexer/passageKeys.js';
import { readPassageSnapshot } from '../indexer/passageStore.js';
import { runIndex, type IndexSummary } from '../indexer/run.js';
import { searchOver, startSite, type Site } from './helpers/e2e.js';
import { startTestMeili, type TestMeili } from './helpers/meili.js';

const CHROMIUM = '/usr/bin/chromium';
const NAMES = indexNames('passages_');

// Written for this test. S1 is copied by two reports of one other body; S2 is repeated by a third
// body with one word changed (部门 → 单位); the preamble is the template every report must carry.
const S1 = '本年度我区在政府网站开设政策解读专栏，对涉及群众切身利益的十二项政策逐项配发图文解读材料。';
const S2 = '区政府办公室组织全区各部门开展政务公开业务培训三次，重点讲解新修订条例的主要变化和依申请公开的办理流程。';
const S2_NEAR = '区政府办公室组织全区各单位开展政务公开业务培训三次，重点讲解新修订条例的主要变化和依申请公开的办理流程。';
const U1 = '玄武区档案馆设立政务公开查阅点，全年接待现场查阅群众二百余人次并逐一登记办理结果。';

function report(organ: string, year: number, body: string[], closing: string): string {
  return [
    `${organ}${year}年政府信息公开工作年度报告`,
    `本报告根据《中华人民共和国政府信息公开条例》的要求，由${organ}办公室编制。`,
    '一、总体情况',
    ...body,
    '二、存在的主要问题及改进情况',
    closing,
  ].join('\n');
}

const FILES: Record<string, string> = {
  'a_2019.txt': report('南京市玄武区人民政府', 2019, [S1, S2, U1], '下一步将把政务公开纳入绩效考核，并对考核靠后的单位进行约谈。'),
  'b_2020.txt': report(
    '南京市秦淮区人民政府',
    2020,
    [S1, '秦淮区全年主动公开政府信息一千余条，其中规范性文件全部在网站同步发布并提供解读。'],
    '部分单位信息更新不及时，今后将建立月度通报制度督促整改。',
  ),
  'b_2021.txt': report(
    '南京市秦淮区人民政府',
    2021,
    [S1, '秦淮区推进基层政务公开标准化建设，在街道便民服务中心设置政务公开专区并配备专人。'],
    '依申请公开答复的规范性仍需提高，计划组织法律顾问逐件审核答复文书。',
  ),
};
const LATER: Record<string, string> = {
  'c_2021.txt': report(
    '南京市鼓楼区人民政府',
    2021,
    [S2_NEAR, '鼓楼区档案馆设立政务公开查阅点，全年接待现场查阅群众二百余人次并逐一登记办理结果。'],
    '政策解读形式较为单一，明年将增加视频和图解等多种解读方式。',
  ),
};

interface ApiHit {
  reportId: string;
  sectionId: string;
  organ: string;
  year: number;
  alsoIn: { reports: number; organs: number; passageKey: string; template: boolean; url: string } | null;
}
interface ApiSearch {
  total: number;
  hits: ApiHit[];
  distinctPassages?: { passages: number; outside: number; sections: number };
}
interface ShareFigure {
  chars: number;
  share: number;
  passages: number;
}
interface ApiReport {
  reportId: string;
  organ: string;
  year: number;
  sections: Array<{ text: string }>;
  shares: {
    chars: number;
    template: ShareFigure;
    previousYear: ShareFigure;
    otherOrgans: ShareFigure;
    own: ShareFigure;
    passages: Array<{ passageKey: string; start: number; end: number; label: string; sectionId: string }>;
  } | null;
}

let meili: TestMeili;
let folder: string;
let site: Site;
let snapshotPath: string;

async function indexFolder(prune = false): Promise<IndexSummary> {
  const publisher = createMeiliPublisher({ host: meili.conn.host, adminKey: meili.conn.adminKey, indexes: NAMES });
  // A keyer opened anew each run, from the snapshot the last run left, as `nianbao index` does.
  const passages = await openPassageKeyer(snapshotPath);
  return runIndex([folder], { prune, maxFileBytes: 20_000_000 }, { publisher, keyTerms: () => [], passages });
}

const search = (query: string) => site.json<ApiSearch>(`/api/search?${query}`).then((r) => r.body);
const hitOf = async (q: string, organ: string, year: number): Promise<ApiHit> => {
  const hits = (await search(`q=${encodeURIComponent(q)}&per=100`)).hits;
  const hit = hits.find((h) => h.organ === organ && h.year === year);
  if (!hit) throw new Error(`no hit of ${q} in ${organ} ${year}`);
  return hit;
};
const reportOf = async (organ: string, year: number): Promise<ApiReport> => {
  const hit = await hitOf(`${organ}${year}年`, organ, year);
  return (await site.json<ApiReport>(`/api/reports/${hit.reportId}`)).body;
};

beforeAll(async () => {
  meili = await startTestMeili();
  folder = await mkdtemp(join(tmpdir(), 'nianbao-passages-'));
  snapshotPath = join(meili.dataDir, 'passages-test.bin');
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(folder, name), text);
  await indexFolder();
  site = await startSite(await searchOver(meili.conn, NAMES));
}, 240_000);

afterAll(async () => {
  await site?.close();
  await meili?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

// The tests run in order: the later ones index more files into the same index.
describe('copied passages across runs', () => {
  it('a sentence copied by two reports of one other body is also in 2 reports (1 body)', async () => {
    const hit = await hitOf('政策解读专栏', '南京市玄武区人民政府', 2019);
    expect(hit.alsoIn).toMatchObject({ reports: 2, organs: 1, template: false });
    // Its link lists the sections holding the passage: the original and its two copies.
    const listed = await site.json<ApiSearch>(`/api/search?passage=${hit.alsoIn?.passageKey}`);
    expect(listed.body.total).toBe(3);
  });

  it('KWIC and exports under passage= hold exactly the sections the search page counts', async () => {
    const key = (await hitOf('政策解读专栏', '南京市玄武区人民政府', 2019)).alsoIn?.passageKey ?? '';
    const q = encodeURIComponent('政府');
    const listed = await search(`q=${q}&passage=${key}&per=100`);
    expect(listed.total).toBe(3);
    const exported = (await (await site.get(`/export.jsonl?q=${q}&passage=${key}`)).text())
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line) as { sectionId: string });
    expect([...new Set(exported.map((row) => row.sectionId))].sort()).toEqual(listed.hits.map((hit) => hit.sectionId).sort());
    const { $ } = await site.page(`/kwic?q=${q}&passage=${key}`);
    expect($('table.kwic tbody tr').length).toBe(exported.length);
  });

  it('an export’s also-in columns give the N reports and M bodies the search page shows', async () => {
    const q = encodeURIComponent('政策解读专栏');
    const { hits } = await search(`q=${q}&per=100`);
    const [header, ...rows] = parseCsv((await (await site.get(`/export.csv?q=${q}&alsoIn=1`)).text()).replace(/^\uFEFF/, ''));
    const column = (name: string) => header!.indexOf(name);
    expect(rows).toHaveLength(hits.length);
    for (const row of rows) {
      const hit = hits.find((h) => h.reportId === row[column('report_id')])!;
      expect([row[column('also_in_reports')], row[column('also_in_organs')], row[column('passage_key')]]).toEqual([
        String(hit.alsoIn?.reports),
        String(hit.alsoIn?.organs),
        hit.alsoIn?.passageKey,
      ]);
      expect(row[column('format_version')]).toBe(DOCUMENT_FORMAT_VERSION);
      expect(row[column('index_generation')]).not.toMatch(/^(empty)?$/);
    }
  });

  it('template wording is marked as template, not as copying, in hits and shares', async () => {
    const hit = await hitOf('由南京市秦淮区人民政府办公室编制', '南京市秦淮区人民政府', 2020);
    expect(hit.alsoIn).toMatchObject({ template: true });
    const a = await reportOf('南京市玄武区人民政府', 2019);
    const preamble = a.shares?.passages.find((p) => p.label === 'template');
    expect(preamble).toBeDefined();
    // The title and the preamble.
    expect(a.shares?.template.passages).toBe(2);
  });

  it('a report’s shares add up to 100% of its kept characters', async () => {
    const b = await reportOf('南京市秦淮区人民政府', 2021);
    const shares = b.shares!;
    const kinds = [shares.template, shares.previousYear, shares.otherOrgans, shares.own];
    expect(kinds.reduce((n, k) => n + k.chars, 0)).toBe(shares.chars);
    expect(kinds.reduce((n, k) => n + k.share, 0)).toBeCloseTo(1, 10);
    // S1 is in the body's 2020 report: previous year first, though 玄武区 has it too.
    expect(shares.previousYear.passages).toBe(1);
  });

  it('counts each distinct passage holding the query once, as a count made here from the texts', async () => {
    const q = '政务公开';
    const found = await search(`q=${encodeURIComponent(q)}&distinct=passage`);
    const reports = await Promise.all(
      [...new Set(found.hits.map((h) => h.reportId))].map((id) => site.json<ApiReport>(`/api/reports/${id}`).then((r) => r.body)),
    );
    // Independently: the passages containing the query, grouped by equal normalised text, then
    // near repeats joined by the exact shingle Jaccard of their texts (no MinHash).
    const texts: string[] = [];
    for (const r of reports) {
      for (const section of r.sections) {
        for (const p of splitPassages(section.text, { mask: maskTermsFor(r.organ), fold: toSimplified })) {
          if (p.text.includes(q)) texts.push(normalisePassage(p.text, { mask: maskTermsFor(r.organ), fold: toSimplified }));
        }
      }
    }
    const groups: string[] = [];
    for (const text of new Set(texts)) {
      if (!groups.some((g) => shingleJaccard(g, text) >= NEAR_REPEAT.threshold)) groups.push(text);
    }
    expect(groups.length).toBeGreaterThan(1);
    expect(found.distinctPassages?.passages).toBe(groups.length);
  });

  it('keeps the passage index between runs: a near repeat indexed in a later run shares the key', async () => {
    const before = await hitOf('政务公开业务培训', '南京市玄武区人民政府', 2019);
    expect(before.alsoIn?.reports ?? 0).toBe(0);
    for (const [name, text] of Object.entries(LATER)) await writeFile(join(folder, name), text);
    const summary = await indexFolder();
    // The first run's files were not read again: their passages were found in the kept index.
    expect(summary.unchanged.length).toBe(Object.keys(FILES).length);
    // Spreads are remembered per index generation, which the site reads at most every 2 s (DESIGN.md).
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const after = await hitOf('政务公开业务培训', '南京市玄武区人民政府', 2019);
    const near = await hitOf('各单位开展政务公开业务培训', '南京市鼓楼区人民政府', 2021);
    expect(near.alsoIn?.passageKey).toBe(after.alsoIn?.passageKey);
    expect(after.alsoIn).toMatchObject({ reports: 1, organs: 1 });
  });

  it('changes a report’s shares when a later report copies it', async () => {
    // 鼓楼区 2021 copied 玄武区 2019's training sentence (near) and its archive sentence (names masked).
    const a = await reportOf('南京市玄武区人民政府', 2019);
    expect(a.shares?.own.passages).toBe(1); // the closing sentence only
    expect(a.shares?.otherOrgans.passages).toBe(3);
    const total = a.shares!;
    expect(total.template.share + total.previousYear.share + total.otherOrgans.share + total.own.share).toBeCloseTo(1, 10);
  });

  it('an unchanged run adds no passages to the index', async () => {
    const stored = await readPassageSnapshot(snapshotPath);
    const summary = await indexFolder();
    expect(summary.unchanged.length).toBe(4);
    expect(partsLength((await readPassageSnapshot(snapshotPath))!.keys)).toBe(partsLength(stored!.keys));
    const hit = await hitOf('政策解读专栏', '南京市玄武区人民政府', 2019);
    expect(hit.alsoIn).toMatchObject({ reports: 2, organs: 1 });
  });

  it('rebuilds a missing passage index from the files given, saying so, and the keys still match', async () => {
    await rm(snapshotPath);
    const summary = await indexFolder();
    expect(summary.warnings.map((w) => w.warning).join(' ')).toContain('the passage index was missing');
    expect(summary.unchanged).toEqual([]);
    const a = await hitOf('政务公开业务培训', '南京市玄武区人民政府', 2019);
    const near = await hitOf('各单位开展政务公开业务培训', '南京市鼓楼区人民政府', 2021);
    expect(near.alsoIn?.passageKey).toBe(a.alsoIn?.passageKey);
    expect(existsSync(snapshotPath)).toBe(true);
  });

  it('a removed report’s passages no longer count', async () => {
    await rm(join(folder, 'b_2021.txt'));
    await indexFolder(true);
    // Counts are remembered per index generation, which the site reads at most every 2 s (DESIGN.md).
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const hit = await hitOf('政策解读专栏', '南京市玄武区人民政府', 2019);
    expect(hit.alsoIn).toMatchObject({ reports: 1, organs: 1 });
  });

  it.skipIf(!existsSync(CHROMIUM) && !process.env['CI'])('shows “也出现在” on a hit and follows its link in a browser', async () => {
    let browser: Browser | null = null;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
      const page = await browser.newPage();
      await page.goto(`${site.url}/?q=${encodeURIComponent('政务公开业务培训')}`);
      const line = page.locator('.also-in a').first();
      await expect(line.textContent()).resolves.toContain('这段文字也出现在 1 份报告中（1 个机关）');
      await line.click();
      await page.waitForSelector('.passage-filter');
      await expect(page.locator('.summary strong').first().textContent()).resolves.toBe('2');
      await expect(page.locator('.hit-title').allTextContents()).resolves.toHaveLength(2);
    } finally {
      await browser?.close();
    }
  });
});
