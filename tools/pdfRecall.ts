// Measures the PDF path against the text each PDF was made from: metadata, section types and phrase
// recall. For every NAME.VARIANT.pdf in a folder, the source is NAME.src.html (written by
// tools/fixtures/makeProducerPdfs.ts), else NAME.txt / NAME.html / NAME.md beside it or in
// SOURCE_DIR. Both go through clean → metadata → sections (the file names are neutral, so only the
// text speaks). Phrase recall: every clause of the source — a break-delimited run of its normalised
// unit stream (core/units.ts) with at least 4 Chinese characters — must occur in the PDF's unit
// stream (whitespace kept only where it parts two words: "2 0 2 1" is not 2021). Also counted: clauses found only fused with a neighbour (the
// PDF lost or moved a break) and clauses the PDF has more often than the source (duplicated text).
//
//   npm run build && node dist-tools/tools/pdfRecall.js PDF_DIR [SOURCE_DIR] [-v]
//
// -v lists every missed clause with what the PDF has around its first characters.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { clean } from '../indexer/clean.js';
import { decode } from '../indexer/decode.js';
import { extractPdf } from '../indexer/formats/pdf.js';
import { extractMetadata } from '../indexer/metadata.js';
import { splitSections } from '../indexer/sections.js';
import { normalizedText, toUnits } from '../core/units.js';

const FIELDS = ['title', 'organ', 'year', 'province', 'level'] as const;
const MIN_HAN = 4;
const HAN = /\p{Script=Han}/gu;

interface Read {
  metadata: ReturnType<typeof extractMetadata>;
  sectionTypes: string[];
  /** The unit stream, breaks written as '，', one space between two words. */
  stream: string;
}

function pipeline(text: string, isHtml: boolean, fileName: string): Read {
  const cleaned = clean({ text, isHtml });
  return {
    metadata: extractMetadata(cleaned, fileName),
    sectionTypes: splitSections(cleaned.text).map((s) => s.sectionType),
    // Spaces only part words (a number split by a space is two units); next to a break or a
    // Chinese character they mean nothing.
    stream: normalizedText(toUnits(cleaned.text))
      .replace(/ +/g, ' ')
      .replace(/ ?， ?/g, '，')
      .trim(),
  };
}

function clausesOf(stream: string): string[] {
  return stream
    .split('，')
    .map((clause) => clause.trim())
    .filter((clause) => (clause.match(HAN)?.length ?? 0) >= MIN_HAN);
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}

function sourceOf(pdf: string, dirs: readonly string[]): string | null {
  const name = basename(pdf, '.pdf');
  const stems = [name.replace(/\.[^.]+$/, ''), name];
  for (const dir of dirs) {
    for (const stem of stems) {
      for (const ext of ['.src.html', '.txt', '.html', '.md']) {
        const path = join(dir, stem + ext);
        if (existsSync(path)) return path;
      }
    }
  }
  return null;
}

interface Row {
  file: string;
  variant: string;
  metadata: string;
  sections: string;
  clauses: number;
  missed: number;
  fused: number;
  duplicated: number;
}

