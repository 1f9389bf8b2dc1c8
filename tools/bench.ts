// `npm run bench -- --sections N [--seed S] [--corpus DIR] [--keep] [--runs R] [--sample K]`
// One run on this machine: indexing throughput of the real CLI against raw ingestion into
// Meilisearch, query latency through the real server against direct Meilisearch and grep, index
// size and memory; each figure printed next to its target (PASS/MISS). Every process it starts and
// every temporary folder is gone when it ends (--keep keeps the work folder: raw batches, grep file).
import { Command, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMeiliReportSearch } from '../search/meiliReportSearch.js';
import { indexNames } from '../index/schema.js';
import { startBenchMeili } from './bench/benchMeili.js';
import { compactManaged } from '../meili/compact.js';
import { createCleanup } from './bench/cleanup.js';
import { indexWithCli, serveWithCli } from './bench/cliRuns.js';
import { prepareCorpus } from './bench/corpus.js';
import { diskUsageBytes } from './bench/diskUsage.js';
import { deriveFigures, type Measurements } from './bench/figures.js';
import { timeGrep, type GrepTimings } from './bench/grepBaseline.js';
import { createLoopbackClient } from './bench/loopbackClient.js';
import { describeRun } from './bench/machine.js';
import { createMeiliAdmin, type MeiliBatch } from './bench/meiliAdmin.js';
import { measureQueries, type QueryTimings } from './bench/measureQueries.js';
import { prepareBaselines, type Baselines } from './bench/prepareBaselines.js';
import { grepNeedle, QUERY_MIX } from './bench/queryMix.js';
import { ingestRaw } from './bench/rawIngest.js';
import { formatReport } from './bench/report.js';
import { profileStages } from './bench/stageProfile.js';

interface BenchOptions {
  compact?: boolean;
  sections?: number;
  seed: number;
  corpus?: string;
  keep?: boolean;
  runs: number;
  sample: number;
  rawRecorded?: RecordedRaw;
  work?: string;
}

/** A raw-ingestion baseline measured by an earlier run on the same corpus (--raw-recorded). */
interface RecordedRaw {
  wallMs: number;
  diskBytes: number;
  usedBytes: number;
}

function recordedRaw(value: string): RecordedRaw {
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(value);
  if (!match)
    throw new InvalidArgumentError('seconds:diskMB:usedMB of an earlier raw ingestion of the same corpus, e.g. 671.5:4197.6:3346.7');
  return { wallMs: Number(match[1]) * 1000, diskBytes: Number(match[2]) * 1e6, usedBytes: Number(match[3]) * 1e6 };
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a whole number ≥ 1');
  return Number(value);
}

function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

async function main(): Promise<void> {
  const options = new Command()
    .name('bench')
    .description('Indexing throughput, query latency, index size and memory, against their targets')
    .option('--sections <n>', 'generate a corpus of about this many sections (≈10 per report)', wholeNumber)
    .option('--seed <s>', 'generator seed', wholeNumber, 1)
    .option('--corpus <dir>', 'corpus folder: used as is when it has files, else generated there and kept')
    .option('--keep', 'keep the work folder (raw NDJSON batches, the grep file)')
    .option('--work <dir>', 'use (and keep) this work folder; its baselines.json, when there, saves building the baselines again')
    .option('--runs <n>', 'warm runs per query', wholeNumber, 5)
    .option('--sample <n>', 'reports in the in-process stage profile', wholeNumber, 300)
    .option('--compact', "after the queries, run `nianbao compact`'s compaction on the index and report its size again")
    .option(
      '--raw-recorded <s:diskMB:usedMB>',
      "skip raw ingestion and use an earlier run's figures on the same corpus (an hour saved at 1M; the report says so)",
      recordedRaw,
    )
    .parse()
    .opts<BenchOptions>();
  if (options.sections === undefined && options.corpus === undefined) {
    throw new InvalidArgumentError('give --sections N (a corpus is generated) or --corpus DIR');
  }

  const { command, machine, revision, date } = describeRun('bench');
  const cleanup = createCleanup(log);
  const client = createLoopbackClient();
  const names = indexNames('nianbao_');
  try {
    const work = options.work ?? (await mkdtemp(join(tmpdir(), 'nianbao-bench-work-')));
    if (!options.keep && options.work === undefined) cleanup.add(() => rm(work, { recursive: true, force: true }));
    const corpus = await prepareCorpus({ dir: options.corpus, sections: options.sections ?? 0, seed: options.seed }, cleanup, log);
    log(`corpus: ${corpus.files.length} files, ${(corpus.bytes / 1e6).toFixed(1)} MB`);

    const baselines = await baselinesIn(work, corpus.files);
    log(`profiling the indexer's stages on ${options.sample} reports…`);
    const profile = await profileStages(corpus.files, options.sample);

    const raw = options.rawRecorded ? recorded(options.rawRecorded) : await measureRaw(baselines.batchFiles, cleanup, client);

    log('pipeline: `nianbao index` against a fresh managed Meilisearch…');
    const meili = await startBenchMeili('pipeline', cleanup, log);
    const { host, adminKey } = meili.connection;
    const admin = createMeiliAdmin(host, adminKey, client);
    const indexStartedAt = Date.now();
    const { run: index, summary } = await indexWithCli(corpus.dir, meili, cleanup);
    log(`pipeline: ${(index.wallMs / 1000).toFixed(1)} s, ${summary.sections} sections`);
    const pipelineBatches = uniqueBatches([...(await admin.batches(names.sections)), ...(await admin.batches(names.reports))]);
    const pipelineDisk = await diskUsageBytes(meili.dbPath);
    const pipelineDatabase = await admin.databaseStats();

    log('queries: starting `nianbao serve`…');
    // The mix sends a few hundred API requests a minute: above the default per-client limit.
    const server = await serveWithCli(meili, { rateLimitPerMinute: 1_000_000, client }, cleanup);
    const idle = await server.memory();
    const adapter = createMeiliReportSearch({ host, apiKey: adminKey, indexes: names });
    const queries = await measureQueries(QUERY_MIX, {
      serverUrl: server.url,
      sectionsIndex: names.sections,
      runs: options.runs,
      client,
      admin,
      adapter,
    });
    const after = await server.memory();
    await server.stop();
    const meiliMemory = await meili.memory();

    log('grep baseline…');
    const grep = new Map<QueryTimings, GrepTimings>();
    const byNeedle = new Map<string, GrepTimings>();
    for (const timing of queries) {
      const needle = grepNeedle(timing.query);
      if (needle === null) continue;
      if (!byNeedle.has(needle)) byNeedle.set(needle, await timeGrep(baselines.grepFile, needle, options.runs));
      grep.set(timing, byNeedle.get(needle)!);
    }
    await meili.stop();
    const compacted = options.compact ? await compactIndex(meili.dataDir) : null;

    const measurements: Measurements = {
      date,
      command,
      revision,
      machine,
      loadAverageAtEnd: os.loadavg()[0] ?? 0,
      corpus: { dir: corpus.dir, files: corpus.files.length, bytes: corpus.bytes, generatedIn: corpus.generatedIn },
      baselines,
      profile,
      raw,
      pipeline: {
        wallMs: index.wallMs,
        startedAt: indexStartedAt,
        peakRssKb: index.peakRssKb,
        cpuSeconds: index.cpuSeconds,
        rssSource: index.rssSource,
        reports: summary.new.length + summary.updated.length,
        sections: summary.sections,
        skipped: summary.skipped.filter((skip) => skip.code !== 'unsupported-type').length,
        batches: pipelineBatches,
        diskBytes: pipelineDisk,
        database: pipelineDatabase,
        meiliPeakKb: meiliMemory?.peakKb ?? null,
        compacted,
      },
      server: { idleRssKb: idle?.rssKb ?? NaN, afterRssKb: after?.rssKb ?? NaN, peakRssKb: after?.peakKb ?? NaN },
      queries,
      grep,
      runs: options.runs,
    };
    process.stdout.write(`${formatReport(measurements, deriveFigures(measurements))}\n`);
    if (options.rawRecorded) process.stdout.write('\nRaw ingestion was not run: its figures are the ones given with --raw-recorded.\n');
    if (options.keep) log(`work folder kept: ${work}`);
  } finally {
    client.close();
    await cleanup.run();
  }
}

