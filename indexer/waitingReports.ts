// Report documents and file records waiting for their sections, kept in a file instead of memory.
// Why: at 1M sections about 10,000 reports wait at any time (their sections' batches sit in
// Meilisearch's queue, writeBatches.ts), and each held its report document as a JSON string: about
// 7,000 characters, stored by V8 with two bytes a character because the title is Chinese, and as a
// rope of JSON.stringify's pieces. A heap snapshot of a 15,000-report run found them holding about
// 180 MiB of its 410 MiB. Here a batch of them costs one small record until it is sent.
//
// The file is unlinked as soon as it is opened: the descriptor keeps it readable, and the system
// frees its space when the process ends, however it ends, so a crashed run leaves nothing behind.
// It only grows (one write per batch, about 7 KB a report), and starts again from the beginning
// whenever nothing is waiting.
import { mkdir, mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  private handle: Promise<FileHandle> | null = null;
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
    const handle = await this.file();
    await writeFully(handle, reports, offset);
    await writeFully(handle, files, offset + reports.length);
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
    const handle = this.handle;
    this.handle = null;
    this.end = 0;
    this.waiting = 0;
    if (handle) await (await handle).close();
  }

  private async read(batches: readonly WaitingBatch[], range: (batch: WaitingBatch) => [number, number]): Promise<string> {
    const handle = await this.file();
    const parts: Buffer[] = [];
    for (const batch of batches) {
      const [position, length] = range(batch);
      const part = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(part, done, length - done, position + done);
        if (bytesRead === 0) throw new Error(`the waiting reports file ended early at byte ${position + done}; index again`);
        done += bytesRead;
      }
      parts.push(part);
    }
    return Buffer.concat(parts).toString('utf8');
  }

  private file(): Promise<FileHandle> {
    this.handle ??= (async () => {
      const made = async () => {
        await mkdir(this.folder, { recursive: true });
        return mkdtemp(join(this.folder, '.waiting-reports-'));
      };
      const folder = await made().catch((error: unknown) => {
        throw new Error(
          `cannot make the file for reports waiting for their sections in ${this.folder} (${String(error)}); make that folder writable or set DATA_DIR to one that is`,
        );
      });
      try {
        const path = join(folder, 'reports.ndjson');
        const handle = await open(path, 'w+');
        await rm(path);
        return handle;
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    })();
    return this.handle;
  }
}

async function writeFully(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}
