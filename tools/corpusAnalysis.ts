// The corpus as a whole (issue #14) measured on a folder of real reports: copied passages between
// the 2011 平潭县 and 平潭综合实验区 reports, the text each 平潭 report shares with its previous year,
// template passages, the coverage matrix, and what finding shared passages costs next to indexing.
//
//   npx tsc -p tsconfig.json && node dist-tools/tools/corpusAnalysis.js [folder] [--sections 100000]
//
// The default folder is ../shared/corpus/real; when it is absent the script says so and exits 0.
// Reports are read with the product's own reader (extractText → readReport); .txt, .md and .html
// files only (the pdf/ folder holds the same reports again).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectPath } from '../config/paths.js';
import { compareReports } from '../core/corpus/compare.js';
import { coverageCountsCsv, coverageCsv, coverageMatrix } from '../core/corpus/coverage.js';
import { maskTermsFor } from '../core/corpus/organKey.js';
import { shippedOrganAliases } from '../indexer/organAliases.js';
import { PassageIndex } from '../core/corpus/passageIndex.js';
import { NEAR_REPEAT, normalisePassage, setJaccard, shingleSet, splitPassages } from '../core/corpus/passages.js';
import { pairShares, reportShares } from '../core/corpus/shares.js';
import type { CorpusReport } from '../core/corpus/types.js';
import { buildSectionDocuments } from '../indexer/documents.js';
import { extractText } from '../indexer/extract.js';
import { createFormatReader } from '../indexer/formatReader.js';
import { createKeyTermExtractor } from '../indexer/keyTerms.js';
import { placeNamesOf } from '../indexer/organ.js';
import { readReport } from '../indexer/readReport.js';
import { toSimplified } from '../core/simplify.js';
import type { Report } from '../core/report.js';

const keyTerms = createKeyTermExtractor();

interface Loaded {
  file: string;
  report: Report;
  corpus: CorpusReport;
  /** Milliseconds the indexer's stages took for this file (extract, text stages, documents with jieba). */
  indexerMs: number;
}

const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

// The 平潭 files are pages of a web archive: its header (标题, 原文链接, 本地目录 …) stands before a
// line '==== 正文 ===='. It is the archive's, not the report's, and would read as text every report
// copies from its previous year.
function withoutArchiveHeader(text: string): string {
  const marker = /^=+\s*正文\s*=+[ \t]*$/m.exec(text);
  return marker ? text.slice(marker.index + marker[0].length) : text;
}

async function loadReports(folder: string): Promise<Loaded[]> {
  const keying = shippedOrganAliases();
  const reader = createFormatReader();
  const files = readdirSync(folder)
    .filter((f) => /\.(txt|md|html?)$/i.test(f))
    .sort();
  const loaded: Loaded[] = [];
  try {
    // The indexer's stages, timed on a second pass: the first loads jieba's dictionaries and
    // warms the JIT, which a long index run pays once.
    const read = async (file: string, bytes: Uint8Array): Promise<Report> =>
      readReport(await extractText(bytes, file, reader), {
        reportId: file.replace(/\.[^.]+$/, ''),
        source: file,
        fileName: file,
        contentHash: file,
      });
    for (const file of files) buildSectionDocuments(await read(file, readFileSync(join(folder, file))), { keyTerms });
    for (const file of files) {
      const bytes = readFileSync(join(folder, file));
      const started = performance.now();
      const report = await read(file, bytes);
      buildSectionDocuments(report, { keyTerms });
      const indexerMs = performance.now() - started;
      const organ = report.metadata.organ ?? file;
      const places = placeNamesOf(organ);
      loaded.push({
        file,
        report,
        indexerMs,
        corpus: {
          reportId: report.reportId,
          organ,
          // The key the index stores (province|body), so the tool groups as the site does.
          organKey: keying.reportOrganKey(organ, report.metadata.province) ?? organ,
          province: report.metadata.province,
          level: report.metadata.level,
          year: report.metadata.year,
          sections: report.sections.map((s) => ({ type: s.sectionType, heading: s.heading, text: withoutArchiveHeader(s.text) })),
          maskTerms: maskTermsFor(organ, places),
        },
      });
    }
  } finally {
    await reader.close();
  }
  // Deterministic ids: by year, then report id.
  return loaded.sort((a, b) => (a.corpus.year ?? 0) - (b.corpus.year ?? 0) || (a.corpus.reportId < b.corpus.reportId ? -1 : 1));
}

