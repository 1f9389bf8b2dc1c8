// Three real Meilisearch instances as shards against one holding everything: the same corpus
// indexed both ways gives, for every eval query, the same hits in the same order on every page,
// the same totals, facet counts and report counts, trends, exports and corpus figures; every
// report lives on exactly its own shard; a stopped shard is a 503 that names it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../config/paths.js';
import { indexNames } from '../index/schema.js';
import { shardLabel, shardOf } from '../index/shards.js';
import { createKeyTermExtractor } from '../indexer/keyTerms.js';
import { createMeiliPublisher } from '../indexer/publisher.js';
import { runIndex } from '../indexer/run.js';
import { shardedPublisher } from '../indexer/shardedPublisher.js';
import { openPassageKeyer } from '../indexer/passageKeys.js';
import { SearchUnavailableError } from '../search/errors.js';
import { createMeiliReportSearch } from '../search/meiliReportSearch.js';
import type { ReportSearch, SearchRequest } from '../search/port.js';
import { everyListedReport } from './helpers/everyListedReport.js';
import { DEMO_REPORTS } from './helpers/e2e.js';
import { startTestMeili, type TestMeili } from './helpers/meili.js';
import { startHarness } from './helpers/serverHarness.js';
import { SHARED_SEEDS, sharedReportFiles } from './helpers/shared.js';

