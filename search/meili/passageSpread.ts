// Copied passages (issue #14) counted by the search engine: which reports and bodies hold a
// passage key (the "also in N reports" of a hit), and which of a report's keys its previous report
// and other bodies hold (the report's shares). Counting searches only (hitsPerPage 0, facets):
// every count is exact and current with the index.
import { quoteFilterValue } from '../../index/filters.js';
import type { PassageSpread, PassageSpreadRequest, SharedPassages, SharedPassagesRequest } from '../port.js';
import { RecentValues } from '../recentValues.js';
import type { Generation } from './generation.js';
import type { SearchContext } from './searchContext.js';

/** Spreads remembered per index generation: a page seen again asks nothing (as report counts are remembered). */
const REMEMBERED_SPREADS = 20_000;

export function passageSearches(context: SearchContext, generation: () => Promise<Generation>) {
  const { names } = context;
  const remembered = new RecentValues<PassageSpread>(REMEMBERED_SPREADS);
  const count = (filter: string, facets: string[]) => ({
    indexUid: names.sections,
    q: '',
    filter,
    facets,
    page: 1,
    hitsPerPage: 0,
  });

  /**
   * One multi-search for a page of hits. On one instance every figure is a `distinct` count
   * (totalHits of a 0-hit page): a passage copied into thousands of reports costs a number, not a
   * facet list of thousands of values (measured: warm p95 of a 100k search page 4.5 s with facet
   * lists). Over several shards a body's reports may sit on different shards, so distinct organs
   * don't add up: there the organ keys are united from facet lists instead. Reports add up either way.
   */
  async function passageSpread(requests: readonly PassageSpreadRequest[]): Promise<PassageSpread[]> {
    if (requests.length === 0) return [];
    const { value } = await generation();
    const memoKey = (r: PassageSpreadRequest) => `${value}\u0000${r.key}\u0000${r.exceptReportId}`;
    const known = new Map<string, PassageSpread>();
    for (const r of requests) {
      const spread = remembered.get(memoKey(r));
      if (spread) known.set(memoKey(r), spread);
    }
    const unknown = requests.filter((r) => !known.has(memoKey(r)));
    const counted = await countSpreads(unknown);
    for (const [i, r] of unknown.entries()) {
      known.set(memoKey(r), counted[i]!);
      remembered.set(memoKey(r), counted[i]!);
    }
    return requests.map((r) => known.get(memoKey(r))!);
  }

  async function countSpreads(requests: readonly PassageSpreadRequest[]): Promise<PassageSpread[]> {
    if (requests.length === 0) return [];
    const filterOf = (r: PassageSpreadRequest) =>
      `passages = ${quoteFilterValue(r.key)} AND reportId != ${quoteFilterValue(r.exceptReportId)}`;
    const distinct = (filter: string, field: string) => ({ ...count(filter, []), distinct: field });
    const sharded = context.shards.length > 1;
    const queries = requests.flatMap((r) => [
      distinct(filterOf(r), 'reportId'),
      sharded
        ? count(`${filterOf(r)} AND organKey IS NOT NULL`, ['organKey'])
        : distinct(`${filterOf(r)} AND organKey IS NOT NULL`, 'organKey'),
      distinct(`${filterOf(r)} AND organKey IS NULL`, 'reportId'),
    ]);
    const responses = await context.search(queries);
    return requests.map((request, i) => {
      const [reports, organs, withoutOrgan] = [0, 1, 2].map((j) => responses[3 * i + j]);
      const organCount = sharded ? Object.keys(organs?.facetDistribution?.['organKey'] ?? {}).length : (organs?.totalHits ?? 0);
      return { key: request.key, reports: reports?.totalHits ?? 0, organs: organCount + (withoutOrgan?.totalHits ?? 0) };
    });
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
