// The corpus-wide passage index: every report's passages, each distinct normalised passage stored
// once, found again by its exact key or, for near-repeats, by MinHash LSH (passages.ts). Answers:
//  - which other reports and bodies share this passage (exactly or nearly), and how similar;
//  - which near-repeat group (cluster) it belongs to, so a search can count each distinct passage once;
//  - how much of a report is its own, from the same body's previous report, shared with other
//    bodies, or template wording (template.ts).
//
// Sizing (measured by tools/corpusAnalysis.ts; core/corpus/README.md has the figures):
//  - per distinct passage 53 bytes of typed arrays (exact key 8, signature 32, cluster 4, first
//    occurrence 4, pattern 1, visit stamp 4) and 9 chain entries (1 exact + 8 bands) at 4 bytes of
//    links and 2–4 of bucket heads each (bucketChains.ts; the keys are recomputed, not stored); per
//    occurrence 8 bytes, plus 8 in its report's arrays. The arrays grow by pages (pagedArray.ts).
//  - no O(n²) step: adding a passage costs one exact lookup and at most 64 signature comparisons
//    (256 for a query) in its LSH buckets; a query costs that plus the size of its answer.
//
// Invariants:
//  - passage ids and cluster ids are dense integers in insertion order; the same reports added in the
//    same order give the same ids (callers sort their input: by year, then reportId).
//  - a passage's cluster is fixed when it is first seen: the cluster of the first near-repeat found
//    among at most 64 candidates, else its own id. Clusters only serve counting; "shared with"
//    answers always compare the passage itself, never through a chain of clusters.
import { BucketChains } from './bucketChains.js';
import { PagedArray } from './pagedArray.js';
import {
  bandKey,
  bandKeys,
  exactKey,
  exactKeyHex,
  MIN_PASSAGE_CHARS,
  minhashSignature,
  NEAR_REPEAT,
  signatureSimilarity,
  splitPassages,
} from './passages.js';
import { isWidespread, TEMPLATE_PATTERNS, WIDESPREAD_RULE, type TemplatePattern, type WidespreadRule } from './template.js';
import type { CorpusReport } from './types.js';

export interface PassageIndexOptions {
  /** Folding before comparison the caller owns (traditional → simplified). */
  fold?: (text: string) => string;
  /** Shortest passage kept (passages.ts MIN_PASSAGE_CHARS). */
  minChars?: number;
  /** At most 255 (a passage's pattern is kept in one byte). */
  templatePatterns?: readonly TemplatePattern[];
  widespread?: WidespreadRule;
  /** Most signatures compared for one lookup: bounds the cost of a wording shared by thousands. */
  maxCandidates?: number;
}

/** Thrown when a report id is added twice: the index would count its passages twice. */
export class DuplicateReportError extends Error {
  override readonly name = 'DuplicateReportError';
  constructor(readonly reportId: string) {
    super(`report ${reportId} is already in the passage index`);
  }
}

/** One passage of an added report, for the caller to store beside the section in the search index. */
export interface IndexedPassage {
  sectionIndex: number;
  /** Offsets into the section's text. */
  start: number;
  end: number;
  /** The distinct normalised passage. */
  passageId: number;
  /** The near-repeat group: count distinct clusters to count each distinct passage once. */
  clusterId: number;
  /** The passage's exact key as 13 hex digits: the same text gives the same key in any index. */
  passageKey: string;
  /** The exact key of the passage that started the cluster: an id for the group that survives a
   *  rebuild from the same reports in the same order (what a search index should store). */
  clusterKey: string;
  /** The template pattern it matches, if any (template.ts). */
  templatePattern: string | null;
}

/** A report sharing a passage, and how. */
export interface SharingReport {
  reportId: string;
  organKey: string;
  province: string | null;
  year: number | null;
  /** 'exact': equal after normalisation; 'near': estimated similarity ≥ NEAR_REPEAT.threshold. */
  match: 'exact' | 'near';
  similarity: number;
  passageId: number;
}

