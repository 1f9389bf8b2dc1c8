// `node dist-tools/tools/formatBench.js --text DIR --pdf DIR [--other DIR…]`: the same reports indexed
// from text and from PDF (or another format), side by side in one run. Each corpus is indexed in its
// own child process through the real index run (list → read → extract → text stages → documents,
// jieba included) with a publisher that only counts, so the figures are the indexer's own: time,
// pages per second, reports per second and peak RSS (the format worker is a thread of the same
// process, so its memory is included). Meilisearch's share is the same for every format and left out.
import { Command } from 'commander';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createKeyTermExtractor } from '../indexer/keyTerms.js';
import { runIndex } from '../indexer/run.js';
import { countingPublisher } from './bench/countingPublisher.js';

const keyTerms = createKeyTermExtractor();

interface CorpusFigures {
  label: string;
  dir: string;
  files: number;
  indexed: number;
  skipped: number;
  sections: number;
  pages: number;
  seconds: number;
  peakRssMb: number;
}

async function measureOne(label: string, dir: string): Promise<CorpusFigures> {
  const publisher = countingPublisher();
  const started = process.hrtime.bigint();
  const summary = await runIndex([dir], { prune: false, maxFileBytes: 50_000_000 }, { publisher, keyTerms });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    label,
    dir,
    files: summary.files,
    indexed: summary.new.length,
    skipped: summary.skipped.length,
    sections: publisher.sections,
    pages: publisher.pages,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

async function main(): Promise<void> {
  const program = new Command()
    .option('--text <dir>', 'the reports as text or HTML')
    .option('--pdf <dir>', 'the same reports as PDF')
    .option('--other <label=dir...>', 'more corpora, e.g. docx=/tmp/docx')
    .option('--child <label=dir>', 'internal: measure one corpus and print JSON')
    .parse();
  const options = program.opts<{ text?: string; pdf?: string; other?: string[]; child?: string }>();
  if (options.child) {
    const [label, dir] = splitLabel(options.child);
    process.stdout.write(JSON.stringify(await measureOne(label, dir)));
    return;
  }
  const corpora: string[] = [];
  if (options.text) corpora.push(`text=${options.text}`);
  if (options.pdf) corpora.push(`pdf=${options.pdf}`);
  corpora.push(...(options.other ?? []));
  const run = promisify(execFile);
  const figures: CorpusFigures[] = [];
  for (const corpus of corpora) {
    const { stdout } = await run(process.execPath, ['--max-old-space-size=768', fileURLToPath(import.meta.url), '--child', corpus], {
      maxBuffer: 16 * 1024 * 1024,
    });
    figures.push(JSON.parse(stdout) as CorpusFigures);
  }
  const base = figures[0];
  console.log('| corpus | files | indexed | skipped | sections | pages | time s | reports/s | pages/s | peak RSS MiB | time vs first |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const f of figures) {
    const pagesPerSecond = f.pages > 0 ? (f.pages / f.seconds).toFixed(1) : '—';
    const ratio = base ? `${(f.seconds / base.seconds).toFixed(2)}×` : '—';
    console.log(
      `| ${f.label} | ${f.files} | ${f.indexed} | ${f.skipped} | ${f.sections} | ${f.pages} | ${f.seconds.toFixed(1)} | ${(f.indexed / f.seconds).toFixed(1)} | ${pagesPerSecond} | ${f.peakRssMb.toFixed(0)} | ${ratio} |`,
    );
  }
}

function splitLabel(spec: string): [string, string] {
  const at = spec.indexOf('=');
  return at === -1 ? [spec, spec] : [spec.slice(0, at), spec.slice(at + 1)];
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
