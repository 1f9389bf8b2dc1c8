import type { MeiliPaths } from './paths.js';

export interface MeiliCommandInput {
  paths: MeiliPaths;
  port: number;
  maxIndexingThreads?: number;
  maxIndexingMemory?: string;
  /** Start from this snapshot (compaction: meili/compact.ts); the db path must not exist yet. */
  importSnapshot?: string;
}

/** Command-line arguments for the managed server. The master key is not among them: it goes in the environment, out of `ps`. */
export function meiliArgs(input: MeiliCommandInput): string[] {
  const { paths } = input;
  const args = [
    '--db-path',
    paths.dbPath,
    '--dump-dir',
    paths.dumpDir,
    '--snapshot-dir',
    paths.snapshotDir,
    '--http-addr',
    `127.0.0.1:${input.port}`,
    '--env',
    'production',
    '--no-analytics',
  ];
  if (input.maxIndexingThreads !== undefined) args.push('--max-indexing-threads', String(input.maxIndexingThreads));
  if (input.maxIndexingMemory !== undefined) args.push('--max-indexing-memory', input.maxIndexingMemory);
  if (input.importSnapshot !== undefined) args.push('--import-snapshot', input.importSnapshot);
  return args;
}

/**
 * The child's environment: the parent's without any MEILI_* variable, which Meilisearch would read as
 * its own settings (MEILI_HOST and MEILI_API_KEY are ours; a stray MEILI_DB_PATH would be obeyed), plus
 * the master key.
 */
export function meiliEnvironment(parent: NodeJS.ProcessEnv, masterKey: string): NodeJS.ProcessEnv {
  return { ...withoutMeiliVariables(parent), MEILI_MASTER_KEY: masterKey };
}

/** An environment without any MEILI_* variable: Meilisearch's own settings, and ours that point at an instance. */
export function withoutMeiliVariables(parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) {
    if (!name.startsWith('MEILI_')) env[name] = value;
  }
  return env;
}
