// The real CLI, run the way the bench and the load test need it: `index` against their own
// Meilisearch (timed, peak RSS taken) and `serve` on a free port with the per-client rate limit
// raised (every client of a benchmark is 127.0.0.1).
import { projectPath } from '../../config/paths.js';
import type { IndexSummary } from '../../indexer/run.js';
import { freePort } from '../../meili/freePort.js';
import { withoutMeiliVariables } from '../../meili/meiliCommand.js';
import type { BenchMeili } from './benchMeili.js';
import { runMeasured, startServerProcess, type MeasuredRun, type ServerProcess } from './children.js';
import type { Cleanup } from './cleanup.js';
import type { LoopbackClient } from './loopbackClient.js';

const CLI_PATH = projectPath('dist', 'cli', 'main.js');
/** The installed command (`npx nianbao`): it runs the CLI with the heap cap users get. */
const BIN_PATH = projectPath('bin', 'nianbao.js');

/**
 * The children's environment: ours without MEILI_* settings (a stray MEILI_INDEX_PREFIX or
 * MEILI_SEARCH_KEY would point them elsewhere), plus the run's own Meilisearch.
 */
function cliEnvironment(meili: BenchMeili, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...withoutMeiliVariables(process.env),
    DATA_DIR: meili.dataDir,
    MEILI_HOST: meili.connection.host,
    MEILI_API_KEY: meili.connection.adminKey,
    ...extra,
  };
}

/** `nianbao index DIR… --json`; throws with the end of its stderr unless it succeeds. */
export async function indexWithCli(
  corpus: string | readonly string[],
  meili: BenchMeili,
  cleanup: Cleanup,
): Promise<{ run: MeasuredRun; summary: IndexSummary }> {
  const folders = typeof corpus === 'string' ? [corpus] : corpus;
  const run = await runMeasured(BIN_PATH, ['index', ...folders, '--json'], { env: cliEnvironment(meili) }, cleanup);
  if (run.exitCode !== 0) throw new Error(`nianbao index exited with ${run.exitCode}:\n${run.stderr.slice(-3000)}`);
  return { run, summary: JSON.parse(run.stdout) as IndexSummary };
}

/** `nianbao serve --port P`, ready when /healthz answers 200. */
export async function serveWithCli(
  meili: BenchMeili,
  options: { rateLimitPerMinute: number; client: LoopbackClient },
  cleanup: Cleanup,
): Promise<ServerProcess> {
  return startServerProcess(
    {
      cliPath: CLI_PATH,
      port: await freePort(),
      env: cliEnvironment(meili, { RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute) }),
      health: async (url) => (await options.client.get(`${url}/healthz`)).status === 200,
    },
    cleanup,
  );
}