function printReports(loaded: readonly Loaded[]): void {
  console.log(`\n## Reports read (${loaded.length})`);
  for (const { corpus, report } of loaded) {
    console.log(
      `${corpus.reportId}\t${corpus.year}\t${corpus.province}\t${corpus.level}\t${corpus.organ} → key ${corpus.organKey}\t${report.sections.length} sections`,
    );
  }
}

/** Shared passages between two reports, both directions, exact and near, by characters. */
function printPair(index: PassageIndex, a: Loaded, b: Loaded): void {
  console.log(`\n## Copied passages: ${a.corpus.reportId} ↔ ${b.corpus.reportId}`);
  for (const [self, other] of [
    [a, b],
    [b, a],
  ] as const) {
    const pair = pairShares(index, self.corpus.reportId, other.corpus.reportId);
    const nearSimilarities = pair.passages.filter((p) => p.match === 'near').map((p) => p.similarity.toFixed(2));
    console.log(
      `${pair.reportId}: ${index.reportPassages(pair.reportId)?.passageIds.length} passages, ${pair.passages.length} also in ${pair.otherReportId} (${pair.exact} exact, ${pair.near} near, estimated similarity ${nearSimilarities.join(' ')}); ${pair.chars.shared}/${pair.chars.total} characters = ${percent(pair.share)} of its text`,
    );
  }
}

function printSeries(index: PassageIndex, loaded: readonly Loaded[], byId: ReadonlyMap<string, Loaded>): void {
  console.log('\n## Each 平潭 report: share of its text from its previous report (passage index) and sentence diff (compare)');
  console.log('report\tprevious\tprevYear%\totherOrgans%\ttemplate%\town%\t| kept changed new removed');
  for (const item of loaded.filter((l) => l.corpus.organ.includes('平潭'))) {
    const shares = reportShares(index, item.corpus.reportId);
    const previous = shares.previousReportId ? byId.get(shares.previousReportId) : undefined;
    const diff = previous ? compareReports(item.corpus, previous.corpus, { fold: toSimplified }).counts : null;
    console.log(
      [
        item.corpus.reportId,
        shares.previousReportId ?? '-',
        percent(shares.shares.previousYear),
        percent(shares.shares.otherOrgans),
        percent(shares.shares.template),
        percent(shares.shares.own),
        diff ? `| ${diff.kept} ${diff.changed} ${diff.new} ${diff.removed}` : '|',
      ].join('\t'),
    );
  }
}

function printTemplates(index: PassageIndex, loaded: readonly Loaded[]): void {
  const byRule = new Map<string, { passages: number; reports: Set<string>; example: string }>();
  for (const item of loaded) {
    const shares = reportShares(index, item.corpus.reportId);
    for (const passage of shares.passages) {
      if (passage.label !== 'template' || passage.templateRule === null) continue;
      const entry = byRule.get(passage.templateRule) ?? { passages: 0, reports: new Set<string>(), example: '' };
      entry.passages++;
      entry.reports.add(item.corpus.reportId);
      byRule.set(passage.templateRule, entry);
    }
  }
  console.log('\n## Template passages (rule → passages, reports)');
  for (const [rule, entry] of [...byRule].sort()) console.log(`${rule}\t${entry.passages}\t${entry.reports.size}`);
}

function printCoverage(loaded: readonly Loaded[]): void {
  const entries = loaded.map(({ corpus }) => ({
    reportId: corpus.reportId,
    organKey: corpus.organKey ?? corpus.organ,
    province: corpus.province,
    level: corpus.level,
    year: corpus.year,
  }));
  for (const expected of ['all-years', 'first-to-last'] as const) {
    const matrix = coverageMatrix(entries, { expected });
    console.log(`\n## Coverage (${expected}): bodies × years`);
    process.stdout.write(coverageCsv(matrix));
    console.log(`\n## Coverage counts (${expected})`);
    process.stdout.write(coverageCountsCsv(matrix, false));
  }
}

