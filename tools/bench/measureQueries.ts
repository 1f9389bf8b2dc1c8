// Times the query mix through the server's JSON API and straight against Meilisearch. Each query is
// sent once cold (the first time this server sees it: verification and caches empty; the API goes
// first, so its cold figure is what a user would see, and the direct search after it may find
// Meilisearch's caches warmer), then `runs` times warm,
// API and direct interleaved so that drift on a shared machine affects both alike. The search
// adapter is also timed in this process (warm): what lies between the two is then split into the
// adapter's own work (its extra searches, verification, highlighting) and the web tier's.
import type { ReportSearch } from '../../search/port.js';
import { expectOk, type LoopbackClient } from './loopbackClient.js';
import type { MeiliAdmin } from './meiliAdmin.js';
import { adapterSearches, apiPath, directQueries, type AdapterStep, type MixQuery } from './queryMix.js';

export interface QueryTimings {
  query: MixQuery;
  apiColdMs: number;
  apiWarmMs: number[];
  directColdMs: number;
  directWarmMs: number[];
  /** The search adapter called in this process, warm. */
  adapterWarmMs: number[];
  /** Each of the adapter's searches sent alone, straight to Meilisearch, warm (searches only). */
  stepWarmMs: Map<AdapterStep, number[]>;
  /** Sections matching, as the API reports (searches only). */
  apiTotal: number | null;
  /** Sections matching, as Meilisearch reports before verification (searches only). */
  directTotal: number | null;
}

export interface MeasureOptions {
  serverUrl: string;
  sectionsIndex: string;
  runs: number;
  client: LoopbackClient;
  admin: MeiliAdmin;
  adapter: ReportSearch;
}

export async function measureQueries(mix: readonly MixQuery[], options: MeasureOptions): Promise<QueryTimings[]> {
  const { client, admin } = options;
  const api = async (query: MixQuery) => {
    const response = expectOk(await client.get(options.serverUrl + apiPath(query)), `GET ${apiPath(query)}`);
    const total = query.kind === 'search' ? (JSON.parse(response.body) as { total: number }).total : null;
    return { ms: response.ms, total };
  };
  const direct = async (query: MixQuery) => {
    const response = await admin.multiSearch(directQueries(query, options.sectionsIndex));
    const first = (JSON.parse(response.body) as { results: Array<{ totalHits?: number }> }).results[0];
    return { ms: response.ms, total: query.kind === 'search' ? (first?.totalHits ?? null) : null };
  };

  const adapter = async (query: MixQuery) => {
    const started = performance.now();
    if (query.kind === 'trend') await options.adapter.trend({ q: query.q, filters: query.filters });
    else await options.adapter.search({ q: query.q, filters: query.filters, page: query.page, per: query.per, sort: query.sort });
    return performance.now() - started;
  };

  const timings: QueryTimings[] = [];
  for (const query of mix) {
    const apiCold = await api(query);
    const directCold = await direct(query);
    timings.push({
      query,
      apiColdMs: apiCold.ms,
      apiWarmMs: [],
      directColdMs: directCold.ms,
      directWarmMs: [],
      adapterWarmMs: [],
      stepWarmMs: new Map(),
      apiTotal: apiCold.total,
      directTotal: directCold.total,
    });
  }
  // The adapter's first call per query fills its own verification cache: not a warm figure.
  for (const timing of timings) await adapter(timing.query);
  for (let run = 0; run < options.runs; run++) {
    for (const timing of timings) {
      timing.apiWarmMs.push((await api(timing.query)).ms);
      timing.directWarmMs.push((await direct(timing.query)).ms);
      timing.adapterWarmMs.push(await adapter(timing.query));
      for (const { step, query } of adapterSearches(timing.query, options.sectionsIndex)) {
        const samples = timing.stepWarmMs.get(step) ?? [];
        samples.push((await admin.multiSearch([query])).ms);
        timing.stepWarmMs.set(step, samples);
      }
    }
  }
  return timings;
}
