// An index run: list files → read bytes → extract text → text stages → twins → documents → publish,
// and a summary in which every file appears exactly once (new, updated, unchanged, or skipped with
// its reason). Parsing lives in the stages; this file only orders them and keeps the books.
import { readFile } from 'node:fs/promises';
import { basename, extname, sep } from 'node:path';
import { DecodeError } from './decode.js';
import { buildReportDocument, buildSectionDocuments, hasOversizedSections } from './documents.js';
import { extractText } from './extract.js';
import { createFormatReader, DEFAULT_FORMAT_READER_OPTIONS, type FormatReader } from './formatReader.js';
import { ExtractError, type ExtractErrorCode } from './formats/types.js';
import { listFiles, type ListedFile, type SkippedPath } from './listFiles.js';
import type { IndexedReport } from './indexedReports.js';
import type { Publisher } from './publisher.js';
import { readManifests, type ManifestSummary } from './readManifests.js';
import { NotAReportError, readReport } from './readReport.js';
import { contentHashOf, reportIdOf } from './reportId.js';
import { TwinRegistry, type TwinMatch } from './twinRegistry.js';
import { encodeSketch, fingerprintOf, twinKeyOf, type TwinRecord } from './twins.js';
import type { Report } from '../core/report.js';
import { DOCUMENT_FORMAT_VERSION, manifestKeyOf } from '../index/schema.js';
import type { ManifestProvenance } from './provenance.js';
import type { PassageKeyer } from './passageKeys.js';
import { shippedOrganAliases, type OrganKeying } from './organAliases.js';

/** How often a run writes the passage index beside the documents it has written. */
const PASSAGE_SAVE_EVERY_MS = 60_000;

export interface IndexOptions {
  /** Delete reports whose files are gone from the folders given. */
  prune: boolean;
  /** Files larger than this are skipped (a report is never this big; a dump or a binary often is). */
  maxFileBytes: number;
  /** Time limit for reading one PDF, Word or OFD file. */
  fileTimeoutMs?: number;
  /** OCR scanned PDFs (needs Debian's tesseract-ocr, tesseract-ocr-chi-sim and poppler-utils). */
  ocr?: boolean;
  /** Read every file again, unchanged ones too: what a newer version reads better (the body, the
   *  tables) reaches the reports indexed before it without emptying the index. */
  reread?: boolean;
}

export interface IndexDependencies {
  publisher: Publisher;
  keyTerms: (simplifiedText: string) => string[];
  clock?: () => Date;
  /** Reads a file's bytes; node:fs by default. */
  readBytes?: (absolutePath: string) => Promise<Uint8Array>;
  /** Reads PDF, Word and OFD files; a worker thread with the options' time limit by default. */
  formatReader?: FormatReader;
  /** Called once per file read, for a progress bar. */
  onProgress?: (done: number, total: number, path: string) => void;
  /** Gives each section's passages their keys (issue #14); none: sections are written without them. */
  passages?: PassageKeyer;
  /** The alias list in force for organ keys (ORGAN_ALIASES_FILE, organAliases.ts); the shipped list by default. */
  organKeying?: OrganKeying;
  /** Where the run keeps on disk what it would otherwise hold in memory (DATA_DIR); the system's temp folder by default. */
  scratchFolder?: string;
}

export type SkipCode =
  | SkippedPath['code']
  | ExtractErrorCode
  | 'empty'
  | 'binary'
  | 'undecodable'
  | 'too-large'
  | 'duplicate'
  | 'not-a-report'
  | 'compilation';

export interface SkippedFile {
  path: string;
  code: SkipCode;
  reason: string;
  /** For a duplicate: the path of the copy that is indexed. */
  duplicateOf?: string;
}

