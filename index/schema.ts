// The Meilisearch schema: index names, document fields and settings, in one place so that the
// publisher (writes) and the search adapter (reads) cannot disagree.
import { FACETS } from '../core/facets.js';
import type { MeasureKey, StatisticsStatus } from '../core/measures.js';
import type { LegacyMeasure } from '../core/statistics/types.js';
import type { SectionRecord } from '../core/hits.js';
import { PHRASE_MAX_UNITS } from '../core/query.js';
import { PROVENANCE_FIELDS, REPORT_SUMMARY_FIELDS, type ReportProvenance, type ReportSummary } from '../core/report.js';
import { PHRASE_DICTIONARY_VERSION } from '../core/phraseDictionary.js';
import { GRAM_TABLE_VERSION } from '../core/grams.js';

/**
 * Meilisearch indexes at most 65,535 positions per attribute and silently drops the rest, so a
 * section's bigram terms are spread over several attributes of the same document: each holds at
 * most TERMS_PER_ATTRIBUTE terms and repeats the last PHRASE_MAX_UNITS terms of the previous one, so
 * a phrase that straddles two attributes is still whole in the second. Repetition inside one
 * document never changes a count (documents are counted, not occurrences).
 */
export const TERMS_PER_ATTRIBUTE = 64_000;
export const TEXT_GRAM_ATTRIBUTES = Array.from({ length: 16 }, (_, i) => (i === 0 ? 'textGrams' : `textGrams${i}`));
/** The most units one document can hold; longer sections are split by the indexer (with a warning). */
export const MAX_SECTION_UNITS = TEXT_GRAM_ATTRIBUTES.length * (TERMS_PER_ATTRIBUTE - PHRASE_MAX_UNITS);

export interface IndexNames {
  sections: string;
  reports: string;
  /** { id: 'generation', value }: changes whenever the indexer changes the index; { id: 'organ-aliases',
   *  fingerprint }: the alias list the organ keys were computed with (indexer/organRekey.ts). */
  meta: string;
  /** One FileDocument per report: where its file is on this machine. The indexer's alone. */
  files: string;
}

export function indexNames(prefix: string): IndexNames {
  return { sections: `${prefix}sections`, reports: `${prefix}reports`, meta: `${prefix}meta`, files: `${prefix}files` };
}

/** The indexes the site's search-only key may search: every index but `files`. */
export function searchIndexUids(names: IndexNames): string[] {
  return [names.sections, names.reports, names.meta];
}

export const GENERATION_DOCUMENT_ID = 'generation';
export const ORGAN_ALIASES_DOCUMENT_ID = 'organ-aliases';
/**
 * { id: 'moving', since }: on every shard while a run moves reports to the shard that is now their own.
 * A moved report is on two shards until its old copy is deleted at the end of the run, so while any
 * shard holds this document the site answers no count (search/meili/shards.ts).
 */
export const MOVING_DOCUMENT_ID = 'moving';

/** Report-level fields, repeated on every section document so that facets and hits need no join. */
export type ReportFields = ReportSummary;

/** One Meilisearch document per section. */
export interface SectionDocument extends Omit<SectionRecord, 'sectionId'> {
  /** The section id (SectionRecord.sectionId): stored once, as the primary key. */
  id: string;
  /**
   * The section's distinct unit codes as words, hard-separated so Meilisearch records no word pairs
   * for them: a one-unit query is the search for its code word. (A filterable array did the same at
   * three times the index size: one facet entry per document and value.)
   */
  unitTerms: string;
  /** Ids of the dictionary phrases (phraseDictionary.ts) the section contains: such a query is a filter. */
  phrases: string[];
  /** `year|level`: one facet gives the level × year table. */
  yearLevel: string;
  /** `year|province` (yearProvinceOf): one facet gives the province × year table. */
  yearProvince: string;
  /** `year|level|province|reportId`: distinct reports of a union of searches, with what a trend needs. */
  reportKey: string;
  headingGrams: string;
  /** textGrams, textGrams1, … (see TEXT_GRAM_ATTRIBUTES); absent when empty. */
  [gramAttribute: `textGrams${string}`]: string;
}

/**
 * What documents hold besides the text: a report indexed under another format version is indexed
 * again even when its file is unchanged. Change it when documents gain or change a field.
 */
