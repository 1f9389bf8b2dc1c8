import { FACETS, type Facet, type FacetFilters } from '../core/facets.js';
// Every link the pages build, from the state it encodes. The whole state of a page lives in its URL
// (GET forms), so toggling a facet or turning a page is a link to another URL, no script needed.

export interface UrlState {
  q: string;
  filters: FacetFilters;
  /** Other parameters, written after q and the filters when set; a list is written once per value. */
  extra?: Record<string, string | number | readonly string[] | undefined>;
}

export function withQuery(path: string, state: UrlState): string {
  const params = new URLSearchParams();
  if (state.q !== '') params.append('q', state.q);
  for (const facet of FACETS) for (const value of state.filters[facet] ?? []) params.append(facet, value);
  for (const [name, value] of Object.entries(state.extra ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== '') params.append(name, String(one));
    }
  }
  const query = params.toString();
  return query === '' ? path : `${path}?${query}`;
}

export function toggleFilter(filters: FacetFilters, facet: Facet, value: string): FacetFilters {
  const current = filters[facet] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return withFacet(filters, facet, next);
}

export function withFacet(filters: FacetFilters, facet: Facet, values: string[]): FacetFilters {
  const copy: FacetFilters = { ...filters };
  if (values.length === 0) delete copy[facet];
  else copy[facet] = values;
  return copy;
}

/** The report page, at a section or an occurrence, with the phrase to highlight. */
export function reportPath(reportId: string, q: string, fragment?: string): string {
  const base = `/reports/${encodeURIComponent(reportId)}`;
  const query = q === '' ? '' : `?${new URLSearchParams({ q }).toString()}`;
  return `${base}${query}${fragment ? `#${fragment}` : ''}`;
}

/** A report's (or one section's) citation file: RIS for Zotero and EndNote, or BibTeX. */
export function citationPath(reportId: string, format: 'ris' | 'bib', sectionId?: string): string {
  const query = sectionId === undefined ? '' : `?${new URLSearchParams({ section: sectionId }).toString()}`;
  return `/reports/${encodeURIComponent(reportId)}/citation.${format}${query}`;
}

/** The anchor of one occurrence on the report page: section, then its index within the section. */
export function occurrenceAnchor(sectionId: string, index: number): string {
  return `occ-${sectionId}-${index}`;
}

/** scheme://host of the request, for links that must work outside the site (citations, exports). */
export function requestOrigin(request: { protocol: string; get(name: string): string | undefined }): string {
  return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}
