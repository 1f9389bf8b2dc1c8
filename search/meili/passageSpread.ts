// Copied passages (issue #14) counted by the search engine: which reports and bodies hold a
// passage key (the "also in N reports" of a hit), and which of a report's keys its previous report
// and other bodies hold (the report's shares). Counting searches only (hitsPerPage 0, facets):
// every count is exact and current with the index.
import { quoteFilterValue } from '../../index/filters.js';
import type { PassageSpread, PassageSpreadRequest, SharedPassages, SharedPassagesRequest } from '../port.js';
import type { SearchContext } from './searchContext.js';

export function passageSearches(context: SearchContext) {
  const { names } = context;
  const count = (filter: string, facets: string[]) => ({
    indexUid: names.sections,
    q: '',
    filter,
    facets,
    page: 1,
    hitsPerPage: 0,
  });

  async function passageSpread(requests: readonly PassageSpreadRequest[]): Promise<PassageSpread[]> {
    if (requests.length === 0) return [];
    const filterOf = (r: PassageSpreadRequest) =>
      `passages = ${quoteFilterValue(r.key)} AND reportId != ${quoteFilterValue(r.exceptReportId)}`;
    const responses = await context.search(requests.map((r) => count(filterOf(r), ['reportKey', 'organKey'])));
    const spreads = requests.map((request, i): PassageSpread & { withoutOrgan: boolean } => {
      const facets = responses[i]?.facetDistribution ?? {};
      const organCounts = Object.values(facets['organKey'] ?? {}).reduce((sum, n) => sum + n, 0);
      return {
        key: request.key,
        reports: Object.keys(facets['reportKey'] ?? {}).length,
        organKeys: Object.keys(facets['organKey'] ?? {}).sort(),
        reportsWithoutOrgan: 0,
        // Sections without an organ key exist among them: their reports are counted in a second search.
        withoutOrgan: organCounts < (responses[i]?.totalHits ?? 0),
      };
    });
    const missing = spreads.map((s, i) => ({ s, i })).filter(({ s }) => s.withoutOrgan);
    if (missing.length > 0) {
      const more = await context.search(
        missing.map(({ i }) => count(`${filterOf(requests[i] as PassageSpreadRequest)} AND organKey IS NULL`, ['reportKey'])),
      );
      missing.forEach(({ s }, j) => {
        s.reportsWithoutOrgan = Object.keys(more[j]?.facetDistribution?.['reportKey'] ?? {}).length;
      });
    }
    return spreads.map(({ withoutOrgan: _, ...spread }) => spread);
  }

  async function sharedPassages(request: SharedPassagesRequest): Promise<SharedPassages> {
    if (request.keys.length === 0) return { previousYear: [], otherOrgans: [] };
    const keys = [...new Set(request.keys)];
    const holding = `passages IN [${keys.map(quoteFilterValue).join(', ')}]`;
    const self = quoteFilterValue(request.reportId);
    const otherBodies =
      request.organKey === null
        ? `reportId != ${self}`
        : `reportId != ${self} AND (organKey IS NULL OR organKey != ${quoteFilterValue(request.organKey)})`;
    const queries = [count(`${holding} AND ${otherBodies}`, ['passages'])];
    if (request.previousReportId !== null)
      queries.push(count(`${holding} AND reportId = ${quoteFilterValue(request.previousReportId)}`, ['passages']));
    const [others, previous] = await context.search(queries);
    const held = (facets: Record<string, Record<string, number>> | undefined): string[] => {
      const values = facets?.['passages'] ?? {};
      return keys.filter((key) => (values[key] ?? 0) > 0);
    };
    return { otherOrgans: held(others?.facetDistribution), previousYear: previous ? held(previous.facetDistribution) : [] };
  }

  return { passageSpread, sharedPassages };
}
