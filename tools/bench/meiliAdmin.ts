// What the bench asks of a Meilisearch directly (as its admin): create an index, push NDJSON, wait
// for tasks, read its own account of where indexing time went (batches), search. Raw HTTP through
// the loopback client, so the direct searches are timed exactly like the server's.
import { setTimeout as sleep } from 'node:timers/promises';
import { expectOk, type LoopbackClient, type TimedResponse } from './loopbackClient.js';

export interface MeiliBatch {
  uid: number;
  durationMs: number;
  startedAt: string;
  finishedAt: string | null;
  indexUids: string[];
  types: string[];
  tasks: number;
  /** Meilisearch's own timing of each indexing step ("processing tasks > indexing > …" → ms). */
  steps: Record<string, number>;
  /** Size of each internal database after the batch, bytes ("wordPairProximityDocids" → …). */
  databaseSizes: Record<string, number>;
}

export interface MeiliAdmin {
  createIndex(uid: string, primaryKey: string): Promise<void>;
  /** Enqueues one NDJSON payload; returns the task uid. */
  addNdjson(uid: string, ndjson: string): Promise<number>;
  waitForTasks(taskUids: number[]): Promise<void>;
  /** Finished batches that touched the index. */
  batches(indexUid: string): Promise<MeiliBatch[]>;
  multiSearch(queries: Array<Record<string, unknown>>): Promise<TimedResponse>;
  /** Meilisearch's account of its database: the LMDB file size, and how much of it is in use. */
  databaseStats(): Promise<DatabaseStats>;
}

export interface DatabaseStats {
  databaseSize: number;
  usedDatabaseSize: number;
}

export function createMeiliAdmin(host: string, key: string, client: LoopbackClient): MeiliAdmin {
  const auth = { authorization: `Bearer ${key}` };

  async function taskStatus(uid: number): Promise<{ status: string; error?: unknown }> {
    const response = expectOk(await client.get(`${host}/tasks/${uid}`, auth), `read task ${uid}`);
    return JSON.parse(response.body) as { status: string; error?: unknown };
  }

  async function waitForTasks(uids: number[]): Promise<void> {
    for (const uid of uids) {
      for (;;) {
        const task = await taskStatus(uid);
        if (task.status === 'succeeded') break;
        if (task.status === 'failed' || task.status === 'canceled') {
          throw new Error(`Meilisearch task ${uid} ${task.status}: ${JSON.stringify(task.error)}`);
        }
        await sleep(50);
      }
    }
  }

  return {
    async createIndex(uid, primaryKey) {
      const response = expectOk(await client.postJson(`${host}/indexes`, { uid, primaryKey }, auth), `create index ${uid}`);
      await waitForTasks([(JSON.parse(response.body) as { taskUid: number }).taskUid]);
    },

    async addNdjson(uid, ndjson) {
      const response = expectOk(
        await client.post(`${host}/indexes/${uid}/documents`, ndjson, { ...auth, 'content-type': 'application/x-ndjson' }),
        `add documents to ${uid}`,
      );
      return (JSON.parse(response.body) as { taskUid: number }).taskUid;
    },

    waitForTasks,

    async batches(indexUid) {
      const found: MeiliBatch[] = [];
      let from: number | null = null;
      do {
        const query = `indexUids=${encodeURIComponent(indexUid)}&statuses=succeeded,failed&limit=1000${from === null ? '' : `&from=${from}`}`;
        const response = expectOk(await client.get(`${host}/batches?${query}`, auth), 'list batches');
        const page = JSON.parse(response.body) as { results: RawBatch[]; next: number | null };
        found.push(...page.results.map(toBatch));
        from = page.next;
      } while (from !== null);
      return found.sort((a, b) => a.uid - b.uid);
    },

    async multiSearch(queries) {
      return expectOk(await client.postJson(`${host}/multi-search`, { queries }, auth), 'multi-search');
    },

    async databaseStats() {
      const stats = JSON.parse(expectOk(await client.get(`${host}/stats`, auth), 'read stats').body) as DatabaseStats;
      return { databaseSize: stats.databaseSize, usedDatabaseSize: stats.usedDatabaseSize };
    },
  };
}

interface RawBatch {
  uid: number;
  duration: string | null;
  startedAt: string;
  finishedAt: string | null;
  stats?: {
    totalNbTasks?: number;
    types?: Record<string, number>;
    indexUids?: Record<string, number>;
    progressTrace?: Record<string, unknown>;
    internalDatabaseSizes?: Record<string, unknown>;
  };
}

function toBatch(raw: RawBatch): MeiliBatch {
  const steps: Record<string, number> = {};
  for (const [step, value] of Object.entries(raw.stats?.progressTrace ?? {})) {
    const ms = typeof value === 'string' ? humanDurationMs(value) : null;
    if (ms !== null) steps[step] = ms;
  }
  const databaseSizes: Record<string, number> = {};
  for (const [database, value] of Object.entries(raw.stats?.internalDatabaseSizes ?? {})) {
    // "12.5 MiB (+3 MiB)": the size after the batch, then the change.
    const bytes = typeof value === 'string' ? humanBytes(value.split(' (')[0]!) : null;
    if (bytes !== null) databaseSizes[database] = bytes;
  }
  return {
    uid: raw.uid,
    durationMs: raw.duration === null ? 0 : isoDurationMs(raw.duration),
    startedAt: raw.startedAt,
    finishedAt: raw.finishedAt,
    indexUids: Object.keys(raw.stats?.indexUids ?? {}),
    types: Object.keys(raw.stats?.types ?? {}),
    tasks: raw.stats?.totalNbTasks ?? 0,
    steps,
    databaseSizes,
  };
}

/** "PT1M2.5S" → 62500. Meilisearch reports task and batch durations in ISO 8601. */
export function isoDurationMs(duration: string): number {
  const match = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration);
  if (!match) return 0;
  const [, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return (((days! * 24 + hours!) * 60 + minutes!) * 60 + seconds!) * 1000;
}

/** "1.23s", "45.6ms", "789.1µs" (Rust's Duration debug format, used in progress traces) → ms. */
export function humanDurationMs(text: string): number | null {
  const match = /^([\d.]+)\s*(ns|µs|us|ms|s|m|h)$/.exec(text.trim());
  if (!match) return null;
  const scale: Record<string, number> = { ns: 1e-6, µs: 1e-3, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return Number(match[1]) * scale[match[2]!]!;
}

/** "4 KiB", "12.5 MiB", "1.2 GiB" → bytes. */
export function humanBytes(text: string): number | null {
  const match = /^([\d.]+)\s*(B|KiB|MiB|GiB|TiB)$/.exec(text.trim());
  if (!match) return null;
  const scale: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 };
  return Number(match[1]) * scale[match[2]!]!;
}
