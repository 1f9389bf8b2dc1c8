// The indexer over three shards (MEILI_SHARDS), killed mid-run: the next run converges, with every
// report on exactly its own shard, once, with exactly its own sections. The same after the number
// of shards grew from two to three (reports move: copied, verified, then deleted) and the run
// moving them was killed.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { finished, spawnIndex } from './helpers/indexProcess.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexNames } from '../index/schema.js';
import { shardOf } from '../index/shards.js';
import { createKeyTermExtractor } from '../indexer/keyTerms.js';
import { createMeiliPublisher } from '../indexer/publisher.js';
import { runIndex, type IndexSummary } from '../indexer/run.js';
import { shardedPublisher } from '../indexer/shardedPublisher.js';
import { ReportsMovingError } from '../search/errors.js';
import { createMeiliReportSearch } from '../search/meiliReportSearch.js';
import { startTestMeili, type TestMeili } from './helpers/meili.js';

const ROOT = join(import.meta.dirname, '..');
const DEMO = join(ROOT, 'fixtures', 'demo', 'reports');
const COPIES = 20;

let corpus: string;
/** The demo's text reports (no PDF or Word file, which a worker reads slowly). */
let demoText: string[] = [];
let instances: TestMeili[] = [];

beforeAll(async () => {
  corpus = await mkdtemp(join(tmpdir(), 'nianbao-shards-crash-'));
  const good = (await readdir(DEMO)).filter((name) => /^(20|undated).*\.(txt|md|html)$/.test(name) && !name.includes('actually-pdf'));
  // Distinct copies (a unique closing line each) so that nothing is skipped as a duplicate.
  demoText = good.map((name) => join(DEMO, name));
  for (let copy = 0; copy < COPIES; copy++) {
    for (const name of good) {
      const bytes = await readFile(join(DEMO, name));
      const utf8 = !name.includes('utf16') && !name.includes('big5') && !name.includes('gb18030') && !name.includes('gb2312');
      await writeFile(join(corpus, `${copy}-${name}`), utf8 ? Buffer.concat([bytes, Buffer.from(`\n副本${copy}\n`)]) : bytes);
    }
  }
  instances = await Promise.all([startTestMeili(), startTestMeili(), startTestMeili()]);
}, 120_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await rm(corpus, { recursive: true, force: true });
});

function indexCommand(shardCount: number, prefix: string) {
  const used = instances.slice(0, shardCount).map((instance) => instance.conn);
  const env = {
    MEILI_SHARDS: used.map((conn) => conn.host).join(','),
    MEILI_SHARD_KEYS: used.map((conn) => conn.adminKey).join(','),
    MEILI_INDEX_PREFIX: prefix,
  };
  return spawnIndex(corpus, env);
}

async function killedAfter(child: ReturnType<typeof indexCommand>, ms: number): Promise<void> {
  const done = finished(child);
  await new Promise((resolve) => setTimeout(resolve, ms));
  child.kill('SIGKILL');
  expect((await done).code, 'the run was still running when killed').toBeNull();
}

/** Every report on its own shard of `shardCount` (and on no other instance), once, with exactly its sections and its file record. */
async function expectEveryReportOnItsShardOnce(shardCount: number, prefix: string, finalRun: { stdout: string }): Promise<void> {
  const summary = JSON.parse(finalRun.stdout) as { new: string[]; updated: string[]; unchanged: string[] };
  const seen = await reportsPerInstance(prefix);
  for (const [s, ids] of seen.entries()) {
    expect(
      ids.every((id) => shardOf(id, shardCount) === s),
      `instance ${s} holds only its own reports`,
    ).toBe(true);
  }
  const all = seen.flat();
  expect(new Set(all).size, 'no report on two shards').toBe(all.length);
  expect(all.length).toBe(summary.new.length + summary.updated.length + summary.unchanged.length);
}

/** The report ids each instance holds, after checking that its sections and file records are exactly its reports'. */
async function reportsPerInstance(prefix: string): Promise<string[][]> {
  const names = indexNames(prefix);
  const seen: string[][] = [];
  for (const { conn } of instances) {
    const client = new Meilisearch({ host: conn.host, apiKey: conn.adminKey });
    const read = async (uid: string, fields: string[]) => {
      try {
        return (await client.index(uid).getDocuments({ limit: 100_000, fields })).results;
      } catch {
        return [];
      }
    };
    const reports = await read(names.reports, ['id', 'sectionIds']);
    const sections = await read(names.sections, ['id']);
    const files = await read(names.files, ['id']);
    const ids = reports.map((r) => String(r['id']));
    expect(sections.map((d) => String(d['id'])).sort()).toEqual(reports.flatMap((r) => r['sectionIds'] as string[]).sort());
    expect(files.map((d) => String(d['id'])).sort()).toEqual([...ids].sort());
    seen.push(ids);
  }
  return seen;
}

