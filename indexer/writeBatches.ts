// Section documents buffered and sent in large batches, with their reports written only once their
// sections are in.
//
// Replacing a report: its new section documents are added in one task and its stale section ids
// deleted in the task right after; Meilisearch batches consecutive additions and deletions of one
// index into one batch, applied in one transaction. The report document is written only after its
// sections succeeded, so an interrupted run leaves the old content hash behind and the next run
// redoes the report (DESIGN.md, "Crash safety"). The file record goes right after its report
// document: a report is unchanged only when both agree, so a crash in between is redone too.
import type { EnqueuedTask, Meilisearch } from 'meilisearch';
import type { FileDocument, IndexNames, ReportDocument, SectionDocument } from '../index/schema.js';
import type { MeiliTasks } from './meiliTasks.js';
import { type ReportWrite, type WaitingBatch, WaitingReports } from './waitingReports.js';

export interface WriteBatchLimits {
  /** Flush after this many bytes of section JSON are buffered (bounds memory). */
  batchBytes: number;
  /** Sent batches whose tasks may still be waiting in Meilisearch's queue. */
  batchesInFlight: number;
  /** Report documents written per task, once their sections are indexed. */
  reportsPerWrite: number;
}

export class WriteBatches {
  private sections: SectionDocument[] = [];
  private stale: string[] = [];
  private reports: ReportWrite[] = [];
  private buffered = 0;
  private readonly pending: Array<Promise<unknown>> = [];
  /** Batches of report documents whose sections Meilisearch has indexed, to be written as one task. */
  private reportsReady: WaitingBatch[] = [];
  private readonly reportWrites: Array<Promise<void>> = [];

  /** `waiting`: where report documents wait for their sections (waitingReports.ts). */
  constructor(
    private readonly client: Meilisearch,
    private readonly names: IndexNames,
    private readonly tasks: MeiliTasks,
    private readonly limits: WriteBatchLimits,
    private readonly waiting: WaitingReports = new WaitingReports(),
  ) {}

  async add(report: ReportDocument, file: FileDocument, sections: SectionDocument[], staleSectionIds: string[]): Promise<void> {
    this.sections.push(...sections);
    this.stale.push(...staleSectionIds);
    this.reports.push({ report: JSON.stringify(report), file: JSON.stringify(file) });
    // Measured: a section's JSON is about 16 bytes per character of text (text, bigram terms,
    // unit codes); the estimate decides when to flush, so it bounds the memory a batch holds.
    for (const section of sections) this.buffered += section.text.length * 16 + 1_000;
    if (this.buffered >= this.limits.batchBytes) await this.flush();
  }

  /** Sends what is buffered; waits only while more than `batchesInFlight` batches are in Meilisearch's queue. */
  async flush(): Promise<void> {
    if (this.sections.length === 0 && this.stale.length === 0 && this.reports.length === 0) return;
    const { call, waitFor } = this.tasks;
    let batchSections = this.sections;
    let batchStale = this.stale;
    let batchReports = this.reports;
    this.sections = [];
    this.stale = [];
    this.reports = [];
    this.buffered = 0;
    const sectionsIndex = this.client.index(this.names.sections);
    // Only task uids outlive the requests: the section documents are garbage as soon as they are sent.
    const added = batchSections.length > 0 ? await call('add sections', async () => sectionsIndex.addDocuments(batchSections)) : null;
    const deleted =
      batchStale.length > 0 ? await call('delete stale sections', async () => sectionsIndex.deleteDocuments(batchStale)) : null;
    // The report documents wait on disk, not in memory (waitingReports.ts).
    const waitingBatch = batchReports.length > 0 ? await this.waiting.hold(batchReports) : null;
    // V8 keeps variables that any closure here mentions alive as long as any of these closures
    // lives; `done` below lives until Meilisearch finishes, so drop the documents explicitly.
    batchSections = [];
    batchStale = [];
    batchReports = [];
    // Report documents only after their sections are in. They are written in groups: Meilisearch
    // works through the queue one index at a time, so every report task between two section tasks
    // splits what would have been one batch of sections (measured at 1M sections: batches of 3
    // section tasks alternating with 2-second report batches).
    const done = (async () => {
      if (added) await waitFor('add sections', added);
      if (deleted) await waitFor('delete stale sections', deleted);
      if (waitingBatch) this.reportsReady.push(waitingBatch);
      const ready = this.reportsReady.reduce((sum, batch) => sum + batch.reports, 0);
      if (ready >= this.limits.reportsPerWrite) this.writeReadyReports();
    })();
    // Awaited below or in drain(); the no-op handler keeps an early failure from being "unhandled".
    done.catch(() => undefined);
    this.pending.push(done);
    // A sent batch costs the indexer next to nothing (its report documents wait on disk), and
    // section tasks that wait in Meilisearch's queue are merged into one batch there: one merge and
    // commit instead of many, whose cost grows with the index. Measured on 107k sections: 2 in
    // flight, 74 batches and 223 s; 8, 21 batches and 164 s; 32, 15 batches and 137 s (128: the
    // same). The bound keeps a fast indexer from queueing more than a few hundred MB of documents
    // in Meilisearch.
    while (this.pending.length > this.limits.batchesInFlight) await this.pending.shift();
  }

  /** Sends everything and waits until every section, report and file record is in. */
  async drain(): Promise<void> {
    await this.flush();
    while (this.pending.length > 0) await this.pending.shift();
    this.writeReadyReports();
    while (this.reportWrites.length > 0) await this.reportWrites.shift();
    await this.waiting.close();
  }

  private writeReadyReports(): void {
    if (this.reportsReady.length === 0) return;
    const batch = this.reportsReady;
    this.reportsReady = [];
    const written = (async () => {
      // File records last: a crash in between leaves records that disagree with the reports, which
      // the next run therefore writes again. Each list of lines is read back from the waiting file
      // just before it is sent and is garbage once Meilisearch has taken it, not when the task ends.
      const { waitFor } = this.tasks;
      await waitFor('add reports', await this.sendLines('add reports', this.names.reports, () => this.waiting.reportLines(batch)));
      await waitFor('add file records', await this.sendLines('add file records', this.names.files, () => this.waiting.fileLines(batch)));
    })();
    // Awaited in drain(); the no-op handler keeps an early failure from being "unhandled".
    written.catch(() => undefined);
    this.reportWrites.push(written);
  }

  // Reads NDJSON lines and sends them to an index, giving the task. Its own function so that the
  // lines go with its frame: a suspended async function keeps its variables, and the caller waits
  // for the task, which takes as long as Meilisearch's queue.
  private async sendLines(what: string, index: string, read: () => Promise<string>): Promise<EnqueuedTask> {
    const lines = await read();
    return this.tasks.call(what, async () => this.client.index(index).addDocumentsFromString(lines, 'application/x-ndjson'));
  }
}
