// Section and report documents as Meilisearch returns them, and how they become the port's shapes.
// Pure: no search here.
import type { FacetCounts, FacetFilters } from '../../core/facets.js';
import { FACETS } from '../../core/facets.js';
import type { SectionHit } from '../../core/hits.js';
import type { LegacyMeasure } from '../../core/statistics/types.js';
import type { SectionOccurrences } from '../../core/match.js';
import { sectionOccurrencesOf } from '../../core/occurrences.js';
import type { Term } from '../../core/query.js';
import { PROVENANCE_FIELDS, summaryOf, type ReportProvenance, type ReportSummary } from '../../core/report.js';
import { facetFilterExpressions } from '../../index/filters.js';
import type { SearchQuery, SearchResponse } from '../../index/meiliClient.js';
import type { HIT_FIELDS, IndexNames, SectionDocument } from '../../index/schema.js';
import type { MeiliPiece } from '../plan.js';
import type { ProvenanceView, SortOrder } from '../port.js';

/** A section document as stored: the fields HIT_FIELDS asks for. */
export type StoredSection = Pick<SectionDocument, (typeof HIT_FIELDS)[number]>;

export interface StoredReport extends ReportSummary, Partial<ReportProvenance> {
  id: string;
  warnings: string[];
  encoding: string | null;
  pages?: number | null;
  sectionIds: string[];
  /** Absent on reports indexed before statistics were parsed (and before format 11, see `statistics`). */
  statisticsPacked?: string | null;
  legacyMeasures?: LegacyMeasure[];
}

/** A stored document's report summary; reports indexed before OCR existed were all read from their own text. */
export function storedSummary(stored: StoredSection | StoredReport): ReportSummary {
  return summaryOf({ ...stored, reportId: stored.reportId ?? stored.id, ocr: stored.ocr ?? false });
}

/** The provenance fields of a stored report; those an older version did not write are null. */
export function provenanceOf(stored: StoredReport): ProvenanceView {
  return Object.fromEntries(PROVENANCE_FIELDS.map((field) => [field, stored[field] ?? null])) as ProvenanceView;
}

/** A stored section as a hit, with the exact positions of the query's positive terms. */
export function toHit(
  stored: StoredSection,
  terms: readonly Term[],
  occurrencesOf: (heading: string, text: string, terms: readonly Term[]) => SectionOccurrences = sectionOccurrencesOf,
): SectionHit {
  const found = occurrencesOf(stored.heading, stored.text, terms);
  return {
    ...storedSummary(stored),
    sectionId: stored.id,
    ordinal: stored.ordinal,
    sectionType: stored.sectionType,
    heading: stored.heading,
    text: stored.text,
    keyTerms: stored.keyTerms ?? [],
    // Sections indexed before passage keys (format 9) have none.
    ...(stored.passages ? { passages: stored.passages, passageSpans: stored.passageSpans ?? [] } : {}),
    headingOccurrences: found.heading,
    textOccurrences: found.text,
  };
}

/** The search of the sections index for one disjoint piece of a query under the user's filters. */
export function pieceQuery(names: IndexNames, piece: MeiliPiece, filters: FacetFilters): SearchQuery {
  return {
    indexUid: names.sections,
    q: piece.q,
    matchingStrategy: 'all',
    filter: [...piece.filters, ...facetFilterExpressions(filters)],
  };
}

export function sortOf(order: SortOrder): string[] | undefined {
  if (order === 'year-desc') return ['year:desc'];
  if (order === 'year-asc') return ['year:asc'];
  return undefined;
}

/** Year order with undated sections last either way (as Meilisearch sorts a missing value). */
export function compareYear(a: number | null, b: number | null, descending: boolean): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return descending ? b - a : a - b;
}

/** Facet counts of disjoint searches, added up (exact because no section is in two of them). */
export function sumFacets(responses: Array<SearchResponse<unknown>>): FacetCounts {
  const facets = Object.fromEntries(FACETS.map((f) => [f, {} as Record<string, number>])) as FacetCounts;
  for (const response of responses) {
    for (const facet of FACETS) {
      for (const [value, count] of Object.entries(response.facetDistribution?.[facet] ?? {})) {
        if (count > 0) facets[facet][value] = (facets[facet][value] ?? 0) + count;
      }
    }
  }
  return facets;
}

/** The distinct reports (reportKey facet values) of several searches. */
export function unionReportKeys(responses: Array<SearchResponse<unknown>>): Set<string> {
  const keys = new Set<string>();
  for (const response of responses) {
    for (const key of Object.keys(response.facetDistribution?.['reportKey'] ?? {})) keys.add(key);
  }
  return keys;
}
