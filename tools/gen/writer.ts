// Writes a corpus to disk as it is generated: one file per report in folders of 1000, and
// MANIFEST.tsv through a small buffer. Report files are written asynchronously, a bounded number
// at a time: creating a file costs about a millisecond of waiting on a virtual disk, which the
// thread pool overlaps with generating the next reports; memory stays bounded however many
// reports there are.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFile, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedReport } from './report.js';

export const MANIFEST = 'MANIFEST.tsv';
export const MANIFEST_COLUMNS = ['file', 'encoding', 'year', 'province', 'level', 'organKind', 'organ'] as const;
export const FILES_PER_FOLDER = 1000;

export type OutputDirectoryErrorCode = 'OUT_NOT_EMPTY' | 'OUT_NOT_A_CORPUS';

export class OutputDirectoryError extends Error {
  override readonly name = 'OutputDirectoryError';
  constructor(
    readonly code: OutputDirectoryErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Makes `dir` ready for a new corpus: created if missing, emptied only if it holds an earlier corpus and `replace` is set. */
function prepare(dir: string, replace: boolean): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!replace) {
      throw new OutputDirectoryError(
        'OUT_NOT_EMPTY',
        `${dir} is not empty: choose a new directory, or pass --force to replace the corpus in it`,
      );
    }
    if (!existsSync(join(dir, MANIFEST))) {
      throw new OutputDirectoryError(
        'OUT_NOT_A_CORPUS',
        `${dir} has no ${MANIFEST}, so it is not a generated corpus; refusing to delete it: choose a new directory`,
      );
    }
    rmSync(dir, { recursive: true });
  }
  mkdirSync(dir, { recursive: true });
}

const FLUSH_CHARS = 64 * 1024;
const MAX_PENDING_WRITES = 64;

export class CorpusWriter {
  private readonly manifest: number;
  private manifestBuffer = '';
  private folder = '';
  private writing = 0;
  private wake: (() => void) | null = null;
  private failure: unknown = null;
  private readonly indexWidth: number;
  private readonly folderWidth: number;
  private readonly written = { files: 0, bytes: 0 };

  /** Opens `dir` for a corpus of `reports` files (the count sets how wide the numbers in names are). */
  constructor(
    private readonly dir: string,
    reports: number,
    replace: boolean,
  ) {
    prepare(dir, replace);
    this.indexWidth = Math.max(6, String(Math.max(0, reports - 1)).length);
    this.folderWidth = Math.max(3, String(Math.floor(Math.max(0, reports - 1) / FILES_PER_FOLDER)).length);
    this.manifest = openSync(join(dir, MANIFEST), 'w');
    this.manifestBuffer = `${MANIFEST_COLUMNS.join('\t')}\n`;
  }

  /** The path of report `index` relative to the corpus directory: 000/000123_2016-county-gov.txt. */
  pathOf(index: number, report: GeneratedReport): string {
    const folder = String(Math.floor(index / FILES_PER_FOLDER)).padStart(this.folderWidth, '0');
    return `${folder}/${String(index).padStart(this.indexWidth, '0')}_${report.slug}.${report.extension}`;
  }

  /** Starts writing the report; resolves once fewer than MAX_PENDING_WRITES writes are under way. */
  async write(index: number, report: GeneratedReport): Promise<void> {
    const file = this.pathOf(index, report);
    const folder = file.slice(0, file.indexOf('/'));
    if (folder !== this.folder) {
      mkdirSync(join(this.dir, folder), { recursive: true });
      this.folder = folder;
    }
    // The callback API: about half the CPU per file of fs/promises' FileHandle-based writeFile.
    this.writing += 1;
    writeFile(join(this.dir, file), report.bytes, (error) => {
      if (error) this.failure ??= error;
      this.writing -= 1;
      const wake = this.wake;
      this.wake = null;
      wake?.();
    });

    const { encoding, year, province, level, organKind, organ } = report.facts;
    this.manifestBuffer += `${[file, encoding, year, province, level, organKind, organ].join('\t')}\n`;
    if (this.manifestBuffer.length >= FLUSH_CHARS) this.flush();
    this.written.files += 1;
    this.written.bytes += report.bytes.length;

    if (this.writing >= MAX_PENDING_WRITES) await this.oneWriteDone();
    if (this.failure !== null) throw this.failure;
  }

  /** Files and bytes handed to write() so far. */
  get totals(): { files: number; bytes: number } {
    return { ...this.written };
  }

  private oneWriteDone(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private flush(): void {
    writeSync(this.manifest, this.manifestBuffer);
    this.manifestBuffer = '';
  }

  /** Waits for the last writes and closes MANIFEST.tsv; throws the first write error, if any. */
  async close(): Promise<void> {
    while (this.writing > 0) await this.oneWriteDone();
    this.flush();
    closeSync(this.manifest);
    if (this.failure !== null) throw this.failure;
  }
}
