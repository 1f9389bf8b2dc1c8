// `node dist-tools/tools/firstQuery.js --data DATA_DIR [--rounds 2] [--as-left]`
// The first time each query of the bench mix is asked of a freshly started site whose index files
// are not in the system's cache, with and without the prewarm (meili/prewarm.ts), in the order
// off, on, on, off… so that both arms see the same machine. DATA_DIR holds an index built by
// `nianbao index` with its managed Meilisearch; `serve` starts that Meilisearch itself, as a user's
// would. Cold is made, not waited for: before each start the index files' pages are dropped from the
// page cache (GNU dd's `iflag=nocache count=0`, i.e. posix_fadvise DONTNEED; fincore tells what was
// resident). That is colder than right after an index run, where part of the files is still cached.
// --as-left: before those rounds, one start with the prewarm and the cache as it was found (what a
// user gets when `nianbao serve` follows `nianbao index`).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Command, InvalidArgumentError } from 'commander';
import { projectPath } from '../config/paths.js';
import { freePort } from '../meili/freePort.js';
import { withoutMeiliVariables } from '../meili/meiliCommand.js';
import { managedMeiliPaths } from '../meili/paths.js';
import { indexFiles } from '../meili/prewarm.js';
import { startServerProcess } from './bench/children.js';
import { createCleanup } from './bench/cleanup.js';
import { createLoopbackClient, expectOk } from './bench/loopbackClient.js';
import { apiPath, QUERY_MIX } from './bench/queryMix.js';

const run = promisify(execFile);

interface Arm {
  prewarm: boolean;
  /** The page cache as found, not dropped. */
  asLeft: boolean;
  /** From the spawn to /healthz answering: Meilisearch's start, the prewarm, the query warm-up. */
  startMs: number;
  /** Bytes of the index files resident in the page cache before they were dropped. */
  residentBefore: number;
  firstMs: number[];
}

function log(line: string): void {
  process.stderr.write(`firstQuery: ${line}\n`);
}

async function residentBytes(file: string): Promise<number> {
  const { stdout } = await run('fincore', ['--bytes', '--noheadings', '--output', 'RES', file]);
  return Number(stdout.trim());
}

async function dropFromCache(files: readonly string[]): Promise<void> {
  for (const file of files) {
    await run('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
    const left = await residentBytes(file);
    if (left > 0) log(`${file}: ${left} bytes still cached after the drop (pages in use elsewhere?)`);
  }
}

async function main(): Promise<void> {
  const program = new Command()
    .requiredOption('--data <dir>', 'a DATA_DIR holding an index and its managed Meilisearch')
    .option('--rounds <n>', 'rounds of off, on, on, off', (value) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number ≥ 1');
      return n;
    })
    .option('--as-left', 'first, one start with the prewarm on the page cache as found')
    .parse();
  const options = program.opts<{ data: string; rounds?: number; asLeft?: boolean }>();
  const dbPath = managedMeiliPaths(options.data).dbPath;
  const files = (await indexFiles(dbPath)).map((f) => f.file);
  if (files.length === 0)
    throw new Error(`no index files under ${dbPath}: give a DATA_DIR that \`nianbao index\` wrote with its managed Meilisearch`);
  const cleanup = createCleanup(log);
  const client = createLoopbackClient();
  const env = { ...withoutMeiliVariables(process.env), DATA_DIR: options.data };
  const arms: Arm[] = [];
  try {
    const plan: Array<{ prewarm: boolean; asLeft: boolean }> = options.asLeft ? [{ prewarm: true, asLeft: true }] : [];
    for (let round = 0; round < (options.rounds ?? 2); round++) {
      for (const prewarm of [false, true, true, false]) plan.push({ prewarm, asLeft: false });
    }
    for (const { prewarm, asLeft } of plan) {
      let residentBefore = 0;
      for (const file of files) residentBefore += await residentBytes(file);
      if (!asLeft) await dropFromCache(files);
      const started = performance.now();
      const server = await startServerProcess(
        {
          cliPath: projectPath('dist', 'cli', 'main.js'),
          port: await freePort(),
          env,
          serveArgs: prewarm ? [] : ['--no-prewarm'],
          startupTimeoutMs: 600_000,
          health: async (url) => (await client.get(`${url}/healthz`)).status === 200,
        },
        cleanup,
      );
      const startMs = performance.now() - started;
      const firstMs: number[] = [];
      for (const query of QUERY_MIX) firstMs.push(expectOk(await client.get(server.url + apiPath(query)), apiPath(query)).ms);
      await server.stop();
      arms.push({ prewarm, asLeft, startMs, residentBefore, firstMs });
      log(
        `${asLeft ? 'as left, ' : ''}${prewarm ? 'prewarm' : 'no prewarm'}: start ${startMs.toFixed(0)} ms, slowest first query ${Math.max(...firstMs).toFixed(0)} ms`,
      );
    }
  } finally {
    client.close();
    await cleanup.run();
  }
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(0);
  const lines = [
    `Index files: ${files.length}; each start below began with them dropped from the page cache, except "as left".`,
    '',
    `| query | ${arms.map((arm) => (arm.asLeft ? 'as left, prewarm' : arm.prewarm ? 'prewarm' : 'none')).join(' | ')} |`,
    `|---|${arms.map(() => '---').join('|')}|`,
    `| cached at the start, MB | ${arms.map((arm) => mb(arm.residentBefore)).join(' | ')} |`,
    `| start to /healthz, ms | ${arms.map((arm) => arm.startMs.toFixed(0)).join(' | ')} |`,
    ...QUERY_MIX.map(
      (query, i) =>
        `| ${query.label}: ${decodeURIComponent(apiPath(query))} | ${arms.map((arm) => arm.firstMs[i]!.toFixed(0)).join(' | ')} |`,
    ),
    `| slowest first query, ms | ${arms.map((arm) => Math.max(...arm.firstMs).toFixed(0)).join(' | ')} |`,
    `| first queries over 1 s | ${arms.map((arm) => arm.firstMs.filter((ms) => ms > 1000).length).join(' | ')} |`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