// A deterministic generator (mulberry32), so the synthetic corpus is the same on every run.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Sections made from the real ones: each sentence kept (copied wording), a few characters changed
// (a near copy), or mostly rewritten (own text), numbers redrawn — 10 sections a report, 2,000
// bodies over the years.
function syntheticReports(loaded: readonly Loaded[], sections: number): CorpusReport[] {
  const pool = loaded.flatMap((l) => l.corpus.sections.map((s) => s.text)).filter((t) => t.length > 50);
  const han = [...new Set(pool.join('').replace(/[^\p{Script=Han}]/gu, ''))];
  const next = random(14);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const mutate = (sentence: string, changes: number): string => {
    const chars = [...sentence];
    for (let i = 0; i < changes && chars.length > 0; i++) chars[Math.floor(next() * chars.length)] = pick(han);
    return chars.join('');
  };
  const reports: CorpusReport[] = [];
  const bodies = 2000;
  for (let r = 0; r * 10 < sections; r++) {
    const organ = `合成县${r % bodies}`;
    const text = (): string =>
      pick(pool)
        .split(/(?<=。)/)
        .map((sentence) => {
          const roll = next();
          const renumbered = sentence.replace(/[0-9]+/g, () => String(Math.floor(next() * 1000)));
          if (roll < 0.5) return renumbered;
          return mutate(renumbered, roll < 0.8 ? 2 : Math.ceil(sentence.length * 0.3));
        })
        .join('');
    reports.push({
      reportId: `syn${r}`,
      organ,
      organKey: organ,
      province: `省${r % 31}`,
      level: 'county',
      year: 2010 + Math.floor(r / bodies),
      sections: Array.from({ length: 10 }, () => ({ type: 'overview', heading: '', text: text() })),
    });
  }
  return reports;
}

// The indexer's stages once over the real files: milliseconds per section, under whatever load the
// machine has right now (it is shared: the passage index is timed between two of these).
async function stageMsPerSection(folder: string, loaded: readonly Loaded[]): Promise<number> {
  const reader = createFormatReader();
  try {
    const started = performance.now();
    let sections = 0;
    for (const { file } of loaded) {
      const report = readReport(await extractText(readFileSync(join(folder, file)), file, reader), {
        reportId: file,
        source: file,
        fileName: file,
        contentHash: file,
      });
      buildSectionDocuments(report, { keyTerms });
      sections += report.sections.length;
    }
    return (performance.now() - started) / sections;
  } finally {
    await reader.close();
  }
}

