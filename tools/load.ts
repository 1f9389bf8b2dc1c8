// `npm run load -- [--url URL] [--connections 50] [--seconds 60] [--corpus DIR | --sections N]`
// Concurrent keep-alive clients sending mixed traffic (search pages with and without facets, report
// pages, trend, kwic, the JSON API) for a fixed time. Without --url it indexes a corpus into its own
// managed Meilisearch and starts its own server with the rate limit raised; it prints requests,
// errors, latency and the server's RSS before and after, and leaves nothing running.
// Loopback only, and bounded: at most --max-requests requests and --seconds of sending.
import { Command, InvalidArgumentError } from 'commander';
import os from 'node:os';
import { startBenchMeili } from './bench/benchMeili.js';
import { processCpuSeconds, processMemory, type ProcessMemory } from './bench/children.js';
import { createCleanup } from './bench/cleanup.js';
import { indexWithCli, serveWithCli } from './bench/cliRuns.js';
import { prepareCorpus } from './bench/corpus.js';
import { createLoopbackClient, type LoopbackClient } from './bench/loopbackClient.js';
import { describeRun } from './bench/machine.js';
import { listeningPid, processCommand } from './load/listeningPid.js';
import { formatLoadRun, type CpuShare } from './load/loadReport.js';
import { LOAD_PHRASES } from './load/requestMix.js';
import { runLoad } from './load/runLoad.js';

interface LoadOptions {
  url?: string;
  connections: number;
  seconds: number;
  corpus?: string;
  sections: number;
  seed: number;
  maxRequests: number;
  warmup?: boolean;
  timeout: number;
}

const MAX_CONNECTIONS = 500;
const MAX_SECONDS = 600;

function bounded(name: string, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
      throw new InvalidArgumentError(`${name} is a whole number from 1 to ${max}`);
    return Number(value);
  };
}

function log(line: string): void {
  process.stderr.write(`load: ${line}\n`);
}

/** Only this machine may be loaded: the test must never be pointed at someone else's server. */
function loopbackUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`not a URL: ${value}`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol !== 'http:' || !(host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new InvalidArgumentError(`--url must be http:// on this machine (localhost, 127.x.x.x or [::1]), not ${value}`);
  }
  return url.origin;
}

async function reportIdsOf(client: LoopbackClient, baseUrl: string): Promise<string[]> {
  const response = await client.get(`${baseUrl}/api/reports?per=1000`).catch(() => null);
  if (response === null || response.status !== 200) {
    log(`could not list reports (${response === null ? 'no answer' : `HTTP ${response.status}`}): no report pages in the mix`);
    return [];
  }
  return (JSON.parse(response.body) as { reports: Array<{ reportId: string }> }).reports.map((r) => r.reportId);
}

