// End to end, in-process: the demo corpus indexed by runIndex into a real Meilisearch, the site built
// by createApp over the real adapter, and every answer read over HTTP. The truth is the corpus's
// golden files (fixtures/demo/EXPECTED.tsv, SECTIONS.tsv and the counts in its README).
import { copyFile, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMeili } from '../meili/connect.js';
import type { MeiliConnection } from '../meili/types.js';
import { createMeiliReportSearch } from '../search/meiliReportSearch.js';
import { indexNames } from '../index/schema.js';
import type { ReportSearch } from '../search/port.js';
import { CONTENT_SECURITY_POLICY } from '../server/securityHeaders.js';
import {
  DEMO_BROKEN_FILES,
  DEMO_INDEXES,
  DEMO_REPORTS,
  expectedReports,
  expectedSections,
  fileNameOf,
  indexWith,
  parseCsv,
  searchOver,
  startDemoSite,
  startSite,
  type DemoSite,
  type Site,
} from './helpers/e2e.js';
import type { Facet } from '../core/facets.js';

const PHRASE = '保密审查';
const EXPECTED = expectedReports();
const SECTIONS = expectedSections();
const MATCHING = SECTIONS.filter((s) => s.baomiShencha > 0);
const OCCURRENCES = MATCHING.reduce((n, s) => n + s.baomiShencha, 0);
const XSS_FILE = '2022_sichuan-chengdu-jinjiang-qu-minzhengju.txt';
const BIG5_FILE = '2015_jilin-changchun-chaoyang-qu-gov_big5.txt';
const LINE_BREAK_FILE = '2023_zhejiang-huzhou-anji-xian-gov_pdftotext.txt';
const COMMA_FILE = '2014_hubei-fazhan-gaige-weiyuanhui_utf16le.txt';

interface ApiHit {
  reportId: string;
  sectionId: string;
  province: string | null;
  level: string | null;
  year: number | null;
  sectionType: string;
  heading: string;
  snippetHtml: string;
  url: string;
}
interface ApiSearch {
  total: number;
  reports: number;
  hits: ApiHit[];
  facets: Record<Facet, Record<string, number>>;
}
interface ApiReport {
  reportId: string;
  title: string | null;
  organ: string | null;
  province: string | null;
  level: string | null;
  organKind?: string | null;
  year: number | null;
  source: string;
  sections: Array<{ sectionId: string; ordinal: number; heading: string; sectionType: string; text: string }>;
}
interface ApiTrend {
  years: Array<{ year: number; sections: number; reports: number; reportsIndexed: number; share: number }>;
}

const query = (params: Record<string, string>): string => new URLSearchParams(params).toString();

/** The phrase as the reader means it: line breaks dropped, 審 read as 审. */
const asPhrase = (match: string): string => match.replace(/\s+/g, '').replace(/審/g, '审');

let demo: DemoSite;
let site: Site;
let fileOf: Map<string, string>;
/** The Meilisearch started again by the last tests, on the same DATA_DIR. */
let restarted: MeiliConnection | null = null;

beforeAll(async () => {
  demo = await startDemoSite();
  site = demo.site;
  fileOf = new Map([...demo.reportIds].map(([file, id]) => [id, file]));
});

afterAll(async () => {
  await restarted?.close();
  await demo?.stop();
});

const search = async (params: Record<string, string>): Promise<ApiSearch> => {
  const { status, body } = await site.json<ApiSearch>(`/api/search?${query({ per: '100', ...params })}`);
  expect(status).toBe(200);
  return body;
};