describe('index runs over shards, interrupted', () => {
  it('converges after the indexer was killed mid-run on three shards', async () => {
    await killedAfter(indexCommand(3, 'crash3_'), 2_500);
    const again = await finished(indexCommand(3, 'crash3_'));
    expect(again.code, again.stderr).toBe(0);
    await expectEveryReportOnItsShardOnce(3, 'crash3_', again);
  }, 300_000);

  it('moves every report to its new shard when the shards grow from two to three, even when the move was killed', async () => {
    const two = await finished(indexCommand(2, 'grow_'));
    expect(two.code, two.stderr).toBe(0);
    await expectEveryReportOnItsShardOnce(2, 'grow_', two);
    await killedAfter(indexCommand(3, 'grow_'), 2_500);
    const three = await finished(indexCommand(3, 'grow_'));
    expect(three.code, three.stderr).toBe(0);
    await expectEveryReportOnItsShardOnce(3, 'grow_', three);
    // Nothing left to move: the run after finds every report unchanged.
    const after = await finished(indexCommand(3, 'grow_'));
    expect(JSON.parse(after.stdout)).toMatchObject({ new: [], updated: [] });
  }, 300_000);
});

describe('moving reports to their new shard', () => {
  const keyTerms = createKeyTermExtractor();
  /** An in-process run over the first `shardCount` instances; `killBeforeDelete` stops it where a copy is made and the old one not yet deleted. */
  /** What the shards' publishers were asked to do, in order: `s:moving` / `s:moved` (the record set or cleared), `s:put`. */
  let events: string[] = [];
  const run = (shardCount: number, killBeforeDelete = false, prefix = 'move_'): Promise<IndexSummary> => {
    events = [];
    const shards = instances.slice(0, shardCount).map(({ conn }, s) => {
      const publisher = createMeiliPublisher({ host: conn.host, adminKey: conn.adminKey, indexes: indexNames(prefix) });
      const remove: typeof publisher.remove = async (reports) => {
        if (killBeforeDelete) throw new Error('killed before deleting the old copies');
        await publisher.remove(reports);
      };
      const put: typeof publisher.put = async (...args) => {
        events.push(`${s}:put`);
        await publisher.put(...args);
      };
      const markMoving: typeof publisher.markMoving = async (since) => {
        await publisher.markMoving(since);
        events.push(`${s}:${since === null ? 'moved' : 'moving'}`);
      };
      return { label: conn.host, publisher: { ...publisher, remove, put, markMoving } };
    });
    return runIndex(
      demoText,
      { prune: false, maxFileBytes: 20_000_000 },
      { publisher: shardedPublisher(shards, { movingNoticeMs: 0 }), keyTerms },
    );
  };
  const threeShards = (prefix: string) =>
    createMeiliReportSearch({
      host: '',
      apiKey: '',
      shards: instances.map(({ conn }) => ({ host: conn.host, apiKey: conn.adminKey })),
      indexes: indexNames(prefix),
    });

  it('deletes the old copy only after the new one is in, and a run after a crash in between leaves one copy', async () => {
    await run(2);
    await expect(run(3, true)).rejects.toThrow(/killed/);
    const between = (await reportsPerInstance('move_')).flat();
    expect(between.length, 'moved reports are on their old and their new shard').toBeGreaterThan(new Set(between).size);
    const final = await run(3);
    await expectEveryReportOnItsShardOnce(3, 'move_', { stdout: JSON.stringify(final) });
  }, 300_000);

  it('records on every shard that reports are moving before the first copy, and clears it only when every old copy is gone', async () => {
    await run(2, false, 'moving_');
    expect(
      events.filter((event) => event.endsWith(':moving')),
      'a run that moves nothing records no move',
    ).toEqual([]);
    await expect(run(3, true, 'moving_')).rejects.toThrow(/killed/);
    const firstPut = events.findIndex((event) => event.endsWith(':put'));
    expect(events.slice(0, firstPut).sort()).toEqual(['0:moving', '1:moving', '2:moving']);
    expect(
      events.filter((event) => event.endsWith(':moved')),
      'killed before the old copies were deleted',
    ).toEqual([]);
    await expect(
      threeShards('moving_').search({ q: '政府信息公开', filters: {}, page: 1, per: 10, sort: 'relevance' }),
    ).rejects.toBeInstanceOf(ReportsMovingError);

    await run(3, false, 'moving_');
    expect(events.filter((event) => event.endsWith(':moved')).sort()).toEqual(['0:moved', '1:moved', '2:moved']);
    const answer = await threeShards('moving_').search({ q: '政府信息公开', filters: {}, page: 1, per: 10, sort: 'relevance' });
    expect(answer.total).toBeGreaterThan(0);
  }, 300_000);
});
