// The files of a compaction (compact.ts) and the rule that makes an interrupted one harmless: while
// it runs, the old database waits beside the new one as data.ms.before-compaction, and any start
// that finds it there puts it back. The old files are deleted only after the new ones were checked.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { MeiliPaths } from './paths.js';

/** Where the old database waits while its snapshot is imported. */
export function previousDbPath(paths: MeiliPaths): string {
  return `${paths.dbPath}.before-compaction`;
}

/** Meilisearch names its snapshot after the database folder (data.ms → data.ms.snapshot). */
export function snapshotFile(paths: MeiliPaths): string {
  return path.join(paths.snapshotDir, `${path.basename(paths.dbPath)}.snapshot`);
}

/** Puts back the database an interrupted compaction moved aside; the caller holds the start lock. */
export async function rollBackInterruptedCompaction(paths: MeiliPaths, log: (line: string) => void): Promise<boolean> {
  const previous = previousDbPath(paths);
  if (!(await exists(previous))) return false;
  log(`An interrupted compaction left ${previous}: going back to it (the index is as it was before).`);
  await fs.rm(paths.dbPath, { recursive: true, force: true });
  await fs.rename(previous, paths.dbPath);
  await fs.rm(snapshotFile(paths), { force: true });
  return true;
}

/** Bytes a folder takes on disk (allocated blocks: LMDB files are sparse). */
export async function diskBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    total += (await fs.stat(path.join(entry.parentPath, entry.name))).blocks * 512;
  }
  return total;
}

async function exists(target: string): Promise<boolean> {
  try {
    await fs.access(target);
    return true;
  } catch {
    return false;
  }
}
