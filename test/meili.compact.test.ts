// `nianbao compact`: the managed Meilisearch's database rewritten from its own snapshot, with the
// same documents, fewer bytes, and an interrupted compaction undone on the next start. Real
// Meilisearch 1.21 in a temporary DATA_DIR.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CompactionError, compactManaged } from '../meili/compact.js';
import { previousDbPath, snapshotFile } from '../meili/compactionFiles.js';
import { connectMeili } from '../meili/connect.js';
import { meiliRequest } from '../meili/meiliRequest.js';
import { managedMeiliPaths } from '../meili/paths.js';
import { findProcessesOnDatabase } from '../meili/processTable.js';
import type { MeiliConnection } from '../meili/types.js';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function tempDataDir(): Promise<string> {
  const dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'nianbao-compact-test-')));
  cleanups.push(async () => {
    for (const pid of await findProcessesOnDatabase(path.join(dir, 'meili', 'data.ms'))) process.kill(pid, 'SIGKILL');
    await fs.rm(dir, { recursive: true, force: true });
  });
  return dir;
}

async function connect(dataDir: string): Promise<MeiliConnection> {
  const connection = await connectMeili({ dataDir, maxIndexingThreads: 1 });
  cleanups.push(() => connection.close());
  return connection;
}

async function call(connection: MeiliConnection, route: string, method: 'GET' | 'POST' | 'DELETE' = 'GET', body?: unknown) {
  const response = await meiliRequest(connection.host, route, { key: connection.adminKey, method, body, timeoutMs: 60_000 });
  if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Record<string, unknown>;
}

async function waitForTask(connection: MeiliConnection, enqueued: Record<string, unknown>): Promise<void> {
  for (;;) {
    const task = await call(connection, `/tasks/${enqueued['taskUid'] as number}`);
    if (task['status'] === 'succeeded') return;
    if (task['status'] === 'failed') throw new Error(JSON.stringify(task['error']));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An index written the way an index run writes it: many batches, some replacing earlier documents (free pages). */
async function fillInBatches(connection: MeiliConnection): Promise<void> {
  await waitForTask(connection, await call(connection, '/indexes', 'POST', { uid: 'sections', primaryKey: 'id' }));
  for (let batch = 0; batch < 12; batch += 1) {
    const documents = Array.from({ length: 200 }, (_, i) => ({
      id: `s${i + (batch % 4) * 200}`,
      text: `第${batch}批 政府信息公开 保密审查 ${'依申请公开'.repeat(20)} ${i}`,
    }));
    await waitForTask(connection, await call(connection, '/indexes/sections/documents', 'POST', documents));
  }
}

async function phraseHits(connection: MeiliConnection, q: string): Promise<number> {
  const result = await call(connection, '/indexes/sections/search', 'POST', { q, limit: 0, page: 1, hitsPerPage: 0 });
  return result['totalHits'] as number;
}

describe('nianbao compact', () => {
  it('keeps every document and search answer, in fewer bytes, and leaves no old copy or snapshot', async () => {
    const dataDir = await tempDataDir();
    const filled = await connect(dataDir);
    await fillInBatches(filled);
    const hitsBefore = await phraseHits(filled, '保密审查');
    await filled.close();

    const result = await compactManaged({ dataDir, maxIndexingThreads: 1 }, () => {});

    expect(result.documents['sections']).toBe(800);
    expect(result.bytesAfter).toBeLessThan(result.bytesBefore);
    const compacted = await connect(dataDir);
    expect(await phraseHits(compacted, '保密审查')).toBe(hitsBefore);
    const paths = managedMeiliPaths(dataDir);
    await expect(fs.access(previousDbPath(paths))).rejects.toThrow();
    await expect(fs.access(snapshotFile(paths))).rejects.toThrow();
  }, 180_000);

  it('refuses while another process runs the Meilisearch, and changes nothing', async () => {
    const dataDir = await tempDataDir();
    const owner = await connect(dataDir);
    await fillInBatches(owner);

    await expect(compactManaged({ dataDir }, () => {})).rejects.toThrow(CompactionError);
    expect(await phraseHits(owner, '保密审查')).toBe(800);
  }, 180_000);

  it('is undone by the next start when it was interrupted while importing', async () => {
    const dataDir = await tempDataDir();
    const filled = await connect(dataDir);
    await fillInBatches(filled);
    await filled.close();
    // What a compaction killed during the import leaves: the old database aside, a partial new one.
    const paths = managedMeiliPaths(dataDir);
    await fs.rename(paths.dbPath, previousDbPath(paths));
    await fs.mkdir(paths.dbPath);
    await fs.writeFile(path.join(paths.dbPath, 'VERSION'), '1.21.0');
    const lines: string[] = [];

    const restarted = await connectMeili({ dataDir, maxIndexingThreads: 1, log: (line) => lines.push(line) });
    cleanups.push(() => restarted.close());

    expect(await phraseHits(restarted, '保密审查')).toBe(800);
    expect(lines.some((line) => line.includes('interrupted compaction'))).toBe(true);
    await expect(fs.access(previousDbPath(paths))).rejects.toThrow();
  }, 180_000);
});