/** Who shares a passage: "这段文字也出现在 N 份报告中（M 个机关）" with N = reports.length. */
export interface PassageSharing {
  passageId: number;
  reports: SharingReport[];
  /** Distinct bodies among `reports`. */
  organs: number;
  /** Distinct provinces among `reports` and the asking report (for the template rule). */
  provinces: number;
}

const NONE = -1;
// The key a passage is chained by: the low 30 bits of its 52-bit exact key.
const exactChainKey = (key: number): number => key % 0x40000000;
const SNAPSHOT_VERSION = 1;

/** Thrown when a snapshot was made with other parameters than the index reading it. */
export class IncompatibleSnapshotError extends Error {
  override readonly name = 'IncompatibleSnapshotError';
  constructor(
    readonly stored: string,
    readonly expected: string,
  ) {
    super(`the passage index snapshot was made with other parameters (${stored}) than this index uses (${expected}); rebuild it`);
  }
}

/** PassageIndex.snapshot's output: flat arrays and one record a report. Each array is given as
 *  consecutive parts (the index's pages, or one array read from a file): write them end to end. */
export interface PassageIndexSnapshot {
  version: number;
  /** The parameters the signatures and labels depend on (PassageIndex.restore checks them). */
  fingerprint: string;
  keys: readonly Float64Array[];
  signatures: readonly Uint8Array[];
  clusters: readonly Int32Array[];
  firstOccurrence: readonly Int32Array[];
  patterns: readonly Uint8Array[];
  occurrenceReport: readonly Int32Array[];
  occurrenceNext: readonly Int32Array[];
  reports: Array<Omit<StoredReport, 'organ'>>;
}

/** Elements in an array given as parts. */
export const partsLength = (parts: readonly { length: number }[]): number => parts.reduce((sum, part) => sum + part.length, 0);
// Candidates compared when a new passage looks for its cluster (see clusterFor).
const CLUSTER_CANDIDATES = 64;
const DEFAULT_MAX_CANDIDATES = 256;

function fingerprintOf(minChars: number, templatePatterns: readonly TemplatePattern[]): string {
  const { shingle, hashes, bands, rows, bits } = NEAR_REPEAT;
  const patterns = templatePatterns.map((p) => `${p.id}=${p.pattern.source}`).join(';');
  // A snapshot of 16-bit signatures (before session 22) has no `b`: it is refused and rebuilt.
  return `minhash ${shingle}/${hashes}/${bands}x${rows} b${bits} min ${minChars} patterns ${exactKeyHex(exactKey(patterns))}`;
}

/**
 * What keying a passage depends on (keyPassages: the thresholds and the template patterns, by id,
 * with the fingerprint a snapshot is checked against), for exports to record. Without options,
 * those of the product's indexer (indexer/passageKeys.ts passes only `fold`).
 */
export function keyingParameters(options: PassageIndexOptions = {}): Record<string, number | string> {
  const minChars = options.minChars ?? MIN_PASSAGE_CHARS;
  const templatePatterns = options.templatePatterns ?? TEMPLATE_PATTERNS;
  return {
    minChars,
    shingle: NEAR_REPEAT.shingle,
    hashes: NEAR_REPEAT.hashes,
    bands: NEAR_REPEAT.bands,
    rows: NEAR_REPEAT.rows,
    signatureBits: NEAR_REPEAT.bits,
    nearThreshold: NEAR_REPEAT.threshold,
    maxCandidates: options.maxCandidates ?? DEFAULT_MAX_CANDIDATES,
    clusterCandidates: CLUSTER_CANDIDATES,
    templatePatterns: templatePatterns.map((p) => p.id).join(' '),
    fingerprint: fingerprintOf(minChars, templatePatterns),
  };
}

