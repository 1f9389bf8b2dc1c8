// Compares the PDF adapter with pdftotext: for each PDF in a folder, the text extractPdf gives and
// the .txt twin one folder up both go through clean → metadata → sections, and their unit streams
// (core/units.ts, whitespace ignored) are diffed line by line (LCS). The differences should be
// page furniture only. Also prints pages per second of extractPdf.
//
//   npm run build && node dist-tools/tools/pdfTwins.js [dir]     (default ../shared/corpus/real/pdf)
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clean } from '../indexer/clean.js';
import { decode } from '../indexer/decode.js';
import { extractPdf } from '../indexer/formats/pdf.js';
import { extractMetadata } from '../indexer/metadata.js';
import { splitSections } from '../indexer/sections.js';
import { numberSketch, twinEvidence, wordSketch, type TwinSketches } from '../indexer/twins.js';
import { normalizedText, toUnits } from '../core/units.js';

interface Read {
  metadata: ReturnType<typeof extractMetadata>;
  sections: ReturnType<typeof splitSections>;
  lines: string[];
  /** Near-twin sketches (indexer/twins.ts) of the whole text. */
  sketches: TwinSketches;
}

function pipeline(text: string, fileName: string): Read {
  const cleaned = clean({ text, isHtml: false });
  const metadata = extractMetadata(cleaned, fileName);
  const sections = splitSections(cleaned.text);
  // The line structure differs (hard wraps), so the diff runs on clauses: the unit stream (spaces
  // removed) cut at every break unit (punctuation, table bars), which normalizedText writes as '，'.
  const normalized = normalizedText(toUnits(cleaned.text));
  const units = normalized.replace(/ /g, '');
  const lines = units.split('，').filter((l) => l !== '');
  return { metadata, sections, lines, sketches: { words: wordSketch(units), ...numberSketch(normalized) } };
}

/** Lines only in a, only in b (LCS). */
function diff(a: readonly string[], b: readonly string[]): { removed: string[]; added: string[] } {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--)
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  }
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) removed.push(a[i++]!);
    else added.push(b[j++]!);
  }
  return { removed: [...removed, ...a.slice(i)], added: [...added, ...b.slice(j)] };
}

function describe(label: string, read: Read): void {
  const { year, province, level, organ, title } = read.metadata;
  console.log(`  ${label} metadata: year=${year} province=${province} level=${level} organ=${organ} title=${title}`);
  console.log(`  ${label} sections: ${read.sections.map((s) => `${s.sectionType}:${s.heading.trim().slice(0, 24)}`).join(' / ')}`);
}

const MIN_CLAUSE = 6;
const short = (line: string): string => (line.length > 90 ? `${line.slice(0, 90)}…` : line);

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? '../shared/corpus/real/pdf');
  const files = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.pdf'))
    .sort();
  let pages = 0;
  let seconds = 0;
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(join(dir, file)));
    // Timed on a second run: the first also loads pdfjs's worker code, fonts and CMaps.
    await extractPdf(bytes);
    const started = performance.now();
    const extracted = await extractPdf(bytes);
    const elapsed = (performance.now() - started) / 1000;
    pages += extracted.pages ?? 0;
    seconds += elapsed;
    console.log(
      `\n${file}: ${extracted.pages} pages in ${elapsed.toFixed(2)} s; sourceUrl=${extracted.sourceUrl}; warnings=${JSON.stringify(extracted.warnings)}`,
    );
    const pdf = pipeline(extracted.text, file);
    describe('pdf', pdf);
    const twinPath = join(dirname(dir), `${basename(file, '.pdf')}.txt`);
    if (!existsSync(twinPath)) {
      console.log('  (no .txt twin)');
      continue;
    }
    const twin = pipeline(decode(new Uint8Array(readFileSync(twinPath)), basename(twinPath)).text, basename(twinPath));
    describe('txt', twin);
    const evidence = twinEvidence(pdf.sketches, twin.sketches);
    console.log(
      `  twins (indexer/twins.ts): ${evidence.twins}; wording ${evidence.words.toFixed(3)}, numbers held ${evidence.numbers.toFixed(3)}`,
    );
    const { removed, added } = diff(twin.lines, pdf.lines);
    const same = twin.lines.length - removed.length;
    console.log(
      `  unit clauses (LCS): ${same} shared, ${removed.length} only in pdftotext, ${added.length} only in extractPdf (tables are read in a different order and cut into cells)`,
    );
    // What matters for search: every clause of one text occurs in the other's unit stream (breaks
    // removed, so a clause split across table cells or lines still counts). Short clauses (table
    // figures) are skipped.
    const twinJoined = twin.lines.join('');
    const pdfJoined = pdf.lines.join('');
    const missing = removed.filter((line) => line.length >= MIN_CLAUSE && !pdfJoined.includes(line));
    const extra = added.filter((line) => line.length >= MIN_CLAUSE && !twinJoined.includes(line));
    console.log(
      `  clauses of ${MIN_CLAUSE}+ units not found in the other text: ${missing.length} from pdftotext, ${extra.length} from extractPdf`,
    );
    for (const line of missing) console.log(`    - ${short(line)}`);
    for (const line of extra) console.log(`    + ${short(line)}`);
  }
  console.log(`\nextractPdf (warm): ${pages} pages in ${seconds.toFixed(2)} s = ${(pages / seconds).toFixed(1)} pages/s`);
}

await main();