describe('indexing the demo corpus', () => {
  it('lists exactly the broken files as skipped, each with its reason, and every report as new', () => {
    const { summary } = demo;
    const skipped = Object.fromEntries(summary.skipped.map((s) => [fileNameOf(s.path), s.code]));
    expect(skipped).toEqual(DEMO_BROKEN_FILES);
    const reasons = Object.fromEntries(summary.skipped.map((s) => [fileNameOf(s.path), s.reason]));
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['2021_scanned-report-actually-pdf.txt']).toMatch(/PDF/);
    expect(reasons['2018_hunan-changsha-yuelu-qu-gov.doc']).toMatch(/\.doc file is damaged/);
    expect(summary.new.map(fileNameOf).sort()).toEqual(EXPECTED.map((r) => r.file).sort());
    expect(summary).toMatchObject({
      updated: [],
      unchanged: [],
      stale: [],
      files: EXPECTED.length + Object.keys(DEMO_BROKEN_FILES).length,
    });
    expect(summary.sections).toBe(SECTIONS.length);
  });

  it.each(EXPECTED.map((r) => [r.file, r] as const))('gives %s the metadata of EXPECTED.tsv', async (file, expected) => {
    const id = demo.reportIds.get(file);
    expect(id, `${file} is listed by /api/reports`).toBeDefined();
    const { status, body } = await site.json<ApiReport>(`/api/reports/${id}`);
    expect(status).toBe(200);
    const { year, province, level, organ, title } = body;
    expect({ year, province, level, organ, title }).toEqual({
      year: expected.year,
      province: expected.province,
      level: expected.level,
      organ: expected.organ,
      title: expected.title,
    });
  });

  it('gives every report the organ kind of EXPECTED.tsv (read through the search adapter)', async () => {
    const kinds: Record<string, string | null> = {};
    for (const { file } of EXPECTED) kinds[file] = (await demo.search.getReport(demo.reportIds.get(file)!))?.organKind ?? null;
    expect(kinds).toEqual(Object.fromEntries(EXPECTED.map((r) => [r.file, r.organKind])));
  });

  it('returns the organ kind from GET /api/reports/:id', async () => {
    const { body } = await site.json<ApiReport>(`/api/reports/${demo.reportIds.get(XSS_FILE)}`);
    expect(body.organKind).toBe('department');
  });

  it('splits every report into the sections of SECTIONS.tsv', async () => {
    for (const { file } of EXPECTED) {
      const { body } = await site.json<ApiReport>(`/api/reports/${demo.reportIds.get(file)}`);
      const actual = body.sections.map((s) => `${s.ordinal}\t${s.heading}\t${s.sectionType}`);
      const expected = SECTIONS.filter((s) => s.file === file).map((s) => `${s.ordinal}\t${s.heading}\t${s.sectionType}`);
      expect(actual, file).toEqual(expected);
    }
  });

  it('finds nothing new, changed or stale when the same folder is indexed again', async () => {
    const before = await site.json<{ total: number }>('/api/reports');
    const again = await indexWith(demo.meili.conn, DEMO_INDEXES, [DEMO_REPORTS]);
    expect(again).toMatchObject({ new: [], updated: [], stale: [], sections: 0 });
    expect(again.unchanged.map(fileNameOf).sort()).toEqual(EXPECTED.map((r) => r.file).sort());
    expect(again.skipped.map((s) => fileNameOf(s.path)).sort()).toEqual(Object.keys(DEMO_BROKEN_FILES).sort());
    const after = await site.json<{ total: number }>('/api/reports');
    expect(after.body.total).toBe(before.body.total);
    expect(after.body.total).toBe(EXPECTED.length);
  });
});

describe('/index over the real index', () => {
  it('counts every demo report by format, and by year × level', async () => {
    const { $ } = await site.page('/index');
    expect($('.summary').text()).toContain(`共收录 ${EXPECTED.length} 份报告`);
    const formats = Object.fromEntries(
      $('.format-table tbody tr')
        .map((_, tr) => [[$(tr).find('th').text(), Number($(tr).find('td').text())]])
        .get() as Array<[string, number]>,
    );
    expect(formats['PDF']).toBe(EXPECTED.filter((r) => r.file.endsWith('.pdf')).length);
    expect(Object.values(formats).reduce((a, b) => a + b, 0)).toBe(EXPECTED.length);
    const totals = $('.year-level-table tbody tr td:last-child')
      .map((_, td) => Number($(td).text()))
      .get() as number[];
    expect(totals.reduce((a, b) => a + b, 0)).toBe(EXPECTED.length);
  });
});

