// The two baselines' inputs, built from the same text stages the indexer runs (readReport), so all
// three sides see the same sections:
//   - raw section documents, for pushing straight into Meilisearch with default settings;
//   - one line per section in the normalised form (unit keys), for grep.
import { sectionIdOf } from '../../indexer/documents.js';
import type { Report, Section, ReportSummary } from '../../core/report.js';
import { toUnits, unitKey } from '../../core/units.js';

/** A section as a plain Meilisearch document: the report fields a user sees, none of ours. */
export type RawSectionDocument = Pick<ReportSummary, 'reportId' | 'title' | 'organ' | 'province' | 'level' | 'year'> &
  Pick<Section, 'sectionType' | 'heading' | 'text'> & { id: string };

/** The raw document's fields: what a plain index of the reports holds (sizeBreakdown's yardstick too). */
export const RAW_SECTION_FIELDS = [
  'id',
  'reportId',
  'title',
  'organ',
  'province',
  'level',
  'year',
  'sectionType',
  'heading',
  'text',
] as const satisfies ReadonlyArray<keyof RawSectionDocument>;

export function rawSectionDocuments(report: Report): RawSectionDocument[] {
  const m = report.metadata;
  return report.sections.map((section) => ({
    id: sectionIdOf(report.reportId, section.ordinal),
    reportId: report.reportId,
    title: m.title,
    organ: m.organ,
    province: m.province,
    level: m.level,
    year: m.year,
    sectionType: section.sectionType,
    heading: section.heading,
    text: section.text,
  }));
}

/**
 * A section as grep sees it: heading key, a tab, text key. Unit keys hold no tab or newline, so a
 * phrase's key can match within the heading or within the text, never across them, and
 * `grep -F -c key` counts exactly the sections the phrase matches.
 */
export function grepLine(section: Section): string {
  return `${unitKey(toUnits(section.heading))}\t${unitKey(toUnits(section.text))}`;
}
