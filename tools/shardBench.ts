// `node dist-tools/tools/shardBench.js --corpus DIR... [--shards 1,3] [--runs 5] [--built DATA_DIR[,DATA_DIR…]]`
// The same corpus indexed and served on 1 and on N Meilisearch instances of this machine (shards,
// README "Shards"): indexing wall time of the real CLI, warm API latency of the bench's query mix
// through the real server (p50/p95, searches and trends apart), and whether every answer's counts
// (total, report count, facets; a trend's tables) equal those of the first configuration. Every
// process and folder it starts is gone when it ends.
// --built: the reference is an index built earlier from the same corpus (one DATA_DIR per shard, each with
// its managed Meilisearch; the first holds the indexer's files), served as is and kept: a 1M index takes
// an hour to build. Its index time is the one its last-run.json records, not measured side by side.
// `--shards none` with --built: only the index built earlier is served and measured.
// --prewarm: each instance's index files are read into the page cache before the server starts, as
// `nianbao start` does for its managed Meilisearch (meili/prewarm.ts); without it the bench's instances are
// external to the server, which warms none. Drop the page cache first to measure a first query after a restart.
import { readFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { projectPath } from '../config/paths.js';
import { freePort } from '../meili/freePort.js';
import { prewarmIndexFiles, prewarmLine } from '../meili/prewarm.js';
import { withoutMeiliVariables } from '../meili/meiliCommand.js';
import { openBenchMeili, startBenchMeili, type BenchMeili } from './bench/benchMeili.js';
import { runMeasured, startServerProcess } from './bench/children.js';
import { createCleanup, type Cleanup } from './bench/cleanup.js';
import { createLoopbackClient, expectOk, type LoopbackClient } from './bench/loopbackClient.js';
import { distribution } from './bench/percentiles.js';
import { apiPath, QUERY_MIX } from './bench/queryMix.js';

interface Options {
  corpus: string[];
  shards: number[];
  runs: number;
  built?: string[];
  prewarm?: boolean;
}

interface Configuration {
  shards: number;
  /** --built: the DATA_DIR of each shard of an index built earlier; absent, the index is built in this run. */
  builtIn?: string[];
}

interface Outcome {
  shards: number;
  indexSeconds: number;
  /** The indexer's peak resident set, MiB; null for an index built earlier. */
  indexPeakMiB: number | null;
  builtEarlier: boolean;
  sections: number;
  searchWarmMs: number[];
  trendWarmMs: number[];
  coldMs: number[];
  /** Each query's answer without timings, for comparing configurations. */
  answers: string[];
}

function log(line: string): void {
  process.stderr.write(`shardBench: ${line}\n`);
}

function environment(instances: readonly BenchMeili[], extra: Record<string, string>): NodeJS.ProcessEnv {
  const [first] = instances;
  const where =
    instances.length === 1
      ? { MEILI_HOST: first!.connection.host, MEILI_API_KEY: first!.connection.adminKey }
      : {
          MEILI_SHARDS: instances.map((meili) => meili.connection.host).join(','),
          MEILI_SHARD_KEYS: instances.map((meili) => meili.connection.adminKey).join(','),
        };
  return { ...withoutMeiliVariables(process.env), DATA_DIR: first!.dataDir, ...where, ...extra };
}

/** What an answer says, without the time it took; object keys sorted (facet values come in no promised order). */
function countsOf(body: string): string {
  const { tookMs: _took, ...rest } = JSON.parse(body) as Record<string, unknown>;
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([key, inner]) => [key, canonical(inner)]),
          )
        : value;
  return JSON.stringify(canonical(rest));
}

