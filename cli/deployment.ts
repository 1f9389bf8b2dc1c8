// The Meilisearch instances a command works with: one (managed in DATA_DIR, or MEILI_HOST) or the
// shards of MEILI_SHARDS, each checked like MEILI_HOST. Publishers and the search are made here so
// that every command routes writes and fans out reads the same way.
import type { Config } from '../config/config.js';
import { shardLabel } from '../index/shards.js';
import { createMeiliPublisher, shardBatchBytes, type Publisher } from '../indexer/publisher.js';
import { shardedPublisher } from '../indexer/shardedPublisher.js';
import { connectMeili, ensureSearchKey, type MeiliConnection } from '../meili/connect.js';
import { createMeiliReportSearch } from '../search/meiliReportSearch.js';
import type { ReportSearch } from '../search/port.js';
import { indexNames, searchIndexUids, type IndexNames } from '../index/schema.js';

/** The one Meilisearch of a deployment without shards: managed in DATA_DIR, or MEILI_HOST. */
export function connectOne(config: Config, log: (line: string) => void): Promise<MeiliConnection> {
  return connectMeili({
    dataDir: config.dataDir,
    host: config.meiliHost ?? undefined,
    apiKey: config.meiliApiKey ?? undefined,
    maxIndexingThreads: config.maxIndexingThreads ?? undefined,
    maxIndexingMemory: config.maxIndexingMemory ?? undefined,
    log,
  });
}

/** One connection, or one per shard (in MEILI_SHARDS order). */
export async function connectAll(config: Config, log: (line: string) => void): Promise<MeiliConnection[]> {
  if (config.meiliShards === null) return [await connectOne(config, log)];
  log(`nianbao: ${config.meiliShards.length} shards (MEILI_SHARDS)`);
  return Promise.all(
    config.meiliShards.map((shard) => connectMeili({ dataDir: config.dataDir, host: shard.host, apiKey: shard.apiKey, log })),
  );
}

/** The indexer's publisher: one instance's, or each report routed to its shard; `dataDir` holds the reports waiting for their sections. */
export function publisherOf(connections: readonly MeiliConnection[], indexes: IndexNames, dataDir?: string): Publisher {
  const batchBytes = shardBatchBytes(connections.length);
  return shardedPublisher(
    connections.map((connection) => ({
      label: shardLabel(connection.host),
      publisher: createMeiliPublisher({
        host: connection.host,
        adminKey: connection.adminKey,
        indexes,
        waitingFolder: dataDir,
        batchBytes,
      }),
    })),
  );
}

/**
 * The site's search over every instance, with a search-only key for each (made when the admin key may
 * make keys; else MEILI_SEARCH_KEY, or MEILI_SHARD_SEARCH_KEYS for shards). `admin`: the admin keys
 * themselves, for commands that only read (`nianbao list`).
 */
export async function searchOf(connections: readonly MeiliConnection[], config: Config, admin = false): Promise<ReportSearch> {
  const names = indexNames(config.indexPrefix);
  const keys = await Promise.all(
    connections.map(async (connection, i) => {
      if (admin) return connection.adminKey;
      const given = config.meiliShards === null ? config.meiliSearchKey : (config.meiliShards[i]?.searchKey ?? null);
      return given ?? ensureSearchKey(connection, searchIndexUids(names));
    }),
  );
  const shards = connections.map((connection, i) => ({ host: connection.host, apiKey: keys[i]! }));
  return createMeiliReportSearch({ ...shards[0]!, shards, indexes: names });
}

/** Closes every connection (stops a managed Meilisearch this process owns). */
export async function closeAll(connections: readonly MeiliConnection[]): Promise<void> {
  await Promise.all(connections.map((connection) => connection.close()));
}