export interface IndexSummary {
  /** Report files given (manifests are not counted: they are metadata). */
  files: number;
  new: string[];
  updated: string[];
  unchanged: string[];
  skipped: SkippedFile[];
  /** Reports whose files are gone; deleted when `pruned` is true. */
  stale: string[];
  pruned: boolean;
  /** Section documents written in this run. */
  sections: number;
  /** Section documents found without their report (an interrupted earlier run) and removed. */
  orphansRemoved: number;
  /** Reports given a new organ key because the alias list changed since the index was keyed (no
   *  file read for it); null when the list is the one the index was keyed with. */
  organsRekeyed: number | null;
  warnings: Array<{ path: string; warning: string }>;
  /** Sidecar manifests read (manifest.csv, manifest.tsv): rows used and what is wrong with them. */
  manifests: ManifestSummary[];
  elapsedMs: number;
  /** Time spent keying passages (issue #14), included in elapsedMs; absent without passage keys. */
  passageMs?: number;
}

export async function runIndex(inputs: string[], options: IndexOptions, deps: IndexDependencies): Promise<IndexSummary> {
  const clock = deps.clock ?? (() => new Date());
  const readBytes = deps.readBytes ?? ((path: string) => readFile(path));
  const formatReader = deps.formatReader ?? createFormatReader(readerOptions(options));
  const started = Date.now();
  const listing = await listFiles(inputs);
  const manifests = await readManifests(listing.manifests);
  const summary: IndexSummary = {
    files: listing.files.length + listing.skipped.length,
    new: [],
    updated: [],
    unchanged: [],
    skipped: listing.skipped.map((s) => ({ ...s })),
    stale: [],
    pruned: false,
    sections: 0,
    orphansRemoved: 0,
    organsRekeyed: null,
    warnings: [],
    manifests: manifests.summaries,
    elapsedMs: 0,
  };

  await deps.publisher.prepare();
  const indexed = await deps.publisher.indexedReports();
  // Sections without a report document are left by a run interrupted before it wrote the report:
  // remove them so that every report is in the index once, with exactly its own sections.
  summary.orphansRemoved = await deps.publisher.removeOrphanSections(indexed);
  // Before any report is written: those written below are keyed with the same list.
  const organKeying = deps.organKeying ?? shippedOrganAliases();
  summary.organsRekeyed = await deps.publisher.rekeyOrgans(organKeying);
  // Content seen under another path: the copy read first (reading order, below) is kept, later ones skipped.
  const pathOfContent = new Map<string, string>();
  for (const report of indexed.values()) pathOfContent.set(report.contentHash, report.absolutePath);
  const present = new Set(listing.files.map((file) => reportIdOf(file.absolutePath)));
  // Without the passage index of earlier runs, their reports' keys would not be found again: the
  // reports given are keyed again (read anew even when unchanged); others keep theirs (README).
  const rekey = deps.passages?.startedEmpty != null && indexed.size > 0;
  const readAgain = rekey || (options.reread ?? false);
  // Kept from the start and then every minute, not only at the end: a run killed outright
  // (SIGKILL, power) leaves an index that knows most of what it wrote, not none of it.
  await deps.passages?.save();
  let savedAt = Date.now();
  if (rekey) {
    summary.warnings.push({
      path: '',
      warning: `the passage index was ${deps.passages?.startedEmpty === 'missing' ? 'missing' : 'made by another version'}: the reports given are read again to key their passages; reports of other folders keep their keys until indexed again`,
    });
  }
  const twins = new TwinRegistry(deps.scratchFolder);
  const files = inReadingOrder(listing.files);
  let done = 0;
  try {
    for (const report of indexed.values()) if (present.has(report.reportId)) registerIndexed(twins, report);
    for (const file of files) {
      deps.onProgress?.(done++, files.length, file.path);
      const reportId = reportIdOf(file.absolutePath);
      const previous = indexed.get(reportId);
      const manifest = manifests.provenanceOf(file.absolutePath);
      const outcome = await readOne(file, reportId, previous, manifest, {
        options,
        readBytes,
        formatReader,
        pathOfContent,
        twins,
        readAgain,
      });
      if (outcome.kind === 'unchanged') {
        summary.unchanged.push(file.path);
        // Not read again, but its warnings still hold: the summary of every run lists them.
        for (const warning of previous?.warnings ?? []) summary.warnings.push({ path: file.path, warning });
        continue;
      }
      if (outcome.kind === 'skipped') {
        summary.skipped.push(outcome.skipped);
        if (previous && outcome.skipped.code === 'duplicate') {
          // Indexed by an earlier run (before its twin was): its documents go, so the report counts once.
          twins.remove(reportId);
          await deps.publisher.remove([previous]);
        } else if (previous) summary.stale.push(file.path);
        continue;
      }
      const { report, twin } = outcome;
      if (hasOversizedSections(report)) {
        report.metadata.warnings.push('a section longer than about a million characters was indexed as several parts');
      }
      const sections = buildSectionDocuments(report, { keyTerms: deps.keyTerms, organKeying });
      deps.passages?.key(report, sections);
      if (deps.passages && Date.now() - savedAt > PASSAGE_SAVE_EVERY_MS) {
        await deps.passages.save();
        savedAt = Date.now();
      }
      const sectionIds = sections.map((s) => s.id);
      const staleSectionIds = (previous?.sectionIds ?? []).filter((id) => !sectionIds.includes(id));
      await deps.publisher.put(
        buildReportDocument(report, sectionIds, clock(), organKeying),
        { id: reportId, absolutePath: file.absolutePath, contentHash: report.contentHash, manifestKey: manifestKeyOf(manifest), ...twin },
        sections,
        staleSectionIds,
      );
      summary.sections += sections.length;
      (previous ? summary.updated : summary.new).push(file.path);
      for (const warning of report.metadata.warnings) summary.warnings.push({ path: file.path, warning });
    }
  } finally {
    twins.close();
    if (!deps.formatReader) await formatReader.close();
    // Also after a failure: the documents already written carry keys the next run must know.
    await deps.passages?.save();
  }
  deps.onProgress?.(done, files.length, '');

  const gone = [...indexed.values()].filter((report) => !present.has(report.reportId) && isUnder(report.absolutePath, listing.roots));
  summary.stale.push(...gone.map((r) => r.absolutePath));
  if (options.prune && gone.length > 0) {
    await deps.publisher.remove(gone);
    summary.pruned = true;
  }
  await deps.publisher.finish();
  summary.elapsedMs = Date.now() - started;
  if (deps.passages) summary.passageMs = Math.round(deps.passages.elapsedMs);
  return summary;
}

