// The indexer's edge to Meilisearch: indexes and settings, what is already indexed, writes and
// removals, and the index generation that tells the search its caches are stale. Batching and the
// order of writes that makes a crash safe: writeBatches.ts.
import { randomUUID } from 'node:crypto';
import {
  DOCUMENT_FORMAT_VERSION,
  GENERATION_DOCUMENT_ID,
  MOVING_DOCUMENT_ID,
  FILE_SETTINGS,
  REPORT_SETTINGS,
  SECTION_SETTINGS,
  type FileDocument,
  type IndexNames,
  type ReportDocument,
  type SectionDocument,
} from '../index/schema.js';
import { isNotFound, meiliClient } from '../index/meiliClient.js';
import { meiliTasks } from './meiliTasks.js';
import { readIndexedReports, type IndexedReport } from './indexedReports.js';
import { WaitingReports } from './waitingReports.js';
import { WriteBatches } from './writeBatches.js';
import { quoteFilterValue } from '../index/filters.js';
import type { OrganKeying } from './organAliases.js';
import { aliasFingerprintDocument, rekeyReports, storedAliasFingerprint } from './organRekey.js';

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
  /**
   * Brings the organ keys up to the alias list in force when the index was keyed with another list
   * (organRekey.ts): how many reports changed key, or null when the lists agree (nothing was read).
   * Call before the first put; finish() then marks a new generation and records the list.
   */
  rekeyOrgans(keying: OrganKeying): Promise<number | null>;
  /** Sends what is buffered, waits for every task, and marks a new index generation if anything changed. */
  finish(): Promise<void>;
  /**
   * Records that reports are being moved between shards (`since`, an ISO time), or that no move is
   * under way (null), in the meta index (MOVING_DOCUMENT_ID), and waits until Meilisearch applied it.
   * Only a sharded publisher calls it; it does not mark a new generation.
   */
  markMoving(since: string | null): Promise<void>;
}

/** Section JSON one publisher buffers before it sends a batch (MeiliPublisherOptions.batchBytes). */
export const DEFAULT_BATCH_BYTES = 16 * 1024 * 1024;

/**
 * Each shard's publisher buffers its own batch, so N full buffers would hold N times one instance's
 * sections: three shards peaked 100–110 MiB higher than with a share each (10k sections, session 17).
 * Together the shards buffer what one instance does.
 */
export function shardBatchBytes(shardCount: number): number {
  return Math.floor(DEFAULT_BATCH_BYTES / Math.max(1, shardCount));
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
  /** Where report documents wait for their sections (waitingReports.ts): DATA_DIR in a run; the system's temporary folder by default. */
  waitingFolder?: string;
}

export function createMeiliPublisher(options: MeiliPublisherOptions): Publisher {
  const client = meiliClient(options.host, options.adminKey);
  const names = options.indexes;
  const tasks = meiliTasks(client, options.host);
  const { call, waitFor } = tasks;
  const batches = new WriteBatches(
    client,
    names,
    tasks,
    {
      batchBytes: options.batchBytes ?? DEFAULT_BATCH_BYTES,
      batchesInFlight: options.batchesInFlight ?? 32,
      // A few MB of JSON: few enough tasks not to split Meilisearch's batches of sections (writeBatches.ts).
      reportsPerWrite: options.reportsPerWrite ?? 2_000,
    },
    new WaitingReports(options.waitingFolder),
  );
  // Whether this run wrote or deleted anything: only then do cached verifications go stale.
  let changed = false;
  // The alias list this run keyed with, recorded by finish() when the index had another.
  let rekeyedWith: string | null = null;

  return {
    async prepare() {
      for (const [uid, settings] of [
        [names.sections, SECTION_SETTINGS],
        [names.reports, REPORT_SETTINGS],
        [names.meta, null],
        [names.files, FILE_SETTINGS],
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
      )) as {
        facetDistribution?: Record<string, Record<string, number>>;
      };
      const withSections = response.facetDistribution?.['reportId'] ?? {};
      const orphans = Object.keys(withSections).filter((id) => !known.has(id));
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

    indexedReports: () => readIndexedReports(tasks, names),

    async rekeyOrgans(keying) {
      const stored = await storedAliasFingerprint(client, tasks, names);
      if (stored === keying.fingerprint) return null;
      // A new generation even when no key changed: a run stopped after re-keying, before its
      // generation, must still make the site drop what it remembered.
      changed = true;
      rekeyedWith = keying.fingerprint;
      return rekeyReports(client, tasks, names, keying, stored);
    },

    async put(report, file, reportSections, staleSectionIds) {
      changed = true;
      await batches.add(report, file, reportSections, staleSectionIds);
    },

    async remove(gone) {
      if (gone.length === 0) return;
      changed = true;
      await batches.flush();
      const sectionIds = gone.flatMap((r) => r.sectionIds);
      const reportIds = gone.map((r) => r.reportId);
      if (sectionIds.length > 0) {
        await waitFor(
          'delete sections',
          await call('delete sections', async () => client.index(names.sections).deleteDocuments(sectionIds)),
        );
      }
      await waitFor('delete reports', await call('delete reports', async () => client.index(names.reports).deleteDocuments(reportIds)));
      await waitFor(
        'delete file records',
        await call('delete file records', async () => client.index(names.files).deleteDocuments(reportIds)),
      );
    },

    async markMoving(since) {
      const meta = client.index(names.meta);
      await waitFor(
        'record the move between shards',
        await call('record the move between shards', async () =>
          since === null ? meta.deleteDocument(MOVING_DOCUMENT_ID) : meta.addDocuments([{ id: MOVING_DOCUMENT_ID, since }]),
        ),
      );
    },

    async finish() {
      await batches.drain();
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
      // The alias list re-keyed with, in the same task: recorded only with the generation that follows the re-key.
      const documents = rekeyedWith === null ? [generation] : [generation, aliasFingerprintDocument(rekeyedWith)];
      await waitFor(
        'record the index generation',
        await call('record the index generation', async () => client.index(names.meta).addDocuments(documents)),
      );
      rekeyedWith = null;
    },
  };
}
