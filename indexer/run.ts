// An index run: list files → read bytes → text stages → documents → publish, and a summary in which
// every file appears exactly once (new, updated, unchanged, or skipped with its reason). Parsing
// lives in the stages; this file only orders them and keeps the books.
import { readFile } from 'node:fs/promises';
import { basename, sep } from 'node:path';
import { DecodeError } from './decode.js';
import { buildReportDocument, buildSectionDocuments, hasOversizedSections } from './documents.js';
import { listFiles, type SkippedPath } from './listFiles.js';
import type { IndexedReport, Publisher } from './publisher.js';
import { readManifests, type ManifestSummary } from './readManifests.js';
import { NotAReportError, readReport } from './readReport.js';
import { contentHashOf, reportIdOf } from './reportId.js';
import { DOCUMENT_FORMAT_VERSION, manifestKeyOf } from '../search/schema.js';

export interface IndexOptions {
  /** Delete reports whose files are gone from the folders given. */
  prune: boolean;
  /** Files larger than this are skipped (a report is never this big; a dump or a binary often is). */
  maxFileBytes: number;
}

export interface IndexDependencies {
  publisher: Publisher;
  keyTerms: (simplifiedText: string) => string[];
  clock?: () => Date;
  /** Reads a file's bytes; node:fs by default. */
  readBytes?: (absolutePath: string) => Promise<Uint8Array>;
  /** Called once per file read, for a progress bar. */
  onProgress?: (done: number, total: number, path: string) => void;
}

export type SkipCode =
  | SkippedPath['code']
  | 'empty'
  | 'binary'
  | 'undecodable'
  | 'too-large'
  | 'duplicate'
  | 'not-a-report';

export interface IndexSummary {
  /** Report files given (manifests are not counted: they are metadata). */
  files: number;
  new: string[];
  updated: string[];
  unchanged: string[];
  skipped: Array<{ path: string; code: SkipCode; reason: string }>;
  /** Reports whose files are gone; deleted when `pruned` is true. */
  stale: string[];
  pruned: boolean;
  /** Section documents written in this run. */
  sections: number;
  /** Section documents found without their report (an interrupted earlier run) and removed. */
  orphansRemoved: number;
  warnings: Array<{ path: string; warning: string }>;
  /** Sidecar manifests read (manifest.csv, manifest.tsv): rows used and what is wrong with them. */
  manifests: ManifestSummary[];
  elapsedMs: number;
}

export async function runIndex(inputs: string[], options: IndexOptions, deps: IndexDependencies): Promise<IndexSummary> {
  const clock = deps.clock ?? (() => new Date());
  const readBytes = deps.readBytes ?? ((path: string) => readFile(path));
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
    warnings: [],
    manifests: manifests.summaries,
    elapsedMs: 0,
  };

  await deps.publisher.prepare();
  const indexed = await deps.publisher.indexedReports();
  // Sections without a report document are left by a run interrupted before it wrote the report:
  // remove them so that every report is in the index once, with exactly its own sections.
  summary.orphansRemoved = await deps.publisher.removeOrphanSections(indexed);
  // Content seen under another path: the first path (in sorted order) is kept, later ones skipped.
  const pathOfContent = new Map<string, string>();
  for (const report of indexed.values()) pathOfContent.set(report.contentHash, report.absolutePath);
  const present = new Set<string>();

  let done = 0;
  for (const file of listing.files) {
    deps.onProgress?.(done++, listing.files.length, file.path);
    const reportId = reportIdOf(file.absolutePath);
    present.add(reportId);
    if (file.size > options.maxFileBytes) {
      summary.skipped.push({
        path: file.path,
        code: 'too-large',
        reason: `${file.path} is ${(file.size / 1e6).toFixed(1)} MB, over the ${(options.maxFileBytes / 1e6).toFixed(0)} MB limit (raise it with --max-file-mb)`,
      });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBytes(file.absolutePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      summary.skipped.push({ path: file.path, code: 'unreadable', reason: `cannot read ${file.path}: ${code} (check its permissions)` });
      continue;
    }
    const contentHash = contentHashOf(bytes);
    const manifest = manifests.provenanceOf(file.absolutePath);
    const previous = indexed.get(reportId);
    if (
      previous &&
      previous.contentHash === contentHash &&
      previous.formatVersion === DOCUMENT_FORMAT_VERSION &&
      previous.file?.contentHash === contentHash &&
      previous.file.manifestKey === manifestKeyOf(manifest)
    ) {
      summary.unchanged.push(file.path);
      continue;
    }
    const keeper = pathOfContent.get(contentHash);
    if (keeper !== undefined && keeper !== file.absolutePath && keeper !== '') {
      summary.skipped.push({ path: file.path, code: 'duplicate', reason: `same content as ${keeper}; indexed once` });
      continue;
    }
    pathOfContent.set(contentHash, file.absolutePath);

    let report;
    try {
      // Users see the path below the folder given, never where the folder is on this machine.
      report = readReport(bytes, { reportId, source: file.relativePath, fileName: basename(file.path), contentHash, manifest });
    } catch (error) {
      if (error instanceof DecodeError || error instanceof NotAReportError) {
        summary.skipped.push({ path: file.path, code: error.code, reason: error.message });
        if (previous) summary.stale.push(file.path);
        continue;
      }
      throw error;
    }
    if (hasOversizedSections(report)) {
      report.metadata.warnings.push('a section longer than about a million characters was indexed as several parts');
    }
    const sections = buildSectionDocuments(report, { keyTerms: deps.keyTerms });
    const sectionIds = sections.map((s) => s.id);
    const staleSectionIds = (previous?.sectionIds ?? []).filter((id) => !sectionIds.includes(id));
    await deps.publisher.put(
      buildReportDocument(report, sectionIds, clock()),
      { id: reportId, absolutePath: file.absolutePath, contentHash, manifestKey: manifestKeyOf(manifest) },
      sections,
      staleSectionIds,
    );
    summary.sections += sections.length;
    (previous ? summary.updated : summary.new).push(file.path);
    for (const warning of report.metadata.warnings) summary.warnings.push({ path: file.path, warning });
  }
  deps.onProgress?.(done, listing.files.length, '');

  const gone = [...indexed.values()].filter((report) => !present.has(report.reportId) && isUnder(report.absolutePath, listing.roots));
  summary.stale.push(...gone.map((r) => r.absolutePath));
  if (options.prune && gone.length > 0) {
    await deps.publisher.remove(gone);
    summary.pruned = true;
  }
  await deps.publisher.finish();
  summary.elapsedMs = Date.now() - started;
  return summary;
}

function isUnder(path: string, roots: string[]): boolean {
  return roots.some((root) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep));
}

export type { IndexedReport };
