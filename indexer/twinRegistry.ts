// The reports an index run has kept so far, to find the twin of each new one (twins.ts says what a
// twin is). A run keeps every report it reads, and at a million sections (100,000 reports) the
// kept reports held about 150 MB in memory: 770 bytes of sketches and 740 of strings and map
// entries a report (measured by adding 100,000 of them). Only the three lookups stay in memory
// here, keyed by report id, text hash and twin key; each kept report is one JSON line in a file,
// read back when a lookup finds it: an exact twin, or a report of the same organ and year. Most
// reports find neither, so the file is mostly written, seldom read.
//
// The file is a scratch file (scratchFile.ts): unlinked at once, gone when the process ends. Reads
// and writes are synchronous: a line is about 1.3 KB, written once per report and read only on a match.
import { closeSync, readSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openScratchFile } from './scratchFile.js';
import { decodeSketch, twinEvidence, type TextFingerprint, type TwinEvidence, type TwinRecord } from './twins.js';

/**
 * A report already kept: its twin record as the files index stores it (`twinKey` null when organ or
 * year is unknown, then only exact twins are found; `twinSketch` encoded, decoded only to compare).
 */
export interface KeptReport extends TwinRecord {
  reportId: string;
  /** How the run's summary names the kept copy. */
  source: string;
}

export interface TwinMatch {
  kept: KeptReport;
  /** null for an exact twin (the same normalised text). */
  evidence: TwinEvidence | null;
}

/** The reports kept so far: finds the twin of a new one, exact first, then near. */
export class TwinRegistry {
  // Each lookup gives the number of a line of the file; a report added again gets a new line.
  readonly #byId = new Map<string, number>();
  readonly #byHash = new Map<string, number>();
  readonly #byKey = new Map<string, number[]>();
  // Where each line starts; it ends where the next starts (the last at #end).
  readonly #offsets: number[] = [];
  #end = 0;
  #descriptor: number | null = null;

  /** `folder`: where the file is made (DATA_DIR in a run; a memory-backed /tmp would defeat it). */
  constructor(private readonly folder: string = tmpdir()) {}

  /** Keeps a report (a copy: later changes to what is given do not reach it). */
  add(report: KeptReport): void {
    this.remove(report.reportId);
    const line = this.#write(report);
    this.#byId.set(report.reportId, line);
    if (!this.#byHash.has(report.textHash)) this.#byHash.set(report.textHash, line);
    if (report.twinKey !== null) {
      const group = this.#byKey.get(report.twinKey);
      if (group) group.push(line);
      else this.#byKey.set(report.twinKey, [line]);
    }
  }

  remove(reportId: string): void {
    const line = this.#byId.get(reportId);
    if (line === undefined) return;
    const kept = this.#read(line);
    this.#byId.delete(reportId);
    if (this.#byHash.get(kept.textHash) === line) this.#byHash.delete(kept.textHash);
    if (kept.twinKey === null) return;
    const rest = (this.#byKey.get(kept.twinKey) ?? []).filter((other) => other !== line);
    if (rest.length === 0) this.#byKey.delete(kept.twinKey);
    else this.#byKey.set(kept.twinKey, rest);
  }

  /** The kept twin of a report (never itself), or null. */
  twinOf(reportId: string, fingerprint: TextFingerprint, twinKey: string | null): TwinMatch | null {
    const itself = this.#byId.get(reportId);
    const exact = this.#byHash.get(fingerprint.textHash);
    if (exact !== undefined && exact !== itself) return { kept: this.#read(exact), evidence: null };
    if (twinKey === null) return null;
    let best: TwinMatch | null = null;
    for (const line of this.#byKey.get(twinKey) ?? []) {
      if (line === itself) continue;
      const kept = this.#read(line);
      const evidence = twinEvidence(decodeSketch(kept.twinSketch), fingerprint);
      if (evidence.twins && (best?.evidence == null || evidence.words > best.evidence.words)) best = { kept, evidence };
    }
    return best;
  }

  /** Closes the file (already unlinked: nothing is left on disk). The registry is empty afterwards. */
  close(): void {
    if (this.#descriptor !== null) closeSync(this.#descriptor);
    this.#descriptor = null;
    this.#byId.clear();
    this.#byHash.clear();
    this.#byKey.clear();
    this.#offsets.length = 0;
    this.#end = 0;
  }

  #write(report: KeptReport): number {
    const { reportId, source, textHash, twinKey, twinSketch } = report;
    const bytes = Buffer.from(JSON.stringify([reportId, source, textHash, twinKey, twinSketch]));
    const descriptor = this.#file();
    for (let done = 0; done < bytes.length; ) done += writeSync(descriptor, bytes, done, bytes.length - done, this.#end + done);
    this.#offsets.push(this.#end);
    this.#end += bytes.length;
    return this.#offsets.length - 1;
  }

  #read(line: number): KeptReport {
    const length = (this.#offsets[line + 1] ?? this.#end) - this.#offsets[line]!;
    const bytes = Buffer.allocUnsafe(length);
    for (let done = 0; done < length; ) {
      const read = readSync(this.#file(), bytes, done, length - done, this.#offsets[line]! + done);
      if (read === 0) throw new Error(`the kept reports' file ended early at line ${line}; index again`);
      done += read;
    }
    const [reportId, source, textHash, twinKey, twinSketch] = JSON.parse(bytes.toString('utf8')) as [
      string,
      string,
      string,
      string | null,
      string,
    ];
    return { reportId, source, textHash, twinKey, twinSketch };
  }

  #file(): number {
    this.#descriptor ??= openScratchFile(this.folder, 'the file of the reports kept for finding twins');
    return this.#descriptor;
  }
}