describe('re-indexing a folder whose files changed', () => {
  const names = indexNames('e2e_changed_');
  const CHANGED = '2013_henan-sheng-gov.txt';
  const DELETED = '2019_zhejiang-jiaxing-tongxiang-wuzhen-zhen.txt';
  const KEPT = '2012_zhejiang-huzhou-anji-xian-gov.txt';
  let folder: string;
  let adapter: ReportSearch;
  const idOf = async (file: string): Promise<string> => {
    const page = await adapter.listReports(1, 100);
    return page.reports.find((r) => fileNameOf(r.source) === file)!.reportId;
  };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'nianbao-e2e-corpus-'));
    for (const file of [CHANGED, DELETED, KEPT]) await copyFile(join(DEMO_REPORTS, file), join(folder, file));
    const first = await indexWith(demo.meili.conn, names, [folder]);
    expect(first.new).toHaveLength(3);
    // The master key, not a search key: ensureSearchKey would narrow the one search key to these
    // indexes and lock the demo site out of its own.
    adapter = createMeiliReportSearch({ host: demo.meili.conn.host, apiKey: demo.meili.conn.adminKey, indexes: names });
  });

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('replaces the sections of a changed file, leaving none of its old ones behind', async () => {
    const reportId = await idOf(CHANGED);
    const before = await adapter.getReport(reportId);
    const last = before!.sections.at(-1)!;
    expect(last.heading).toBe('七、需要说明的事项');
    // Words found only in that last section: their hit must go with it.
    const onlyInLast = '省直各部门和各省辖市政府的数据';
    const find = () => adapter.search({ q: onlyInLast, filters: {}, page: 1, per: 10, sort: 'relevance' });
    expect((await find()).hits.map((hit) => hit.sectionId)).toEqual([last.sectionId]);

    const path = join(folder, CHANGED);
    const original = await readFile(path, 'utf8');
    await writeFile(path, original.slice(0, original.indexOf('七、需要说明的事项')));
    const summary = await indexWith(demo.meili.conn, names, [folder]);
    expect(summary.updated.map(fileNameOf)).toEqual([CHANGED]);
    expect(summary.unchanged.map(fileNameOf).sort()).toEqual([KEPT, DELETED].sort());

    const after = await adapter.getReport(reportId);
    expect(after!.sections).toHaveLength(SECTIONS.filter((s) => s.file === CHANGED).length - 1);
    expect(after!.sections.map((s) => s.sectionId)).not.toContain(last.sectionId);
    expect((await find()).total).toBe(0);
  });

  it('reports a deleted file as stale and keeps it until --prune', async () => {
    const reportId = await idOf(DELETED);
    await unlink(join(folder, DELETED));
    const summary = await indexWith(demo.meili.conn, names, [folder]);
    expect(summary.stale.map(fileNameOf)).toEqual([DELETED]);
    expect(summary.pruned).toBe(false);
    expect(await adapter.getReport(reportId)).not.toBeNull();
  });

  it('removes a deleted file and its sections with prune', async () => {
    const reportId = await idOf(DELETED);
    const summary = await indexWith(demo.meili.conn, names, [folder], { prune: true });
    expect(summary.stale.map(fileNameOf)).toEqual([DELETED]);
    expect(summary.pruned).toBe(true);
    expect(await adapter.getReport(reportId)).toBeNull();
    expect((await adapter.listReports(1, 100)).total).toBe(2);
    const wuzhen = await adapter.search({ q: '乌镇', filters: {}, page: 1, per: 100, sort: 'relevance' });
    expect(wuzhen.hits.filter((hit) => hit.reportId === reportId)).toEqual([]);
  });
});

