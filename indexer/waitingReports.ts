// Report documents and file records waiting for their sections, kept in a file instead of memory.
// Why: at 1M sections about 10,000 reports wait at any time (their sections' batches sit in
// Meilisearch's queue, writeBatches.ts), and each held its report document as a JSON string: about
// 7,000 characters, stored by V8 with two bytes a character because the title is Chinese, and as a
// rope of JSON.stringify's pieces. A heap snapshot of a 15,000-report run found them holding about
// 180 MiB of its 410 MiB. Here a batch of them costs one small record until it is sent.
//
// The file is a scratch file (scratchFile.ts): unlinked at once, so a crashed run leaves nothing
// behind. It only grows (one write per batch, about 7 KB a report), and starts again from the beginning
// whenever nothing is waiting.
import { close, read, write } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { openScratchFile } from './scratchFile.js';

const readAt = promisify(read);
const writeAt = promisify(write);
const closeFile = promisify(close);

/** One report's two NDJSON lines: JSON.stringify output, so neither holds a raw line break. */
export interface ReportWrite {
  report: string;
  file: string;
}

/** Where a batch of waiting reports is in the file: its report lines, then its file lines. */
export interface WaitingBatch {
  readonly offset: number;
  readonly reportBytes: number;
  readonly fileBytes: number;
  readonly reports: number;
}

/** The NDJSON lines of several batches, read back for writing. */
export interface ReportLines {
  reports: string;
  files: string;
}

export class WaitingReports {
  private descriptor: number | null = null;
  private end = 0;
  private waiting = 0;

  /** `folder`: where the file is made (DATA_DIR in a run; a memory-backed /tmp would defeat it). */
  constructor(private readonly folder: string = tmpdir()) {}

  /** Writes a batch's lines to the file; what is returned reads them back. */
  async hold(writes: readonly ReportWrite[]): Promise<WaitingBatch> {
    const reports = Buffer.from(writes.map((write) => `${write.report}\n`).join(''));
    const files = Buffer.from(writes.map((write) => `${write.file}\n`).join(''));
    // The place is taken before the first await, so batches held at once never overlap.
    if (this.waiting === 0) this.end = 0;
    const offset = this.end;
    this.end += reports.length + files.length;
    this.waiting += 1;
    const descriptor = this.file();
    await writeFully(descriptor, reports, offset);
    await writeFully(descriptor, files, offset + reports.length);
    return { offset, reportBytes: reports.length, fileBytes: files.length, reports: writes.length };
  }

  /** The report lines of `batches`, read back; the batches stop waiting once their file lines are read too. */
  async reportLines(batches: readonly WaitingBatch[]): Promise<string> {
    return this.read(batches, (batch) => [batch.offset, batch.reportBytes]);
  }

  /** The file-record lines of `batches`, read back; the batches no longer wait after this. */
  async fileLines(batches: readonly WaitingBatch[]): Promise<string> {
    const lines = await this.read(batches, (batch) => [batch.offset + batch.reportBytes, batch.fileBytes]);
    this.waiting -= batches.length;
    return lines;
  }

  /** Closes the file (already unlinked: nothing is left on disk). */
  async close(): Promise<void> {
    const descriptor = this.descriptor;
    this.descriptor = null;
    this.end = 0;
    this.waiting = 0;
    if (descriptor !== null) await closeFile(descriptor);
  }

  private async read(batches: readonly WaitingBatch[], range: (batch: WaitingBatch) => [number, number]): Promise<string> {
    const descriptor = this.file();
    const parts: Buffer[] = [];
    for (const batch of batches) {
      const [position, length] = range(batch);
      const part = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await readAt(descriptor, part, done, length - done, position + done);
        if (bytesRead === 0) throw new Error(`the waiting reports file ended early at byte ${position + done}; index again`);
        done += bytesRead;
      }
      parts.push(part);
    }
    return Buffer.concat(parts).toString('utf8');
  }

  private file(): number {
    this.descriptor ??= openScratchFile(this.folder, 'the file for reports waiting for their sections');
    return this.descriptor;
  }
}

async function writeFully(descriptor: number, bytes: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await writeAt(descriptor, bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}
