// The facet panel and the line of active filters. Counts follow the *other* active filters: the
// count beside an unticked province says how many sections ticking it would add, so several values
// of one facet can be combined (OR) even though the search layer counts within the current filters.
import { LEVELS, SECTION_TYPES } from '../core/report.js';
import { FACET_LABELS, facetValueLabel } from './labels.js';
import { formatCount } from './present.js';
import { toggleFilter, withQuery, type UrlState } from './urls.js';
import { FACETS, MISSING_FACET_VALUE, type Facet, type FacetCounts } from '../core/facets.js';

export interface FacetValueView {
  value: string;
  label: string;
  count: string;
  active: boolean;
  href: string;
}

export interface FacetView {
  facet: Facet;
  label: string;
  /** Long lists get a filter box (progressive: the list works without it). */
  filterable: boolean;
  /** A level of the place hierarchy under the facet before it (city under province, county under city). */
  nested: boolean;
  values: FacetValueView[];
}

const FIXED_ORDER: Partial<Record<Facet, readonly string[]>> = { level: LEVELS, sectionType: SECTION_TYPES };
const collator = new Intl.Collator('zh-CN');

function orderValues(facet: Facet, entries: Array<[string, number]>): Array<[string, number]> {
  // The bucket of sections without a value (无省份, 年度不详) comes last, whatever its count.
  const known = entries.filter(([value]) => value !== MISSING_FACET_VALUE);
  const missing = entries.filter(([value]) => value === MISSING_FACET_VALUE);
  const fixed = FIXED_ORDER[facet];
  if (fixed) known.sort(([a], [b]) => fixed.indexOf(a) - fixed.indexOf(b));
  else if (facet === 'year') known.sort(([a], [b]) => Number(b) - Number(a));
  else known.sort(([a, x], [b, y]) => y - x || collator.compare(a, b));
  return [...known, ...missing];
}

/** Zero counts are hidden, except an active value, which must stay visible so it can be unticked. */
/** Each level of the place hierarchy is shown once the level above it (or itself) has a ticked value. */
const PLACE_PARENT: Partial<Record<Facet, Facet>> = { city: 'province', county: 'city' };

export function facetViews(counts: FacetCounts, state: UrlState, path: string, extra: UrlState['extra']): FacetView[] {
  const ticked = (facet: Facet) => (state.filters[facet]?.length ?? 0) > 0;
  const shown = FACETS.filter((facet) => {
    const parent = PLACE_PARENT[facet];
    return parent === undefined || ticked(parent) || ticked(facet);
  });
  return shown.map((facet) => {
    const active = state.filters[facet] ?? [];
    const entries = new Map(Object.entries(counts[facet] ?? {}).filter(([, count]) => count > 0));
    for (const value of active) if (!entries.has(value)) entries.set(value, 0);
    return {
      facet,
      label: FACET_LABELS[facet],
      filterable: facet === 'province' || facet === 'city' || facet === 'county',
      nested: PLACE_PARENT[facet] !== undefined,
      values: orderValues(facet, [...entries]).map(([value, count]) => ({
        value,
        label: facetValueLabel(facet, value),
        count: formatCount(count),
        active: active.includes(value),
        href: withQuery(path, { q: state.q, filters: toggleFilter(state.filters, facet, value), extra }),
      })),
    };
  });
}

export interface ActiveFilterView {
  facetLabel: string;
  valueLabel: string;
  removeHref: string;
}

export interface ActiveFilters {
  filters: ActiveFilterView[];
  clearAllHref: string | null;
}

export function activeFilters(state: UrlState, path: string, extra: UrlState['extra']): ActiveFilters {
  const filters = FACETS.flatMap((facet) =>
    (state.filters[facet] ?? []).map((value) => ({
      facetLabel: FACET_LABELS[facet],
      valueLabel: facetValueLabel(facet, value),
      removeHref: withQuery(path, { q: state.q, filters: toggleFilter(state.filters, facet, value), extra }),
    })),
  );
  return {
    filters,
    clearAllHref: filters.length > 0 ? withQuery(path, { q: state.q, filters: {}, extra }) : null,
  };
}

/**
 * The active-filter line of a page that also takes a passage filter (passage=, "也出现在" links):
 * the facet chips, then the passage with a link that drops it; clearing all drops it too.
 */
export function activeFiltersWithPassage(
  state: UrlState,
  path: string,
  extra: NonNullable<UrlState['extra']>,
  passage: string | undefined,
): ActiveFilters {
  const { filters } = activeFilters(state, path, extra);
  if (passage !== undefined) {
    filters.push({
      facetLabel: '同一段文字',
      valueLabel: `段落 ${passage}`,
      removeHref: withQuery(path, { ...state, extra: { ...extra, passage: undefined } }),
    });
  }
  return {
    filters,
    clearAllHref: filters.length > 0 ? withQuery(path, { q: state.q, filters: {}, extra: { ...extra, passage: undefined } }) : null,
  };
}

/** Hidden form fields that keep the active filters when the query box is submitted. */
export function hiddenFilterFields(state: UrlState, except: readonly Facet[] = []): Array<{ name: string; value: string }> {
  return FACETS.filter((facet) => !except.includes(facet)).flatMap((facet) =>
    (state.filters[facet] ?? []).map((value) => ({ name: facet, value })),
  );
}
