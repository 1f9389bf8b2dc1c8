// `node dist-tools/tools/memory.js <dir>... [--passages] [--snapshot-at FILES]`: the indexer's own
// memory on a large corpus. It runs the real index run (list → read → text stages → documents, with
// jieba) but hands the documents to a publisher that only counts them, so it measures this process
// without Meilisearch's, and needs no hour of Meilisearch indexing to do it. Prints peak RSS, how it
// grew, and throughput.
// --passages: key each section's passages as `index` does (the passage index in a temp folder, removed).
// --snapshot-at N: write a V8 heap snapshot (./memory-N.heapsnapshot) when N files have been read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { Command } from 'commander';
import { createKeyTermExtractor } from '../indexer/keyTerms.js';
import { openPassageKeyer } from '../indexer/passageKeys.js';
import { runIndex } from '../indexer/run.js';
import { countingPublisher } from './bench/countingPublisher.js';

const keyTerms = createKeyTermExtractor();

async function main(): Promise<void> {
  const program = new Command()
    .argument('<dirs...>')
    .option('--passages', 'key passages as the index command does')
    .option('--snapshot-at <files>', 'write a heap snapshot when this many files have been read', Number)
    .parse();
  const options = program.opts<{ passages?: boolean; snapshotAt?: number }>();
  const passageFolder = options.passages ? mkdtempSync(join(tmpdir(), 'nianbao-memory-')) : null;
  const passages = passageFolder ? await openPassageKeyer(join(passageFolder, 'passages.bin')) : undefined;
  const publisher = countingPublisher();
  const samples: Array<{ files: number; rssMb: number }> = [];
  const started = Date.now();
  const summary = await runIndex(
    program.args,
    { prune: false, maxFileBytes: 20_000_000 },
    {
      publisher,
      keyTerms,
      ...(passages ? { passages } : {}),
      onProgress: (done) => {
        if (done % 5_000 === 0) samples.push({ files: done, rssMb: process.memoryUsage().rss / 1e6 });
        if (done === options.snapshotAt) console.log(`heap snapshot: ${writeHeapSnapshot(`memory-${done}.heapsnapshot`)}`);
      },
    },
  );
  if (passageFolder) rmSync(passageFolder, { recursive: true, force: true });
  const seconds = (Date.now() - started) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `files: ${summary.files}, indexed: ${summary.new.length}, skipped: ${summary.skipped.length}, sections: ${publisher.sections}`,
  );
  console.log(`time: ${seconds.toFixed(0)} s (${(summary.new.length / seconds).toFixed(1)} reports/s on one thread)`);
  console.log(`peak RSS: ${peakMb.toFixed(0)} MB`);
  console.log(`RSS by files read: ${samples.map((s) => `${s.files}:${s.rssMb.toFixed(0)}MB`).join(' ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