type FileOutcome = { kind: 'unchanged' } | { kind: 'skipped'; skipped: SkippedFile } | { kind: 'read'; report: Report; twin: TwinRecord };

interface ReadContext {
  options: IndexOptions;
  readBytes: (absolutePath: string) => Promise<Uint8Array>;
  formatReader: FormatReader;
  pathOfContent: Map<string, string>;
  twins: TwinRegistry;
  /** Read unchanged files again (their passages need keys, or --reread). */
  readAgain: boolean;
}

/** One file from its bytes to a Report, or why it is unchanged or skipped. */
async function readOne(
  file: ListedFile,
  reportId: string,
  previous: IndexedReport | undefined,
  manifest: ManifestProvenance | null,
  context: ReadContext,
): Promise<FileOutcome> {
  const skip = (code: SkipCode, reason: string, duplicateOf?: string): FileOutcome => ({
    kind: 'skipped',
    skipped: duplicateOf === undefined ? { path: file.path, code, reason } : { path: file.path, code, reason, duplicateOf },
  });
  if (file.size > context.options.maxFileBytes) {
    const mb = (bytes: number): string => (bytes / 1e6).toFixed(bytes < 1e6 ? 1 : 0);
    return skip(
      'too-large',
      `${file.path} is ${mb(file.size)} MB, over the ${mb(context.options.maxFileBytes)} MB limit (raise it with --max-file-mb)`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await context.readBytes(file.absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return skip('unreadable', `cannot read ${file.path}: ${code} (check its permissions)`);
  }
  const contentHash = contentHashOf(bytes);
  if (
    previous &&
    !context.readAgain &&
    !previous.misplaced &&
    previous.contentHash === contentHash &&
    previous.formatVersion === DOCUMENT_FORMAT_VERSION &&
    previous.file?.contentHash === contentHash &&
    previous.file.manifestKey === manifestKeyOf(manifest)
  ) {
    return { kind: 'unchanged' };
  }
  const keeper = context.pathOfContent.get(contentHash);
  if (keeper !== undefined && keeper !== file.absolutePath && keeper !== '') {
    return skip('duplicate', `duplicate-of ${keeper}: the same bytes; indexed once`, keeper);
  }
  context.pathOfContent.set(contentHash, file.absolutePath);

  let report: Report;
  try {
    const text = await extractText(bytes, basename(file.path), context.formatReader);
    // Users see the path below the folder given, never where the folder is on this machine.
    report = readReport(text, { reportId, source: file.relativePath, fileName: basename(file.path), contentHash, manifest });
  } catch (error) {
    if (error instanceof DecodeError || error instanceof NotAReportError || error instanceof ExtractError) {
      return skip(error.code, error.message);
    }
    throw error;
  }
  const fingerprint = fingerprintOf(report);
  const twinKey = twinKeyOf(report.metadata);
  const twin = context.twins.twinOf(reportId, fingerprint, twinKey);
  if (twin) return skip('duplicate', twinReason(twin), twin.kept.source);
  const record: TwinRecord = { textHash: fingerprint.textHash, twinKey, twinSketch: encodeSketch(fingerprint) };
  context.twins.add({ reportId, source: file.path, ...record });
  return { kind: 'read', report, twin: record };
}

function twinReason(twin: TwinMatch): string {
  const kept = `duplicate-of ${twin.kept.source}`;
  if (twin.evidence === null) return `${kept}: the same text (another encoding, format or line wrapping); that copy is indexed`;
  const percent = (x: number): string => `${Math.round(x * 100)}%`;
  return `${kept}: the same organ and year, ${percent(twin.evidence.words)} of the same wording and ${percent(twin.evidence.numbers)} of the same numbers; that copy is indexed`;
}

function registerIndexed(twins: TwinRegistry, report: IndexedReport): void {
  if (!report.twin) return;
  // The summary is the user's own terminal: a kept copy from an earlier run is named by where it is.
  twins.add({ reportId: report.reportId, source: report.absolutePath || report.source, ...report.twin });
}

// Within one run, twins keep the copy read most exactly: text and HTML as written, then DOCX
// (Word's own structure), then the fixed-layout formats whose lines are rebuilt (PDF, OFD), then
// the legacy binary formats; sorted path order within each.
const READING_ORDER: Readonly<Record<string, number>> = {
  '.txt': 0,
  '.text': 0,
  '.md': 0,
  '.html': 0,
  '.htm': 0,
  '.shtml': 0,
  '.xhtml': 0,
  '.docx': 1,
  '.pdf': 2,
  '.ofd': 3,
  '.doc': 4,
  '.wps': 4,
};

function inReadingOrder(files: readonly ListedFile[]): ListedFile[] {
  const rank = (file: ListedFile): number => READING_ORDER[extname(file.path).toLowerCase()] ?? 5;
  return files
    .map((file, index) => ({ file, index, rank: rank(file) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.file);
}

function readerOptions(options: IndexOptions): typeof DEFAULT_FORMAT_READER_OPTIONS {
  const ocr = options.ocr ?? false;
  // OCR reads a page in seconds: a scanned report needs minutes, not the default minute.
  const timeoutMs = options.fileTimeoutMs ?? (ocr ? 20 * DEFAULT_FORMAT_READER_OPTIONS.timeoutMs : DEFAULT_FORMAT_READER_OPTIONS.timeoutMs);
  return { ...DEFAULT_FORMAT_READER_OPTIONS, timeoutMs, ocr };
}

function isUnder(path: string, roots: string[]): boolean {
  return roots.some((root) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep));
}
