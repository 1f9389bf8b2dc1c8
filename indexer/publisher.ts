// The indexer's edge to Meilisearch: settings, what is already indexed, and writes.
//
// Replacing a report: its new section documents are added in one task and its stale section ids
// (sections it no longer has) deleted in the task right after; Meilisearch batches consecutive
// document additions and deletions of one index into one batch, applied in one transaction. The
// report document is written only after its sections succeeded, so an interrupted run leaves the
// old content hash behind and the next run redoes the report (DESIGN.md, "Crash safety"). Where each
// report's file is (FileDocument) goes to the files index, which only this admin-key side reads, right
// after its report document: a report is unchanged only when both agree, so a crash in between is
// redone too.
import { randomUUID } from 'node:crypto';
import {
  DOCUMENT_FORMAT_VERSION,
  GENERATION_DOCUMENT_ID,
  REPORT_SETTINGS,
  SECTION_SETTINGS,
  type FileDocument,
  type IndexNames,
  type ReportDocument,
  type SectionDocument,
} from '../index/schema.js';
import { isNotFound, meiliClient, translateMeiliError } from '../index/meiliClient.js';
import type { TwinRecord } from './twins.js';
import { quoteFilterValue } from '../index/filters.js';

export interface IndexedReport {
  reportId: string;
  contentHash: string;
  formatVersion: string;
  source: string;
  /** From the files index; '' when the report has no file document (written by an older version that lost it). */
  absolutePath: string;
  /** Its record in the files index; null when there is none (a run stopped before writing it). */
  file: Pick<FileDocument, 'contentHash' | 'manifestKey'> | null;
  /** Twin detection data from the files index (twins.ts); absent for reports indexed before it existed. */
  twin: TwinRecord | null;
  sectionIds: string[];
}

export interface Publisher {
  /** Creates the indexes when missing and (re)applies settings; existing documents are kept. */
  prepare(): Promise<void>;
  /** Deletes section documents whose report is not among `known` (the indexed reports); returns how many. */
  removeOrphanSections(known: ReadonlyMap<string, unknown>): Promise<number>;
  /** Every report in the index, by id (none when the index does not exist yet). */
  indexedReports(): Promise<Map<string, IndexedReport>>;
  /** Adds or replaces one report: its sections, the stale section ids to delete, its file and report documents. */
  put(report: ReportDocument, file: FileDocument, sections: SectionDocument[], staleSectionIds: string[]): Promise<void>;
  /** Removes reports and their sections. */
  remove(reports: IndexedReport[]): Promise<void>;
  /** Sends what is buffered, waits for every task, and marks a new index generation if anything changed. */
  finish(): Promise<void>;
}

/** A report document and its file's record, written together once the report's sections are in. */
interface ReportWrite {
  report: ReportDocument;
  file: FileDocument;
}

/** Meilisearch accepted a write and then failed it (the task's error says why). */
export class PublishError extends Error {
  override readonly name = 'PublishError';
}

export interface MeiliPublisherOptions {
  host: string;
  adminKey: string;
  indexes: IndexNames;
  /** Flush after this many bytes of section JSON are buffered (bounds memory). */
  batchBytes?: number;
  /** Sent batches whose tasks may still be waiting in Meilisearch's queue. */
  batchesInFlight?: number;
  /** Report documents written per task, once their sections are indexed. */
  reportsPerWrite?: number;
}

