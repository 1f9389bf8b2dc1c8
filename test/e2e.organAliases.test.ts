// A user's organ alias list end to end (issue #14): reports written here are indexed through the real
// pipeline into a real Meilisearch and read back through the site. A user's file mapping 白下区 into
// 秦淮区 (merged in 2013) joins the two bodies in coverage, 同一机关的其他年度, the comparison's
// default earlier report and the shares' previous year; changing the file re-keys the index on the
// next run without reading a file again, an interrupted re-key converges, and removing the file
// returns to the shipped list. The tests run in order, each run changing the same index.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexNames, ORGAN_ALIASES_DOCUMENT_ID } from '../index/schema.js';
import { organAliasesInForce, type OrganAliasesInForce } from '../indexer/organAliases.js';
import { openPassageKeyer } from '../indexer/passageKeys.js';
import { createMeiliPublisher } from '../indexer/publisher.js';
import { runIndex, type IndexSummary } from '../indexer/run.js';
import { shardedPublisher } from '../indexer/shardedPublisher.js';
import { createMeiliReportSearch } from '../search/meiliReportSearch.js';
import { everyListedReport } from './helpers/everyListedReport.js';
import { searchOver, startSite, type Site } from './helpers/e2e.js';
import { startTestMeili, type TestMeili } from './helpers/meili.js';

const NAMES = indexNames('aliases_');
// A test that runs the indexer: each Meilisearch task takes seconds on a busy machine.
const INDEX_RUN_MS = 180_000;
// Written for this test: 秦淮区's 2013 report carries on a sentence of 白下区's 2012 report.
const CARRIED = '区政府门户网站全年更新政务动态四百余条，并在各街道便民服务中心设置政府信息查阅点八处。';

function report(organ: string, year: number, body: string): string {
  return [
    `${organ}${year}年政府信息公开工作年度报告`,
    '一、概述',
    body,
    '二、存在的主要问题及改进情况',
    `${year}年将进一步完善依申请公开办理流程，${organ.slice(3, 6)}将按季度通报办理情况。`,
  ].join('\n');
}

const FILES: Record<string, string> = {
  'baixia_2012.txt': report('南京市白下区人民政府', 2012, `${CARRIED}白下区全年受理政府信息公开申请三十一件，均按期答复。`),
  'qinhuai_2013.txt': report('南京市秦淮区人民政府', 2013, `${CARRIED}秦淮区全年受理政府信息公开申请四十七件，均按期答复。`),
  'qinhuai_2014.txt': report('南京市秦淮区人民政府', 2014, '秦淮区推进基层政务公开标准化，在街道服务中心配备专人解答群众咨询。'),
  'xuanwu_2013.txt': report('南京市玄武区人民政府', 2013, '玄武区全年主动公开政府信息九百余条，规范性文件均同步发布解读材料。'),
};
const BAIXIA_INTO_QINHUAI = {
  kind: 'organ',
  from: '南京市白下区',
  to: '南京市秦淮区',
  since: 2013,
  note: '撤销白下区、秦淮区，设立新的秦淮区',
};

interface ApiCoverage {
  parameters: { bodies: number };
}
interface ApiReport {
  reportId: string;
  shares: { previousReportId: string | null; previousYear: { passages: number } } | null;
}

let meili: TestMeili;
let folder: string;
let site: Site;
let snapshotPath: string;
const ids: Record<string, string> = {};

async function indexWith(aliases: OrganAliasesInForce): Promise<IndexSummary> {
  const publisher = createMeiliPublisher({ host: meili.conn.host, adminKey: meili.conn.adminKey, indexes: NAMES });
  const passages = await openPassageKeyer(snapshotPath);
  const summary = await runIndex(
    [folder],
    { prune: false, maxFileBytes: 20_000_000 },
    { publisher, keyTerms: () => [], passages, organKeying: aliases },
  );
  // What the site remembers is kept per index generation, which it reads at most every 2 s.
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  return summary;
}

async function userList(name: string, aliases: unknown[]): Promise<OrganAliasesInForce> {
  const path = join(folder, '..', `${name}.json`);
  await writeFile(path, JSON.stringify({ aliases }));
  return organAliasesInForce(path);
}

const bodies = async (): Promise<number> => (await site.json<ApiCoverage>('/api/coverage')).body.parameters.bodies;
const otherYears = async (file: string): Promise<string[]> => {
  const { $ } = await site.page(`/reports/${ids[file]}`);
  return $('ul.same-organ a')
    .map((_, a) => $(a).text())
    .get();
};
const shares = async (file: string) => (await site.json<ApiReport>(`/api/reports/${ids[file]}`)).body.shares;
const admin = () => new Meilisearch({ host: meili.conn.host, apiKey: meili.conn.adminKey });

beforeAll(async () => {
  meili = await startTestMeili();
  const parent = await mkdtemp(join(tmpdir(), 'nianbao-aliases-'));
  folder = join(parent, 'reports');
  await mkdir(folder);
  snapshotPath = join(meili.dataDir, 'passages-aliases.bin');
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(folder, name), text);
  await indexWith(organAliasesInForce(null));
  const search = await searchOver(meili.conn, NAMES);
  site = await startSite(search);
  for (const summary of await everyListedReport(search)) ids[summary.source] = summary.reportId;
}, 240_000);

afterAll(async () => {
  await site?.close();
  await meili?.stop();
  if (folder) await rm(join(folder, '..'), { recursive: true, force: true });
});

