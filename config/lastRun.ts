// The last index run's summary, kept in DATA_DIR so that `nianbao list` and the site's /index page can
// say what was skipped and when, after the terminal that showed the run is gone.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LastRunSkipped {
  /** The path as the user typed it (shown by `nianbao list`, on the user's own terminal). */
  path: string;
  /** The path relative to the folder given, or the file's name: the only path the site shows. */
  source: string;
  code: string;
  reason: string;
}

export interface LastRun {
  /** The index prefix the run wrote to: a run of another index in the same DATA_DIR is not this one's. */
  indexPrefix: string;
  finishedAt: string;
  elapsedMs: number;
  files: number;
  new: number;
  updated: number;
  unchanged: number;
  stale: number;
  sections: number;
  skipped: LastRunSkipped[];
}

export const LAST_RUN_FILE = 'last-run.json';

export async function writeLastRun(dataDir: string, run: LastRun): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, LAST_RUN_FILE);
  // Written aside and renamed: a reader never sees half a file.
  await writeFile(`${path}.tmp`, `${JSON.stringify(run, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}

/** The last run of this index, or null when none was recorded (or the file is not one of ours). */
export async function readLastRun(dataDir: string, indexPrefix: string): Promise<LastRun | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, LAST_RUN_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const run = JSON.parse(text) as LastRun;
    return run.indexPrefix === indexPrefix && Array.isArray(run.skipped) ? run : null;
  } catch {
    return null;
  }
}
