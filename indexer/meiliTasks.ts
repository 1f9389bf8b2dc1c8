// The indexer's calls to Meilisearch: each one named (for the error a user reads), each write
// waited for until Meilisearch has applied it, and whole indexes read page by page.
import type { Meilisearch } from 'meilisearch';
import { isNotFound, translateMeiliError } from '../index/meiliClient.js';

/** Meilisearch accepted a write and then failed it (the task's error says why). */
export class PublishError extends Error {
  override readonly name = 'PublishError';
}

export interface MeiliTasks {
  /** Runs one call; a failure is MeiliUnreachableError or MeiliRefusedError naming what was tried. */
  call<T>(what: string, action: () => Promise<T>): Promise<T>;
  /** Waits until Meilisearch has applied an enqueued write; PublishError when it failed. */
  waitFor(what: string, enqueued: { taskUid: number }): Promise<void>;
  /** Every document of an index (none when the index does not exist yet), with these fields. */
  readAll(uid: string, fields: string[]): Promise<Array<Record<string, unknown>>>;
}

const READ_PAGE = 1_000;

export function meiliTasks(client: Meilisearch, host: string): MeiliTasks {
  async function call<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (thrown) {
      throw translateMeiliError(thrown, host, what);
    }
  }

  async function waitFor(what: string, enqueued: { taskUid: number }): Promise<void> {
    const task = await call(what, () => client.tasks.waitForTask(enqueued.taskUid, { timeout: 3_600_000, interval: 50 }));
    if (task.status !== 'succeeded') throw new PublishError(`Meilisearch at ${host} failed to ${what}: ${JSON.stringify(task.error)}`);
  }

  async function readAll(uid: string, fields: string[]): Promise<Array<Record<string, unknown>>> {
    const documents: Array<Record<string, unknown>> = [];
    for (let offset = 0; ; offset += READ_PAGE) {
      const page = await call(`read ${uid}`, async () => {
        try {
          return await client.index(uid).getDocuments({ offset, limit: READ_PAGE, fields });
        } catch (error) {
          if (isNotFound(error)) return { results: [] };
          throw error;
        }
      });
      documents.push(...(page.results as Array<Record<string, unknown>>));
      if (page.results.length < READ_PAGE) return documents;
    }
  }

  return { call, waitFor, readAll };
}
