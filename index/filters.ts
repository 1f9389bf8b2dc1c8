// Filter expressions for Meilisearch: attribute names from an allow-list, values always quoted, so
// no user input is ever read as filter syntax.
import { FACETS, MISSING_FACET_VALUE, parseYearRange, type FacetFilters } from '../core/facets.js';

/** A filter value in double quotes, with backslashes and quotes escaped: user text stays data. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Facet filters as Meilisearch filter expressions: attribute names from an allow-list, values quoted. */
export function facetFilterExpressions(filters: FacetFilters): string[] {
  const expressions: string[] = [];
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