describe('exact search over the indexed corpus', () => {
  it(`counts ${PHRASE} in ${MATCHING.length} sections of ${new Set(MATCHING.map((s) => s.file)).size} reports, as SECTIONS.tsv`, async () => {
    const result = await search({ q: PHRASE });
    expect(result.total).toBe(MATCHING.length);
    expect(result.reports).toBe(new Set(MATCHING.map((s) => s.file)).size);
    // The README's table, so that the golden file and the prose cannot drift apart unnoticed.
    expect([result.total, result.reports]).toEqual([13, 11]);
    const found = result.hits.map((hit) => `${fileOf.get(hit.reportId)}\t${hit.heading}`).sort();
    expect(found).toEqual(MATCHING.map((s) => `${s.file}\t${s.heading}`).sort());
  });

  it('does not count 保密，审查 (with a comma) as the phrase', async () => {
    const comma = await search({ q: '保密，审查' });
    expect(comma.hits.map((hit) => fileOf.get(hit.reportId))).toEqual([COMMA_FILE]);
    const phrase = await search({ q: PHRASE });
    expect(phrase.hits.map((hit) => fileOf.get(hit.reportId))).not.toContain(COMMA_FILE);
  });

  it('finds 报告 as 報告 in the Big5 traditional report, highlighted as written', async () => {
    const result = await search({ q: '报告', year: '2015' });
    const big5Hits = result.hits.filter((hit) => fileOf.get(hit.reportId) === BIG5_FILE);
    expect(big5Hits.length).toBeGreaterThan(0);
    expect(big5Hits.some((hit) => hit.snippetHtml.includes('<mark>報告</mark>'))).toBe(true);
  });

  it('finds the phrase broken by a line end (保密⏎审查)', async () => {
    const result = await search({ q: PHRASE });
    const hit = result.hits.find((h) => fileOf.get(h.reportId) === LINE_BREAK_FILE);
    expect(hit?.heading).toBe('一、总体情况');
    // One mark, shown without the line break's space (a snippet is one line).
    expect(hit?.snippetHtml).toContain('<mark>保密审查</mark>');
  });
});

describe('facets and trend', () => {
  it.each(['province', 'level', 'year', 'sectionType'] as const)('counts each %s value as the search filtered by it', async (facet) => {
    const result = await search({ q: PHRASE });
    const values = Object.entries(result.facets[facet]);
    expect(values.length).toBeGreaterThan(0);
    for (const [value, count] of values) {
      const filtered = await search({ q: PHRASE, [facet]: value });
      expect(filtered.total, `${facet}=${value}`).toBe(count);
    }
  });

  it('gives the facet counts the golden files imply', async () => {
    const result = await search({ q: PHRASE });
    const byFile = new Map(EXPECTED.map((r) => [r.file, r]));
    const tally = (value: (s: (typeof MATCHING)[number]) => string | null) => {
      const counts: Record<string, number> = {};
      for (const s of MATCHING) {
        // Sections without a value are counted too, in the 'none' bucket.
        const v = value(s) ?? 'none';
        counts[v] = (counts[v] ?? 0) + 1;
      }
      return counts;
    };
    expect(result.facets.province).toEqual(tally((s) => byFile.get(s.file)!.province));
    expect(result.facets.level).toEqual(tally((s) => byFile.get(s.file)!.level));
    expect(result.facets.year).toEqual(tally((s) => (byFile.get(s.file)!.year === null ? null : String(byFile.get(s.file)!.year))));
    expect(result.facets.sectionType).toEqual(tally((s) => s.sectionType));
  });

  it.each(['', PHRASE, '政府网站'])('makes every facet add up to the total for %j', async (q) => {
    const result = await search({ q });
    for (const facet of ['province', 'level', 'year', 'sectionType'] as const) {
      expect(
        Object.values(result.facets[facet]).reduce((a, b) => a + b, 0),
        facet,
      ).toBe(result.total);
    }
  });

  it('counts named cities and counties on a real index: each facet adds up, and filtering on a city gives its count', async () => {
    const all = await search({ q: '' });
    for (const facet of ['city', 'county'] as const) {
      expect(
        Object.values(all.facets[facet]).reduce((a, b) => a + b, 0),
        facet,
      ).toBe(all.total);
    }
    const [city, count] = Object.entries(all.facets.city)
      .filter(([value]) => value !== 'none')
      .sort((a, b) => b[1] - a[1])[0]!;
    expect((await search({ q: '', city })).total).toBe(count);
  });

  it('filters on the bucket of sections without a province: the national body’s', async () => {
    const all = await search({ q: '' });
    const national = await search({ q: '', province: 'none' });
    expect(national.total).toBe(all.facets.province['none']);
    expect(new Set(national.hits.map((hit) => hit.level))).toEqual(new Set(['national']));
  });

  it('gives per-year sections and reports equal to the search filtered by that year', async () => {
    const { body: trend } = await site.json<ApiTrend>(`/api/trend?${query({ q: PHRASE })}`);
    const years = [...new Set(EXPECTED.map((r) => r.year).filter((y): y is number => y !== null))].sort();
    expect(trend.years.map((y) => y.year)).toEqual(years);
    for (const year of trend.years) {
      const filtered = await search({ q: PHRASE, year: String(year.year) });
      expect({ year: year.year, sections: year.sections, reports: year.reports }).toEqual({
        year: year.year,
        sections: filtered.total,
        reports: filtered.reports,
      });
    }
  });

  it('divides by the number of reports indexed for the year', async () => {
    const { body: trend } = await site.json<ApiTrend>(`/api/trend?${query({ q: PHRASE })}`);
    for (const year of trend.years) {
      const indexed = EXPECTED.filter((r) => r.year === year.year).length;
      expect(year.reportsIndexed, String(year.year)).toBe(indexed);
      expect(year.share).toBeCloseTo(year.reports / indexed, 10);
    }
    // 2022 has two reports, one of which (青岛) mentions the phrase.
    expect(trend.years.find((y) => y.year === 2022)).toMatchObject({ reports: 1, reportsIndexed: 2, share: 0.5 });
  });
});

