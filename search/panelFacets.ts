// The facet panel's counts: a facet with active values counted without its own filter, so the count
// beside an unticked value is how many sections ticking it would add. Shared by every ReportSearch.
import { FACETS, type Facet, type FacetCounts, type FacetFilters } from '../core/facets.js';

/** `countWithout(filters)` counts the same query under other filters (one search per active facet). */
export async function panelFacetCounts(
  filters: FacetFilters,
  facets: FacetCounts,
  countWithout: (filters: FacetFilters) => Promise<FacetCounts>,
): Promise<FacetCounts> {
  const active = FACETS.filter((facet) => (filters[facet]?.length ?? 0) > 0);
  const without = (facet: Facet): FacetFilters => ({ ...filters, [facet]: [] });
  const others = await Promise.all(active.map((facet) => countWithout(without(facet))));
  const counts: FacetCounts = { ...facets };
  active.forEach((facet, i) => {
    counts[facet] = others[i]![facet];
  });
  return counts;
}
