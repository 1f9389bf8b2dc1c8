// `nianbao` — the command line. Collaborators are created here, at the edge, and handed in.
import { Command, InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { projectPath } from '../config/paths.js';
import { ConfigError, loadConfig as readConfig, type Config } from '../config/config.js';
import { createKeyTermExtractor } from '../indexer/keyTerms.js';
import { PublishError } from '../indexer/meiliTasks.js';
import type { IndexedReport } from '../indexer/indexedReports.js';
import { createMeiliPublisher, type Publisher } from '../indexer/publisher.js';
import { runIndex, type IndexSummary } from '../indexer/run.js';
import { openPassageKeyer } from '../indexer/passageKeys.js';
import { PassageSnapshotError } from '../indexer/passageStore.js';
import { organAliasesInForce, type OrganAliasesInForce } from '../indexer/organAliases.js';
import { OrganAliasError } from '../core/corpus/organKey.js';
import { formatSummary, lastRunOf } from '../indexer/summary.js';
import { LAST_RUN_FILE, readLastRun, writeLastRun } from '../config/lastRun.js';
import { formatAliases, formatOverview, reportsUnder } from './indexCommands.js';
import { isLoopbackHost } from '../server/rateLimit.js';
import { ensureSearchKey, stopOnSignals, type MeiliConnection } from '../meili/connect.js';
import { CompactionError, compactManaged } from '../meili/compact.js';
import { DataDirError, MeiliAuthError, MeiliRefusedError, MeiliUnreachableError, SearchKeyRequiredError } from '../meili/errors.js';
import { createMeiliReportSearch } from '../search/meiliReportSearch.js';
import { indexNames, searchIndexUids } from '../index/schema.js';
import { createApp } from '../server/app.js';
import { createRecoveringSearch } from './recoveringSearch.js';
import { closeAll, connectAll, connectOne, publisherOf, searchOf } from './deployment.js';
import { PortInUseError, startServer } from '../server/serve.js';
import { warmUp } from '../server/warmUp.js';
import { managedMeiliPaths } from '../meili/paths.js';
import { prewarmIndexFiles, prewarmLine } from '../meili/prewarm.js';

const DEMO_CORPUS = projectPath('fixtures', 'demo', 'reports');
/** The demo's indexes sit beside the user's own (same DATA_DIR, same Meilisearch) under this prefix, never in them. */
const demoPrefix = (config: Config): string => `${config.indexPrefix}demo_`;

/** The configuration, saying which data folder is used when it was not the one asked for. */
function loadConfig(): Readonly<Config> {
  const config = readConfig();
  if (config.dataDirFrom === 'found-above') {
    log(`nianbao: using the index in ${config.dataDir} (found above this folder; set DATA_DIR to use another)`);
  }
  return config;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

const connect = (config: Config): Promise<MeiliConnection> => connectOne(config, log);

const PROGRESS_EVERY_MS = 10_000;

/** The passage index of one index (the demo's and the user's share DATA_DIR, not their passages). */
const passageIndexPath = (config: Config): string => join(config.dataDir, `passages-${config.indexPrefix}.bin`);

interface IndexFlags {
  json?: boolean;
  strict?: boolean;
  prune?: boolean;
  maxFileMb?: number;
  fileTimeout?: number;
  ocr?: boolean;
  /** Commander's negation of --no-passages: false skips passage keys (measurements). */
  passages?: boolean;
  reread?: boolean;
}

async function index(
  connections: MeiliConnection[],
  config: Config,
  paths: string[],
  flags: IndexFlags,
  aliases: OrganAliasesInForce = organAliasesInForce(config.organAliasesFile),
): Promise<IndexSummary> {
  const publisher = publisherOf(connections, indexNames(config.indexPrefix), config.dataDir);
  const showBar = process.stderr.isTTY && !flags.json;
  const bar = showBar ? new SingleBar({ format: '{bar} {value}/{total} {file}', hideCursor: true }, Presets.shades_classic) : null;
  let started = false;
  // Without a terminal (a log file, CI, nohup) a line every PROGRESS_EVERY_MS instead of a bar.
  let lastLine = Date.now();
  const summary = await runIndex(
    paths,
    {
      prune: flags.prune ?? false,
      maxFileBytes: flags.maxFileMb ? flags.maxFileMb * 1_000_000 : config.maxFileBytes,
      ...(flags.fileTimeout ? { fileTimeoutMs: flags.fileTimeout * 1000 } : {}),
      ocr: flags.ocr ?? false,
      reread: flags.reread ?? false,
    },
    {
      publisher,
      keyTerms: createKeyTermExtractor(),
      organKeying: aliases,
      scratchFolder: config.dataDir,
      ...(flags.passages === false ? {} : { passages: await openPassageKeyer(passageIndexPath(config)) }),
      onProgress: (done, total, file) => {
        if (!bar) {
          if (!process.stderr.isTTY && Date.now() - lastLine >= PROGRESS_EVERY_MS && done < total) {
            lastLine = Date.now();
            log(`indexing: ${done}/${total} files read (${file})`);
          }
          return;
        }
        if (!started) {
          bar.start(total, 0, { file });
          started = true;
        }
        bar.update(done, { file: file.slice(-50) });
      },
    },
  );
  bar?.stop();
  return summary;
}

async function serve(
  connections: MeiliConnection[],
  config: Config,
  port: number,
  options: { demo?: boolean; prewarm?: boolean } = {},
): Promise<void> {
  const demo = options.demo ?? false;
  const names = indexNames(config.indexPrefix);
  const first = connections[0]!;
  let connection: MeiliConnection | null = null;
  // One signal handler for whichever connection is current (a restart replaces it).
  stopOnSignals(
    {
      get host() {
        return (connection ?? first).host;
      },
      get adminKey() {
        return (connection ?? first).adminKey;
      },
      get managed() {
        return (connection ?? first).managed;
      },
      close: () => (connection ?? first).close(),
    },
    log,
  );
  const connectSearch = async () => {
    // After a crash of the managed Meilisearch: let go of it (lock, instance record), start anew.
    if (connection) {
      await connection.close().catch(() => undefined);
      connection = await connect(config);
    } else {
      connection = first;
    }
    // The indexes must exist before the first search; preparing them is idempotent.
    await createMeiliPublisher({ host: connection.host, adminKey: connection.adminKey, indexes: names }).prepare();
    const searchKey = config.meiliSearchKey ?? (await ensureSearchKey(connection, searchIndexUids(names)));
    return createMeiliReportSearch({ host: connection.host, apiKey: searchKey, indexes: names });
  };
  // Shards are external servers: the site answers again as soon as a stopped one is back.
  const connectShards = async () => {
    await publisherOf(connections, names).prepare();
    return searchOf(connections, config);
  };
  const search =
    connections.length > 1
      ? await connectShards()
      : first.managed === 'external'
        ? await connectSearch()
        : await createRecoveringSearch({ connect: connectSearch, log });
  const app = createApp({
    search,
    rateLimit: { perMinute: config.rateLimitPerMinute, exemptLoopback: isLoopbackHost(config.host) },
    ...(config.concurrentRequests === null ? {} : { concurrentRequests: config.concurrentRequests }),
    lastRun: demo ? () => Promise.resolve(null) : () => readLastRun(config.dataDir, config.indexPrefix),
  });
  // A managed Meilisearch's files are on this machine: read them into the page cache first, so the
  // query warm-up and the first visitors find them warm (meili/prewarm.ts).
  if (options.prewarm !== false && connections.length === 1 && first.managed !== 'external') {
    const read = await prewarmIndexFiles(managedMeiliPaths(config.dataDir).dbPath);
    log(`nianbao: ${prewarmLine(read)}`);
  }
  await warmUp(search, log);
  const server = await startServer({ app, port, host: config.host });
  log(`nianbao: serving on ${server.url} (Meilisearch ${first.managed})`);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a whole number 0–65535');
  return port;
}

function parsePositive(value: string): number {
  const number = Number(value);
  if (!(number > 0)) throw new InvalidArgumentError('a positive number');
  return number;
}

/** One place decides what a failure looks like on the command line. */
function fail(error: unknown): never {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirError ||
    error instanceof MeiliUnreachableError ||
    error instanceof MeiliAuthError ||
    error instanceof SearchKeyRequiredError ||
    error instanceof PublishError ||
    error instanceof MeiliRefusedError ||
    error instanceof PortInUseError ||
    error instanceof CompactionError ||
    error instanceof OrganAliasError ||
    error instanceof PassageSnapshotError
  ) {
    log(`nianbao: ${error.message}`);
  } else {
    log(`nianbao: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  process.exit(1);
}

const program = new Command()
  .name('nianbao')
  .description('年报检索 — exact search over 政府信息公开工作年度报告')
  .version((JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version);

program
  .command('index')
  .description(
    'index report files and folders (recursive; .txt .md .html .pdf .docx .doc .wps .ofd; manifest.csv/.tsv give each file its source)',
  )
  .argument('<paths...>', 'files or folders')
  .option('--json', 'print the summary as JSON on stdout')
  .option('--strict', 'exit with status 1 when any file was skipped')
  .option('--prune', 'remove reports whose files are gone from the given folders')
  .option('--max-file-mb <n>', 'skip files larger than this', parsePositive)
  .option('--file-timeout <seconds>', 'skip a PDF, Word or OFD file that takes longer to read (default 60; 1200 with --ocr)', parsePositive)
  .option('--ocr', "read scanned PDFs with OCR (needs Debian's tesseract-ocr, tesseract-ocr-chi-sim, poppler-utils)")
  .option('--no-passages', 'write sections without passage keys (no 这段文字也出现在…; for measuring their cost)')
  .option('--reread', 'read every file again, unchanged ones too (after an upgrade that reads bodies, places or tables better)')
  .action(async (paths: string[], flags: IndexFlags) => {
    const config = loadConfig();
    // Read before connecting: a broken alias file stops the run before anything is written.
    const aliases = organAliasesInForce(config.organAliasesFile);
    const connections = await connectAll(config, log);
    for (const connection of connections) stopOnSignals(connection, log);
    try {
      const summary = await index(connections, config, paths, flags, aliases);
      await writeLastRun(config.dataDir, lastRunOf(summary, paths, config.indexPrefix, new Date()));
      if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else log(formatSummary(summary));
      // Hidden files (.DS_Store, .git) are listed but were never meant as reports: they do not fail --strict.
      process.exitCode = flags.strict && summary.skipped.some((s) => s.code !== 'hidden') ? 1 : 0;
    } finally {
      await closeAll(connections);
    }
  });

program
  .command('serve')
  .description('run the search site')
  .option('--port <n>', 'port (default: PORT or 3000)', parsePort)
  .option(
    '--no-prewarm',
    "don't read the managed Meilisearch's index files into the system's cache before opening (faster start, slower first searches)",
  )
  .action(async (flags: { port?: number; prewarm?: boolean }) => {
    const config = loadConfig();
    await serve(await connectAll(config, log), config, flags.port ?? config.port, { prewarm: flags.prewarm !== false });
  });

program
  .command('prewarm')
  .description(
    "read a Meilisearch's index files into this machine's cache (run on each machine of MEILI_HOST or MEILI_SHARDS after it starts; `serve` does it for the managed one)",
  )
  .argument('[db-path]', "the Meilisearch's --db-path (the folder holding indexes/); default: the managed one in DATA_DIR")
  .action(async (dbPath: string | undefined) => {
    const folder = dbPath ?? managedMeiliPaths(loadConfig().dataDir).dbPath;
    const read = await prewarmIndexFiles(folder);
    if (read.files === 0) {
      log(
        `nianbao: ${folder} holds no Meilisearch index files (indexes/*/data.mdb); give the --db-path of a Meilisearch on this machine (its default is ./data.ms in the folder it was started in)`,
      );
      process.exitCode = 1;
      return;
    }
    log(`nianbao: ${prewarmLine(read)}`);
  });

program
  .command('start')
  .description('the demo: a managed Meilisearch, the demo corpus indexed when the index is empty, the site')
  .option('--port <n>', 'port (default: PORT or 3000)', parsePort)
  .action(async (flags: { port?: number }) => {
    const config = { ...loadConfig() };
    config.indexPrefix = demoPrefix(config);
    const connection = await connect(config);
    const stopWhileIndexing = stopOnSignals(connection, log);
    const names = indexNames(config.indexPrefix);
    const publisher = createMeiliPublisher({ host: connection.host, adminKey: connection.adminKey, indexes: names });
    // The index run and the server each prepare the indexes; this only asks whether any report is in.
    if ((await publisher.indexedReports()).size === 0) {
      log(`nianbao: the index is empty; indexing the demo corpus (${DEMO_CORPUS})`);
      log(formatSummary(await index([connection], config, [DEMO_CORPUS], {})));
    }
    stopWhileIndexing();
    log('nianbao: this is the demo corpus, in its own index; `nianbao index DIR` then `nianbao serve` shows your own reports');
    await serve([connection], config, flags.port ?? config.port, { demo: true });
  });

program
  .command('list')
  .description("what the index holds: reports by year × level and by format, and the last run's skipped files")
  .option('--json', 'print it as JSON on stdout')
  .action(async (flags: { json?: boolean }) => {
    const config = loadConfig();
    const connections = await connectAll(config, log);
    try {
      await publisherOf(connections, indexNames(config.indexPrefix)).prepare();
      const overview = await (await searchOf(connections, config, true)).indexOverview();
      const lastRun = await readLastRun(config.dataDir, config.indexPrefix);
      if (flags.json) process.stdout.write(`${JSON.stringify({ dataDir: config.dataDir, ...overview, lastRun }, null, 2)}\n`);
      else process.stdout.write(`${formatOverview(config.dataDir, overview, lastRun)}\n`);
    } finally {
      await closeAll(connections);
    }
  });

program
  .command('aliases')
  .description('the organ alias list in force: the shipped list and ORGAN_ALIASES_FILE, with its fingerprint')
  .option('--json', 'print it as JSON on stdout')
  .action((flags: { json?: boolean }) => {
    const aliases = organAliasesInForce(loadConfig().organAliasesFile);
    if (flags.json) {
      const { entries, userFile, fingerprint } = aliases;
      process.stdout.write(`${JSON.stringify({ userFile, fingerprint, aliases: entries }, null, 2)}\n`);
    } else process.stdout.write(`${formatAliases(aliases)}\n`);
  });

/** Runs `work` with the configured index's publisher and every report it holds, then closes the connection. */
async function withIndexedReports(
  work: (context: { config: Config; publisher: Publisher; indexed: IndexedReport[] }) => Promise<void>,
): Promise<void> {
  const config = loadConfig();
  const connections = await connectAll(config, log);
  try {
    const publisher = publisherOf(connections, indexNames(config.indexPrefix), config.dataDir);
    await publisher.prepare();
    await work({ config, publisher, indexed: [...(await publisher.indexedReports()).values()] });
  } finally {
    await closeAll(connections);
  }
}

program
  .command('remove')
  .description('remove the reports of these files or folders from the index (the files themselves are not touched)')
  .argument('<paths...>', 'files or folders that were indexed')
  .action(async (paths: string[]) => {
    await withIndexedReports(async ({ publisher, indexed }) => {
      const { matched, unmatched } = reportsUnder(indexed, paths);
      for (const path of unmatched) log(`nianbao: no indexed report comes from ${path} (\`nianbao list\` shows what is indexed)`);
      await publisher.remove(matched);
      await publisher.finish();
      log(`removed ${matched.length} report${matched.length === 1 ? '' : 's'}`);
      for (const report of matched) log(`  ${report.absolutePath || report.source}`);
      process.exitCode = unmatched.length > 0 ? 1 : 0;
    });
  });

program
  .command('reset')
  .description('empty the index: every report, section and file record (asks for --yes)')
  .option('--yes', 'really empty it')
  .action(async (flags: { yes?: boolean }) => {
    await withIndexedReports(async ({ config, publisher, indexed }) => {
      if (!flags.yes) {
        log(
          `nianbao: this removes all ${indexed.length} reports from the index in ${config.dataDir}; run \`nianbao reset --yes\` to do it`,
        );
        process.exitCode = 1;
        return;
      }
      await publisher.remove(indexed);
      await publisher.removeOrphanSections(new Map());
      await publisher.finish();
      await rm(join(config.dataDir, LAST_RUN_FILE), { force: true });
      await rm(passageIndexPath(config), { force: true });
      log(`removed ${indexed.length} report${indexed.length === 1 ? '' : 's'}; the index is empty`);
    });
  });

program
  .command('compact')
  .description('give the free space of the managed Meilisearch back to the disk (stop the site and index runs first)')
  .action(async () => {
    const config = loadConfig();
    if (config.meiliHost !== null || config.meiliShards !== null) {
      throw new CompactionError(
        'nianbao compacts only the Meilisearch it manages in DATA_DIR. For MEILI_HOST or MEILI_SHARDS: on each instance, POST /snapshots, stop it, and start it once with --import-snapshot on an empty --db-path (README, "Compaction").',
      );
    }
    const result = await compactManaged(
      {
        dataDir: config.dataDir,
        maxIndexingThreads: config.maxIndexingThreads ?? undefined,
        maxIndexingMemory: config.maxIndexingMemory ?? undefined,
      },
      log,
    );
    const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
    log(
      `compacted ${config.dataDir}: ${mb(result.bytesBefore)} → ${mb(result.bytesAfter)} ` +
        `(${Object.values(result.documents).reduce((a, b) => a + b, 0)} documents, the same before and after; ${result.seconds.toFixed(0)} s)`,
    );
  });

program.parseAsync(process.argv).catch(fail);
