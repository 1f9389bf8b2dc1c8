// Interrupted runs: the indexer killed mid-run, Meilisearch killed mid-run. The next run must
// finish, and every report must be in the index exactly once with exactly its own sections.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { finished, spawnIndex } from './helpers/indexProcess.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMeili } from '../meili/connect.js';
import type { MeiliConnection } from '../meili/types.js';
import { indexNames } from '../index/schema.js';

const ROOT = join(import.meta.dirname, '..');
const DEMO = join(ROOT, 'fixtures', 'demo', 'reports');
const COPIES = 20;

let corpus: string;
let dataDir: string;
let connection: MeiliConnection;

beforeAll(async () => {
  corpus = await mkdtemp(join(tmpdir(), 'nianbao-crash-corpus-'));
  dataDir = await mkdtemp(join(tmpdir(), 'nianbao-crash-data-'));
  const good = (await readdir(DEMO)).filter((name) => /^(20|undated).*\.(txt|md|html)$/.test(name) && !name.includes('actually-pdf'));
  // Distinct copies (a unique closing line each) so that nothing is skipped as a duplicate.
  for (let copy = 0; copy < COPIES; copy++) {
    for (const name of good) {
      const bytes = await readFile(join(DEMO, name));
      const utf8 = !name.includes('utf16') && !name.includes('big5') && !name.includes('gb18030') && !name.includes('gb2312');
      await writeFile(join(corpus, `${copy}-${name}`), utf8 ? Buffer.concat([bytes, Buffer.from(`\n副本${copy}\n`)]) : bytes);
    }
  }
  connection = await connectMeili({ dataDir });
});

afterAll(async () => {
  await connection?.close();
  await rm(corpus, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

const indexCommand = (env: NodeJS.ProcessEnv) => spawnIndex(corpus, env);

const external = () => ({ MEILI_HOST: connection.host, MEILI_API_KEY: connection.adminKey, MEILI_INDEX_PREFIX: 'crash_' });

async function expectEveryReportOnceWithItsSections(finalRun: { stdout: string }): Promise<void> {
  const client = new Meilisearch({ host: connection.host, apiKey: connection.adminKey });
  const names = indexNames('crash_');
  const reports = (await client.index(names.reports).getDocuments({ limit: 10_000, fields: ['id', 'sectionIds'] })).results;
  const sections = (await client.index(names.sections).getDocuments({ limit: 100_000, fields: ['id'] })).results;
  const expected = reports.flatMap((r) => r['sectionIds'] as string[]).sort();
  expect(sections.map((s) => s['id'] as string).sort()).toEqual(expected);
  // Every file the final run accounts for as indexed is in the index once.
  const summary = JSON.parse(finalRun.stdout) as { new: string[]; updated: string[]; unchanged: string[] };
  expect(reports.length).toBe(summary.new.length + summary.updated.length + summary.unchanged.length);
  expect(new Set(reports.map((r) => r['id'])).size).toBe(reports.length);
}

describe('interrupted index runs', () => {
  it('finishes after the indexer was killed mid-run, each report once with all its sections', async () => {
    const first = indexCommand(external());
    const done = finished(first);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    first.kill('SIGKILL');
    expect((await done).code, 'the first run was still running when killed').toBeNull();
    const second = await finished(indexCommand(external()));
    expect(second.code, second.stderr).toBe(0);
    await expectEveryReportOnceWithItsSections(second);
  });

  it('fails clearly when Meilisearch dies mid-run, and the next run completes the index', async () => {
    // Start from an empty index so the run has work to do.
    const client = new Meilisearch({ host: connection.host, apiKey: connection.adminKey });
    for (const uid of Object.values(indexNames('crash_'))) await client.deleteIndex(uid).waitTask({ timeout: 60_000 });
    const run = indexCommand(external());
    const done = finished(run);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const { pid } = JSON.parse(await readFile(join(dataDir, 'meili', 'instance.json'), 'utf8')) as { pid: number };
    process.kill(pid, 'SIGKILL');
    const result = await done;
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Meilisearch/);
    // Meilisearch comes back on the same data; the next run completes the index.
    await connection.close();
    connection = await connectMeili({ dataDir });
    const again = await finished(indexCommand(external()));
    expect(again.code, again.stderr).toBe(0);
    await expectEveryReportOnceWithItsSections(again);
    // Two index runs and a Meilisearch restart: 14–33 s alone, over 60 s on a loaded machine.
  }, 180_000);
});