export function createMeiliPublisher(options: MeiliPublisherOptions): Publisher {
  const client = meiliClient(options.host, options.adminKey);
  const names = options.indexes;
  const batchBytes = options.batchBytes ?? 16 * 1024 * 1024;
  const batchesInFlight = options.batchesInFlight ?? 32;
  // A few MB of JSON: few enough tasks not to split Meilisearch's batches of sections (see flush).
  const reportsPerWrite = options.reportsPerWrite ?? 2_000;
  let sections: SectionDocument[] = [];
  let stale: string[] = [];
  let reports: ReportWrite[] = [];
  let buffered = 0;
  const pending: Array<Promise<unknown>> = [];
  // Whether this run wrote or deleted anything: only then do cached verifications go stale.
  let changed = false;

  /** Runs one call to Meilisearch; a failure is MeiliUnreachableError or MeiliRefusedError naming what was tried. */
  async function call<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (thrown) {
      throw translateMeiliError(thrown, options.host, what);
    }
  }

  async function waitFor(what: string, enqueued: { taskUid: number }) {
    const task = await call(what, () => client.tasks.waitForTask(enqueued.taskUid, { timeout: 3_600_000, interval: 50 }));
    if (task.status !== 'succeeded') {
      throw new PublishError(`Meilisearch failed to ${what}: ${JSON.stringify(task.error)}`);
    }
  }

  /** Every document of an index (none when the index does not exist yet), with these fields. */
  async function readAll(uid: string, fields: string[]): Promise<Array<Record<string, unknown>>> {
    const documents: Array<Record<string, unknown>> = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await call(`read ${uid}`, async () => {
        try {
          return await client.index(uid).getDocuments({ offset, limit: 1000, fields });
        } catch (error) {
          if (isNotFound(error)) return { results: [] };
          throw error;
        }
      });
      documents.push(...(page.results as Array<Record<string, unknown>>));
      if (page.results.length < 1000) return documents;
    }
  }

  // Report documents whose sections Meilisearch has indexed, waiting to be written as one task.
  let reportsReady: ReportWrite[] = [];
  const reportWrites: Array<Promise<void>> = [];

  function writeReadyReports(): void {
    if (reportsReady.length === 0) return;
    const batch = reportsReady;
    reportsReady = [];
    const written = (async () => {
      // File records last: a crash in between leaves records that disagree with the reports, which
      // the next run therefore writes again.
      const documents = batch.map((write) => write.report);
      await waitFor('add reports', await call('add reports', async () => client.index(names.reports).addDocuments(documents)));
      const files = batch.map((write) => write.file);
      await waitFor('add file records', await call('add file records', async () => client.index(names.files).addDocuments(files)));
    })();
    // Awaited in finish(); the no-op handler keeps an early failure from being "unhandled".
    written.catch(() => undefined);
    reportWrites.push(written);
  }

  async function flush(): Promise<void> {
    if (sections.length === 0 && stale.length === 0 && reports.length === 0) return;
    let batchSections = sections;
    let batchStale = stale;
    const batchReports = reports;
    sections = [];
    stale = [];
    reports = [];
    buffered = 0;
    const sectionsIndex = client.index(names.sections);
    // Only task uids outlive the requests: the section documents are garbage as soon as they are sent.
    const added = batchSections.length > 0 ? await call('add sections', async () => sectionsIndex.addDocuments(batchSections)) : null;
    const deleted =
      batchStale.length > 0 ? await call('delete stale sections', async () => sectionsIndex.deleteDocuments(batchStale)) : null;
    // V8 keeps variables that any closure here mentions alive as long as any of these closures
    // lives; `done` below lives until Meilisearch finishes, so drop the documents explicitly.
    batchSections = [];
    batchStale = [];
    // Report documents only after their sections are in: a crash in between leaves the old hash,
    // so the next run sees the report as changed and writes it again. They are written in groups:
    // Meilisearch works through the queue one index at a time, so every report task between two
    // section tasks splits what would have been one batch of sections (measured at 1M sections:
    // batches of 3 section tasks alternating with 2-second report batches).
    const done = (async () => {
      if (added) await waitFor('add sections', added);
      if (deleted) await waitFor('delete stale sections', deleted);
      reportsReady.push(...batchReports);
      if (reportsReady.length >= reportsPerWrite) writeReadyReports();
    })();
    // Awaited below or in finish(); the no-op handler keeps an early failure from being "unhandled".
    done.catch(() => undefined);
    pending.push(done);
    // A sent batch costs the indexer only its report documents, and section tasks that wait in
    // Meilisearch's queue are merged into one batch there: one merge and commit instead of many,
    // whose cost grows with the index. Measured on 107k sections: 2 in flight, 74 batches and 223 s;
    // 8, 21 batches and 164 s; 32, 15 batches and 137 s (128: the same). The bound keeps a fast
    // indexer from queueing more than a few hundred MB of documents in Meilisearch.
    while (pending.length > batchesInFlight) await pending.shift();
  }

  return {
    async prepare() {
      for (const [uid, settings] of [
        [names.sections, SECTION_SETTINGS],
        [names.reports, REPORT_SETTINGS],
        [names.meta, null],
        [names.files, null],
      ] as const) {
        const exists = await call(`look up index ${uid}`, async () => {
          try {
            await client.getRawIndex(uid);
            return true;
          } catch (error) {
            if (isNotFound(error)) return false;
            throw error;
          }
        });
        if (!exists)
          await waitFor(
            `create index ${uid}`,
            await call(`create index ${uid}`, async () => client.createIndex(uid, { primaryKey: 'id' })),
          );
        if (settings) {
          await waitFor(
            `apply settings to ${uid}`,
            await call(`apply settings to ${uid}`, async () => client.index(uid).updateSettings(settings as never)),
          );
        }
      }
    },

    async removeOrphanSections(known) {
      // Every reportId that has sections, with its count, from one facet distribution.
      const response = (await call('list reports of sections', () =>
        client.index(names.sections).search('', { limit: 0, facets: ['reportId'] }),
      )) as { facetDistribution?: Record<string, Record<string, number>> };
      const withSections = response.facetDistribution?.['reportId'] ?? {};
      const reportIds = Object.keys(withSections);
      const orphans = reportIds.filter((id) => !known.has(id));
      if (orphans.length === 0) return 0;
      changed = true;
      for (let i = 0; i < orphans.length; i += 100) {
        const filter = `reportId IN [${orphans
          .slice(i, i + 100)
          .map(quoteFilterValue)
          .join(', ')}]`;
        await waitFor(
          'delete orphan sections',
          await call('delete orphan sections', () => client.index(names.sections).deleteDocuments({ filter })),
        );
      }
      return orphans.reduce((n, id) => n + (withSections[id] ?? 0), 0);
    },

    async indexedReports() {
      // absolutePath was on report documents before the files index; read it there when a report
      // has no file document yet (getDocuments returns every stored field).
      const reports = await readAll(names.reports, ['id', 'contentHash', 'formatVersion', 'source', 'sectionIds', 'absolutePath']);
      const files = new Map(
        (await readAll(names.files, ['id', 'absolutePath', 'contentHash', 'manifestKey', 'textHash', 'twinKey', 'twinSketch'])).map(
          (doc) => [String(doc['id']), doc],
        ),
      );
      const indexed = new Map<string, IndexedReport>();
      for (const doc of reports) {
        const reportId = String(doc['id']);
        const file = files.get(reportId);
        indexed.set(reportId, {
          reportId,
          contentHash: String(doc['contentHash']),
          formatVersion: String(doc['formatVersion'] ?? ''),
          source: String(doc['source']),
          absolutePath: String(file?.['absolutePath'] ?? doc['absolutePath'] ?? ''),
          file:
            file === undefined
              ? null
              : {
                  contentHash: String(file['contentHash']),
                  manifestKey: typeof file['manifestKey'] === 'string' ? file['manifestKey'] : null,
                },
          sectionIds: (doc['sectionIds'] as string[] | undefined) ?? [],
          twin:
            typeof file?.['textHash'] === 'string'
              ? {
                  textHash: file['textHash'],
                  twinKey: typeof file['twinKey'] === 'string' ? file['twinKey'] : null,
                  twinSketch: String(file['twinSketch'] ?? ''),
                }
              : null,
        });
      }
      return indexed;
    },

    async put(report, file, reportSections, staleSectionIds) {
      changed = true;
      sections.push(...reportSections);
      stale.push(...staleSectionIds);
      reports.push({ report, file });
      // Measured: a section's JSON is about 16 bytes per character of text (text, bigram terms,
      // unit codes); the estimate decides when to flush, so it bounds the memory a batch holds.
      for (const section of reportSections) buffered += section.text.length * 16 + 1_000;
      if (buffered >= batchBytes) await flush();
    },

    async remove(gone) {
      if (gone.length === 0) return;
      changed = true;
      await flush();
      const sectionIds = gone.flatMap((r) => r.sectionIds);
      if (sectionIds.length > 0) {
        await waitFor(
          'delete sections',
          await call('delete sections', async () => client.index(names.sections).deleteDocuments(sectionIds)),
        );
      }
      await waitFor(
        'delete reports',
        await call('delete reports', async () => client.index(names.reports).deleteDocuments(gone.map((r) => r.reportId))),
      );
      await waitFor(
        'delete file records',
        await call('delete file records', async () => client.index(names.files).deleteDocuments(gone.map((r) => r.reportId))),
      );
    },

    async finish() {
      await flush();
      while (pending.length > 0) await pending.shift();
      writeReadyReports();
      while (reportWrites.length > 0) await reportWrites.shift();
      if (!changed) return;
      // Searches may rely on per-section phrase records only when every report has them.
      const outdated = (await call('count outdated reports', () =>
        client.index(names.reports).search('', { limit: 0, filter: `formatVersion != ${quoteFilterValue(DOCUMENT_FORMAT_VERSION)}` }),
      )) as { estimatedTotalHits?: number };
      const generation = {
        id: GENERATION_DOCUMENT_ID,
        value: `${new Date().toISOString()} ${randomUUID()}`,
        formatVersion: (outdated.estimatedTotalHits ?? 0) === 0 ? DOCUMENT_FORMAT_VERSION : 'mixed',
      };
      await waitFor(
        'record the index generation',
        await call('record the index generation', async () => client.index(names.meta).addDocuments([generation])),
      );
    },
  };
}
