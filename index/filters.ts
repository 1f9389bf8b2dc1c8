// Filter expressions for Meilisearch: attribute names from an allow-list, values always quoted, so
// no user input is ever read as filter syntax.
import { FACETS, MISSING_FACET_VALUE, parseYearRange, type FacetFilters } from '../core/facets.js';
import { isMeasureKey, type StatisticsFilter } from '../core/measures.js';
import { measureField } from './schema.js';

/** A filter value in double quotes, with backslashes and quotes escaped: user text stays data. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Facet filters on sections, plus the reports a search is restricted to (resolved from their
 * statistics tables by the search, search/meili/reportRestriction.ts).
 */
export interface SectionFilters extends FacetFilters {
  reportIds?: readonly string[];
  /** Sections holding any of these passage keys (core/corpus/sectionPassages.ts). */
  passages?: readonly string[];
}

/** Facet filters as Meilisearch filter expressions: attribute names from an allow-list, values quoted. */
export function facetFilterExpressions(filters: SectionFilters): string[] {
  const expressions: string[] = [];
  if (filters.reportIds) expressions.push(`reportId IN [${filters.reportIds.map(quoteFilterValue).join(', ')}]`);
  if (filters.passages) expressions.push(`passages IN [${filters.passages.map(quoteFilterValue).join(', ')}]`);
  for (const facet of FACETS) {
    const values = filters[facet];
    if (!values || values.length === 0) continue;
    const one = (value: string): string => {
      if (value === MISSING_FACET_VALUE) return `${facet} IS NULL`;
      // A year range (2019-2023) is a comparison; its bounds are digits only (parseYearRange).
      const range = facet === 'year' ? parseYearRange(value) : null;
      if (range) return `(year >= ${range.from} AND year <= ${range.to})`;
      return `${facet} = ${quoteFilterValue(value)}`;
    };
    expressions.push(`(${values.map(one).join(' OR ')})`);
  }
  return expressions;
}

/**
 * The reports-index filter of a statistics filter: measures compared as numbers (their keys checked
 * by isMeasureKey, their values numbers), the status from its three values.
 */
export function statisticsFilterExpressions(filter: StatisticsFilter): string[] {
  const expressions = filter.conditions.map(({ measure, op, value }) => {
    if (!isMeasureKey(measure) || !Number.isFinite(value)) throw new Error(`not a measure condition: ${measure} ${op} ${value}`);
    return `${measureField(measure)} ${op} ${value}`;
  });
  if (filter.status.length > 0) expressions.push(`statisticsStatus IN [${filter.status.map(quoteFilterValue).join(', ')}]`);
  return expressions;
}
