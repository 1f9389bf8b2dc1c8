// The ingestion baseline: the raw section documents pushed straight into a fresh index with
// Meilisearch's default settings (every field searchable, its own tokeniser), NDJSON batches sent
// back to back, then every task waited for. Timed from the first push to the last task done.
import { readFile } from 'node:fs/promises';
import type { MeiliAdmin, MeiliBatch } from './meiliAdmin.js';

export interface RawIngestResult {
  wallMs: number;
  /** Batches Meilisearch ran for the index, with its own timings. */
  batches: MeiliBatch[];
}

export async function ingestRaw(admin: MeiliAdmin, indexUid: string, batchFiles: string[]): Promise<RawIngestResult> {
  await admin.createIndex(indexUid, 'id');
  const started = performance.now();
  const tasks: number[] = [];
  for (const file of batchFiles) tasks.push(await admin.addNdjson(indexUid, await readFile(file, 'utf8')));
  await admin.waitForTasks(tasks);
  const wallMs = performance.now() - started;
  return { wallMs, batches: (await admin.batches(indexUid)).filter((b) => b.types.includes('documentAdditionOrUpdate')) };
}