async function main(): Promise<void> {
  const options = new Command()
    .name('load')
    .description('Concurrent mixed traffic against the site for a fixed time')
    .option('--url <url>', 'a running server on this machine (else one is started on a generated corpus)', loopbackUrl)
    .option('--connections <n>', 'concurrent keep-alive clients', bounded('--connections', MAX_CONNECTIONS), 50)
    .option('--seconds <n>', 'how long to send', bounded('--seconds', MAX_SECONDS), 60)
    .option('--corpus <dir>', 'corpus to index: used as is when it has files, else generated there and kept')
    .option('--sections <n>', 'size of the generated corpus when no --corpus is given', bounded('--sections', 10_000_000), 10_000)
    .option('--seed <s>', 'seed of the generator and of the request sequence', bounded('--seed', 0xffffffff), 1)
    .option('--max-requests <n>', 'stop after this many requests', bounded('--max-requests', 10_000_000), 1_000_000)
    // Clients that give up sooner than 30 s test what the server does with work nobody waits for.
    .option('--timeout <s>', 'seconds a client waits for an answer before giving up', bounded('--timeout', MAX_SECONDS), 30)
    .option('--warmup', "search each phrase of the mix once before the clock starts (fills the server's verification cache)")
    .parse()
    .opts<LoadOptions>();

  const { command, machine, revision, date } = describeRun('load');
  const cleanup = createCleanup(log);
  const setupClient = createLoopbackClient();
  const client = createLoopbackClient({ maxSockets: options.connections, timeoutMs: options.timeout * 1000 });
  try {
    let baseUrl: string;
    let target: string;
    let memory: () => Promise<ProcessMemory | null>;
    // Processes whose CPU time is accounted for the run: the server, and Meilisearch when it is ours.
    const accounted: Array<{ label: string; pid: number | null }> = [];
    if (options.url !== undefined) {
      baseUrl = options.url;
      const pid = await listeningPid(Number(new URL(baseUrl).port || 80));
      memory = async () => (pid === null ? null : processMemory(pid));
      accounted.push({ label: 'server', pid });
      // `node bin/nianbao.js` skips the launcher's shebang, and with it the heap cap: the same site at 1M
      // peaked at 397–457 MiB instead of 248–289 (BENCHMARKS.md, session 20). Say how the server was started.
      const command = pid === null ? null : await processCommand(pid);
      const uncapped = command !== null && !command.includes('--max-old-space-size');
      target =
        `${baseUrl} (started elsewhere${pid === null ? '; its process could not be found, so no RSS' : `, pid ${pid}`}; ` +
        `${command === null ? '' : `command \`${command}\`${uncapped ? ", WITHOUT the launcher's heap cap: its RSS is not the shipped one" : ''}; `}` +
        'its rate limit must allow this traffic, or the answers are 429 errors)';
    } else {
      const corpus = await prepareCorpus({ dir: options.corpus, sections: options.sections, seed: options.seed }, cleanup, log);
      const meili = await startBenchMeili('load', cleanup, log);
      log(`indexing ${corpus.files.length} files from ${corpus.dir}…`);
      const { run: index, summary } = await indexWithCli(corpus.dir, meili, cleanup);
      const sections = summary.sections;
      log(`indexed ${sections} sections in ${(index.wallMs / 1000).toFixed(0)} s; starting the server…`);
      // Every client is 127.0.0.1: the per-client limit would turn the test into a test of the limiter.
      const server = await serveWithCli(meili, { rateLimitPerMinute: 100_000_000, client: setupClient }, cleanup);
      baseUrl = server.url;
      memory = () => server.memory();
      accounted.push({ label: 'server (node)', pid: server.pid }, { label: 'Meilisearch', pid: meili.pid });
      target = `own server (\`nianbao serve\`, managed Meilisearch) on ${corpus.dir}: ${corpus.files.length} reports, ${sections.toLocaleString('en')} sections`;
    }

    const reportIds = await reportIdsOf(setupClient, baseUrl);
    if (options.warmup) {
      log(`warm-up: one search per phrase (${LOAD_PHRASES.length})…`);
      for (const q of LOAD_PHRASES) await setupClient.get(`${baseUrl}/api/search?${new URLSearchParams({ q })}`);
    }
    const memoryBefore = await memory();
    const cpuBefore = await Promise.all(accounted.map(({ pid }) => (pid === null ? null : processCpuSeconds(pid))));
    const ownCpuBefore = process.cpuUsage();
    log(`sending: ${options.connections} connections for ${options.seconds} s…`);
    const result = await runLoad({
      baseUrl,
      connections: options.connections,
      seconds: options.seconds,
      maxRequests: options.maxRequests,
      reportIds,
      seed: options.seed,
      client,
    });
    const memoryAfter = await memory();
    const cpuAfter = await Promise.all(accounted.map(({ pid }) => (pid === null ? null : processCpuSeconds(pid))));
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const cpu: CpuShare[] = [
      ...accounted.map(({ label }, i) => ({
        label,
        seconds: cpuBefore[i] == null || cpuAfter[i] == null ? null : cpuAfter[i]! - cpuBefore[i]!,
      })),
      { label: 'load clients (this process)', seconds: (ownCpu.user + ownCpu.system) / 1e6 },
    ];
    process.stdout.write(
      `${formatLoadRun({
        date,
        command,
        revision,
        machine,
        loadAverageAtEnd: os.loadavg()[0] ?? 0,
        target,
        connections: options.connections,
        seconds: options.seconds,
        memoryBefore,
        memoryAfter,
        cpu,
        start: options.warmup ? 'warmed' : options.url !== undefined ? 'as found' : 'cold',
        result,
      })}\n`,
    );
  } finally {
    client.close();
    setupClient.close();
    await cleanup.run();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
