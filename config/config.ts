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
  indexPrefix: string;
  maxIndexingThreads: number | null;
  maxIndexingMemory: string | null;
  /** Requests per minute per client on /api and export routes. */
  rateLimitPerMinute: number;
  maxFileBytes: number;
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
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, 'only A-Z a-z 0-9 - _')
    .default('nianbao_'),
  MEILI_MAX_INDEXING_THREADS: z.coerce.number().int().positive().nullable().default(null),
  MEILI_MAX_INDEXING_MEMORY: optionalText,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(DEFAULT_RATE_LIMIT_PER_MINUTE),
  MAX_FILE_MB: z.coerce.number().positive().default(20),
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
  const found = e.DATA_DIR === null ? findDataDir(cwd) : null;
  return Object.freeze({
    dataDir: found ? found.dataDir : resolve(cwd, e.DATA_DIR as string),
    dataDirFrom: found ? found.from : 'env',
    host: e.HOST,
    port: e.PORT,
    meiliHost: e.MEILI_HOST,
    meiliApiKey: e.MEILI_API_KEY,
    meiliSearchKey: e.MEILI_SEARCH_KEY,
    indexPrefix: e.MEILI_INDEX_PREFIX,
    maxIndexingThreads: e.MEILI_MAX_INDEXING_THREADS,
    maxIndexingMemory: e.MEILI_MAX_INDEXING_MEMORY,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    maxFileBytes: Math.round(e.MAX_FILE_MB * 1_000_000),
  });
}
