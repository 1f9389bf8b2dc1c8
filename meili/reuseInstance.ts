import { setTimeout as sleep } from 'node:timers/promises';
import { makeConnection } from './connection.js';
import { MeiliUnreachableError } from './errors.js';
import { readInstanceRecord } from './instanceRecord.js';
import type { MeiliPaths } from './paths.js';
import { servesDatabase } from './processTable.js';
import { healthProblem, verifyKey } from './probe.js';
import type { MeiliConnection } from './types.js';

// A busy server (a large indexing batch) can be slow to answer; give it a few chances before giving up.
const HEALTH_ATTEMPTS = 5;

/**
 * The Meilisearch another nianbao process runs for this DATA_DIR, as a 'reused' connection whose
 * close() does nothing; null when instance.json is absent, unreadable or names a process that no longer
 * serves this database (stale). Read-only: stale records are removed by whoever takes the start lock.
 * Throws when the recorded process is alive on this database but unusable, because starting a second
 * server on the same data.ms is exactly what must not happen.
 */
export async function reuseInstance(paths: MeiliPaths, masterKey: string, log: (line: string) => void): Promise<MeiliConnection | null> {
  const record = await readInstanceRecord(paths.instanceFile);
  if (record === null || !(await servesDatabase(record.pid, paths.dbPath))) return null;
  const stopIt = `Stop process ${record.pid} (kill ${record.pid}) and run the command again.`;
  let problem: string | null = null;
  for (let attempt = 1; attempt <= HEALTH_ATTEMPTS; attempt += 1) {
    problem = await healthProblem(record.host, 2_000);
    if (problem === null) break;
    if (!(await servesDatabase(record.pid, paths.dbPath))) return null; // it went away meanwhile
    await sleep(500);
  }
  if (problem !== null) {
    throw new MeiliUnreachableError(
      `The Meilisearch serving this DATA_DIR (pid ${record.pid}, ${record.host}) does not answer: ${problem}. ` +
        `${stopIt} Its log is ${paths.logFile}.`,
      record.host,
    );
  }
  await verifyKey(record.host, masterKey, `It does not use the master key in ${paths.masterKeyFile}. ${stopIt}`);
  log(`Using the Meilisearch already running for this DATA_DIR at ${record.host} (pid ${record.pid}).`);
  return makeConnection({ host: record.host, managed: 'reused' }, masterKey, async () => {});
}