export class PassageIndex {
  private readonly options: Required<Omit<PassageIndexOptions, 'fold'>> & Pick<PassageIndexOptions, 'fold'>;
  // Distinct passages (growable typed arrays, `count` in use).
  private count = 0;
  private keys: PagedArray<Float64Array> = new PagedArray(newFloat64);
  private signatures: PagedArray<Uint8Array> = new PagedArray(newUint8, NEAR_REPEAT.hashes);
  private clusters: PagedArray<Int32Array> = new PagedArray(newInt32);
  private firstOccurrence: PagedArray<Int32Array> = new PagedArray(newInt32);
  private patterns: PagedArray<Uint8Array> = new PagedArray(newUint8);
  // Visit marks for candidate lookups (forEachCandidate).
  private stamps: PagedArray<Int32Array> = new PagedArray(newInt32);
  private stamp = 0;
  // Passages chained by exact key, and (passage, band) slots — slot = passage × bands + band — by band key.
  private exactChains = new BucketChains((passageId) => this.exactHead(passageId));
  private bandChains = new BucketChains((slot) => this.bandKeyOfSlot(slot), 1024 * NEAR_REPEAT.bands);
  // Occurrences: a passage's occurrences are a chain from firstOccurrence through occurrenceNext.
  private occurrences = 0;
  private occurrenceReport: PagedArray<Int32Array> = new PagedArray(newInt32);
  private occurrenceNext: PagedArray<Int32Array> = new PagedArray(newInt32);
  // Reports.
  private readonly reportIndex = new Map<string, number>();
  private readonly reports: StoredReport[] = [];
  private readonly organIds = new Map<string, number>();
  private readonly reportsOfOrgan: number[][] = [];

  /** Everything the index holds, as flat arrays and plain records, for the caller to write to disk
   *  (typed arrays as bytes, the rest as JSON) and restore in the next run instead of re-adding
   *  every report. Arrays are copies, one part each, cut to what is in use; with `{ copy: false }`
   *  they are views of the index's own pages, valid only until the index changes: for writing at
   *  once. A run writes every minute, and at 1M sections a copy is about 500 MB held for the write. */
  snapshot(options: { copy?: boolean } = {}): PassageIndexSnapshot {
    const copy = options.copy ?? true;
    const cut = <T extends Int32Array | Uint32Array | Float64Array | Uint16Array | Uint8Array>(array: PagedArray<T>, items: number): T[] =>
      copy ? [array.copy(items)] : array.views(items);
    const n = this.count;
    return {
      version: SNAPSHOT_VERSION,
      fingerprint: this.fingerprint(),
      keys: cut(this.keys, n),
      signatures: cut(this.signatures, n),
      clusters: cut(this.clusters, n),
      firstOccurrence: cut(this.firstOccurrence, n),
      patterns: cut(this.patterns, n),
      occurrenceReport: cut(this.occurrenceReport, this.occurrences),
      occurrenceNext: cut(this.occurrenceNext, this.occurrences),
      reports: this.reports.map(({ reportId, organKey, province, year, passageIds, passageChars }) => ({
        reportId,
        organKey,
        province,
        year,
        passageIds: copy ? passageIds.slice() : passageIds,
        passageChars: copy ? passageChars.slice() : passageChars,
      })),
    };
  }

