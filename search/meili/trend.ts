// Matching sections and reports per year, and the reports indexed per year and level under the same
// filters (the denominators of the shares). Counting searches only: no hit is read.
import { parseQuery } from '../../core/query.js';
import { facetFilterExpressions } from '../../index/filters.js';
import type { SearchRequest, TrendResult } from '../port.js';
import { RecentValues } from '../recentValues.js';
import type { SearchContext } from './searchContext.js';
import { pieceQuery, sumFacets, unionReportKeys } from './storedDocuments.js';
import type { Planner } from './verifiedPlanner.js';

interface IndexedReports {
  byYear: Record<string, number>;
  byYearLevel: Record<string, number>;
}

export function trendSearch(
  context: SearchContext,
  plan: Planner,
): (request: Pick<SearchRequest, 'q' | 'filters'>) => Promise<TrendResult> {
  // The denominators do not depend on the query: remembered per filters and index generation, so
  // only the first trend pays for them.
  const reportsIndexed = new RecentValues<IndexedReports>(100);

  return async function trend(request) {
    const { pieces, generation } = await plan(parseQuery(request.q));
    const single = pieces.length === 1;
    const matching = pieces.map((piece) => ({
      ...pieceQuery(context.names, piece, request.filters),
      page: 1,
      hitsPerPage: 0,
      facets: single ? ['year'] : ['year', 'reportKey'],
    }));
    const matchingReports = single
      ? [
          {
            ...pieceQuery(context.names, pieces[0]!, request.filters),
            page: 1,
            hitsPerPage: 0,
            distinct: 'reportId',
            facets: ['year', 'yearLevel'],
          },
        ]
      : [];
    const filter = facetFilterExpressions(request.filters);
    const indexedKey = `${generation}\n${JSON.stringify(filter)}`;
    let indexed = reportsIndexed.get(indexedKey);
    const indexedQuery = indexed
      ? []
      : [{ indexUid: context.names.sections, q: '', filter, page: 1, hitsPerPage: 0, distinct: 'reportId', facets: ['year', 'yearLevel'] }];
    const responses = await context.search([...matching, ...matchingReports, ...indexedQuery]);
    const sectionsByYear = sumFacets(responses.slice(0, matching.length)).year;
    const matched = single
      ? {
          byYear: responses[matching.length]?.facetDistribution?.['year'] ?? {},
          byYearLevel: responses[matching.length]?.facetDistribution?.['yearLevel'] ?? {},
        }
      : countReportKeys(unionReportKeys(responses.slice(0, matching.length)));
    if (!indexed) {
      const distribution = responses[responses.length - 1]!.facetDistribution ?? {};
      indexed = { byYear: distribution['year'] ?? {}, byYearLevel: distribution['yearLevel'] ?? {} };
      reportsIndexed.set(indexedKey, indexed);
    }
    return { q: request.q, ...trendFigures(sectionsByYear, matched, indexed) };
  };
}

/** Reports per year and per year|level from `year|level|province|reportId` keys. */
function countReportKeys(keys: Iterable<string>): IndexedReports {
  const byYear: Record<string, number> = {};
  const byYearLevel: Record<string, number> = {};
  for (const key of keys) {
    const [year, level] = key.split('|');
    if (year) byYear[year] = (byYear[year] ?? 0) + 1;
    const yearLevel = `${year}|${level}`;
    byYearLevel[yearLevel] = (byYearLevel[yearLevel] ?? 0) + 1;
  }
  return { byYear, byYearLevel };
}

/** The trend's years and level × year table from the counts. Pure. */
export function trendFigures(
  sectionsByYear: Record<string, number>,
  matched: IndexedReports,
  indexed: IndexedReports,
): Omit<TrendResult, 'q'> {
  const years = Object.keys(indexed.byYear)
    .map(Number)
    .sort((a, b) => a - b)
    .map((year) => {
      const reports = matched.byYear[year] ?? 0;
      const reportsIndexed = indexed.byYear[year] ?? 0;
      return {
        year,
        sections: sectionsByYear[year] ?? 0,
        reports,
        reportsIndexed,
        share: reportsIndexed === 0 ? 0 : reports / reportsIndexed,
      };
    });
  const byLevel: TrendResult['byLevel'] = {};
  for (const [yearLevel, reportsIndexed] of Object.entries(indexed.byYearLevel)) {
    const [year, level] = yearLevel.split('|') as [string, string];
    if (!year || !level) continue;
    byLevel[level] ??= {};
    byLevel[level]![year] = { reports: matched.byYearLevel[yearLevel] ?? 0, reportsIndexed };
  }
  return { years, byLevel };
}