async function printThroughput(folder: string, loaded: readonly Loaded[], sections: number): Promise<void> {
  const indexerMs = loaded.reduce((sum, l) => sum + l.indexerMs, 0);
  const real = new PassageIndex({ fold: toSimplified });
  const realStarted = performance.now();
  const realPassages = loaded.reduce((sum, l) => sum + real.addReport(l.corpus).length, 0);
  const realMs = performance.now() - realStarted;
  console.log('\n## Throughput');
  console.log(
    `real corpus: ${realPassages} passages in ${realMs.toFixed(1)} ms (${Math.round((realPassages / realMs) * 1000)} passages/s); indexer stages (extract, text stages, documents with jieba) ${indexerMs.toFixed(1)} ms for ${loaded.length} reports; passages / indexer = ${percent(realMs / indexerMs)}`,
  );
  // The synthetic corpus in chunks of 10,000 sections, each timed next to one pass of the indexer's
  // stages over the real files, so both see the same machine load.
  const synthetic = syntheticReports(loaded, sections);
  const index = new PassageIndex({ fold: toSimplified });
  let passages = 0;
  let passageMs = 0;
  let stageMs = 0;
  const chunk = 1000;
  for (let from = 0; from < synthetic.length; from += chunk) {
    const started = performance.now();
    for (const report of synthetic.slice(from, from + chunk)) passages += index.addReport(report).length;
    const ms = performance.now() - started;
    passageMs += ms;
    const perSection = await stageMsPerSection(folder, loaded);
    stageMs += perSection * Math.min(chunk, synthetic.length - from) * 10;
    console.log(
      `  sections ${from * 10}–${Math.min(from + chunk, synthetic.length) * 10}: passages ${(ms / (chunk * 10)).toFixed(3)} ms a section, indexer stages ${perSection.toFixed(3)} ms a section`,
    );
  }
  const stats = index.stats();
  const syntheticSections = synthetic.length * 10;
  console.log(
    `synthetic: ${syntheticSections} sections, ${synthetic.length} reports, ${passages} passages (${stats.distinctPassages} distinct, ${stats.clusters} near-repeat groups) indexed in ${(passageMs / 1000).toFixed(1)} s = ${Math.round((passages / passageMs) * 1000)} passages/s, ${(passageMs / syntheticSections).toFixed(3)} ms a section`,
  );
  console.log(
    `  added to the indexer's stages (same load, interleaved): ${percent(passageMs / stageMs)}; to the whole index run at 29–50 reports/s of ~10 sections (BENCHMARKS.md, 100k, Meilisearch included: 2.0–3.4 ms a section, another day's load): ${percent(passageMs / syntheticSections / 3.4)}–${percent(passageMs / syntheticSections / 2.0)}`,
  );
  console.log(
    `  memory: ${(stats.bytes / 2 ** 20).toFixed(1)} MiB of typed arrays = ${Math.round(stats.bytes / stats.distinctPassages)} bytes a distinct passage (capacity doubling included); heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
  );
  const snapshotStarted = performance.now();
  const snapshot = index.snapshot();
  const snapshotMs = performance.now() - snapshotStarted;
  const restoreStarted = performance.now();
  PassageIndex.restore(snapshot, { fold: toSimplified });
  const arrays = Object.values(snapshot).filter((v): v is ArrayBufferView => ArrayBuffer.isView(v));
  const bytes = arrays.reduce((sum, a) => sum + a.byteLength, 0);
  console.log(
    `  snapshot: ${(bytes / 2 ** 20).toFixed(1)} MiB of arrays (+ ${snapshot.reports.length} report records) in ${snapshotMs.toFixed(0)} ms, restored in ${(performance.now() - restoreStarted).toFixed(0)} ms`,
  );
  const sharesStarted = performance.now();
  for (const report of synthetic.slice(0, 1000)) reportShares(index, report.reportId);
  console.log(`  shares of 1,000 reports computed in ${(performance.now() - sharesStarted).toFixed(0)} ms`);
}

// How good the near-repeat search is on real text: every pair of distinct passages (of different
// reports) compared by exact shingle Jaccard, against what the index's LSH + signature check said.
function printNearRepeatQuality(
  index: PassageIndex,
  loaded: readonly Loaded[],
  added: ReadonlyMap<string, ReturnType<PassageIndex['addReport']>>,
): void {
  const texts = new Map<number, string>();
  for (const item of loaded) {
    for (const passage of added.get(item.corpus.reportId) ?? []) {
      const section = item.corpus.sections[passage.sectionIndex];
      if (!section || texts.has(passage.passageId)) continue;
      texts.set(
        passage.passageId,
        normalisePassage(section.text.slice(passage.start, passage.end), { mask: item.corpus.maskTerms ?? [], fold: toSimplified }),
      );
    }
  }
  const ids = [...texts.keys()].sort((a, b) => a - b);
  const shingles = ids.map((id) => shingleSet(texts.get(id) as string));
  const flagged = new Set<string>();
  let flaggedTrueJaccardMin = 1;
  let belowThreshold = 0;
  for (const id of ids) {
    for (const near of index.nearRepeats(id)) {
      if (near.passageId < id) continue;
      flagged.add(`${id}|${near.passageId}`);
      const exact = setJaccard(shingles[ids.indexOf(id)] as Set<string>, shingles[ids.indexOf(near.passageId)] as Set<string>);
      flaggedTrueJaccardMin = Math.min(flaggedTrueJaccardMin, exact);
      if (exact < 0.5) belowThreshold++;
    }
  }
  let truePairs = 0;
  let missed = 0;
  const missedJaccard: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const exact = setJaccard(shingles[i] as Set<string>, shingles[j] as Set<string>);
      if (exact < NEAR_REPEAT.threshold) continue;
      truePairs++;
      if (!flagged.has(`${ids[i]}|${ids[j]}`)) {
        missed++;
        missedJaccard.push(exact);
      }
    }
  }
  console.log('\n## Near-repeat search on the real corpus (all pairs of distinct passages, exact shingle Jaccard)');
  console.log(
    `${ids.length} distinct passages, ${(ids.length * (ids.length - 1)) / 2} pairs: ${truePairs} with Jaccard ≥ ${NEAR_REPEAT.threshold}; the index flagged ${flagged.size} pairs near, ${missed} true pairs missed (their Jaccard: ${missedJaccard.map((x) => x.toFixed(2)).join(' ') || '-'}); flagged pairs' lowest true Jaccard ${flaggedTrueJaccardMin.toFixed(2)}, ${belowThreshold} flagged below 0.5`,
  );
}

