// A Meilisearch owned by the bench: started in a fresh DATA_DIR through the project's managed layer
// (same binary, same flags as production), stopped and deleted with the run's cleanup.
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectMeili, type MeiliConnection } from '../../meili/connect.js';
import type { ConnectOptions } from '../../meili/types.js';
import { managedMeiliPaths } from '../../meili/paths.js';
import { findProcessesOnDatabase } from '../../meili/processTable.js';
import type { Cleanup } from './cleanup.js';
import { processMemory, type ProcessMemory } from './children.js';

export interface BenchMeili {
  connection: MeiliConnection;
  dataDir: string;
  /** The LMDB environment: what `du` measures as the index size. */
  dbPath: string;
  /** The Meilisearch process, when it could be found. */
  pid: number | null;
  memory(): Promise<ProcessMemory | null>;
  /** Stops the server; the folder stays until the run's cleanup (its size may still be read). */
  stop(): Promise<void>;
}

/** `limits`: Meilisearch's own indexing limits (several instances on one machine share its memory). */
export async function startBenchMeili(
  label: string,
  cleanup: Cleanup,
  log: (line: string) => void,
  limits: Pick<ConnectOptions, 'maxIndexingMemory'> = {},
): Promise<BenchMeili> {
  const dataDir = await realpath(await mkdtemp(join(tmpdir(), `nianbao-bench-${label}-`)));
  cleanup.add(() => rm(dataDir, { recursive: true, force: true }));
  return openBenchMeili(dataDir, cleanup, log, limits);
}

/** The managed Meilisearch of a DATA_DIR that already holds an index (built earlier); the folder is kept. */
export async function openBenchMeili(
  dataDir: string,
  cleanup: Cleanup,
  log: (line: string) => void,
  limits: Pick<ConnectOptions, 'maxIndexingMemory'> = {},
): Promise<BenchMeili> {
  const connection = await connectMeili({ dataDir, log, ...limits });
  const forget = cleanup.add(() => connection.close());
  const dbPath = managedMeiliPaths(dataDir).dbPath;
  const [pid] = await findProcessesOnDatabase(dbPath);
  return {
    connection,
    dataDir,
    dbPath,
    pid: pid ?? null,
    memory: async () => (pid === undefined ? null : processMemory(pid)),
    async stop() {
      await connection.close();
      forget();
    },
  };
}
