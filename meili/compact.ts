// Compaction of the managed Meilisearch's database. LMDB never gives pages back, so an index written
// in many batches is about a third free pages (BENCHMARKS.md). Meilisearch 1.21 has no compaction
// route (later versions have POST /indexes/{uid}/compact), but its snapshot is a compacted copy:
// snapshot, stop, import the snapshot into a fresh data.ms, check that every index holds the same
// number of documents, and only then delete the old database. Interrupted anywhere, the next start
// goes back to the old files (compactionFiles.ts).
import fs from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { diskBytes, previousDbPath, snapshotFile } from './compactionFiles.js';
import { connectManaged } from './connectManaged.js';
import { MeiliRefusedError } from './errors.js';
import { meiliRequest } from './meiliRequest.js';
import { meiliPaths } from './paths.js';
import { prepareMeiliDir } from './prepareMeiliDir.js';
import type { ConnectOptions, MeiliConnection } from './types.js';

/** Why a compaction did not run or was undone; the message says what to do. */
export class CompactionError extends Error {
  override readonly name = 'CompactionError';
  readonly code = 'COMPACTION_REFUSED';
}

export interface CompactionResult {
  /** The database folder on disk before and after, in bytes. */
  bytesBefore: number;
  bytesAfter: number;
  /** Documents per index, equal before and after (checked). */
  documents: Record<string, number>;
  seconds: number;
}

const SNAPSHOT_POLL_MS = 1_000;
const PROGRESS_EVERY_MS = 30_000;

export async function compactManaged(options: ConnectOptions, log: (line: string) => void): Promise<CompactionResult> {
  const started = Date.now();
  const paths = meiliPaths(await prepareMeiliDir(options.dataDir));
  const before = await connectManaged(options, log);
  let documents: Record<string, number>;
  try {
    if (before.managed !== 'owned') {
      throw new CompactionError(
        'Another nianbao process (the site or an index run) is using this Meilisearch. Stop it first: compaction restarts Meilisearch.',
      );
    }
    await refuseWhileBusy(before);
    // A snapshot left by a compaction that died after its check would be imported as if new.
    await fs.rm(snapshotFile(paths), { force: true });
    documents = await documentCounts(before);
    await createSnapshot(before, paths.snapshotDir, log);
  } finally {
    await before.close();
  }
  const bytesBefore = await diskBytes(paths.dbPath);
  await fs.rename(paths.dbPath, previousDbPath(paths));
  log(`Importing the compacted copy (${(bytesBefore / 1e6).toFixed(0)} MB before)…`);
  const after = await connectManaged(options, log, { importSnapshot: snapshotFile(paths) });
  try {
    const imported = await documentCounts(after);
    const differences = Object.keys({ ...documents, ...imported }).filter((uid) => documents[uid] !== imported[uid]);
    if (differences.length > 0) {
      await after.close();
      await fs.rm(paths.dbPath, { recursive: true, force: true });
      await fs.rename(previousDbPath(paths), paths.dbPath);
      throw new CompactionError(
        `The compacted copy does not hold the same documents (${differences.map((uid) => `${uid}: ${documents[uid] ?? 0} → ${imported[uid] ?? 0}`).join(', ')}); the old database was kept. See ${paths.logFile}.`,
      );
    }
  } finally {
    await after.close();
  }
  await fs.rm(previousDbPath(paths), { recursive: true, force: true });
  await fs.rm(snapshotFile(paths), { force: true });
  return { bytesBefore, bytesAfter: await diskBytes(paths.dbPath), documents, seconds: (Date.now() - started) / 1000 };
}

async function refuseWhileBusy(connection: MeiliConnection): Promise<void> {
  const { body } = await checked(connection, '/tasks?statuses=enqueued,processing&limit=1');
  if (((body as { results?: unknown[] }).results ?? []).length > 0) {
    throw new CompactionError('Meilisearch still has writes to apply. Let the index run finish, then compact.');
  }
}

async function documentCounts(connection: MeiliConnection): Promise<Record<string, number>> {
  const { body } = await checked(connection, '/stats');
  const indexes = (body as { indexes?: Record<string, { numberOfDocuments?: number }> }).indexes ?? {};
  return Object.fromEntries(Object.entries(indexes).map(([uid, stats]) => [uid, stats.numberOfDocuments ?? 0]));
}

async function createSnapshot(connection: MeiliConnection, snapshotDir: string, log: (line: string) => void): Promise<void> {
  const { body } = await checked(connection, '/snapshots', 'POST');
  const taskUid = (body as { taskUid: number }).taskUid;
  log('Writing a compacted snapshot…');
  let lastProgress = Date.now();
  for (;;) {
    const task = (await checked(connection, `/tasks/${taskUid}`)).body as { status: string; error?: unknown };
    if (task.status === 'succeeded') return;
    if (task.status === 'failed' || task.status === 'canceled') {
      throw new CompactionError(
        `Meilisearch could not write the snapshot into ${snapshotDir}: ${JSON.stringify(task.error)}. Free disk space there (it needs about the index's size) and try again.`,
      );
    }
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      log('Still writing the snapshot…');
      lastProgress = Date.now();
    }
    await sleep(SNAPSHOT_POLL_MS);
  }
}

async function checked(connection: MeiliConnection, route: string, method: 'GET' | 'POST' = 'GET'): Promise<{ body: unknown }> {
  const response = await meiliRequest(connection.host, route, { key: connection.adminKey, method, timeoutMs: 60_000 });
  if (response.status >= 300) {
    throw new MeiliRefusedError(`Meilisearch refused ${method} ${route} (${response.status})`, connection.host, response.status);
  }
  return response;
}