  /** An index from a snapshot, built with the same options (thresholds, template patterns); throws
   *  IncompatibleSnapshotError when they differ, since the stored signatures and labels would not
   *  match what the index now computes. */
  static restore(snapshot: PassageIndexSnapshot, options: PassageIndexOptions = {}): PassageIndex {
    const index = new PassageIndex(options);
    if (snapshot.version !== SNAPSHOT_VERSION || snapshot.fingerprint !== index.fingerprint()) {
      throw new IncompatibleSnapshotError(snapshot.fingerprint, index.fingerprint());
    }
    const n = partsLength(snapshot.keys);
    index.count = n;
    index.keys = PagedArray.from(newFloat64, 1, snapshot.keys);
    index.signatures = PagedArray.from(newUint8, NEAR_REPEAT.hashes, snapshot.signatures);
    index.clusters = PagedArray.from(newInt32, 1, snapshot.clusters);
    index.firstOccurrence = PagedArray.from(newInt32, 1, snapshot.firstOccurrence);
    index.patterns = PagedArray.from(newUint8, 1, snapshot.patterns);
    index.stamps.ensure(n);
    // The chains are rebuilt from the keys and signatures, in id order: the same chains as grown.
    index.exactChains = BucketChains.rebuilt((passageId) => index.exactHead(passageId), n);
    index.bandChains = BucketChains.rebuilt((slot) => index.bandKeyOfSlot(slot), n * NEAR_REPEAT.bands);
    index.occurrences = partsLength(snapshot.occurrenceReport);
    index.occurrenceReport = PagedArray.from(newInt32, 1, snapshot.occurrenceReport);
    index.occurrenceNext = PagedArray.from(newInt32, 1, snapshot.occurrenceNext);
    for (const report of snapshot.reports) {
      let organ = index.organIds.get(report.organKey);
      if (organ === undefined) {
        organ = index.reportsOfOrgan.length;
        index.organIds.set(report.organKey, organ);
        index.reportsOfOrgan.push([]);
      }
      (index.reportsOfOrgan[organ] as number[]).push(index.reports.length);
      index.reportIndex.set(report.reportId, index.reports.length);
      index.reports.push({
        ...report,
        organ,
        passageIds: Int32Array.from(report.passageIds),
        passageChars: Uint32Array.from(report.passageChars),
      });
    }
    return index;
  }

  // What a snapshot must agree on to be read back: the fingerprint parameters and pattern ids.
  private fingerprint(): string {
    return fingerprintOf(this.options.minChars, this.options.templatePatterns);
  }

  constructor(options: PassageIndexOptions = {}) {
    if ((options.templatePatterns?.length ?? 0) > 255) throw new RangeError('at most 255 template patterns (one byte a passage)');
    this.options = {
      fold: options.fold,
      minChars: options.minChars ?? MIN_PASSAGE_CHARS,
      templatePatterns: options.templatePatterns ?? TEMPLATE_PATTERNS,
      widespread: options.widespread ?? WIDESPREAD_RULE,
      maxCandidates: options.maxCandidates ?? DEFAULT_MAX_CANDIDATES,
    };
  }

  /** Adds a report's passages. The organ key is `report.organKey`, else the organ's name. */
  addReport(report: CorpusReport): IndexedPassage[] {
    if (this.reportIndex.has(report.reportId)) throw new DuplicateReportError(report.reportId);
    const reportNo = this.reports.length;
    const organKey = report.organKey ?? report.organ;
    let organ = this.organIds.get(organKey);
    if (organ === undefined) {
      organ = this.reportsOfOrgan.length;
      this.organIds.set(organKey, organ);
      this.reportsOfOrgan.push([]);
    }
    const passages = this.keyPassages(report);
    for (const passage of passages) this.addOccurrence(passage.passageId, reportNo);
    const ids = passages.map((p) => p.passageId);
    const chars = passages.map((p) => p.end - p.start);
    this.reportIndex.set(report.reportId, reportNo);
    this.reports.push({
      reportId: report.reportId,
      organKey,
      organ,
      province: report.province,
      year: report.year,
      passageIds: Int32Array.from(ids),
      passageChars: Uint32Array.from(chars),
    });
    (this.reportsOfOrgan[organ] as number[]).push(reportNo);
    return passages;
  }

