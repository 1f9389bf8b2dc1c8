// From a Report to the Meilisearch documents that represent it: one per section (with the bigram
// terms exact search runs on) and one per report (listings, the report page, change detection).
import { flattenMeasures, statisticsStatus } from '../core/measures.js';
import { bigramTerms, unitCodes } from '../core/grams.js';
import {
  DOCUMENT_FORMAT_VERSION,
  measureField,
  MAX_SECTION_UNITS,
  reportKeyOf,
  TERMS_PER_ATTRIBUTE,
  TEXT_GRAM_ATTRIBUTES,
  type ReportDocument,
  type ReportFields,
  type SectionDocument,
  yearLevelOf,
  yearProvinceOf,
} from '../index/schema.js';
import { dictionaryPhrasesIn } from '../core/phraseDictionary.js';
import { sectionStream } from '../core/match.js';
import { normalizedText, toUnits, unitKey } from '../core/units.js';
import { shippedOrganAliases, type OrganKeying } from './organAliases.js';
import type { Report, Section } from '../core/report.js';
import { PHRASE_MAX_UNITS } from '../core/query.js';
import { packMeasures, packStatistics } from '../index/statisticsCodec.js';

export interface DocumentOptions {
  /** Key terms of a section's normalised (simplified) text: jieba in production. */
  keyTerms: (simplifiedText: string) => string[];
  /** The alias list in force (organAliases.ts); the shipped list alone by default. */
  organKeying?: OrganKeying;
}

export function sectionIdOf(reportId: string, ordinal: number, part = 0): string {
  return part === 0 ? `${reportId}-${ordinal}` : `${reportId}-${ordinal}-${part}`;
}

// One body across years and renames: the alias list in force (洪泽县 → 洪泽区, abbreviations, the
// user's file) applied before and after the division data's key (organAliases.ts).
export function reportFields(report: Report, organKeying: OrganKeying = shippedOrganAliases()): ReportFields {
  const m = report.metadata;
  return {
    reportId: report.reportId,
    title: m.title,
    organ: m.organ,
    organKey: organKeying.reportOrganKey(m.organ, m.province),
    province: m.province,
    city: m.city,
    county: m.county,
    level: m.level,
    organKind: m.organKind,
    year: m.year,
    publishedAt: m.publishedAt,
    source: report.source,
    ocr: report.ocr,
  };
}

/** The section documents of a report, in order. */
export function buildSectionDocuments(report: Report, options: DocumentOptions): SectionDocument[] {
  const fields = reportFields(report, options.organKeying);
  const documents: SectionDocument[] = [];
  for (const section of report.sections) {
    splitOversized(section).forEach((part, index) => {
      documents.push(buildSectionDocument(fields, part, index, options));
    });
  }
  return documents;
}

function buildSectionDocument(fields: ReportFields, section: Section, part: number, options: DocumentOptions): SectionDocument {
  const sectionId = sectionIdOf(fields.reportId, section.ordinal, part);
  // Heading and text are matched as one stream (match.ts, sectionStream): the text grams start with
  // the heading, so a phrase cut by a wrapped heading or running on into the text is whole there.
  // headingGrams repeat the heading alone, for ranking heading matches first.
  const headingUnits = toUnits(section.heading);
  const streamUnits = toUnits(sectionStream(section.heading, section.text));
  const streamCodes = unitCodes(streamUnits);
  const document: SectionDocument = {
    ...fields,
    id: sectionId,
    ordinal: section.ordinal,
    sectionType: section.sectionType,
    heading: section.heading,
    text: section.text,
    keyTerms: options.keyTerms(normalizedText(streamUnits)),
    unitTerms: unitTermsOf(new Set(streamCodes)),
    phrases: dictionaryPhrasesIn(unitKey(streamUnits)),
    yearLevel: yearLevelOf(fields),
    yearProvince: yearProvinceOf(fields),
    reportKey: reportKeyOf(fields),
    headingGrams: bigramTerms(unitCodes(headingUnits)).join(' '),
  };
  const terms = bigramTerms(streamCodes);
  const stride = TERMS_PER_ATTRIBUTE - PHRASE_MAX_UNITS;
  TEXT_GRAM_ATTRIBUTES.forEach((attribute, i) => {
    const from = i * stride;
    if (from < terms.length || (i === 0 && terms.length === 0)) {
      document[attribute as `textGrams${string}`] = terms.slice(from, from + TERMS_PER_ATTRIBUTE).join(' ');
    }
  });
  return document;
}

/**
 * Distinct unit codes joined by `;`, a hard separator (8 positions): no word pairs are recorded,
 * so a one-unit search costs one posting per distinct code. One byte where `. ` took two, with the
 * same postings and hits: 500 sections' unit codes alone took 248 KiB of stored documents against
 * 324, and 48 KiB of word pairs either way (1.23 MiB with spaces). 64,000 positions hold 8,000
 * codes; a section with more distinct codes (thousands of different numbers) uses plain spaces.
 */
function unitTermsOf(codes: Set<string>): string {
  return [...codes].join(codes.size <= 8_000 ? ';' : ' ');
}

/**
 * A section longer than one document can index (MAX_SECTION_UNITS, about a million characters) is
 * cut into consecutive parts counted as separate sections; the report carries a warning. Real
 * sections are far shorter: this keeps a pathological file indexed rather than truncated.
 */
function splitOversized(section: Section): Section[] {
  const maxChars = MAX_SECTION_UNITS; // a unit spans at least one character
  if (section.text.length <= maxChars) return [section];
  const parts: Section[] = [];
  for (let from = 0; from < section.text.length; from += maxChars) {
    parts.push({ ...section, heading: from === 0 ? section.heading : '', text: section.text.slice(from, from + maxChars) });
  }
  return parts;
}

export function hasOversizedSections(report: Report): boolean {
  return report.sections.some((s) => s.text.length > MAX_SECTION_UNITS);
}

export function buildReportDocument(
  report: Report,
  sectionIds: string[],
  indexedAt: Date,
  organKeying: OrganKeying = shippedOrganAliases(),
): ReportDocument {
  const measures = report.statistics ? flattenMeasures(report.statistics) : {};
  // The measure fields first, in an object made from entries: spreading a hundred keys into the
  // literal below tripled the time this function took (V8 builds a hidden class per added key).
  const measureFields = Object.fromEntries(Object.entries(measures).map(([key, value]) => [measureField(key), value]));
  return Object.assign(measureFields, {
    ...reportFields(report, organKeying),
    ...report.provenance,
    id: report.reportId,
    contentHash: report.contentHash,
    formatVersion: DOCUMENT_FORMAT_VERSION,
    encoding: report.encoding,
    pages: report.pages,
    sectionCount: sectionIds.length,
    sectionIds,
    warnings: report.metadata.warnings,
    indexedAt: indexedAt.toISOString(),
    statisticsPacked: packStatistics(report.statistics),
    legacyMeasures: report.legacyMeasures,
    statisticsStatus: statisticsStatus(report.statistics),
    measuresPacked: packMeasures(measures),
  });
}