describe('exports', () => {
  async function concordanceTotal(): Promise<number> {
    const { $ } = await site.page(`/kwic?${query({ q: PHRASE })}`);
    return Number($('.summary strong').first().text().replace(/[^\d]/g, ''));
  }

  it('writes a CSV with a byte-order mark and one row per occurrence', async () => {
    const response = await site.get(`/export.csv?${query({ q: PHRASE })}`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(header![0]).toBe('report_id');
    expect(rows).toHaveLength(OCCURRENCES);
    expect(rows).toHaveLength(await concordanceTotal());
    const match = header!.indexOf('match');
    expect(new Set(rows.map((row) => asPhrase(row[match]!)))).toEqual(new Set([PHRASE]));
    for (const row of rows) expect(row).toHaveLength(header!.length);
  });

  it('writes JSON Lines: a meta line, then one line per occurrence', async () => {
    const response = await site.get(`/export.jsonl?${query({ q: PHRASE })}`);
    expect(response.status).toBe(200);
    const [meta, ...rows] = (await response.text())
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(meta).toMatchObject({ meta: { query: PHRASE, reportsInIndex: EXPECTED.length } });
    expect(rows).toHaveLength(OCCURRENCES);
    expect(rows).toHaveLength(await concordanceTotal());
    expect(new Set(rows.map((row) => asPhrase(String(row['match']))))).toEqual(new Set([PHRASE]));
  });
});

describe('hostile text in a real report', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const IMG = '<img src=x onerror=alert(1)>';
  const near = '所需信息描述';

  /** Shown as text (so it was escaped, not dropped), and nothing of it became markup. */
  function expectInert(html: string, $: CheerioAPI): void {
    expect($('main').text()).toContain(SCRIPT);
    expect($('main').text()).toContain(IMG);
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain('<img src=x');
    expect(
      $('script')
        .toArray()
        .every((element) => ($(element).attr('src') ?? '').startsWith('/static/')),
    ).toBe(true);
    expect($('[onerror]')).toHaveLength(0);
  }

  it.each([
    ['the search page', () => `/?${query({ q: near })}`],
    ['the report page', () => `/reports/${demo.reportIds.get(XSS_FILE)}?${query({ q: near })}`],
    ['the concordance', () => `/kwic?${query({ q: near, context: '80' })}`],
  ])('shows it escaped on %s, under a Content-Security-Policy', async (_name, path) => {
    const { response, html, $ } = await site.page(path());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expectInert(html, $);
  });

  it.each(['" OR province = "浙江省', 'a\\" OR 1=1 (', "浙江省' OR '1'='1", '\\', '浙江省 OR 山东省'])(
    'treats the filter value %s as data: no hits, no error',
    async (value) => {
      expect((await search({ q: PHRASE, province: value })).total).toBe(0);
      const page = await site.page(`/?${query({ q: PHRASE, province: value })}`);
      expect(page.response.status).toBe(200);
    },
  );
});