async function measure(configuration: Configuration, options: Options, client: LoopbackClient, cleanup: Cleanup): Promise<Outcome> {
  const { shards } = configuration;
  const instances: BenchMeili[] = [];
  let indexed: Pick<Outcome, 'indexSeconds' | 'indexPeakMiB' | 'sections'>;
  if (configuration.builtIn !== undefined) {
    const lastRun = JSON.parse(
      await readFile(join(configuration.builtIn[0]!, 'last-run.json'), 'utf8').catch(() => {
        throw new InvalidArgumentError(`${configuration.builtIn![0]} has no last-run.json: give --built the DATA_DIR an index run wrote`);
      }),
    ) as { elapsedMs: number; sections: number };
    for (const dataDir of configuration.builtIn) instances.push(await openBenchMeili(dataDir, cleanup, log));
    indexed = { indexSeconds: lastRun.elapsedMs / 1000, indexPeakMiB: null, sections: lastRun.sections };
    log(`${shards} shard(s), built earlier: ${lastRun.sections} sections, indexed in ${indexed.indexSeconds.toFixed(1)} s`);
  } else {
    // Each instance would take 2/3 of the machine's memory for indexing (Meilisearch's default): three
    // at once were killed by the kernel (session 15). Together they get what one instance would.
    const maxIndexingMemory = `${Math.floor((totalmem() * 2) / 3 / shards / 2 ** 20)} MiB`;
    for (let i = 0; i < shards; i++) instances.push(await startBenchMeili(`shard${i}`, cleanup, log, { maxIndexingMemory }));
    const index = await runMeasured(
      projectPath('bin', 'nianbao.js'),
      ['index', ...options.corpus, '--json'],
      { env: environment(instances, {}) },
      cleanup,
    );
    if (index.exitCode !== 0) throw new Error(`nianbao index exited with ${index.exitCode}:\n${index.stderr.slice(-3000)}`);
    const summary = JSON.parse(index.stdout) as { sections: number };
    indexed = { indexSeconds: index.wallMs / 1000, indexPeakMiB: index.peakRssKb / 1024, sections: summary.sections };
    log(
      `${shards} shard(s): indexed ${summary.sections} sections in ${indexed.indexSeconds.toFixed(1)} s, ` +
        `peak RSS ${indexed.indexPeakMiB!.toFixed(0)} MiB (${index.rssSource})`,
    );
  }
  if (options.prewarm === true) {
    for (const meili of instances) log(`${meili.dbPath}: ${prewarmLine(await prewarmIndexFiles(meili.dbPath))}`);
  }
  const server = await startServerProcess(
    {
      cliPath: projectPath('dist', 'cli', 'main.js'),
      port: await freePort(),
      env: environment(instances, { RATE_LIMIT_PER_MINUTE: '1000000' }),
      health: async (url) => (await client.get(`${url}/healthz`)).status === 200,
    },
    cleanup,
  );
  const outcome: Outcome = {
    shards,
    ...indexed,
    builtEarlier: configuration.builtIn !== undefined,
    searchWarmMs: [],
    trendWarmMs: [],
    coldMs: [],
    answers: [],
  };
  for (const query of QUERY_MIX) {
    const cold = expectOk(await client.get(server.url + apiPath(query)), apiPath(query));
    outcome.coldMs.push(cold.ms);
    outcome.answers.push(countsOf(cold.body));
  }
  for (let run = 0; run < options.runs; run++) {
    for (const query of QUERY_MIX) {
      const warm = expectOk(await client.get(server.url + apiPath(query)), apiPath(query));
      (query.kind === 'trend' ? outcome.trendWarmMs : outcome.searchWarmMs).push(warm.ms);
    }
  }
  await server.stop();
  for (const meili of instances) await meili.stop();
  const all = distribution([...outcome.searchWarmMs, ...outcome.trendWarmMs]);
  log(`${shards} shard(s): warm p95 ${all.p95.toFixed(0)} ms, cold max ${Math.max(...outcome.coldMs).toFixed(0)} ms`);
  return outcome;
}

function shardList(value: string): number[] {
  if (value === 'none') return [];
  const counts = value.split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new InvalidArgumentError('shard counts, e.g. 1,3');
  return counts;
}

async function main(): Promise<void> {
  const options = new Command()
    .name('shardBench')
    .requiredOption('--corpus <dirs...>', 'folders of reports (read only)')
    .option('--shards <list>', 'shard counts to compare; the first is the reference', shardList, [1, 3])
    .option('--runs <n>', 'warm runs per query', Number, 5)
    .option('--built <dirs>', 'the reference: an index of the same corpus built earlier, one DATA_DIR per shard', (value: string) =>
      value.split(','),
    )
    .option('--prewarm', "read each instance's index files into the page cache before the server starts")
    .parse()
    .opts<Options>();
  const cleanup = createCleanup(log);
  const client = createLoopbackClient();
  try {
    const outcomes: Outcome[] = [];
    const configurations: Configuration[] = options.shards.map((shards) => ({ shards }));
    if (options.built !== undefined) configurations.unshift({ shards: options.built.length, builtIn: options.built });
    if (configurations.length === 0) throw new InvalidArgumentError('nothing to measure: --shards none needs --built');
    for (const configuration of configurations) outcomes.push(await measure(configuration, options, client, cleanup));
    const reference = outcomes[0]!;
    const lines = [
      '| shards | index s | × first | index peak MiB | search p50 / p95 ms | trend p50 / p95 ms | all warm p95 ms | cold max ms | answers equal to first |',
    ];
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const outcome of outcomes) {
      const search = distribution(outcome.searchWarmMs);
      const trend = distribution(outcome.trendWarmMs);
      const all = distribution([...outcome.searchWarmMs, ...outcome.trendWarmMs]);
      const equal = outcome.answers.filter((answer, i) => answer === reference.answers[i]).length;
      lines.push(
        `| ${outcome.shards}${outcome.builtEarlier ? ' (built earlier)' : ''} | ${outcome.indexSeconds.toFixed(1)} | ` +
          `${(outcome.indexSeconds / reference.indexSeconds).toFixed(2)} | ${outcome.indexPeakMiB?.toFixed(0) ?? '–'} | ` +
          `${search.p50.toFixed(0)} / ${search.p95.toFixed(0)} | ${trend.p50.toFixed(0)} / ${trend.p95.toFixed(0)} | ${all.p95.toFixed(0)} | ` +
          `${Math.max(...outcome.coldMs).toFixed(0)} | ${equal}/${outcome.answers.length} |`,
      );
    }
    process.stdout.write(
      `${options.corpus.join(' ')}: ${reference.sections} sections, ${options.runs} warm runs of ${QUERY_MIX.length} queries\n`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    // The first time each server saw each query: a slow first search hides in "cold max" otherwise.
    const cold = [`| query (first time, ms) | ${outcomes.map((outcome) => `${outcome.shards} shard(s)`).join(' | ')} |`];
    cold.push(`| --- | ${outcomes.map(() => '---').join(' | ')} |`);
    QUERY_MIX.forEach((query, i) => {
      cold.push(
        `| ${query.label}: ${decodeURIComponent(apiPath(query))} | ${outcomes.map((outcome) => outcome.coldMs[i]!.toFixed(0)).join(' | ')} |`,
      );
    });
    process.stdout.write(`\n${cold.join('\n')}\n`);
    if (outcomes.some((outcome) => outcome.answers.some((answer, i) => answer !== reference.answers[i]))) process.exitCode = 1;
  } finally {
    client.close();
    await cleanup.run();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
