// The publisher of a sharded deployment: one publisher per Meilisearch instance (shard), each
// report routed to its own shard (index/shards.ts shardOf), so every report with all its sections,
// its report document and its file record lives on exactly one shard. What decides new, unchanged,
// updated and duplicate (content hashes, twins) is read from every shard.
//
// After the number of shards changed, a report may sit on a shard that is no longer its own
// ("misplaced"). The run then reads its file again and writes it to its own shard; only when every
// shard has applied its writes (finish) is the old copy deleted: copy, verify, then delete. A run
// killed in between leaves two copies, and the next run, finding the one on its own shard
// complete, deletes the other.
//
// While two copies may exist, a count over the shards could hold a report twice. So before the first
// copy of a run is written, every shard records that reports are moving (MOVING_DOCUMENT_ID), and the
// site answers no count while any shard says so (search/meili/shards.ts); the record is cleared only
// once every old copy is deleted. A run killed in between leaves it, until a run completes the move.
import { shardOf } from '../index/shards.js';
import type { IndexedReport } from './indexedReports.js';
import type { Publisher } from './publisher.js';

export interface Shard {
  /** The shard's address, without a key: errors name it. */
  label: string;
  publisher: Publisher;
}

/**
 * How long the first moved copy waits after the move is recorded: the site reads the record at most
 * every 2 s (search/meili/metaDocuments.ts META_FRESH_MS), so by then every site has seen it.
 */
export const MOVING_NOTICE_MS = 2_500;

export function shardedPublisher(shards: readonly Shard[], options: { movingNoticeMs?: number } = {}): Publisher {
  if (shards.length === 0) throw new RangeError('a sharded publisher needs at least one shard');
  if (shards.length === 1) return shards[0]!.publisher;
  const count = shards.length;
  /** Each shard's reports, as last read by indexedReports(). */
  let perShard: Array<Map<string, IndexedReport>> = shards.map(() => new Map());
  /** Report ids written to their own shard in this run while another shard still held them. */
  const moved = new Set<string>();
  /** Whether this run recorded on every shard that reports are moving. */
  let movingRecorded = false;

  const onEvery = <T>(work: (shard: Shard, s: number) => Promise<T>): Promise<T[]> => Promise.all(shards.map((shard, s) => work(shard, s)));
  const holders = (reportId: string): number[] => perShard.flatMap((reports, s) => (reports.has(reportId) ? [s] : []));

  return {
    async prepare() {
      await onEvery((shard) => shard.publisher.prepare());
    },

    async indexedReports() {
      perShard = await onEvery((shard) => shard.publisher.indexedReports());
      const combined = new Map<string, IndexedReport>();
      for (const reports of perShard) {
        for (const reportId of reports.keys()) {
          if (combined.has(reportId)) continue;
          const home = shardOf(reportId, count);
          const own = perShard[home]!.get(reportId);
          combined.set(reportId, own ?? { ...reports.get(reportId)!, misplaced: true });
        }
      }
      return combined;
    },

    async removeOrphanSections() {
      // Per shard: a section is an orphan when its report document is not on the same shard.
      const removed = await onEvery((shard, s) => shard.publisher.removeOrphanSections(perShard[s]!));
      return removed.reduce((sum, n) => sum + n, 0);
    },

    async rekeyOrgans(keying) {
      // Each shard keeps the list its own reports were keyed with.
      const counts = await onEvery((shard) => shard.publisher.rekeyOrgans(keying));
      return counts.every((n) => n === null) ? null : counts.reduce<number>((sum, n) => sum + (n ?? 0), 0);
    },

    async put(report, file, sections, staleSectionIds) {
      const home = shardOf(report.id, count);
      const held = holders(report.id);
      if (held.some((s) => s !== home) && !movingRecorded) {
        await onEvery((shard) => shard.publisher.markMoving(new Date().toISOString()));
        await new Promise((resolve) => setTimeout(resolve, options.movingNoticeMs ?? MOVING_NOTICE_MS));
        movingRecorded = true;
      }
      // Stale section ids are the previous copy's: on another shard they are deleted with that copy.
      await shards[home]!.publisher.put(report, file, sections, held.includes(home) ? staleSectionIds : []);
      if (held.some((s) => s !== home)) moved.add(report.id);
    },

    async remove(gone) {
      const byShard = shards.map(() => [] as IndexedReport[]);
      for (const report of gone) {
        for (const s of holders(report.reportId)) byShard[s]!.push(perShard[s]!.get(report.reportId)!);
        for (const reports of perShard) reports.delete(report.reportId);
        moved.delete(report.reportId);
      }
      await onEvery((shard, s) => (byShard[s]!.length > 0 ? shard.publisher.remove(byShard[s]!) : Promise.resolve()));
    },

    async finish() {
      // Every shard's writes applied (a failure stops here, before any copy is deleted).
      await onEvery((shard) => shard.publisher.finish());
      const strays = shards.map(() => [] as IndexedReport[]);
      const seen = new Set<string>();
      for (const reports of perShard) {
        for (const reportId of reports.keys()) {
          if (seen.has(reportId)) continue;
          seen.add(reportId);
          const home = shardOf(reportId, count);
          const held = holders(reportId);
          if (!held.includes(home) && !moved.has(reportId)) continue; // its only copy: kept until it is moved
          for (const s of held) if (s !== home) strays[s]!.push(perShard[s]!.get(reportId)!);
        }
      }
      await onEvery(async (shard, s) => {
        if (strays[s]!.length === 0) return;
        await shard.publisher.remove(strays[s]!);
        await shard.publisher.finish();
      });
      // Every old copy is gone: counts are exact again. Cleared on every run, since a run killed in
      // the middle of a move left the record behind.
      await onEvery((shard) => shard.publisher.markMoving(null));
      movingRecorded = false;
    },

    async markMoving(since) {
      await onEvery((shard) => shard.publisher.markMoving(since));
    },
  };
}

/** How many reports sit on a shard other than their own (`nianbao list` says so). */
export function misplacedCount(indexed: ReadonlyMap<string, IndexedReport>): number {
  let n = 0;
  for (const report of indexed.values()) if (report.misplaced) n += 1;
  return n;
}
