// Where the indexer's own time goes: each stage of the pipeline timed in this process on a sample
// of the corpus (every k-th file), in the order run.ts calls them. The publish stage is not here;
// Meilisearch's side comes from its batch timings.
import { toSimplified } from '../../core/simplify.js';
import { parseStatistics } from '../../core/statistics/parse.js';
import { legacyMeasures } from '../../core/statistics/prose.js';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { clean } from '../../indexer/clean.js';
import { decode } from '../../indexer/decode.js';
import { buildReportDocument, buildSectionDocuments } from '../../indexer/documents.js';
import { findStatedSource, formatOfFileName, resolveProvenance } from '../../indexer/provenance.js';
import { createKeyTermExtractor } from '../../indexer/keyTerms.js';
import type { ListedFile } from '../../indexer/listFiles.js';
import { extractMetadata } from '../../indexer/metadata.js';
import { contentHashOf, reportIdOf } from '../../indexer/reportId.js';
import { splitSections } from '../../indexer/sections.js';
import type { Report } from '../../core/report.js';
import { rawSectionDocuments } from './baselineDocuments.js';

const keyTerms = createKeyTermExtractor();

export const PROFILED_STAGES = [
  'read',
  'hash',
  'decode',
  'clean',
  'metadata',
  'sections',
  'statistics',
  'documents',
  'keyTerms',
  'serialise',
] as const;
export type ProfiledStage = (typeof PROFILED_STAGES)[number];

export interface StageProfile {
  reports: number;
  sections: number;
  sourceBytes: number;
  /** Milliseconds per stage over the whole sample. */
  stageMs: Record<ProfiledStage, number>;
  /** JSON sent to Meilisearch for the sample's section documents, ours and the raw baseline's. */
  documentJsonBytes: number;
  rawJsonBytes: number;
}

export async function profileStages(files: ListedFile[], sampleSize: number): Promise<StageProfile> {
  const step = Math.max(1, Math.floor(files.length / Math.max(1, sampleSize)));
  const stageMs = Object.fromEntries(PROFILED_STAGES.map((stage) => [stage, 0])) as Record<ProfiledStage, number>;
  const profile: StageProfile = { reports: 0, sections: 0, sourceBytes: 0, stageMs, documentJsonBytes: 0, rawJsonBytes: 0 };
  let jiebaMs = 0;
  const timedKeyTerms = (text: string) => {
    const started = performance.now();
    const terms = keyTerms(text);
    jiebaMs += performance.now() - started;
    return terms;
  };
  const time = <T>(stage: ProfiledStage, run: () => T): T => {
    const started = performance.now();
    const value = run();
    stageMs[stage] += performance.now() - started;
    return value;
  };

  for (let i = 0; i < files.length && profile.reports < sampleSize; i += step) {
    const file = files[i]!;
    const readStarted = performance.now();
    const bytes = await readFile(file.absolutePath);
    stageMs.read += performance.now() - readStarted;
    const contentHash = time('hash', () => contentHashOf(bytes));
    const fileName = basename(file.path);
    let decoded: ReturnType<typeof decode>;
    try {
      decoded = time('decode', () => decode(bytes, fileName));
    } catch {
      continue;
    }
    // What the file states about its origin is read from the text before cleaning: timed with it.
    const [cleaned, stated] = time('clean', () => [clean(decoded), findStatedSource(decoded.text, decoded.isHtml)] as const);
    const metadata = time('metadata', () => extractMetadata(cleaned, fileName));
    const sections = time('sections', () => splitSections(cleaned.text));
    // Tables and prose totals, as readReport reads them (issue #11: at most 10% of indexing time).
    const simplified = time('statistics', () => toSimplified(cleaned.text));
    const statistics = time('statistics', () => parseStatistics(simplified));
    const report: Report = {
      reportId: reportIdOf(file.absolutePath),
      source: file.path,
      contentHash,
      encoding: decoded.encoding,
      pages: null,
      ocr: false,
      provenance: resolveProvenance({
        manifest: null,
        stated,
        extracted: { format: formatOfFileName(fileName) ?? (decoded.isHtml ? 'html' : 'txt'), sourceUrl: null },
      }),
      metadata,
      sections,
      statistics,
      legacyMeasures: statistics === null ? legacyMeasures(simplified) : [],
    };
    jiebaMs = 0;
    const documents = time('documents', () => buildSectionDocuments(report, { keyTerms: timedKeyTerms }));
    stageMs.documents -= jiebaMs;
    stageMs.keyTerms += jiebaMs;
    const json = time(
      'serialise',
      () =>
        JSON.stringify(documents) +
        JSON.stringify(
          buildReportDocument(
            report,
            documents.map((d) => d.id),
            new Date(),
          ),
        ),
    );
    profile.documentJsonBytes += Buffer.byteLength(json);
    profile.rawJsonBytes += Buffer.byteLength(JSON.stringify(rawSectionDocuments(report)));
    profile.reports++;
    profile.sections += documents.length;
    profile.sourceBytes += bytes.length;
  }
  return profile;
}
