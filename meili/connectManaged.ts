import { setTimeout as sleep } from 'node:timers/promises';
import { MeiliUnreachableError } from './errors.js';
import { removeInstanceRecord } from './instanceRecord.js';
import { loadOrCreateMasterKey } from './masterKey.js';
import { meiliPaths, type MeiliPaths } from './paths.js';
import { prepareMeiliDir } from './prepareMeiliDir.js';
import { findProcessesOnDatabase } from './processTable.js';
import { reuseInstance } from './reuseInstance.js';
import { startMeili } from './startMeili.js';
import { tryAcquireStartLock } from './startLock.js';
import { rollBackInterruptedCompaction } from './compactionFiles.js';
import type { ConnectOptions, MeiliConnection } from './types.js';

// Another process may be starting (up to 30 s) or stopping (up to 10 s) the server: wait that long for it.
const WAIT_FOR_OTHER_OWNER_MS = 45_000;
const POLL_MS = 250;
// A server whose owner was just killed takes a moment to die with it.
const WAIT_FOR_DYING_SERVER_MS = 5_000;

/**
 * The Meilisearch for DATA_DIR: the one another nianbao process already runs (reused), or a new one
 * owned by this process. Only the holder of the start lock may start one, and it first clears what a
 * dead owner left behind.
 */
export async function connectManaged(
  options: ConnectOptions,
  log: (line: string) => void,
  start: { importSnapshot?: string } = {},
): Promise<MeiliConnection> {
  const paths = meiliPaths(await prepareMeiliDir(options.dataDir));
  const masterKey = await loadOrCreateMasterKey(paths.masterKeyFile);
  const deadline = Date.now() + WAIT_FOR_OTHER_OWNER_MS;
  let announcedWait = false;
  for (;;) {
    const reused = await reuseInstance(paths, masterKey, log);
    if (reused !== null) return reused;
    const lock = await tryAcquireStartLock(paths.dir);
    if (lock !== null) {
      try {
        // Holding the lock, no live owner exists: a record still on disk is what a dead one left.
        removeInstanceRecord(paths.instanceFile);
        await refuseUnrecordedServers(paths);
        // A compaction importing its snapshot has moved the old files aside on purpose.
        if (start.importSnapshot === undefined) await rollBackInterruptedCompaction(paths, log);
        return await startMeili({
          paths,
          masterKey,
          lock,
          maxIndexingThreads: options.maxIndexingThreads,
          maxIndexingMemory: options.maxIndexingMemory,
          importSnapshot: start.importSnapshot,
          log,
        });
      } catch (error) {
        await lock.release();
        throw error;
      }
    }
    if (Date.now() > deadline) {
      throw new MeiliUnreachableError(
        `Another nianbao process has been starting or stopping Meilisearch for ${paths.dir} for over ` +
          `${WAIT_FOR_OTHER_OWNER_MS / 1000} s. Let it finish (or stop it), then run the command again.`,
        null,
      );
    }
    if (!announcedWait) {
      log('Waiting for another nianbao process that is starting or stopping Meilisearch for this DATA_DIR…');
      announcedWait = true;
    }
    await sleep(POLL_MS);
  }
}

/** A server on our data.ms that instance.json does not name (started by hand, or its record was deleted) must not get a twin. */
async function refuseUnrecordedServers(paths: MeiliPaths): Promise<void> {
  const deadline = Date.now() + WAIT_FOR_DYING_SERVER_MS;
  for (;;) {
    const pids = await findProcessesOnDatabase(paths.dbPath);
    if (pids.length === 0) return;
    if (Date.now() > deadline) {
      throw new MeiliUnreachableError(
        `Meilisearch (pid ${pids.join(', ')}) is already using ${paths.dbPath}, but ${paths.instanceFile} ` +
          `does not name it. Stop it (kill ${pids.join(' ')}) or point MEILI_HOST at it, then run the command again.`,
        null,
      );
    }
    await sleep(POLL_MS);
  }
}
