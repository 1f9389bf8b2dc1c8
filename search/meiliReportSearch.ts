// ReportSearch over Meilisearch, put together from parts that each do one job (search/meili/):
// Meilisearch does retrieval, filtering, sorting and counting; the planner turns a query into
// disjoint searches whose counts are exact, verifying what Meilisearch's phrase check cannot rule
// out; the exact rule (core/) maps hits back to positions in the original text.
import { meiliClient } from '../index/meiliClient.js';
import type { IndexNames } from '../index/schema.js';
import { corpusStatistics } from './meili/corpusStatistics.js';
import { generationReader } from './meili/generation.js';
import { metaReader } from './meili/metaDocuments.js';
import { matchingSectionStream } from './meili/matchingSections.js';
import { indexOverview } from './meili/indexOverview.js';
import { reportLookups } from './meili/reportLookups.js';
import { passageSearches } from './meili/passageSpread.js';
import { reportRestriction } from './meili/reportRestriction.js';
import { searchContext } from './meili/searchContext.js';
import { shardedContext } from './meili/shards.js';
import { shardLabel } from '../index/shards.js';
import { sectionSearch } from './meili/sectionSearch.js';
import { trendSearch } from './meili/trend.js';
import { verifiedPlanner } from './meili/verifiedPlanner.js';
import type { ReportSearch } from './port.js';

export interface MeiliInstance {
  host: string;
  /** A search-only key: the web tier never holds the master key. */
  apiKey: string;
}

export interface MeiliReportSearchOptions extends MeiliInstance {
  /**
   * Several Meilisearch instances, each holding a disjoint set of reports (index/shards.ts): every
   * search fans out to all of them and their answers are merged (search/meili/shards.ts). When
   * given, `host` and `apiKey` are not used.
   */
  shards?: readonly MeiliInstance[];
  indexes: IndexNames;
  /** Maximum number of terms whose false positives are remembered. */
  verificationCacheSize?: number;
}

export function createMeiliReportSearch(options: MeiliReportSearchOptions): ReportSearch {
  const instances = options.shards && options.shards.length > 0 ? options.shards : [options];
  const sharded = instances.length > 1;
  const clients = instances.map((instance) => meiliClient(instance.host, instance.apiKey));
  const shards = clients.map((client, i) => searchContext(client, options.indexes, sharded ? shardLabel(instances[i]!.host) : null));
  // One read of the shards' meta documents serves the generation and the sharded search's move check.
  const meta = metaReader(shards);
  const context = shardedContext(shards, meta);
  const generation = generationReader(meta);
  const plan = verifiedPlanner(context, generation, options.verificationCacheSize ?? 2_000);
  const restrict = reportRestriction(context);
  const search = sectionSearch(context, plan);
  const trend = trendSearch(context, plan);
  const matchingSections = matchingSectionStream(context, plan);
  return {
    search: async (request) => search(await restrict(request)),
    trend: async (request) => trend(await restrict(request)),
    async *matchingSections(request) {
      yield* matchingSections(await restrict(request));
    },
    ...reportLookups(context),
    ...passageSearches(context, generation),
    async indexState() {
      const { value, formatVersion } = await generation();
      return { generation: value, formatVersion };
    },
    corpusStatistics: corpusStatistics(context),
    indexOverview: indexOverview(context),
    async ping() {
      const answers = await Promise.all(
        clients.map((client) =>
          client.health().then(
            () => true,
            () => false,
          ),
        ),
      );
      return answers.every(Boolean);
    },
  };
}
