// `node dist-tools/tools/keyTermAgreement.js <dir>... [--frequencies 4,10]`: what pruning jieba's
// dictionary costs. It reads every report the way an index run does, keeps each section's text as
// jieba gets it, then gives each section's key terms with the whole dictionary and with each pruned
// one, and prints how many of the whole dictionary's terms each keeps. Memory is measured in a fresh
// child process per dictionary (jieba's state is process-wide and its memory is not given back).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { createKeyTermExtractor, type KeyTermExtractor } from '../indexer/keyTerms.js';
import { runIndex } from '../indexer/run.js';
import { countingPublisher } from './bench/countingPublisher.js';

async function sectionTexts(dirs: string[]): Promise<string[]> {
  const texts: string[] = [];
  await runIndex(
    dirs,
    { prune: false, maxFileBytes: 20_000_000 },
    {
      publisher: countingPublisher(),
      keyTerms: (text) => {
        texts.push(text);
        return [];
      },
    },
  );
  return texts;
}

function loadedMegabytes(minimumWordFrequency: number): number {
  const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--memory', String(minimumWordFrequency)]);
  return Number(output.toString().trim());
}

function agreement(reference: string[][], extract: KeyTermExtractor, texts: string[]) {
  let kept = 0;
  let total = 0;
  let identical = 0;
  texts.forEach((text, i) => {
    const terms = new Set(extract(text));
    const wanted = reference[i] ?? [];
    const shared = wanted.filter((term) => terms.has(term)).length;
    kept += shared;
    total += wanted.length;
    if (shared === wanted.length && terms.size === wanted.length) identical += 1;
  });
  return { kept, total, identical };
}

async function main(): Promise<void> {
  const program = new Command()
    .argument('[dirs...]')
    .option('--frequencies <list>', 'minimum word frequencies to compare with the whole dictionary', '4,10')
    .option('--memory <frequency>', 'internal: load one dictionary and print the megabytes it took')
    .parse();
  const options = program.opts<{ frequencies: string; memory?: string }>();
  if (options.memory !== undefined) {
    const before = process.memoryUsage().rss;
    createKeyTermExtractor({ minimumWordFrequency: Number(options.memory) });
    console.log(((process.memoryUsage().rss - before) / 1048576).toFixed(0));
    return;
  }
  const texts = await sectionTexts(program.args);
  const whole = createKeyTermExtractor({ minimumWordFrequency: 0 });
  const reference = texts.map((text) => whole(text));
  console.log(`sections: ${texts.length}; whole dictionary: ${loadedMegabytes(0)} MiB`);
  for (const frequency of options.frequencies.split(',').map(Number)) {
    const { kept, total, identical } = agreement(reference, createKeyTermExtractor({ minimumWordFrequency: frequency }), texts);
    console.log(
      `words seen ≥ ${frequency} times: ${loadedMegabytes(frequency)} MiB; key terms kept ${kept}/${total} (${((100 * kept) / total).toFixed(1)}%); sections with the same terms ${identical}/${texts.length}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
