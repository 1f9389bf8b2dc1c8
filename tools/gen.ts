// npm run gen -- --reports N --seed S --out DIR [--wrap MIN-MAX] [--copy RATE]
// Writes N synthetic annual reports (deterministic in N and S) and DIR/MANIFEST.tsv, then prints
// one summary line.
import { Command, InvalidArgumentError } from 'commander';
import { DivisionDataError } from '../indexer/divisions.js';
import { generateCorpus } from './gen/corpus.js';
import { OutputDirectoryError } from './gen/writer.js';
import { parseWrapOption, type WrapOptions } from './gen/wrap.js';

function wholeNumber(name: string, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) > max) throw new InvalidArgumentError(`${name} must be a whole number from 0 to ${max}`);
    return Number(value);
  };
}

const program = new Command()
  .name('gen')
  .description('Write a deterministic corpus of synthetic government information-disclosure annual reports')
  .requiredOption('--reports <n>', 'number of reports to write', wholeNumber('--reports', 10_000_000))
  .option('--seed <s>', 'seed: the same reports and seed give byte-identical files', wholeNumber('--seed', 0xffffffff), 1)
  .requiredOption('--out <dir>', 'directory to write to (must be empty or new)')
  .option('--force', 'replace an earlier generated corpus in --out', false)
  .option(
    '--wrap <min-max>',
    'hard-wrap text reports at a page width drawn from MIN-MAX characters, like pdftotext (e.g. 18-40)',
    wrapRange,
  )
  .option('--copy <rate>', 'share of reports (0-1) that copy sentences, some changed slightly, from an earlier report', copyRate)
  .parse();

function copyRate(value: string): number {
  const rate = Number(value);
  if (!/^(?:0|1|0?\.\d+)$/.test(value) || rate < 0 || rate > 1)
    throw new InvalidArgumentError('--copy must be a share from 0 to 1, e.g. 0.3');
  return rate;
}

function wrapRange(value: string): WrapOptions {
  const range = parseWrapOption(value);
  if (!range) throw new InvalidArgumentError('--wrap must be MIN-MAX characters, e.g. 18-40 (MIN at least 4)');
  return range;
}

const { wrap, copy, ...options } = program.opts<{
  reports: number;
  seed: number;
  out: string;
  force: boolean;
  wrap?: WrapOptions;
  copy?: number;
}>();

try {
  const summary = await generateCorpus({ ...options, layout: { ...(wrap ? { wrap } : {}), ...(copy ? { copy } : {}) } });
  const megabytes = summary.bytes / 1024 / 1024;
  const rate = summary.seconds > 0 ? Math.round(summary.files / summary.seconds) : summary.files;
  console.log(
    `gen: ${summary.files} files, ${megabytes.toFixed(1)} MB in ${summary.seconds.toFixed(2)} s (${rate} reports/s) → ${summary.out}`,
  );
} catch (error) {
  if (error instanceof OutputDirectoryError || error instanceof DivisionDataError) {
    console.error(`gen: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
