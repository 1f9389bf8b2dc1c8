// `node dist-tools/tools/snippetBench.js DIR... [--max-files N] [--rounds R]`
// The server's per-hit work on a results page, timed in-process over real sections: the exact
// occurrences of the query in a hit (every one, or only as far as the snippet needs: core/occurrences.ts)
// and the heading and snippet HTML built from them. Both ways run interleaved in one process on the
// same hits (every section that matches a query of tools/eval/queries.txt), and their HTML is compared.
import { Command, InvalidArgumentError } from 'commander';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectPath } from '../config/paths.js';
import type { SectionOccurrences } from '../core/match.js';
import { sectionOccurrencesOf, snippetOccurrencesOf } from '../core/occurrences.js';
import { parseQuery, type Term } from '../core/query.js';
import { DecodeError } from '../indexer/decode.js';
import { readReportBytes } from '../indexer/extract.js';
import { createFormatReader } from '../indexer/formatReader.js';
import { ExtractError } from '../indexer/formats/types.js';
import { listFiles } from '../indexer/listFiles.js';
import { NotAReportError } from '../indexer/readReport.js';
import { contentHashOf, reportIdOf } from '../indexer/reportId.js';
import { headingHtml, snippetHtml } from '../server/highlight.js';

interface Section {
  heading: string;
  text: string;
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a whole number ≥ 1');
  return Number(value);
}

async function sectionsOf(dir: string, maxFiles: number): Promise<Section[]> {
  const reader = createFormatReader();
  const sections: Section[] = [];
  try {
    for (const file of (await listFiles([dir])).files.slice(0, maxFiles)) {
      const bytes = await readFile(file.absolutePath);
      const meta = {
        reportId: reportIdOf(file.absolutePath),
        source: file.path,
        fileName: basename(file.path),
        contentHash: contentHashOf(bytes),
      };
      try {
        sections.push(...(await readReportBytes(bytes, meta, reader)).sections);
      } catch (error) {
        if (!(error instanceof DecodeError || error instanceof NotAReportError || error instanceof ExtractError)) throw error;
      }
    }
  } finally {
    await reader.close();
  }
  return sections;
}

async function queryTerms(): Promise<Term[][]> {
  const lines = (await readFile(projectPath('tools', 'eval', 'queries.txt'), 'utf8')).split('\n');
  return lines
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .flatMap((line) => {
      try {
        return [parseQuery(line).positiveTerms];
      } catch {
        return [];
      }
    });
}

type OccurrencesOf = (heading: string, text: string, terms: readonly Term[]) => SectionOccurrences;

/** One pass over every hit: occurrences, then the heading and snippet a results page shows. */
function pass(hits: Array<{ section: Section; terms: Term[] }>, occurrencesOf: OccurrencesOf): { ms: number; html: string[] } {
  const html: string[] = [];
  const started = performance.now();
  for (const { section, terms } of hits) {
    const found = occurrencesOf(section.heading, section.text, terms);
    html.push(headingHtml(section.heading, found.heading) + snippetHtml(section.text, found.text));
  }
  return { ms: performance.now() - started, html };
}

async function main(): Promise<void> {
  const program = new Command()
    .name('snippetBench')
    .argument('<dirs...>', 'corpus folders')
    .option('--max-files <n>', 'files read per folder', wholeNumber, 1_000)
    .option('--rounds <n>', 'timed passes of each way', wholeNumber, 5)
    .parse();
  const options = program.opts<{ maxFiles: number; rounds: number }>();
  for (const dir of program.args) {
    const sections = await sectionsOf(dir, options.maxFiles);
    const hits: Array<{ section: Section; terms: Term[] }> = [];
    for (const terms of await queryTerms()) {
      for (const section of sections) {
        const found = sectionOccurrencesOf(section.heading, section.text, terms);
        if (found.heading.length + found.text.length > 0) hits.push({ section, terms });
      }
    }
    const every: number[] = [];
    const windowed: number[] = [];
    let differing = 0;
    for (let round = 0; round < options.rounds; round++) {
      const a = pass(hits, sectionOccurrencesOf);
      const b = pass(hits, snippetOccurrencesOf);
      every.push(a.ms);
      windowed.push(b.ms);
      if (round === 0) differing = a.html.filter((html, i) => html !== b.html[i]).length;
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    const chars = hits.reduce((n, hit) => n + hit.section.text.length, 0) / Math.max(1, hits.length);
    const perHit = (ms: number) => ((ms * 1000) / Math.max(1, hits.length)).toFixed(1);
    process.stdout.write(
      `${dir}: ${sections.length} sections, ${hits.length} hits (query × matching section), ${chars.toFixed(0)} characters of text per hit\n` +
        `  every occurrence: ${perHit(median(every))} µs per hit; snippet window: ${perHit(median(windowed))} µs per hit ` +
        `(median of ${options.rounds} passes); HTML differing: ${differing}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`snippetBench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
