// Micro-benchmark: the statistics parser's time per report against the time the indexer's own
// stages take for the same file (extraction + clean → metadata → sections, i.e. readReportBytes;
// segmentation and publishing come on top, so the ratio printed is an upper bound).
//
//   npx tsc -p tsconfig.json && node dist/tools/statistics/bench.js
//
// Reads the real reports of ../shared (skips when absent).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PROJECT_ROOT } from '../../config/paths.js';
import { parseStatistics } from '../../core/statistics/parse.js';
import { readReportBytes } from '../../indexer/extract.js';
import { createFormatReader } from '../../indexer/formatReader.js';
import { statisticsInput } from './reportText.js';

const SHARED = join(PROJECT_ROOT, '..', 'shared');
const DIRS = [join(SHARED, 'seeds'), join(SHARED, 'corpus', 'real'), join(SHARED, 'corpus', 'real', 'pdf')];
const REPEAT = 5;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!existsSync(SHARED)) {
    console.log(`bench: ${SHARED} is absent, nothing to measure`);
    return;
  }
  const files = DIRS.flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((n) => /\.(txt|html|pdf)$/.test(n))
          .sort()
          .map((n) => join(dir, n))
      : [],
  );
  const reader = createFormatReader();
  let indexTotal = 0;
  let parseTotal = 0;
  try {
    for (const file of files) {
      const bytes = readFileSync(file);
      const name = basename(file);
      const source = { reportId: 'bench', source: name, fileName: name, contentHash: 'bench' };
      const indexTimes: number[] = [];
      for (let i = 0; i < REPEAT; i += 1) {
        const start = performance.now();
        await readReportBytes(bytes, source, reader).catch(() => null);
        indexTimes.push(performance.now() - start);
      }
      const text = await statisticsInput(bytes, name, reader);
      const parseTimes: number[] = [];
      for (let i = 0; i < REPEAT; i += 1) {
        const start = performance.now();
        parseStatistics(text);
        parseTimes.push(performance.now() - start);
      }
      const [index, parse] = [median(indexTimes), median(parseTimes)];
      indexTotal += index;
      parseTotal += parse;
      console.log(
        `${name.padEnd(48)} index ${index.toFixed(1).padStart(8)} ms  parse ${parse.toFixed(2).padStart(7)} ms  ${((100 * parse) / index).toFixed(1).padStart(5)}%`,
      );
    }
  } finally {
    await reader.close();
  }
  console.log(
    `\nALL ${files.length} files: index stages ${indexTotal.toFixed(0)} ms, statistics ${parseTotal.toFixed(1)} ms, ratio ${((100 * parseTotal) / indexTotal).toFixed(1)}%`,
  );
}

await main();