  /** The keys of a report's passages, storing new distinct passages (and their clusters) but no
   *  occurrence and no report record: what a search index needs, where the counting is done by the
   *  search engine over the documents that hold the keys. Idempotent: a report keyed again (an
   *  unchanged or re-indexed file) adds nothing for the passages already seen. */
  keyPassages(report: Pick<CorpusReport, 'organ' | 'sections' | 'maskTerms'>): IndexedPassage[] {
    const passages: IndexedPassage[] = [];
    const split = { minChars: this.options.minChars, mask: report.maskTerms ?? [report.organ], fold: this.options.fold };
    report.sections.forEach((section, sectionIndex) => {
      for (const span of splitPassages(section.text, split)) {
        const passageId = this.intern(span.normalised);
        const pattern = this.patterns.get(passageId);
        passages.push({
          sectionIndex,
          start: span.start,
          end: span.end,
          passageId,
          clusterId: this.clusters.get(passageId),
          passageKey: exactKeyHex(this.keys.get(passageId)),
          clusterKey: exactKeyHex(this.keys.get(this.clusters.get(passageId))),
          templatePattern: pattern === 0 ? null : (this.options.templatePatterns[pattern - 1]?.id ?? null),
        });
      }
    });
    return passages;
  }

  /** The reports other than `exceptReportId` that contain the passage or a near-repeat of it. */
  sharing(passageId: number, exceptReportId?: string): PassageSharing {
    const reports: SharingReport[] = [];
    this.forEachSharingReport(passageId, exceptReportId, (report) => {
      reports.push(report);
      return true;
    });
    reports.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || (a.reportId < b.reportId ? -1 : a.reportId > b.reportId ? 1 : 0));
    const provinces = new Set(reports.map((r) => r.province ?? ''));
    const asking = exceptReportId === undefined ? undefined : this.reportPassages(exceptReportId);
    if (asking) provinces.add(asking.province ?? '');
    provinces.delete('');
    return { passageId, reports, organs: new Set(reports.map((r) => r.organKey)).size, provinces: provinces.size };
  }

  /** Visits each report other than `exceptReportId` that has the passage (exactly: first) or a
   *  near-repeat of it, once, until `visit` returns false: for answers that need only the first
   *  few of a wording thousands of reports share. */
  forEachSharingReport(passageId: number, exceptReportId: string | undefined, visit: (report: SharingReport) => boolean): void {
    this.checkPassage(passageId);
    const except = exceptReportId === undefined ? NONE : (this.reportIndex.get(exceptReportId) ?? NONE);
    const seen = new Set<number>();
    const walk = (id: number, match: 'exact' | 'near', similarity: number): boolean => {
      for (let o = this.firstOccurrence.get(id); o !== NONE; o = this.occurrenceNext.get(o)) {
        const reportNo = this.occurrenceReport.get(o);
        if (reportNo === except || seen.has(reportNo)) continue;
        seen.add(reportNo);
        const stored = this.reports[reportNo] as StoredReport;
        const going = visit({
          reportId: stored.reportId,
          organKey: stored.organKey,
          province: stored.province,
          year: stored.year,
          match,
          similarity,
          passageId: id,
        });
        if (!going) return false;
      }
      return true;
    };
    if (!walk(passageId, 'exact', 1)) return;
    for (const near of this.nearRepeats(passageId)) if (!walk(near.passageId, 'near', near.similarity)) return;
  }

  /** The near-repeat group of a passage (its id when it started the group). */
  clusterOf(passageId: number): number {
    this.checkPassage(passageId);
    return this.clusters.get(passageId);
  }

  /** A report's passages as stored (ids and lengths, in order), for shares.ts. */
  reportPassages(reportId: string): StoredReport | undefined {
    const reportNo = this.reportIndex.get(reportId);
    return reportNo === undefined ? undefined : this.reports[reportNo];
  }

  /** The latest report of the same body from an earlier year, if the index holds one. */
  previousReport(reportId: string): StoredReport | undefined {
    const reportNo = this.reportIndex.get(reportId);
    if (reportNo === undefined) return undefined;
    const report = this.reports[reportNo] as StoredReport;
    if (report.year === null) return undefined;
    let best: StoredReport | undefined;
    for (const other of this.reportsOfOrgan[report.organ] as number[]) {
      const candidate = this.reports[other] as StoredReport;
      if (candidate.year === null || candidate.year >= report.year) continue;
      if (!best || (best.year as number) < candidate.year) best = candidate;
    }
    return best;
  }

  /** The template pattern a passage matches, if any. */
  templatePatternOf(passageId: number): TemplatePattern | null {
    this.checkPassage(passageId);
    const pattern = this.patterns.get(passageId);
    return pattern === 0 ? null : (this.options.templatePatterns[pattern - 1] ?? null);
  }

  /** Whether a passage shared by these many bodies and provinces (the asking report's included)
   *  is template wording by the widespread rule. */
  isWidespread(organs: number, provinces: number): boolean {
    return isWidespread(organs, provinces, this.options.widespread);
  }

  /** Counts and the bytes the index holds (typed arrays and tables; report records not included). */
  stats(): IndexStats {
    const bytes =
      this.keys.bytes +
      this.signatures.bytes +
      this.clusters.bytes +
      this.firstOccurrence.bytes +
      this.patterns.bytes +
      this.stamps.bytes +
      this.exactChains.bytes +
      this.bandChains.bytes +
      this.occurrenceReport.bytes +
      this.occurrenceNext.bytes;
    let clusters = 0;
    for (let p = 0; p < this.count; p++) if (this.clusters.get(p) === p) clusters++;
    return { reports: this.reports.length, distinctPassages: this.count, occurrences: this.occurrences, clusters, bytes };
  }

  /** The parameters the index was built with, for exports ("exports carry the parameters"). */
  parameters(): Record<string, number | string> {
    return {
      ...keyingParameters(this.options),
      templateMinOrgans: this.options.widespread.minOrgans,
      templateMinProvinces: this.options.widespread.minProvinces,
      reports: this.reports.length,
      distinctPassages: this.count,
    };
  }

  /** Near-repeats of a stored passage (not itself): verified candidates from its LSH buckets. */
  nearRepeats(passageId: number): Array<{ passageId: number; similarity: number }> {
    this.checkPassage(passageId);
    const page = this.signatures.page(passageId);
    const offset = this.signatures.offset(passageId);
    const found: Array<{ passageId: number; similarity: number }> = [];
    this.forEachCandidate(bandKeys(page, offset), this.options.maxCandidates, (candidate) => {
      if (candidate === passageId) return true;
      const similarity = signatureSimilarity(page, this.signatures.page(candidate), offset, this.signatures.offset(candidate));
      if (similarity >= NEAR_REPEAT.threshold) found.push({ passageId: candidate, similarity });
      return true;
    });
    return found.sort((a, b) => b.similarity - a.similarity || a.passageId - b.passageId);
  }

  private checkPassage(passageId: number): void {
    if (!Number.isInteger(passageId) || passageId < 0 || passageId >= this.count) {
      throw new RangeError(`no passage ${passageId} in the index (it holds ${this.count})`);
    }
  }

  // Calls `visit` once for each distinct passage in the LSH buckets of `keys`, newest first (chains
  // are prepended to), until it returns false or `limit` passages were visited. Visited passages are
  // marked with a fresh stamp rather than put in a Set: no allocation per lookup.
  private forEachCandidate(keys: readonly number[], limit: number, visit: (passageId: number) => boolean): void {
    const { bands } = NEAR_REPEAT;
    if (this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    let visited = 0;
    for (let band = 0; band < bands; band++) {
      const key = keys[band] as number;
      for (let slot = this.bandChains.first(key); slot !== NONE; slot = this.bandChains.next(slot)) {
        if (this.bandKeyOfSlot(slot) !== key) continue;
        const candidate = (slot / bands) | 0;
        if (this.stamps.get(candidate) === stamp) continue;
        if (visited++ >= limit) return;
        this.stamps.set(candidate, stamp);
        if (!visit(candidate)) return;
      }
    }
  }

  // The id of a normalised passage, stored if new.
  private intern(normalised: string): number {
    const key = exactKey(normalised);
    const signature = minhashSignature(normalised);
    for (let p = this.exactChains.first(exactChainKey(key)); p !== NONE; p = this.exactChains.next(p)) {
      // A 52-bit key collision must also agree on all 32 MinHash values to merge two passages.
      if (this.keys.get(p) === key && this.similarityTo(signature, p) === 1) return p;
    }
    const id = this.count;
    this.ensurePassageCapacity(id + 1);
    this.count++;
    this.keys.set(id, key);
    this.signatures.page(id).set(signature, this.signatures.offset(id));
    this.firstOccurrence.set(id, NONE);
    this.exactChains.add(this.exactHead(id));
    const pattern = this.options.templatePatterns.findIndex((p) => p.pattern.test(normalised));
    this.patterns.set(id, pattern + 1);
    const keys = bandKeys(signature);
    this.clusters.set(id, this.clusterFor(signature, keys, id));
    for (let band = 0; band < NEAR_REPEAT.bands; band++) this.bandChains.add(keys[band] as number);
    return id;
  }

  // The chain key of a stored passage.
  private exactHead(passageId: number): number {
    return exactChainKey(this.keys.get(passageId));
  }

  // The estimated similarity of a signature and a stored passage's.
  private similarityTo(signature: Uint8Array, passageId: number): number {
    return signatureSimilarity(this.signatures.page(passageId), signature, this.signatures.offset(passageId), 0);
  }

  // The band key of a (passage, band) slot, recomputed from the stored signature.
  private bandKeyOfSlot(slot: number): number {
    const { bands } = NEAR_REPEAT;
    const passageId = (slot / bands) | 0;
    return bandKey(this.signatures.page(passageId), this.signatures.offset(passageId), slot - passageId * bands);
  }

  // The cluster of the first near-repeat found (newest first, in band order), else a new one.
  // First rather than best: a best needs every candidate, and in a bucket a wording shares with
  // thousands of variants that is what made indexing slow down as the corpus grew.
  private clusterFor(signature: Uint8Array, keys: readonly number[], id: number): number {
    let cluster = id;
    this.forEachCandidate(keys, CLUSTER_CANDIDATES, (candidate) => {
      if (this.similarityTo(signature, candidate) < NEAR_REPEAT.threshold) return true;
      cluster = this.clusters.get(candidate);
      return false;
    });
    return cluster;
  }

  private addOccurrence(passageId: number, reportNo: number): void {
    this.occurrenceReport.ensure(this.occurrences + 1);
    this.occurrenceNext.ensure(this.occurrences + 1);
    const o = this.occurrences++;
    this.occurrenceReport.set(o, reportNo);
    this.occurrenceNext.set(o, this.firstOccurrence.get(passageId));
    this.firstOccurrence.set(passageId, o);
  }

  private ensurePassageCapacity(needed: number): void {
    if (needed <= this.keys.capacity) return;
    for (const array of [this.keys, this.signatures, this.clusters, this.firstOccurrence, this.patterns, this.stamps]) array.ensure(needed);
  }
}

/** A report as the index keeps it: its passages in order, with their lengths as written. */
export interface StoredReport {
  reportId: string;
  organKey: string;
  organ: number;
  province: string | null;
  year: number | null;
  passageIds: Int32Array;
  passageChars: Uint32Array;
}

export interface IndexStats {
  reports: number;
  distinctPassages: number;
  occurrences: number;
  /** Near-repeat groups: the number of distinct passages counting near-repeats once. */
  clusters: number;
  /** Bytes of the typed arrays and hash tables. */
  bytes: number;
}

const newFloat64 = (length: number) => new Float64Array(length);
const newInt32 = (length: number) => new Int32Array(length);
const newUint8 = (length: number) => new Uint8Array(length);
