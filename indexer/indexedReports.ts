// What the index already holds, per report: its content hash, format version, file record and twin
// data. The run compares each file with it to skip what is unchanged and remove what is gone.
import type { FileDocument, IndexNames } from '../index/schema.js';
import type { MeiliTasks } from './meiliTasks.js';
import type { TwinRecord } from './twins.js';

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
  /** The warnings recorded when the report was read, so a re-run's summary still lists them for an unchanged file. */
  warnings: string[];
  /**
   * Held by a shard other than its own (the number of shards changed, indexer/shardedPublisher.ts):
   * written again, to its own shard, even when its file is unchanged.
   */
  misplaced?: true;
}

export async function readIndexedReports(tasks: MeiliTasks, names: IndexNames): Promise<Map<string, IndexedReport>> {
  // absolutePath was on report documents before the files index; read it there when a report has
  // no file document yet (getDocuments returns every stored field).
  const reports = await tasks.readAll(names.reports, [
    'id',
    'contentHash',
    'formatVersion',
    'source',
    'sectionIds',
    'absolutePath',
    'warnings',
  ]);
  const fileFields = ['id', 'absolutePath', 'contentHash', 'manifestKey', 'textHash', 'twinKey', 'twinSketch'];
  const files = new Map((await tasks.readAll(names.files, fileFields)).map((doc) => [String(doc['id']), doc]));
  const indexed = new Map<string, IndexedReport>();
  for (const doc of reports) {
    const reportId = String(doc['id']);
    indexed.set(reportId, indexedReportOf(reportId, doc, files.get(reportId)));
  }
  return indexed;
}

/** One report's record from its stored report document and file document (absent for older indexes). */
export function indexedReportOf(reportId: string, doc: Record<string, unknown>, file: Record<string, unknown> | undefined): IndexedReport {
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return {
    reportId,
    contentHash: String(doc['contentHash']),
    formatVersion: String(doc['formatVersion'] ?? ''),
    source: String(doc['source']),
    absolutePath: String(file?.['absolutePath'] ?? doc['absolutePath'] ?? ''),
    file: file === undefined ? null : { contentHash: String(file['contentHash']), manifestKey: text(file['manifestKey']) },
    sectionIds: (doc['sectionIds'] as string[] | undefined) ?? [],
    warnings: Array.isArray(doc['warnings']) ? doc['warnings'].map(String) : [],
    twin:
      typeof file?.['textHash'] === 'string'
        ? { textHash: file['textHash'], twinKey: text(file['twinKey']), twinSketch: String(file['twinSketch'] ?? '') }
        : null,
  };
}
