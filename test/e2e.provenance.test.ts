// Provenance end to end, and no server path reaching users: a copy of the demo corpus (with a sidecar
// manifest and an HTML page stating its canonical address) indexed from its absolute path into a real
// Meilisearch, the real site over it with the search-only key, and every kind of answer read over HTTP.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSearchKey } from '../meili/connect.js';
import { indexNames, searchIndexUids } from '../index/schema.js';
import { DEMO_REPORTS, indexWith, searchOver, startSite, type Site } from './helpers/e2e.js';
import { startTestMeili, type TestMeili } from './helpers/meili.js';
import type { IndexSummary } from '../indexer/run.js';

const INDEXES = indexNames('prov_');
const HENAN = '2013_henan-sheng-gov.txt';
const CRAWLER = '2017_fujian-xiamen-shichang-jianguan-ju_crawler.txt';
const CANONICAL = 'web/canonical.html';
const HENAN_URL = 'https://www.henan.gov.cn/2014/03-31/nianbao.html';
const CANONICAL_URL = 'https://www.example.gov.cn/art/2022/1/28/art_1_123.html';
const PHRASE = '保密审查';

const CANONICAL_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>某某县人民政府2021年政府信息公开工作年度报告</title>
<link rel="canonical" href="${CANONICAL_URL}">
</head><body><h1>某某县人民政府2021年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>2021年，某某县坚持保密审查制度，政府信息公开工作稳步推进。</p></body></html>`;

const MANIFEST = [
  'file,url,retrieved,publisher,notes',
  `${HENAN},${HENAN_URL},2024-05-06,"河南省人民政府办公厅",seen on the portal`,
  `missing.txt,${HENAN_URL},,`,
  '"broken.txt"x,,,',
].join('\n');

let meili: TestMeili;
let folder: string;
let summary: IndexSummary;
let site: Site;
let reportIds: Map<string, string>;

interface ApiReport {
  reportId: string;
  source: string;
  format: string | null;
  sourceUrl: string | null;
  sourceUrlFrom: string | null;
  retrievedAt: string | null;
  publisher: string | null;
  contentHash: string | null;
  indexedAt: string | null;
}

beforeAll(async () => {
  meili = await startTestMeili();
  folder = await mkdtemp(join(tmpdir(), 'nianbao-prov-'));
  await cp(DEMO_REPORTS, folder, { recursive: true });
  await mkdir(join(folder, 'web'));
  await writeFile(join(folder, CANONICAL), CANONICAL_PAGE);
  await writeFile(join(folder, 'manifest.csv'), MANIFEST);
  summary = await indexWith(meili.conn, INDEXES, [folder]);
  site = await startSite(await searchOver(meili.conn, INDEXES));
  const listing = await site.json<{ reports: Array<{ reportId: string; source: string }> }>('/api/reports?per=1000');
  reportIds = new Map(listing.body.reports.map((r) => [r.source, r.reportId]));
});

afterAll(async () => {
  await site?.close();
  await meili?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const report = async (source: string): Promise<ApiReport> => {
  const { status, body } = await site.json<ApiReport>(`/api/reports/${reportIds.get(source)}`);
  expect(status).toBe(200);
  return body;
};

describe('the index run with a manifest', () => {
  it('lists the manifest as read, with its rows and a warning per bad row, and not as a skipped file', () => {
    expect(summary.skipped.map((s) => s.path)).not.toContain(join(folder, 'manifest.csv'));
    expect(summary.manifests).toEqual([
      {
        path: join(folder, 'manifest.csv'),
        rows: 1,
        warnings: [expect.stringMatching(/^line 4: malformed row/), expect.stringMatching(/^line 3: missing\.txt does not exist/)],
      },
    ]);
  });

  it("keeps the paths as given in the summary (the user's own terminal)", () => {
    expect(summary.new).toContain(join(folder, HENAN));
  });

  it('indexes a report again when its manifest row changes, and only that report', async () => {
    const again = await indexWith(meili.conn, INDEXES, [folder]);
    expect(again.updated).toEqual([]);
    await writeFile(join(folder, 'manifest.csv'), MANIFEST.replace('2024-05-06', '2024-05-07'));
    const changed = await indexWith(meili.conn, INDEXES, [folder]);
    expect(changed.updated).toEqual([join(folder, HENAN)]);
    expect((await report(HENAN)).retrievedAt).toBe('2024-05-07');
    await writeFile(join(folder, 'manifest.csv'), MANIFEST);
    await indexWith(meili.conn, INDEXES, [folder]);
  });
});

describe('provenance in /api/reports/:id', () => {
  it('takes the address, date and publisher of a manifest row', async () => {
    expect(await report(HENAN)).toMatchObject({
      source: HENAN,
      format: 'txt',
      sourceUrl: HENAN_URL,
      sourceUrlFrom: 'manifest',
      retrievedAt: '2024-05-06',
      publisher: '河南省人民政府办公厅',
    });
  });

  it('takes the address and download date of a crawler header', async () => {
    expect(await report(CRAWLER)).toMatchObject({
      sourceUrl: 'http://scjg.xm.gov.cn/zwgk/ndbg/201801/t20180125_1830421.htm',
      sourceUrlFrom: 'crawler-header',
      retrievedAt: '2024-06-18',
    });
  });

  it('takes the canonical address of an HTML page, with its path below the folder', async () => {
    expect(await report(CANONICAL)).toMatchObject({
      source: CANONICAL,
      format: 'html',
      sourceUrl: CANONICAL_URL,
      sourceUrlFrom: 'html-canonical',
    });
  });

  it('records nothing it was not told', async () => {
    expect(await report('2019_zhejiang-jiaxing-tongxiang-wuzhen-zhen.txt')).toMatchObject({
      sourceUrl: null,
      sourceUrlFrom: null,
      retrievedAt: null,
      publisher: null,
    });
  });

  it('gives the content hash of the bytes and the time of indexing', async () => {
    const { contentHash, indexedAt } = await report(HENAN);
    expect(contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(indexedAt ?? '')).not.toBeNaN();
  });
});

describe('the report page', () => {
  it('links to the original address with rel="noopener noreferrer nofollow" in its 来源 block', async () => {
    const { $ } = await site.page(`/reports/${reportIds.get(HENAN)}`);
    const link = $('.provenance a');
    expect(link.attr('href')).toBe(HENAN_URL);
    expect(link.attr('rel')).toBe('noopener noreferrer nofollow');
    const block = $('.provenance').text();
    for (const shown of ['2024-05-06', '河南省人民政府办公厅', 'TXT', HENAN]) expect(block).toContain(shown);
  });

  it('shows the content hash short, and whole in its title', async () => {
    const { contentHash } = await report(HENAN);
    const { $ } = await site.page(`/reports/${reportIds.get(HENAN)}`);
    const hash = $('.provenance code[title]');
    expect(hash.text()).toBe(`${contentHash!.slice(0, 12)}…`);
    expect(hash.attr('title')).toContain(contentHash);
  });
});

describe('no server path reaches users', () => {
  it('appears in no page, API answer or export', async () => {
    const ids = [...reportIds.values()];
    const paths = [
      '/',
      `/?q=${encodeURIComponent(PHRASE)}`,
      `/kwic?q=${encodeURIComponent(PHRASE)}`,
      `/trend?q=${encodeURIComponent(PHRASE)}`,
      `/api/search?q=${encodeURIComponent(PHRASE)}&per=100`,
      `/api/search?per=100`,
      '/api/reports?per=1000',
      `/export.csv?q=${encodeURIComponent(PHRASE)}`,
      `/export.jsonl?q=${encodeURIComponent(PHRASE)}`,
      ...ids.map((id) => `/reports/${id}?q=${encodeURIComponent(PHRASE)}`),
      ...ids.map((id) => `/api/reports/${id}`),
    ];
    expect(ids.length).toBeGreaterThan(10);
    for (const path of paths) {
      const response = await site.get(path);
      expect(response.status, path).toBe(200);
      const body = await response.text();
      expect(body.includes(folder), `${path} shows ${folder}`).toBe(false);
      expect(body.includes(tmpdir()), `${path} shows ${tmpdir()}`).toBe(false);
    }
  });
});

describe('the search-only key', () => {
  const searchClient = async () =>
    new Meilisearch({ host: meili.conn.host, apiKey: await ensureSearchKey(meili.conn, searchIndexUids(INDEXES)) });

  it('is refused the files index', async () => {
    const client = await searchClient();
    await expect(client.index(INDEXES.files).search('')).rejects.toMatchObject({ cause: { code: 'invalid_api_key' } });
  });

  it('reads no document with a server path from the indexes it may search', async () => {
    const client = await searchClient();
    for (const uid of searchIndexUids(INDEXES)) {
      const { hits } = await client.index(uid).search('', { limit: 1000, attributesToRetrieve: ['*'] });
      expect(hits.length, uid).toBeGreaterThan(0);
      for (const hit of hits) {
        expect(hit, uid).not.toHaveProperty('absolutePath');
        expect(JSON.stringify(hit).includes(folder), uid).toBe(false);
      }
    }
  });

  it('writes a report again when its file record is missing (a run stopped between the two writes)', async () => {
    const admin = new Meilisearch({ host: meili.conn.host, apiKey: meili.conn.adminKey });
    await admin.index(INDEXES.files).deleteDocument(reportIds.get(HENAN)!).waitTask({ timeout: 60_000 });
    const again = await indexWith(meili.conn, INDEXES, [folder]);
    expect(again.updated).toEqual([join(folder, HENAN)]);
    expect((await admin.index(INDEXES.files).getDocument(reportIds.get(HENAN)!))['absolutePath']).toBe(join(folder, HENAN));
  });

  it('leaves the paths to the files index, which the indexer reads with the admin key', async () => {
    const admin = new Meilisearch({ host: meili.conn.host, apiKey: meili.conn.adminKey });
    const files = await admin.index(INDEXES.files).getDocuments({ limit: 1000 });
    expect(files.results.map((f) => f['absolutePath'])).toContain(join(folder, HENAN));
  });
});
