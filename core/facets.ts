// The facets a user filters and counts on: a domain choice, shared by the index contract (which
// makes them filterable), the search (which counts them) and the site (which labels them).
import { LEVELS, SECTION_TYPES } from './report.js';

/** The facets a user filters on, with the values each may take where that set is fixed. */
// city and county (from the division data the indexer resolves) are shown nested under province: a
// ticked province shows its cities, a ticked city its counties (server/facetView.ts).
export const FACETS = ['province', 'city', 'county', 'level', 'year', 'sectionType'] as const;
export type Facet = (typeof FACETS)[number];
/** Chosen values per facet: several values of one facet are OR-ed; facets are AND-ed. */
export type FacetFilters = Partial<Record<Facet, string[]>>;
/** Exact counts per facet value among matching sections. */
export type FacetCounts = Record<Facet, Record<string, number>>;

export const FIXED_FACET_VALUES: Partial<Record<Facet, readonly string[]>> = {
  level: LEVELS,
  sectionType: SECTION_TYPES,
};

/**
 * The facet value of sections whose report has none (a national body has no province, an undated
 * report no year): counted as a bucket so every facet adds up to the total, and filterable.
 */
export const MISSING_FACET_VALUE = 'none';
/** The facets a report may lack (a county-level city has no county); a section type is always known. */
export const FACETS_THAT_MAY_BE_MISSING: readonly Facet[] = ['province', 'city', 'county', 'level', 'year'];

/** Every facet's counts with the sections that have no value counted under MISSING_FACET_VALUE. */
export function withMissingBuckets(facets: Record<Facet, Record<string, number>>, total: number): Record<Facet, Record<string, number>> {
  const out = { ...facets };
  for (const facet of FACETS_THAT_MAY_BE_MISSING) {
    const counted = Object.values(facets[facet]).reduce((sum, count) => sum + count, 0);
    if (total > counted) out[facet] = { ...facets[facet], [MISSING_FACET_VALUE]: total - counted };
  }
  return out;
}

/** A year filter value that names a range, `2019-2023`: every year from the first to the last, inclusive. */
export interface YearRange {
  from: number;
  to: number;
}

const YEAR_RANGE = /^(\d{4})-(\d{4})$/;

/** The range a year filter value names, or null for a single year (or the missing bucket). */
export function parseYearRange(value: string): YearRange | null {
  const match = YEAR_RANGE.exec(value);
  return match ? { from: Number(match[1]), to: Number(match[2]) } : null;
}

/**
 * Whether a section's facet value passes one chosen filter value: equal, or for a year range within
 * it; the missing bucket (MISSING_FACET_VALUE) is chosen only by name. What Meilisearch's filter
 * (index/filters.ts) selects, for the test fake and anyone who filters in memory.
 */
export function facetValueMatches(facet: Facet, chosen: string, value: string | null): boolean {
  if (value === null) return chosen === MISSING_FACET_VALUE;
  const range = facet === 'year' ? parseYearRange(chosen) : null;
  if (range) return Number(value) >= range.from && Number(value) <= range.to;
  return chosen === value;
}