/** The index after `nianbao compact` (meili/compact.ts): LMDB's free pages are what it removes. */
async function compactIndex(dataDir: string): Promise<Measurements['pipeline']['compacted']> {
  log('compacting the index (snapshot, import)…');
  const result = await compactManaged({ dataDir }, log);
  return { diskBytes: result.bytesAfter, seconds: result.seconds };
}

async function measureRaw(
  batchFiles: string[],
  cleanup: ReturnType<typeof createCleanup>,
  client: ReturnType<typeof createLoopbackClient>,
): Promise<Measurements['raw']> {
  log('raw ingestion: a fresh Meilisearch with default settings…');
  const rawMeili = await startBenchMeili('raw', cleanup, log);
  const rawAdmin = createMeiliAdmin(rawMeili.connection.host, rawMeili.connection.adminKey, client);
  const rawIngest = await ingestRaw(rawAdmin, 'raw_sections', batchFiles);
  log(`raw ingestion: ${(rawIngest.wallMs / 1000).toFixed(1)} s`);
  const rawMemory = await rawMeili.memory();
  const database = await rawAdmin.databaseStats();
  await rawMeili.stop();
  return {
    wallMs: rawIngest.wallMs,
    batches: rawIngest.batches,
    diskBytes: await diskUsageBytes(rawMeili.dbPath),
    database,
    meiliPeakKb: rawMemory?.peakKb ?? null,
  };
}

function recorded(raw: RecordedRaw): Measurements['raw'] {
  log(`raw ingestion: not run; using the recorded ${(raw.wallMs / 1000).toFixed(1)} s and ${(raw.diskBytes / 1e6).toFixed(1)} MB`);
  return {
    wallMs: raw.wallMs,
    batches: [],
    diskBytes: raw.diskBytes,
    database: { databaseSize: raw.diskBytes, usedDatabaseSize: raw.usedBytes },
    meiliPeakKb: null,
  };
}

/** The baselines of a work folder: read from its baselines.json, or built there (and the file written). */
async function baselinesIn(work: string, files: Parameters<typeof prepareBaselines>[0]): Promise<Baselines> {
  const recordFile = join(work, 'baselines.json');
  if (existsSync(recordFile)) {
    log(`baselines: reusing ${recordFile}`);
    return JSON.parse(await readFile(recordFile, 'utf8')) as Baselines;
  }
  log('building the raw documents and the grep file (not timed)…');
  const baselines = await prepareBaselines(files, work);
  await writeFile(recordFile, JSON.stringify(baselines));
  return baselines;
}

/** Batches listed under two indexes once each. */
function uniqueBatches(batches: MeiliBatch[]): MeiliBatch[] {
  return [...new Map(batches.map((b) => [b.uid, b])).values()].sort((a, b) => a.uid - b.uid);
}

main().catch((error: unknown) => {
  if (error instanceof InvalidArgumentError) log(error.message);
  else log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