// 4: heading and text are one stream (textGrams start with the heading; phrases and unitTerms of both).
// 5: provenance, pages and OCR on report documents; twin data in the files index.
// 6: radical code points (⼈⺠) are units of the ideographs they look like.
// 7: statistics tables, their measures and status on report documents.
// 8: yearProvince on section documents (the trend's province × year table).
// 9 (two branches): shorter gram codes for frequent Han units (grams.ts, hanRanks.ts); dictionary phrases as ids.
// 9 (two branches): passages and passageSpans on section documents (copied passages); organKey with the alias list.
// 10: both of the above together.
// 11: statistics tables packed on report documents (statisticsPacked; statisticsCodec.ts).
// 12: glued table rows whose cuts a column cannot confirm are left empty (session 10): tables are parsed again.
// 13: short bigram terms (bigramRanks.ts); unit codes separated by `;`; the section id stored once (`id`);
//     report measures as top-level `measures.<key>` fields and measuresPacked.
export const DOCUMENT_FORMAT_VERSION = `13-${PHRASE_DICTIONARY_VERSION}-${GRAM_TABLE_VERSION}`;

type KeyFields = Pick<ReportFields, 'year' | 'level' | 'province' | 'reportId'>;

/** SectionDocument.yearLevel: an unknown value is empty, so `2019|` is a report of 2019 without a level. */
export const yearLevelOf = (fields: KeyFields): string => `${fields.year ?? ''}|${fields.level ?? ''}`;
/** SectionDocument.yearProvince, as yearLevelOf. */
export const yearProvinceOf = (fields: KeyFields): string => `${fields.year ?? ''}|${fields.province ?? ''}`;
/** SectionDocument.reportKey: `year|level|province|reportId` (a report id has no `|`). */
export const reportKeyOf = (fields: KeyFields): string =>
  `${fields.year ?? ''}|${fields.level ?? ''}|${fields.province ?? ''}|${fields.reportId}`;

/** One Meilisearch document per report: listings, the report page, and change detection. */
export interface ReportDocument extends ReportFields, ReportProvenance {
  id: string;
  formatVersion: string;
  /** The byte encoding of a text file; null for PDF, Word and OFD files. */
  encoding: string | null;
  /** Pages of a PDF or OFD file; null for flowing formats. */
  pages: number | null;
  sectionCount: number;
  sectionIds: string[];
  warnings: string[];
  /** The parsed and checked statistics tables (core/statistics/types.ts), packed (statisticsCodec.ts): the API's `statistics`. */
  statisticsPacked: string | null;
  legacyMeasures: LegacyMeasure[];
  /** 'none' without a table, 'failed' when one of its own checks fails: filterable (checks=failed). */
  statisticsStatus: StatisticsStatus;
  /** Every number of the tables by measure key (core/measures.ts), packed (statisticsCodec.ts packMeasures):
   *  what the corpus statistics read; null without tables. */
  measuresPacked: string | null;
  /** The same numbers as top-level fields `measures.<key>`, filterable with comparisons and never returned:
   *  a nested `measures` object was stored with every key's name in every report (61% of its bytes). */
  [measureField: MeasureField]: number;
}

/** A report document's filterable field of one measure. */
export type MeasureField = `measures.${MeasureKey}`;
export const measureField = (key: MeasureKey): MeasureField => `measures.${key}`;

/** Every field of a report document: the only ones a search of the reports index returns. */
export const REPORT_DOCUMENT_FIELDS = [
  'id',
  ...REPORT_SUMMARY_FIELDS,
  'formatVersion',
  'encoding',
  'pages',
  'sectionCount',
  'sectionIds',
  'warnings',
  'statisticsPacked',
  'legacyMeasures',
  'statisticsStatus',
  'measuresPacked',
  ...PROVENANCE_FIELDS,
] as const satisfies ReadonlyArray<keyof ReportDocument>;

/**
 * One document per report in the files index: where its file is on this machine. Only the indexer
 * (admin key) reads it, for change detection and stale files; the site's search-only key is not
 * given the index (searchIndexUids), so no server path can reach a page or an API answer.
 */
export interface FileDocument {
  /** The reportId. */
  id: string;
  absolutePath: string;
  /** sha256 of the bytes indexed from that path. */
  contentHash: string;
  /** What a manifest said about the file when it was indexed (manifestKeyOf): a changed row re-indexes it. */
  manifestKey: string | null;
  /** sha256 of the report's normalised text: the same for exact twins (indexer/twins.ts). */
  textHash: string;
  /** `province|organ|year`, where near twins are looked for; null when organ or year is unknown. */
  twinKey: string | null;
  /** The bottom-k sketch of the text's shingles (twins.ts encodeSketch). */
  twinSketch: string;
}