// Why 12 characters and 3-character shingles (passages.ts): how often short pieces recur across
// bodies, and how alike unrelated passages of one report look at each shingle size.
function printPassageChoices(loaded: readonly Loaded[]): void {
  const bodiesOf = { short: new Map<string, Set<string>>(), long: new Map<string, Set<string>>() };
  const perReport: string[][] = [];
  for (const { corpus } of loaded) {
    const kept: string[] = [];
    for (const section of corpus.sections) {
      for (const span of splitPassages(section.text, { minChars: 4, fold: toSimplified })) {
        const bucket = span.normalised.length < 12 ? bodiesOf.short : bodiesOf.long;
        bucket.set(span.normalised, (bucket.get(span.normalised) ?? new Set()).add(corpus.organKey ?? corpus.organ));
        if (span.normalised.length >= 12) kept.push(span.normalised);
      }
    }
    perReport.push([...new Set(kept)]);
  }
  console.log('\n## Passage length and shingle size');
  for (const [name, bucket] of Object.entries(bodiesOf)) {
    const shared = [...bucket.values()].filter((bodies) => bodies.size >= 2).length;
    console.log(
      `${name === 'short' ? '4–11' : '≥ 12'} characters: ${bucket.size} distinct, ${shared} in two or more bodies' reports (${percent(shared / bucket.size)})`,
    );
  }
  for (const size of [2, 3, 4]) {
    const values: number[] = [];
    for (const passages of perReport) {
      const sets = passages.map((p) => shingleSet(p, size));
      for (let i = 0; i < sets.length; i++)
        for (let j = i + 1; j < sets.length; j++) values.push(setJaccard(sets[i] as Set<string>, sets[j] as Set<string>));
    }
    values.sort((a, b) => a - b);
    const at = (q: number): string => (values[Math.floor(q * (values.length - 1))] ?? 0).toFixed(3);
    console.log(
      `shingles of ${size}: ${values.length} pairs of different passages within a report, Jaccard median ${at(0.5)}, 99th percentile ${at(0.99)}`,
    );
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sectionsAt = args.indexOf('--sections');
  const sections = sectionsAt >= 0 ? Number(args[sectionsAt + 1]) : 100_000;
  const folder = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--sections') ?? projectPath('..', 'shared', 'corpus', 'real');
  if (!existsSync(folder)) {
    console.log(`${folder} is not here: nothing to analyse (skipped).`);
    return;
  }
  const loaded = await loadReports(folder);
  printReports(loaded);
  const index = new PassageIndex({ fold: toSimplified });
  const added = new Map(loaded.map((item) => [item.corpus.reportId, index.addReport(item.corpus)]));
  const byId = new Map(loaded.map((l) => [l.corpus.reportId, l]));
  const county = loaded.find((l) => l.corpus.year === 2011 && l.corpus.organ.includes('平潭县'));
  const zone = loaded.find((l) => l.corpus.year === 2011 && l.corpus.organ.startsWith('平潭综合实验区'));
  if (county && zone) printPair(index, county, zone);
  else console.log('\n(the 2011 平潭县 and 平潭综合实验区 reports are not both in this folder)');
  printSeries(index, loaded, byId);
  printTemplates(index, loaded);
  printPassageChoices(loaded);
  printNearRepeatQuality(index, loaded, added);
  printCoverage(loaded);
  console.log('\n## Parameters');
  console.log(JSON.stringify(index.parameters()));
  await printThroughput(folder, loaded, sections);
}

await main();