const pad = (value: string | number, width: number): string => String(value).padEnd(width);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes('-v');
  const [dirArg, sourceArg] = args.filter((a) => a !== '-v');
  const dir = resolve(dirArg ?? '.');
  const dirs = [dir, ...(sourceArg ? [resolve(sourceArg)] : [])];
  const rows: Row[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.pdf'))
    .sort()) {
    const sourcePath = sourceOf(join(dir, file), dirs);
    const variant = /\.([^.]+)\.pdf$/i.exec(file)?.[1] ?? 'pdf';
    if (sourcePath === null) {
      console.log(`${file}: no source`);
      continue;
    }
    const decoded = decode(new Uint8Array(readFileSync(sourcePath)), basename(sourcePath));
    const source = pipeline(decoded.text, decoded.isHtml, decoded.isHtml ? 'report.html' : 'report.txt');
    let pdf: Read;
    try {
      pdf = pipeline((await extractPdf(new Uint8Array(readFileSync(join(dir, file))))).text, false, 'report.pdf');
    } catch (error) {
      console.log(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const wrong = FIELDS.filter((field) => source.metadata[field] !== pdf.metadata[field]);
    const metadata =
      wrong.length === 0 ? 'ok' : wrong.map((f) => `${f}:${String(pdf.metadata[f])}≠${String(source.metadata[f])}`).join(' ');
    const sections =
      source.sectionTypes.join() === pdf.sectionTypes.join() ? 'ok' : `${pdf.sectionTypes.length}≠${source.sectionTypes.length}`;
    const clauses = clausesOf(source.stream);
    const bounded = `，${pdf.stream}，`;
    const missed = clauses.filter((clause) => !pdf.stream.includes(clause));
    const fused = clauses.filter((clause) => pdf.stream.includes(clause) && !bounded.includes(`，${clause}，`));
    const duplicated = [...new Set(clauses)].filter(
      (c) => (c.match(HAN)?.length ?? 0) >= 6 && count(pdf.stream, c) > count(source.stream, c),
    );
    rows.push({
      file,
      variant,
      metadata,
      sections,
      clauses: clauses.length,
      missed: missed.length,
      fused: fused.length,
      duplicated: duplicated.length,
    });
    if (verbose) {
      for (const clause of missed) {
        const at = pdf.stream.indexOf(clause.slice(0, 4));
        console.log(
          `  ${file} miss: ${clause}\n      pdf: ${at < 0 ? '(start not found)' : pdf.stream.slice(Math.max(0, at - 10), at + clause.length + 20)}`,
        );
      }
      for (const clause of duplicated) console.log(`  ${file} dup: ${clause}`);
      if (metadata !== 'ok') console.log(`  ${file} metadata: ${metadata}`);
      if (sections !== 'ok') console.log(`  ${file} sections: pdf ${pdf.sectionTypes.join()} / source ${source.sectionTypes.join()}`);
    }
  }
  const width = Math.max(8, ...rows.map((r) => r.file.length));
  console.log(
    `\n${pad('file', width)} ${pad('clauses', 8)}${pad('missed', 7)}${pad('fused', 6)}${pad('dup', 4)}${pad('sections', 9)}metadata`,
  );
  for (const r of rows)
    console.log(
      `${pad(r.file, width)} ${pad(r.clauses, 8)}${pad(r.missed, 7)}${pad(r.fused, 6)}${pad(r.duplicated, 4)}${pad(r.sections, 9)}${r.metadata}`,
    );
  console.log(
    `\n${pad('variant', 10)}${pad('files', 6)}${pad('clauses', 8)}${pad('missed', 7)}${pad('recall', 9)}${pad('fused', 6)}${pad('dup', 4)}${pad('sect.ok', 8)}meta.ok`,
  );
  const variants = [...new Set(rows.map((r) => r.variant))].sort();
  for (const variant of [...variants, 'ALL']) {
    const group = rows.filter((r) => variant === 'ALL' || r.variant === variant);
    const sum = (key: 'clauses' | 'missed' | 'fused' | 'duplicated'): number => group.reduce((s, r) => s + r[key], 0);
    const recall = 1 - sum('missed') / Math.max(1, sum('clauses'));
    console.log(
      `${pad(variant, 10)}${pad(group.length, 6)}${pad(sum('clauses'), 8)}${pad(sum('missed'), 7)}${pad(`${(recall * 100).toFixed(2)}%`, 9)}${pad(sum('fused'), 6)}${pad(sum('duplicated'), 4)}${pad(`${group.filter((r) => r.sections === 'ok').length}/${group.length}`, 8)}${group.filter((r) => r.metadata === 'ok').length}/${group.length}`,
    );
  }
}

await main();
