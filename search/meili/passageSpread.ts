// Copied passages (issue #14) counted by the search engine: which reports and bodies hold a
// passage key (the "also in N reports" of a hit), and which of a report's keys its previous report
// and other bodies hold (the report's shares). Counting searches only (hitsPerPage 0, facets):
// every count is exact and current with the index.
import { quoteFilterValue } from '../../index/filters.js';
import type { SearchQuery, SearchResponse } from '../../index/meiliClient.js';
import type { PassageSpread, PassageSpreadRequest, SharedPassages, SharedPassagesRequest } from '../port.js';
import { RecentValues } from '../../core/recentValues.js';
import type { Generation } from './generation.js';
import type { SearchContext } from './searchContext.js';

/** Spreads remembered per index generation: a page seen again asks nothing (as report counts are remembered). */
const REMEMBERED_SPREADS = 20_000;
/** Requests sent at once for one page's counts (see inParallel). */
const PARALLEL_REQUESTS = 4;

/** Every report and body holding one key. */
interface KeySpread {
  reports: number;
  organs: number;
}

export function passageSearches(context: SearchContext, generation: () => Promise<Generation>) {
  const { names } = context;
  const remembered = new RecentValues<PassageSpread>(REMEMBERED_SPREADS);
  const rememberedKeys = new RecentValues<KeySpread>(REMEMBERED_SPREADS);
  const count = (filter: string, facets: string[]) => ({
    indexUid: names.sections,
    q: '',
    filter,
    facets,
    page: 1,
    hitsPerPage: 0,
  });

  /**
   * One round of counting searches for a page of hits (and a second, small one). On one instance
   * every figure is a `distinct` count (totalHits of a 0-hit page): a passage copied into thousands
   * of reports costs a number, not a facet list of thousands of values (measured: warm p95 of a 100k
   * search page 4.5 s with facet lists). Over several shards a body's reports may sit on different shards, so distinct organs
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
    const counted = await countSpreads(unknown, value);
    for (const [i, r] of unknown.entries()) {
      known.set(memoKey(r), counted[i]!);
      remembered.set(memoKey(r), counted[i]!);
    }
    return requests.map((r) => known.get(memoKey(r))!);
  }

  /**
   * Counted per key, not per (key, report): the costly figures — how many reports and bodies hold a
   * key — are the same for every hit holding it, and a widespread passage costs a `distinct` count
   * over tens of thousands of sections (about 0.25 s at a million sections). They are remembered per
   * index generation, so a passage costs them once whatever page it appears on. What leaving one
   * report out changes is read by two small searches per request: does that report hold the key,
   * and does another report of its body.
   */
  async function countSpreads(requests: readonly PassageSpreadRequest[], generationValue: string): Promise<PassageSpread[]> {
    if (requests.length === 0) return [];
    const memoKey = (key: string) => `${generationValue}\u0000${key}`;
    const holding = (key: string) => `passages = ${quoteFilterValue(key)}`;
    const spreads = new Map<string, KeySpread>();
    const unknownKeys: string[] = [];
    for (const key of new Set(requests.map((r) => r.key))) {
      const known = rememberedKeys.get(memoKey(key));
      if (known) spreads.set(key, known);
      else unknownKeys.push(key);
    }
    const [keyAnswers, selfAnswers] = await Promise.all([
      inParallel(unknownKeys.map((key) => keyQueries(holding(key)))),
      inParallel(
        requests.map((r) => [
          {
            ...count(`${holding(r.key)} AND reportId = ${quoteFilterValue(r.exceptReportId)}`, []),
            hitsPerPage: 1,
            attributesToRetrieve: ['organKey'],
          },
        ]),
      ),
    ]);
    unknownKeys.forEach((key, i) => {
      const spread = keySpreadOf(keyAnswers[i]!);
      spreads.set(key, spread);
      rememberedKeys.set(memoKey(key), spread);
    });
    // The left-out report holds the key: its body stops counting unless another of its reports holds it too.
    const selves = selfAnswers.map(([answer]) => {
      const hit = answer?.hits[0] as { organKey?: string | null } | undefined;
      return { holds: (answer?.totalHits ?? 0) > 0, organKey: hit?.organKey ?? null };
    });
    const asked = selves.flatMap((self, i) => (self.holds && self.organKey !== null ? [i] : []));
    const sameBody = await inParallel(
      asked.map((i) => [
        count(
          `${holding(requests[i]!.key)} AND organKey = ${quoteFilterValue(selves[i]!.organKey!)} AND reportId != ${quoteFilterValue(requests[i]!.exceptReportId)}`,
          [],
        ),
      ]),
    );
    const bodyHeldElsewhere = new Map(asked.map((i, j) => [i, (sameBody[j]![0]?.totalHits ?? 0) > 0]));
    return requests.map((request, i) => {
      const all = spreads.get(request.key)!;
      const self = selves[i]!;
      const ownBodyLeaves = self.holds && (self.organKey === null || !bodyHeldElsewhere.get(i));
      return { key: request.key, reports: all.reports - (self.holds ? 1 : 0), organs: all.organs - (ownBodyLeaves ? 1 : 0) };
    });
  }

  /** Every report and body holding a key (a report without an organ key counts as a body of its own). */
  function keyQueries(filter: string): SearchQuery[] {
    const distinct = (where: string, field: string) => ({ ...count(where, []), distinct: field });
    return [
      distinct(filter, 'reportId'),
      context.shards.length > 1
        ? count(`${filter} AND organKey IS NOT NULL`, ['organKey'])
        : distinct(`${filter} AND organKey IS NOT NULL`, 'organKey'),
      distinct(`${filter} AND organKey IS NULL`, 'reportId'),
    ];
  }

  function keySpreadOf([reports, organs, withoutOrgan]: Array<SearchResponse<unknown>>): KeySpread {
    const organCount =
      context.shards.length > 1 ? Object.keys(organs?.facetDistribution?.['organKey'] ?? {}).length : (organs?.totalHits ?? 0);
    return { reports: reports?.totalHits ?? 0, organs: organCount + (withoutOrgan?.totalHits ?? 0) };
  }

  /**
   * Groups of searches sent as up to PARALLEL_REQUESTS requests at once: Meilisearch runs the
   * searches of one request one after the other, and requests side by side on its threads.
   */
  async function inParallel(groups: SearchQuery[][]): Promise<Array<Array<SearchResponse<unknown>>>> {
    if (groups.length === 0) return [];
    const perRequest = Math.ceil(groups.length / PARALLEL_REQUESTS);
    const batches: SearchQuery[][][] = [];
    for (let i = 0; i < groups.length; i += perRequest) batches.push(groups.slice(i, i + perRequest));
    const answers = await Promise.all(batches.map((batch) => context.search<unknown>(batch.flat())));
    const out: Array<Array<SearchResponse<unknown>>> = [];
    batches.forEach((batch, b) => {
      let at = 0;
      for (const group of batch) {
        out.push(answers[b]!.slice(at, at + group.length));
        at += group.length;
      }
    });
    return out;
  }

  /**
   * Other bodies: one count per key (is it held outside this body?), not a facet list of `passages`
   * over every section holding any of the keys: that list holds every key of those sections, and
   * at 1M sections it was 206,321 values (3.7 MB, 1.0 s) for one report of 58 keys, where the 58
   * counts take 47 ms. The previous report's list is its own keys only, so it stays a facet list.
   */
  async function sharedPassages(request: SharedPassagesRequest): Promise<SharedPassages> {
    if (request.keys.length === 0) return { previousYear: [], otherOrgans: [] };
    const keys = [...new Set(request.keys)];
    const self = quoteFilterValue(request.reportId);
    const otherBodies =
      request.organKey === null
        ? `reportId != ${self}`
        : `reportId != ${self} AND (organKey IS NULL OR organKey != ${quoteFilterValue(request.organKey)})`;
    const previousQuery =
      request.previousReportId === null
        ? []
        : [
            count(`passages IN [${keys.map(quoteFilterValue).join(', ')}] AND reportId = ${quoteFilterValue(request.previousReportId)}`, [
              'passages',
            ]),
          ];
    const [outside, [previous]] = await Promise.all([
      inParallel(keys.map((key) => [count(`passages = ${quoteFilterValue(key)} AND ${otherBodies}`, [])])),
      previousQuery.length === 0 ? [] : context.search(previousQuery),
    ]);
    const inPrevious = previous?.facetDistribution?.['passages'] ?? {};
    return {
      otherOrgans: keys.filter((_, i) => (outside[i]![0]?.totalHits ?? 0) > 0),
      previousYear: previous ? keys.filter((key) => (inPrevious[key] ?? 0) > 0) : [],
    };
  }

  return { passageSpread, sharedPassages };
}
