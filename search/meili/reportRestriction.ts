// A search restricted by the reports' statistics tables ("reports that received at least 100
// requests", "tables that do not add up"): the reports index answers which reports pass, and the
// section searches are filtered to them, so totals, facets and report counts stay exact.
import type { SectionFilters } from '../../index/filters.js';
import { statisticsFilterExpressions } from '../../index/filters.js';
import type { SearchRequest } from '../port.js';
import { everyReport } from './everyReport.js';
import type { SearchContext } from './searchContext.js';

// A report id no report has (ids are hex digests): an empty restriction must match nothing.
const NO_REPORT = '-';

/** The request with its statistics filter turned into the reports it allows; unchanged without one. */
export function reportRestriction(context: SearchContext) {
  return async function restrict<R extends Pick<SearchRequest, 'filters' | 'statistics' | 'passage'>>(request: R): Promise<R> {
    // A passage (sections holding a copied passage) is a filter on the sections themselves.
    const withPassage =
      request.passage === undefined
        ? request
        : { ...request, filters: { ...request.filters, passages: [request.passage] } as SectionFilters };
    return restrictByStatistics(withPassage);
  };

  async function restrictByStatistics<R extends Pick<SearchRequest, 'filters' | 'statistics'>>(request: R): Promise<R> {
    const filter = request.statistics;
    if (!filter || (filter.conditions.length === 0 && filter.status.length === 0)) return request;
    const reportIds = (await everyReport<{ id: string }>(context, ['id'], statisticsFilterExpressions(filter))).map((hit) => hit.id);
    const filters: SectionFilters = { ...request.filters, reportIds: reportIds.length > 0 ? reportIds : [NO_REPORT] };
    return { ...request, filters };
  }
}