/** Forwards to whichever adapter is current, so one app can watch Meilisearch go and come back. */
class SwitchableSearch implements ReportSearch {
  constructor(public current: ReportSearch) {}
  search: ReportSearch['search'] = (request) => this.current.search(request);
  trend: ReportSearch['trend'] = (request) => this.current.trend(request);
  matchingSections: ReportSearch['matchingSections'] = (request) => this.current.matchingSections(request);
  reportPlaces: ReportSearch['reportPlaces'] = () => this.current.reportPlaces();
  corpusStatistics: ReportSearch['corpusStatistics'] = (request) => this.current.corpusStatistics(request);
  listReports: ReportSearch['listReports'] = (page, per) => this.current.listReports(page, per);
  getReport: ReportSearch['getReport'] = (reportId) => this.current.getReport(reportId);
  reportsOfOrgan: ReportSearch['reportsOfOrgan'] = (organKey) => this.current.reportsOfOrgan(organKey);
  reportCount: ReportSearch['reportCount'] = () => this.current.reportCount();
  indexState: ReportSearch['indexState'] = () => this.current.indexState();
  indexOverview: ReportSearch['indexOverview'] = () => this.current.indexOverview();
  passageSpread: ReportSearch['passageSpread'] = (requests) => this.current.passageSpread(requests);
  sharedPassages: ReportSearch['sharedPassages'] = (request) => this.current.sharedPassages(request);
  ping: ReportSearch['ping'] = () => this.current.ping();
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Last: these stop the file's Meilisearch and start it again.
describe('when Meilisearch is down', () => {
  let switchable: SwitchableSearch;
  let downSite: Site;

  beforeAll(async () => {
    switchable = new SwitchableSearch(
      createMeiliReportSearch({ host: `http://127.0.0.1:${await closedPort()}`, apiKey: 'unused', indexes: DEMO_INDEXES }),
    );
    downSite = await startSite(switchable);
  });

  afterAll(async () => {
    await downSite?.close();
  });

  it('answers /api/search with a 503 JSON error', async () => {
    const { status, body } = await downSite.json<{ error: { code: string; message: string } }>(`/api/search?${query({ q: PHRASE })}`);
    expect(status).toBe(503);
    expect(body.error.code).toBe('search_unavailable');
  });

  it('answers / with a 503 page in Chinese', async () => {
    const { response, html } = await downSite.page(`/?${query({ q: PHRASE })}`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('检索服务暂时不可用');
    expect(html).not.toMatch(/127\.0\.0\.1:\d+|stack|Error:/);
  });

  it('recovers once Meilisearch answers again on the same data', async () => {
    switchable.current = demo.search;
    expect((await downSite.json<ApiSearch>(`/api/search?${query({ q: PHRASE })}`)).body.total).toBe(MATCHING.length);

    await demo.meili.conn.close();
    expect((await downSite.get(`/api/search?${query({ q: PHRASE })}`)).status).toBe(503);
    expect((await downSite.get('/healthz')).status).toBe(503);

    // A managed Meilisearch comes back on a free port: the app is handed an adapter for the new host.
    restarted = await connectMeili({ dataDir: demo.meili.dataDir });
    switchable.current = await searchOver(restarted, DEMO_INDEXES);
    const { status, body } = await downSite.json<ApiSearch>(`/api/search?${query({ q: PHRASE })}`);
    expect(status).toBe(200);
    expect(body.total).toBe(MATCHING.length);
    expect((await downSite.get('/healthz')).status).toBe(200);
    expect((await downSite.page(`/?${query({ q: PHRASE })}`)).response.status).toBe(200);
  });
});