/** A manifest row's provenance as one comparable string; null when no manifest names the file. */
export function manifestKeyOf(row: { url: string | null; retrievedAt: string | null; publisher: string | null } | null): string | null {
  return row === null ? null : JSON.stringify([row.url, row.retrievedAt, row.publisher]);
}

// Both lists above name every field: adding a field to a type without its list fails to compile.
type Missing<T, Listed extends readonly unknown[]> = Exclude<keyof T, Listed[number]>;
const everyProvenanceField: [Missing<ReportProvenance, typeof PROVENANCE_FIELDS>] extends [never] ? true : never = true;
const everyReportField: [Exclude<Missing<ReportDocument, typeof REPORT_DOCUMENT_FIELDS>, MeasureField>] extends [never] ? true : never =
  true;
void everyProvenanceField;
void everyReportField;

/** Fields a hit needs; the grams are never sent back. */
export const HIT_FIELDS = [
  'id',
  ...REPORT_SUMMARY_FIELDS,
  'ordinal',
  'sectionType',
  'heading',
  'text',
  'keyTerms',
  'passages',
  'passageSpans',
] as const;

export const SECTION_SETTINGS = {
  searchableAttributes: ['headingGrams', ...TEXT_GRAM_ATTRIBUTES, 'unitTerms'],
  displayedAttributes: [...HIT_FIELDS],
  filterableAttributes: [
    ...FACETS,
    'organKey',
    'organKind',
    'city',
    'county',
    'yearLevel',
    'yearProvince',
    // Identity and lookup fields: equality only, no facet search (keeps the facet databases small).
    {
      attributePatterns: ['id', 'reportId', 'phrases', 'reportKey', 'passages'],
      features: { facetSearch: false, filter: { equality: true, comparison: false } },
    },
  ],
  sortableAttributes: ['year', 'ordinal', 'reportId'],
  // A requested sort comes first, so it is strict (Meilisearch skips the rule when a search names
  // no sort). Otherwise words/attribute decide relevance (heading matches first), then recency.
  rankingRules: ['sort', 'words', 'attribute', 'year:desc', 'reportId:asc', 'ordinal:asc'],
  typoTolerance: { enabled: false },
  prefixSearch: 'disabled',
  // Our terms are Latin-letter codes: force the plain Latin segmenter so no language detection
  // (German decompounding, say) can split them.
  localizedAttributes: [{ attributePatterns: ['*Grams*', 'unitTerms'], locales: ['eng'] }],
  pagination: { maxTotalHits: 100_000_000 },
  // Large enough to list every matching report of a union of searches (see reportKey).
  faceting: { maxValuesPerFacet: 1_000_000, sortFacetValuesBy: { '*': 'count' } },
  facetSearch: false,
  // Exact counts must never be silently degraded by the default 1.5 s cut-off.
  searchCutoffMs: 600_000,
  stopWords: [],
  separatorTokens: [],
  nonSeparatorTokens: [],
  dictionary: [],
  synonyms: {},
} as const;

/**
 * The files index is read whole by the indexer (getDocuments), never searched: nothing searchable.
 * With Meilisearch's defaults every field was indexed as text (paths, hashes, sketches): at 30,000
 * reports its word databases were 48 of its 122 MiB.
 */
export const FILE_SETTINGS = {
  searchableAttributes: [],
  filterableAttributes: [],
  sortableAttributes: [],
} as const;

export const REPORT_SETTINGS = {
  searchableAttributes: ['title', 'organ'],
  // Named fields only: a field written by an older version (absolutePath, before the files index)
  // is never returned by a search.
  displayedAttributes: [...REPORT_DOCUMENT_FIELDS],
  filterableAttributes: [
    'id',
    'organKey',
    'year',
    'province',
    'level',
    'contentHash',
    'source',
    'formatVersion',
    'statisticsStatus',
    // Every measure, compared with < ≤ = ≥ > (reports with at least N requests); no facet search.
    { attributePatterns: ['measures.*'], features: { facetSearch: false, filter: { equality: true, comparison: true } } },
  ],
  sortableAttributes: ['year', 'id', 'source'],
  pagination: { maxTotalHits: 100_000_000 },
  faceting: { maxValuesPerFacet: 1_000 },
} as const;
