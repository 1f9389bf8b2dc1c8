// Reading the managed Meilisearch's index files once, sequentially, before the site opens, so that
// the system's page cache holds them when the first searches come. Meilisearch keeps each index in
// one LMDB file (data.ms/indexes/<uuid>/data.mdb) and reads it through a memory map: a query's
// posting lists, facet databases and documents are page faults, each a random read of the disk when
// the pages are cold. After a restart, or in the part of the files an index run left out of the cache
// (a quarter at 1M), the slowest first search of the bench's mix took 1.3–1.8 s at a million sections,
// and 0.56–0.72 s after this read (BENCHMARKS.md, session 14). One sequential read costs far less than
// those random reads. The same idea as Elasticsearch's `index.store.preload` and PostgreSQL's pg_prewarm.
//
// What it does not do: warm a Meilisearch on another machine (MEILI_HOST, shards: `nianbao prewarm
// DB_PATH` run on that machine does), or hold more than the memory the system says it can spare
// (MemAvailable): files beyond that budget are read only in part, since reading them whole would
// evict what was read first.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** What a prewarm read. */
export interface Prewarm {
  files: number;
  /** Bytes of the index files. */
  totalBytes: number;
  /** Bytes read (less than totalBytes when the budget was smaller). */
  readBytes: number;
  ms: number;
}

// One buffer reused for every read: the pages land in the system's cache, not in this process.
const CHUNK_BYTES = 4 * 1024 * 1024;
// The share of MemAvailable a prewarm may fill: Meilisearch and the site need the rest.
const BUDGET_SHARE = 0.9;

/** The LMDB files of every index in a Meilisearch database folder (data.ms), smallest first. */
export async function indexFiles(dbPath: string): Promise<Array<{ file: string; bytes: number }>> {
  const indexesDir = path.join(dbPath, 'indexes');
  let entries: string[];
  try {
    entries = await readdir(indexesDir);
  } catch {
    return [];
  }
  const files: Array<{ file: string; bytes: number }> = [];
  for (const entry of entries) {
    const file = path.join(indexesDir, entry, 'data.mdb');
    try {
      files.push({ file, bytes: (await stat(file)).size });
    } catch {
      // An index folder without its file (being deleted): nothing to warm.
    }
  }
  return files.sort((a, b) => a.bytes - b.bytes || (a.file < b.file ? -1 : 1));
}

/** The bytes the system can give without swapping (MemAvailable), or null where /proc says nothing. */
export async function availableMemoryBytes(): Promise<number | null> {
  try {
    const match = /^MemAvailable:\s+(\d+) kB$/m.exec(await readFile('/proc/meminfo', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Reads the index files of the Meilisearch database at `dbPath` front to back, at most `budgetBytes`
 * in all (default: 90% of MemAvailable; everything where that is unknown). Files are read smallest
 * first, so a budget that runs out leaves only the largest index partly cold.
 */
export async function prewarmIndexFiles(dbPath: string, budgetBytes?: number): Promise<Prewarm> {
  const started = performance.now();
  const files = await indexFiles(dbPath);
  let budget = budgetBytes ?? ((await availableMemoryBytes()) ?? Number.POSITIVE_INFINITY) * BUDGET_SHARE;
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let readBytes = 0;
  for (const { file, bytes } of files) {
    if (budget <= 0) break;
    const handle = await open(file, 'r').catch(() => null);
    if (handle === null) continue;
    const wanted = Math.min(bytes, budget);
    let position = 0;
    try {
      while (position < wanted) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, wanted - position), position);
        if (bytesRead === 0) break;
        position += bytesRead;
      }
    } catch {
      // A read error leaves the rest of that file cold; Meilisearch will report it if it is real.
    } finally {
      await handle.close().catch(() => undefined);
    }
    readBytes += position;
    budget -= position;
  }
  return {
    files: files.length,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    readBytes,
    ms: Math.round(performance.now() - started),
  };
}

/** The log line of a prewarm: what was read, how fast, and what was left cold. */
export function prewarmLine(read: Prewarm): string {
  const size = (bytes: number): string => (bytes < 1e9 ? `${Math.round(bytes / 1e6)} MB` : `${(bytes / 1e9).toFixed(1)} GB`);
  const cold = read.totalBytes - read.readBytes;
  const part = cold > 0 ? ` (${size(cold)} left cold: more than the memory free)` : '';
  return `read ${size(read.readBytes)} of index files (${read.files}) into the system's cache in ${read.ms} ms${part}`;
}