describe('with the shipped list alone', () => {
  it('counts 白下区 and 秦淮区 as two bodies', async () => {
    expect(await bodies()).toBe(3);
  });

  it('lists no other year for 白下区', async () => {
    expect(await otherYears('baixia_2012.txt')).toEqual([]);
  });
});

describe('after a user’s list maps 白下区 into 秦淮区', () => {
  let summary: IndexSummary;
  beforeAll(async () => {
    summary = await indexWith(await userList('join', [BAIXIA_INTO_QINHUAI]));
  }, INDEX_RUN_MS);

  it('re-keys the one report of 白下区 without reading a file again', () => {
    expect(summary.organsRekeyed).toBe(1);
    expect(summary.new).toEqual([]);
    expect(summary.updated).toEqual([]);
    expect(summary.unchanged.length).toBe(Object.keys(FILES).length);
  });

  it('counts them as one body in coverage', async () => {
    expect(await bodies()).toBe(2);
  });

  it('lists 秦淮区’s years as 白下区’s other years', async () => {
    expect((await otherYears('baixia_2012.txt')).map((t) => t.slice(0, 5))).toEqual(['2013 ', '2014 ']);
  });

  it('compares 秦淮区 2013 with 白下区 2012 by default', async () => {
    const { response, $ } = await site.page(`/reports/${ids['qinhuai_2013.txt']}/compare`);
    expect(response.status).toBe(200);
    expect($('.compare p').first().text()).toContain('2012');
  });

  it('counts the carried sentence as the same body’s previous year in 秦淮区 2013’s shares', async () => {
    const found = await shares('qinhuai_2013.txt');
    expect(found?.previousReportId).toBe(ids['baixia_2012.txt']);
    expect(found?.previousYear.passages).toBeGreaterThan(0);
  });

  it(
    're-keys nothing on a second run with the same list',
    async () => {
      expect((await indexWith(await userList('join', [BAIXIA_INTO_QINHUAI]))).organsRekeyed).toBeNull();
    },
    INDEX_RUN_MS,
  );
});

describe('a re-key stopped half-way', () => {
  it(
    'converges on the next run: the report left with its old key gets the new one',
    async () => {
      const aliases = await userList('join', [BAIXIA_INTO_QINHUAI]);
      const oldKey = organAliasesInForce(null).reportOrganKey('南京市白下区人民政府', '江苏省');
      // What a run stopped after the sections, before the report documents, leaves.
      const client = admin();
      await client
        .index(NAMES.meta)
        .addDocuments([{ id: ORGAN_ALIASES_DOCUMENT_ID, fingerprint: `pending ${aliases.fingerprint}` }])
        .waitTask({ timeout: 60_000 });
      await client
        .index(NAMES.reports)
        .updateDocuments([{ id: ids['baixia_2012.txt'], organKey: oldKey }])
        .waitTask({ timeout: 60_000 });
      expect((await indexWith(aliases)).organsRekeyed).toBe(1);
      expect(await bodies()).toBe(2);
    },
    INDEX_RUN_MS,
  );

  it('leaves every section of a re-keyed report with its report’s key', async () => {
    const newKey = (await userList('join', [BAIXIA_INTO_QINHUAI])).reportOrganKey('南京市白下区人民政府', '江苏省');
    const filter = `reportId = "${ids['baixia_2012.txt']}"`;
    const sections = await admin()
      .index(NAMES.sections)
      .getDocuments({ filter, fields: ['organKey'] });
    expect(sections.results.length).toBeGreaterThan(0);
    expect(new Set(sections.results.map((s) => s['organKey']))).toEqual(new Set([newKey]));
  });
});

describe('after the user’s file is removed', () => {
  it(
    'returns to the shipped list: 白下区 is a body of its own again',
    async () => {
      const summary = await indexWith(organAliasesInForce(null));
      expect(summary.organsRekeyed).toBe(1);
      expect(await bodies()).toBe(3);
    },
    INDEX_RUN_MS,
  );
});

describe('on two shards', () => {
  const SHARDED = indexNames('aliases_sh_');
  let second: TestMeili;
  let shardSite: Site;

  const indexOnShards = async (aliases: OrganAliasesInForce): Promise<IndexSummary> => {
    const publisher = shardedPublisher(
      [meili, second].map(({ conn }) => ({
        label: conn.host,
        publisher: createMeiliPublisher({ host: conn.host, adminKey: conn.adminKey, indexes: SHARDED }),
      })),
    );
    const summary = await runIndex(
      [folder],
      { prune: false, maxFileBytes: 20_000_000 },
      { publisher, keyTerms: () => [], organKeying: aliases },
    );
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    return summary;
  };

  beforeAll(async () => {
    second = await startTestMeili();
    await indexOnShards(organAliasesInForce(null));
    const shards = [meili, second].map(({ conn }) => ({ host: conn.host, apiKey: conn.adminKey }));
    shardSite = await startSite(createMeiliReportSearch({ ...shards[0]!, shards, indexes: SHARDED }));
  }, 240_000);

  afterAll(async () => {
    await shardSite?.close();
    await second?.stop();
  });

  it(
    're-keys each shard’s reports, and coverage over the shards joins the bodies',
    async () => {
      const summary = await indexOnShards(await userList('join', [BAIXIA_INTO_QINHUAI]));
      expect(summary.organsRekeyed).toBe(1);
      expect((await shardSite.json<ApiCoverage>('/api/coverage')).body.parameters.bodies).toBe(2);
    },
    INDEX_RUN_MS,
  );
});
