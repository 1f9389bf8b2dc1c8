// The text stages in order, for one file's extracted text: clean → metadata → sections, and where
// the report came from. Pure: the orchestrator reads the bytes, extracts the text (extract.ts) and
// decides what to do with the result.
import { clean } from './clean.js';
import type { SourceText } from './formats/types.js';
import { extractMetadata } from './metadata.js';
import { findStatedSource, resolveProvenance, type ManifestProvenance } from './provenance.js';
import { shapeOf } from './reportShape.js';
import { splitSections } from './sections.js';
import { toSimplified } from '../core/simplify.js';
import { parseStatistics } from '../core/statistics/parse.js';
import { legacyMeasures } from '../core/statistics/prose.js';
import type { Report } from '../core/report.js';

export interface ReportSource {
  reportId: string;
  /** The path shown to users: relative to the folder given to the indexer, / separators. */
  source: string;
  fileName: string;
  contentHash: string;
  /** What a sidecar manifest says about the file, if one does. */
  manifest?: ManifestProvenance | null;
}

/** Thrown when a decoded, cleaned text is not a disclosure report at all. */
export class NotAReportError extends Error {
  override readonly name = 'NotAReportError';
  constructor(
    message: string,
    /** `compilation`: several reports in one file (reportShape.ts), skipped so that each counts once when indexed alone. */
    readonly code: 'not-a-report' | 'compilation' = 'not-a-report',
  ) {
    super(message);
  }
}

// Every annual report names what it reports on; a text with none of these is something else
// (a news page, a list of links) and would only add noise to counts.
const REPORT_MARKERS = ['信息公开', '信息公開', '政务公开', '政務公開', '年度报告', '年度報告', '年报', '年報'];

export function readReport(extracted: SourceText, source: ReportSource): Report {
  const cleaned = clean(extracted);
  const head = cleaned.text.slice(0, 50_000);
  if (!REPORT_MARKERS.some((marker) => head.includes(marker))) {
    throw new NotAReportError(
      `${source.fileName} does not look like a 政府信息公开 annual report (none of 信息公开, 政务公开, 年度报告 appear)`,
    );
  }
  const shape = shapeOf(cleaned.text);
  if (shape.kind === 'listing') {
    throw new NotAReportError(
      `${source.fileName} looks like a list of reports (${shape.entries} lines name a report, hardly a sentence): index the reports themselves`,
    );
  }
  if (shape.kind === 'no-sentences') {
    throw new NotAReportError(`${source.fileName} has no sentence (no 。 or ；): not the text of an annual report`);
  }
  if (shape.kind === 'compilation') {
    const named = shape.reports
      .slice(0, 3)
      .map((t) => `${t.organ}${t.year}`)
      .join('、');
    throw new NotAReportError(
      `${source.fileName} holds ${shape.reports.length} reports (${named}${shape.reports.length > 3 ? '…' : ''}): a compilation counts as one; split it into one file per report`,
      'compilation',
    );
  }
  // The path as given (relative to the folder indexed): a report saved under its title names its body there.
  const metadata = extractMetadata(cleaned, source.source);
  const sections = splitSections(cleaned.text);
  // The tables and prose totals are read from the whole cleaned text, folded to simplified
  // characters (their labels are matched in simplified Chinese).
  const simplified = toSimplified(cleaned.text);
  const statistics = parseStatistics(simplified);
  const provenance = resolveProvenance({
    manifest: source.manifest ?? null,
    stated: findStatedSource(extracted.text, extracted.isHtml),
    extracted: { format: extracted.format, sourceUrl: extracted.sourceUrl },
  });
  const warnings = [...extracted.warnings, ...metadata.warnings];
  if (sections.length <= 1) warnings.push('no numbered headings found: the report is one section');
  return {
    reportId: source.reportId,
    source: source.source,
    contentHash: source.contentHash,
    encoding: extracted.encoding,
    pages: extracted.pages,
    ocr: extracted.ocr,
    provenance,
    metadata: { ...metadata, warnings },
    sections,
    statistics,
    legacyMeasures: statistics === null ? legacyMeasures(simplified) : [],
  };
}
