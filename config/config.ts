// Configuration is read here, once, from the environment; nothing else reads process.env.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

export interface Config {
  /** Meilisearch data, its master key and instance file live under this folder. */
  dataDir: string;
  /** Where dataDir came from: DATA_DIR, a nianbao data folder found above the working folder, or ./data. */
  dataDirFrom: 'env' | 'found-above' | 'default';
  /** The address the site listens on; loopback unless opened for a team (README "Serve for a team"). */
  host: string;
  port: number;
  /** An external Meilisearch: set both to use it instead of the managed one. */
  meiliHost: string | null;
  meiliApiKey: string | null;
  /** A search-only key for the web tier when the external admin key may not create keys. */
  meiliSearchKey: string | null;
  /**
   * Several Meilisearch instances, each holding a disjoint part of the reports (MEILI_SHARDS,
   * MEILI_SHARD_KEYS, MEILI_SHARD_SEARCH_KEYS); null for one instance (managed or MEILI_HOST).
   */
  meiliShards: ReadonlyArray<MeiliShard> | null;
  indexPrefix: string;
  maxIndexingThreads: number | null;
  maxIndexingMemory: string | null;
  /** Requests per minute per client on /api and export routes. */
  rateLimitPerMinute: number;
  /** Page and API requests the site works on at once (server/admission.ts); null for its default. */
  concurrentRequests: number | null;
  maxFileBytes: number;
  /** A user's organ alias file (ORGAN_ALIASES_FILE), extending the shipped list; null for the shipped list alone. */
  organAliasesFile: string | null;
}

/** One Meilisearch instance of a sharded deployment. */
export interface MeiliShard {
  host: string;
  /** An admin key of that instance (the indexer's; the site makes or is given a search-only key). */
  apiKey: string;
  /** A search-only key for the site when the admin key may not create keys. */
  searchKey: string | null;
}

export const DEFAULT_HOST = '127.0.0.1';

/** API and export requests one client may make per minute (pages are not limited). */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? null : value))
  .nullable()
  .default(null);

const schema = z.object({
  DATA_DIR: z.string().trim().min(1).nullable().default(null),
  HOST: z.string().trim().min(1).default(DEFAULT_HOST),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MEILI_HOST: optionalText,
  MEILI_API_KEY: optionalText,
  MEILI_SEARCH_KEY: optionalText,
  MEILI_SHARDS: optionalText,
  MEILI_SHARD_KEYS: optionalText,
  MEILI_SHARD_SEARCH_KEYS: optionalText,
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, 'only A-Z a-z 0-9 - _')
    .default('nianbao_'),
  MEILI_MAX_INDEXING_THREADS: z.coerce.number().int().positive().nullable().default(null),
  MEILI_MAX_INDEXING_MEMORY: optionalText,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(DEFAULT_RATE_LIMIT_PER_MINUTE),
  CONCURRENT_REQUESTS: z.coerce.number().int().positive().nullable().default(null),
  MAX_FILE_MB: z.coerce.number().positive().default(20),
  ORGAN_ALIASES_FILE: optionalText,
});

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Without DATA_DIR: the nearest `data/` holding `meili/` (what nianbao makes there) in the working folder
 * or above it, so that `npx nianbao` run from a sub-folder of a project uses that project's index instead
 * of silently starting a second, empty one; `./data` when there is none.
 */
export function findDataDir(cwd: string): { dataDir: string; from: 'found-above' | 'default' } {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'data', 'meili'))) {
      return { dataDir: join(dir, 'data'), from: dir === resolve(cwd) ? 'default' : 'found-above' };
    }
    if (dirname(dir) === dir) return { dataDir: join(resolve(cwd), 'data'), from: 'default' };
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Readonly<Config> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if ((e.MEILI_HOST === null) !== (e.MEILI_API_KEY === null)) {
    throw new ConfigError('set MEILI_HOST and MEILI_API_KEY together (or neither, to run a managed Meilisearch)');
  }
  const meiliShards = shardsOf(e.MEILI_SHARDS, e.MEILI_SHARD_KEYS, e.MEILI_SHARD_SEARCH_KEYS);
  if (meiliShards !== null && e.MEILI_HOST !== null) {
    throw new ConfigError('set MEILI_SHARDS or MEILI_HOST, not both (one instance is MEILI_HOST; several are MEILI_SHARDS)');
  }
  const found = e.DATA_DIR === null ? findDataDir(cwd) : null;
  return Object.freeze({
    dataDir: found ? found.dataDir : resolve(cwd, e.DATA_DIR as string),
    dataDirFrom: found ? found.from : 'env',
    host: e.HOST,
    port: e.PORT,
    meiliHost: e.MEILI_HOST,
    meiliApiKey: e.MEILI_API_KEY,
    meiliSearchKey: e.MEILI_SEARCH_KEY,
    meiliShards,
    indexPrefix: e.MEILI_INDEX_PREFIX,
    maxIndexingThreads: e.MEILI_MAX_INDEXING_THREADS,
    maxIndexingMemory: e.MEILI_MAX_INDEXING_MEMORY,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    concurrentRequests: e.CONCURRENT_REQUESTS,
    maxFileBytes: Math.round(e.MAX_FILE_MB * 1_000_000),
    organAliasesFile: e.ORGAN_ALIASES_FILE === null ? null : resolve(cwd, e.ORGAN_ALIASES_FILE),
  });
}

const list = (value: string | null): string[] => (value === null ? [] : value.split(',').map((item) => item.trim()));

/** MEILI_SHARDS with one admin key per address (and optionally one search key per address), in order. */
function shardsOf(hosts: string | null, keys: string | null, searchKeys: string | null): MeiliShard[] | null {
  if (hosts === null) {
    if (keys !== null || searchKeys !== null) throw new ConfigError('MEILI_SHARD_KEYS and MEILI_SHARD_SEARCH_KEYS need MEILI_SHARDS');
    return null;
  }
  const addresses = list(hosts);
  const adminKeys = list(keys);
  const searchOnly = list(searchKeys);
  if (addresses.some((address) => !/^https?:\/\/[^\s,]+$/.test(address))) {
    throw new ConfigError(
      'MEILI_SHARDS: write the addresses as http(s) URLs separated by commas, e.g. http://10.0.0.1:7700,http://10.0.0.2:7700',
    );
  }
  if (new Set(addresses).size !== addresses.length) throw new ConfigError('MEILI_SHARDS names one address twice');
  if (adminKeys.length !== addresses.length) {
    throw new ConfigError(
      `MEILI_SHARD_KEYS must give one admin key per address of MEILI_SHARDS, in the same order (${addresses.length} addresses, ${adminKeys.length} keys)`,
    );
  }
  if (searchKeys !== null && searchOnly.length !== addresses.length) {
    throw new ConfigError('MEILI_SHARD_SEARCH_KEYS, when set, must give one search key per address of MEILI_SHARDS, in the same order');
  }
  return addresses.map((host, i) => ({ host: host.replace(/\/+$/, ''), apiKey: adminKeys[i]!, searchKey: searchOnly[i] ?? null }));
}