const QUERIES = readFileSync(projectPath('tools', 'eval', 'queries.txt'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

const one = indexNames('one_');
const sharded = indexNames('sh_');
let instances: TestMeili[] = [];
const passageDir = mkdtempSync(join(tmpdir(), 'nb-shard-passages-'));
let single: ReportSearch;
let shards: ReportSearch;

beforeAll(async () => {
  instances = await Promise.all([startTestMeili(), startTestMeili(), startTestMeili()]);
  const inputs = [DEMO_REPORTS, ...(existsSync(SHARED_SEEDS) ? sharedReportFiles() : [])];
  const options = { prune: false, maxFileBytes: 20_000_000 };
  const keyTerms = createKeyTermExtractor();
  // One clock for both runs, so that report documents are equal to the last field (indexedAt).
  const clock = () => new Date('2024-06-01T00:00:00Z');
  const [first] = instances.map((instance) => instance.conn);
  await runIndex(inputs, options, {
    publisher: createMeiliPublisher({ host: first!.host, adminKey: first!.adminKey, indexes: one }),
    keyTerms,
    clock,
    // Each run keys passages from an empty index in the same order, so both give the same keys.
    passages: await openPassageKeyer(join(passageDir, 'one.bin')),
  });
  const publisher = shardedPublisher(
    instances.map(({ conn }) => ({
      label: conn.host,
      publisher: createMeiliPublisher({ host: conn.host, adminKey: conn.adminKey, indexes: sharded }),
    })),
  );
  await runIndex(inputs, options, { publisher, keyTerms, clock, passages: await openPassageKeyer(join(passageDir, 'sharded.bin')) });
  single = createMeiliReportSearch({ host: first!.host, apiKey: first!.adminKey, indexes: one });
  const instancesOf = instances.map(({ conn }) => ({ host: conn.host, apiKey: conn.adminKey }));
  shards = createMeiliReportSearch({ ...instancesOf[0]!, shards: instancesOf, indexes: sharded });
}, 600_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  rmSync(passageDir, { recursive: true, force: true });
});

const request = (q: string, more: Partial<SearchRequest> = {}): SearchRequest => ({
  q,
  filters: {},
  page: 1,
  per: 10,
  sort: 'relevance',
  ...more,
});

/** What a search answers that a researcher reads: hits in order, totals, facets; not the time it took. */
async function answer(search: ReportSearch, searchRequest: SearchRequest) {
  const { tookMs: _took, ...result } = await search.search(searchRequest);
  return result;
}

describe('reports on three shards', () => {
  it('puts every report and all its sections on exactly its own shard', async () => {
    const clients = instances.map(({ conn }) => new Meilisearch({ host: conn.host, apiKey: conn.adminKey }));
    const held = await Promise.all(
      clients.map(async (client) => ({
        reports: (await client.index(sharded.reports).getDocuments({ limit: 100_000, fields: ['id'] })).results.map((d) => String(d['id'])),
        files: (await client.index(sharded.files).getDocuments({ limit: 100_000, fields: ['id'] })).results.map((d) => String(d['id'])),
        sections: (await client.index(sharded.sections).getDocuments({ limit: 100_000, fields: ['reportId'] })).results.map((d) =>
          String(d['reportId']),
        ),
      })),
    );
    held.forEach(({ reports, files, sections }, s) => {
      expect(reports.every((id) => shardOf(id, 3) === s)).toBe(true);
      expect(new Set(files)).toEqual(new Set(reports));
      expect(sections.every((id) => reports.includes(id))).toBe(true);
    });
    const everywhere = held.flatMap((h) => h.reports).sort();
    const all = (await everyListedReport(single)).map((r) => r.reportId).sort();
    expect(everywhere).toEqual(all);
    expect(held.every((h) => h.reports.length > 0)).toBe(true);
  });
});

describe('every eval query on three shards as on one', () => {
  it.each(QUERIES)('%s: the same hits on two pages in either order, totals, report counts and facets', async (q) => {
    for (const sort of ['relevance', 'year-desc'] as const) {
      for (const page of [1, 2]) {
        const wanted = await answer(single, request(q, { sort, page }));
        expect(await answer(shards, request(q, { sort, page })), `${sort} page ${page}`).toEqual(wanted);
      }
    }
  });

  it.each(QUERIES)('%s: the same report groups, panel facets under a filter, trend and export stream', async (q) => {
    expect(await answer(shards, request(q, { group: 'report' }))).toEqual(await answer(single, request(q, { group: 'report' })));
    const province = Object.keys((await single.search(request(q))).facets.province ?? {})[0];
    if (province) {
      const filtered = request(q, { filters: { province: [province] }, facetPanel: true });
      expect(await answer(shards, filtered)).toEqual(await answer(single, filtered));
    }
    expect(await shards.trend({ q, filters: {} })).toEqual(await single.trend({ q, filters: {} }));
    const stream = async (search: ReportSearch) => {
      const ids: string[] = [];
      for await (const hit of search.matchingSections({ q, filters: {}, sort: 'relevance' })) ids.push(hit.sectionId);
      return ids;
    };
    expect(await stream(shards)).toEqual(await stream(single));
  });
});

describe('deep pages on three shards', () => {
  it('gives page after page of three hits the order of one shard, to the end', async () => {
    const q = '政府信息公开';
    const { total } = await single.search(request(q));
    for (let page = 1; (page - 1) * 3 < total; page++) {
      const pageRequest = request(q, { page, per: 3 });
      expect(
        (await shards.search(pageRequest)).hits.map((h) => h.sectionId),
        `page ${page}`,
      ).toEqual((await single.search(pageRequest)).hits.map((h) => h.sectionId));
    }
  }, 300_000);
});

describe('reports and corpus figures on three shards', () => {
  it('lists, counts and describes the reports as one shard does', async () => {
    expect(await shards.reportCount()).toBe(await single.reportCount());
    expect(await everyListedReport(shards)).toEqual(await everyListedReport(single));
    expect(await shards.reportPlaces()).toEqual(await single.reportPlaces());
    const places = (await everyListedReport(single)).map(({ reportId, organKey, province, level, year }) => ({
      reportId,
      organKey,
      province,
      level,
      year,
    }));
    expect([...(await single.reportPlaces())].sort((a, b) => (a.reportId < b.reportId ? -1 : 1))).toEqual(places);
    expect(await shards.indexOverview()).toEqual(await single.indexOverview());
    for (const page of [1, 2, 3]) expect(await shards.listReports(page, 7)).toEqual(await single.listReports(page, 7));
    const [report] = (await single.listReports(1, 1)).reports;
    expect(await shards.getReport(report!.reportId)).toEqual(await single.getReport(report!.reportId));
    if (report!.organKey) expect(await shards.reportsOfOrgan(report!.organKey)).toEqual(await single.reportsOfOrgan(report!.organKey));
    expect(await shards.trend({ q: '', filters: {} })).toEqual(await single.trend({ q: '', filters: {} }));
  });

  it('gives the same corpus statistics: sums, medians and counts per group', async () => {
    for (const by of ['year', 'province'] as const) {
      const statistics = { filters: {}, measure: 'requests.newReceived.total', by } as const;
      expect(await shards.corpusStatistics(statistics)).toEqual(await single.corpusStatistics(statistics));
    }
  });
});

/** A TCP relay to `target` on a port of its own that can be cut off and opened again on the same port. */
async function relay(target: string): Promise<{ url: string; cut(): Promise<void>; open(): Promise<void>; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let listenOn = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = createServer((incoming) => {
        const outgoing = connect(Number(port), hostname);
        for (const socket of [incoming, outgoing]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        incoming.pipe(outgoing).pipe(incoming);
      });
      server.listen(listenOn, '127.0.0.1', () => {
        listenOn = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server ? server.close(() => resolve()) : resolve();
      server = null;
    });
  await open();
  return { url: `http://127.0.0.1:${listenOn}`, cut, open, close: cut };
}

describe('copied passages on three shards', () => {
  it("counts the reports and bodies that also hold each passage, and a report's shared passages, as one shard does", async () => {
    const reports = await everyListedReport(single);
    const asked: Array<{ key: string; exceptReportId: string }> = [];
    for (const summary of reports) {
      const report = await single.getReport(summary.reportId);
      for (const section of report?.sections ?? []) {
        for (const key of section.passages ?? []) asked.push({ key, exceptReportId: summary.reportId });
      }
      const keys = (report?.sections ?? []).flatMap((section) => section.passages ?? []);
      const shared = { reportId: summary.reportId, organKey: summary.organKey, previousReportId: null, keys };
      expect(await shards.sharedPassages(shared)).toEqual(await single.sharedPassages(shared));
    }
    expect(asked.length).toBeGreaterThan(100);
    // Every 7th passage: a few hundred counts in one multi-search, copied and single ones alike.
    const sample = asked.filter((_, i) => i % 7 === 0);
    const spreadOne = await single.passageSpread(sample);
    expect(spreadOne.some((spread) => spread.reports > 1 && spread.organs > 0)).toBe(true);
    expect(await shards.passageSpread(sample)).toEqual(spreadOne);
  });
});

/** The truth, from every report's own sections: which reports hold each passage key. */
async function passageHolders(search: ReportSearch) {
  const reports = await everyListedReport(search);
  const holders = new Map<string, Array<{ reportId: string; organKey: string | null }>>();
  const keysOf = new Map<string, string[]>();
  for (const summary of reports) {
    const report = await search.getReport(summary.reportId);
    const keys = [...new Set((report?.sections ?? []).flatMap((section) => section.passages ?? []))];
    keysOf.set(summary.reportId, keys);
    for (const key of keys) {
      const list = holders.get(key) ?? [];
      list.push({ reportId: summary.reportId, organKey: summary.organKey });
      holders.set(key, list);
    }
  }
  return { reports, holders, keysOf };
}

describe('where a passage also appears', () => {
  it('counts, for any passage and report, exactly the other reports and bodies holding it, on one instance and on three shards', async () => {
    const { reports, holders } = await passageHolders(single);
    // Each holder asked about its own key, and reports that don't hold it: one of a holder's body
    // (its body still counts unless that report is left out), one of no holder's body.
    const asked: Array<{ key: string; exceptReportId: string }> = [];
    for (const [key, list] of holders) {
      for (const { reportId } of list) asked.push({ key, exceptReportId: reportId });
      const held = new Set(list.map((h) => h.reportId));
      const sameBody = reports.find((r) => !held.has(r.reportId) && r.organKey !== null && list.some((h) => h.organKey === r.organKey));
      const elsewhere = reports.find((r) => !held.has(r.reportId) && !list.some((h) => h.organKey === r.organKey));
      for (const r of [sameBody, elsewhere]) if (r) asked.push({ key, exceptReportId: r.reportId });
    }
    const truth = asked.map(({ key, exceptReportId }) => {
      const others = (holders.get(key) ?? []).filter((h) => h.reportId !== exceptReportId);
      const bodies = new Set(others.filter((h) => h.organKey !== null).map((h) => h.organKey));
      return { key, reports: others.length, organs: bodies.size + others.filter((h) => h.organKey === null).length };
    });
    // The cases that tell a right count from a near one are there.
    const organOf = new Map(reports.map((r) => [r.reportId, r.organKey]));
    const bodyKeptByAnother = asked.filter(({ key, exceptReportId }) => {
      const list = holders.get(key) ?? [];
      const organ = organOf.get(exceptReportId);
      return (
        list.some((h) => h.reportId === exceptReportId) &&
        organ !== null &&
        list.some((h) => h.reportId !== exceptReportId && h.organKey === organ)
      );
    });
    expect(bodyKeptByAnother.length).toBeGreaterThan(0);
    expect(
      truth.some((t, i) => t.reports > 0 && !(holders.get(asked[i]!.key) ?? []).some((h) => h.reportId === asked[i]!.exceptReportId)),
    ).toBe(true);
    expect(await single.passageSpread(asked)).toEqual(truth);
    expect(await shards.passageSpread(asked)).toEqual(truth);
  });

  it("finds exactly which of a report's passages other bodies and its previous report hold, on one instance and on three shards", async () => {
    const { reports, holders, keysOf } = await passageHolders(single);
    let checked = 0;
    for (const summary of reports) {
      const keys = keysOf.get(summary.reportId) ?? [];
      // Any earlier report will do as "previous": the count must hold for whichever report is asked.
      const previous = reports.find((r) => r.reportId !== summary.reportId && r.organKey === summary.organKey) ?? null;
      const request = { reportId: summary.reportId, organKey: summary.organKey, previousReportId: previous?.reportId ?? null, keys };
      const heldBy = (key: string, keep: (h: { reportId: string; organKey: string | null }) => boolean) =>
        (holders.get(key) ?? []).some(keep);
      const truth = {
        otherOrgans: keys.filter((key) =>
          heldBy(key, (h) => h.reportId !== summary.reportId && (summary.organKey === null || h.organKey !== summary.organKey)),
        ),
        previousYear: previous ? keys.filter((key) => heldBy(key, (h) => h.reportId === previous.reportId)) : [],
      };
      expect(await single.sharedPassages(request)).toEqual(truth);
      expect(await shards.sharedPassages(request)).toEqual(truth);
      if (truth.otherOrgans.length > 0 && truth.otherOrgans.length < keys.length && truth.previousYear.length > 0) checked += 1;
    }
    // Reports whose passages are partly shared, and with a previous report holding some: the cases that tell.
    expect(checked).toBeGreaterThan(0);
  });
});

describe('a shard that stops answering and comes back', () => {
  it('gives 503 naming it while it is away, and the same answer as before once it is back, without a restart', async () => {
    const way = await relay(instances[1]!.conn.host);
    const instancesOf = instances.map(({ conn }, i) => ({ host: i === 1 ? way.url : conn.host, apiKey: conn.adminKey }));
    const search = createMeiliReportSearch({ ...instancesOf[0]!, shards: instancesOf, indexes: sharded });
    try {
      const before = await answer(search, request('主动公开'));
      await way.cut();
      const failure = await search.search(request('主动公开')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SearchUnavailableError);
      expect((failure as SearchUnavailableError).shard).toBe(shardLabel(way.url));
      await way.open();
      expect(await answer(search, request('主动公开'))).toEqual(before);
    } finally {
      await way.close();
    }
  });
});

describe('a shard stopped', () => {
  it('answers 503 naming the stopped shard, in JSON and on the page, and shows no count', async () => {
    const stopped = instances[2]!;
    const label = shardLabel(stopped.conn.host);
    const site = await startHarness({ search: shards });
    try {
      await stopped.stop();
      await expect(shards.search(request('政府信息公开'))).rejects.toBeInstanceOf(SearchUnavailableError);
      const { response, body } = await site.json<{ error: { message: string } }>('/api/search?q=政府信息公开');
      expect(response.status).toBe(503);
      expect(body.error.message).toContain(label);
      const page = await site.page('/?q=政府信息公开');
      expect(page.response.status).toBe(503);
      expect(page.html).toContain(label);
      expect(page.html).not.toContain(stopped.conn.adminKey);
    } finally {
      await site.close();
    }
  });
});
