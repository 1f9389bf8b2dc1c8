// Matching sections and reports per year, and the reports indexed per year, level and province under
// the same filters (the denominators of the shares). Counting searches only: no hit is read.
import { MISSING_FACET_VALUE } from '../../core/facets.js';
import { parseQuery } from '../../core/query.js';
import { facetFilterExpressions } from '../../index/filters.js';
import { DOCUMENT_FORMAT_VERSION } from '../../index/schema.js';
import type { SearchResponse } from '../../index/meiliClient.js';
import type { SearchRequest, TrendCell, TrendResult } from '../port.js';
import { RecentValues } from '../../core/recentValues.js';
import type { SearchContext } from './searchContext.js';
import { pieceQuery, sumFacets, unionReportKeys } from './storedDocuments.js';
import type { Planner } from './verifiedPlanner.js';

/** Sections counted per year; `total` includes those whose report has no year. */
export interface SectionCounts {
  total: number;
  byYear: Record<string, number>;
}

/**
 * Distinct reports: in all, per year, per `year|level` and per `year|province` (index/schema.ts
 * yearLevelOf, yearProvinceOf; an unknown level or province is empty after the bar).
 */
export interface ReportCounts {
  total: number;
  byYear: Record<string, number>;
  byYearLevel: Record<string, number>;
  byYearProvince: Record<string, number>;
}

export function trendSearch(
  context: SearchContext,
  plan: Planner,
): (request: Pick<SearchRequest, 'q' | 'filters'>) => Promise<TrendResult> {
  // The denominators do not depend on the query: remembered per filters and index generation, so
  // only the first trend pays for them.
  const reportsIndexed = new RecentValues<ReportCounts>(100);

  return async function trend(request) {
    const { pieces, generation, formatVersion } = await plan(parseQuery(request.q));
    // An index not yet rebuilt in format 7 has no yearProvince: asking for it would be refused.
    const reportFacets = formatVersion === DOCUMENT_FORMAT_VERSION ? ['year', 'yearLevel', 'yearProvince'] : ['year', 'yearLevel'];
    const single = pieces.length === 1;
    const matching = pieces.map((piece) => ({
      ...pieceQuery(context.names, piece, request.filters),
      page: 1,
      hitsPerPage: 0,
      facets: single ? ['year'] : ['year', 'reportKey'],
    }));
    const matchingReports = single
      ? [{ ...pieceQuery(context.names, pieces[0]!, request.filters), page: 1, hitsPerPage: 0, distinct: 'reportId', facets: reportFacets }]
      : [];
    const filter = facetFilterExpressions(request.filters);
    const indexedKey = `${generation}\n${formatVersion}\n${JSON.stringify(filter)}`;
    let indexed = reportsIndexed.get(indexedKey);
    const indexedQuery = indexed
      ? []
      : [{ indexUid: context.names.sections, q: '', filter, page: 1, hitsPerPage: 0, distinct: 'reportId', facets: reportFacets }];
    const responses = await context.search([...matching, ...matchingReports, ...indexedQuery]);
    const pieceResponses = responses.slice(0, matching.length);
    const sections: SectionCounts = {
      total: pieceResponses.reduce((sum, response) => sum + (response.totalHits ?? 0), 0),
      byYear: sumFacets(pieceResponses).year,
    };
    const matched = single ? distinctReportCounts(responses[matching.length]) : countReportKeys(unionReportKeys(pieceResponses));
    if (!indexed) {
      indexed = distinctReportCounts(responses[responses.length - 1]);
      reportsIndexed.set(indexedKey, indexed);
    }
    return { q: request.q, ...trendFigures(sections, matched, indexed) };
  };
}

/** The counts of a `distinct: reportId` search of the sections index. */
function distinctReportCounts(response: SearchResponse<unknown> | undefined): ReportCounts {
  const distribution = response?.facetDistribution ?? {};
  return {
    total: response?.totalHits ?? 0,
    byYear: distribution['year'] ?? {},
    byYearLevel: distribution['yearLevel'] ?? {},
    byYearProvince: distribution['yearProvince'] ?? {},
  };
}

const increment = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Report counts from distinct `year|level|province|reportId` keys (index/schema.ts reportKeyOf). Pure. */
export function countReportKeys(keys: Iterable<string>): ReportCounts {
  const counts: ReportCounts = { total: 0, byYear: {}, byYearLevel: {}, byYearProvince: {} };
  for (const key of keys) {
    const [year = '', level = '', province = ''] = key.split('|');
    counts.total += 1;
    if (year) increment(counts.byYear, year);
    increment(counts.byYearLevel, `${year}|${level}`);
    increment(counts.byYearProvince, `${year}|${province}`);
  }
  return counts;
}

const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((total, n) => total + n, 0);
const shareOf = (reports: number, reportsIndexed: number): number => (reportsIndexed === 0 ? 0 : reports / reportsIndexed);

/** `value → year → cell` from `year|value` counts; an empty value is the `none` bucket, an undated report is left out. */
function crossTable(matched: Record<string, number>, indexed: Record<string, number>): Record<string, Record<string, TrendCell>> {
  const table: Record<string, Record<string, TrendCell>> = {};
  for (const [key, reportsIndexed] of Object.entries(indexed)) {
    const bar = key.indexOf('|');
    const year = key.slice(0, bar);
    if (bar < 0 || !year) continue;
    const value = key.slice(bar + 1) || MISSING_FACET_VALUE;
    const reports = matched[key] ?? 0;
    table[value] ??= {};
    table[value]![year] = { reports, reportsIndexed, share: shareOf(reports, reportsIndexed) };
  }
  return table;
}

/** The trend's years, level × year and province × year tables, and what no year holds, from the counts. Pure. */
export function trendFigures(sections: SectionCounts, matched: ReportCounts, indexed: ReportCounts): Omit<TrendResult, 'q'> {
  const years = Object.keys(indexed.byYear)
    .map(Number)
    .sort((a, b) => a - b)
    .map((year) => {
      const reports = matched.byYear[year] ?? 0;
      const reportsIndexed = indexed.byYear[year] ?? 0;
      return { year, sections: sections.byYear[year] ?? 0, reports, reportsIndexed, share: shareOf(reports, reportsIndexed) };
    });
  return {
    years,
    byLevel: crossTable(matched.byYearLevel, indexed.byYearLevel),
    byProvince: crossTable(matched.byYearProvince, indexed.byYearProvince),
    undated: { sections: sections.total - sum(sections.byYear), reports: matched.total - sum(matched.byYear) },
  };
}
