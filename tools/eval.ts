// `npm run eval -- <dir>... [--queries FILE]`: indexes the corpora into a fresh Meilisearch, runs the
// query list through the search adapter, computes the truth by scanning every section (truth.ts),
// and prints recall, precision, exactness of totals, facet counts and report counts, and latency.
// Exit status 1 when anything is not exact.
import { Command } from 'commander';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { projectPath } from '../config/paths.js';
import { sectionIdOf } from '../indexer/documents.js';
import { createKeyTermExtractor } from '../indexer/keyTerms.js';
import { createMeiliPublisher } from '../indexer/publisher.js';
import { readReportBytes } from '../indexer/extract.js';
import { createFormatReader } from '../indexer/formatReader.js';
import { contentHashOf, reportIdOf } from '../indexer/reportId.js';
import { runIndex } from '../indexer/run.js';
import { connectMeili, ensureSearchKey } from '../meili/connect.js';
import { createMeiliReportSearch } from '../search/meiliReportSearch.js';
import { phraseNeedsVerification } from '../core/grams.js';
import { nodeHttpClient } from '../index/httpClient.js';
import { parseQuery, phraseOf } from '../core/query.js';
import { indexNames, searchIndexUids } from '../index/schema.js';
import { Meilisearch } from 'meilisearch';
import type { ReportSearch, SearchResult } from '../search/port.js';
import { computeTruth, truthSection, type Truth, type TruthSection } from './eval/truth.js';

const keyTerms = createKeyTermExtractor();

interface QueryOutcome {
  q: string;
  truth: number;
  returned: number;
  recall: number;
  precision: number;
  totalExact: boolean;
  facetsExact: boolean;
  reportsExact: boolean;
  coldMs: number;
  warmMs: number;
  /** For a one-term query the index cannot certify: sections Meilisearch's phrase check alone returns. */
  phraseCheckOnly: number | null;
}

async function directorySize(path: string): Promise<number> {
  let size = 0;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    size += entry.isDirectory() ? await directorySize(full) : (await stat(full)).size;
  }
  return size;
}

function readQueries(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

async function allHits(search: ReportSearch, q: string, total: number): Promise<Set<string>> {
  const ids = new Set<string>();
  const per = 1000;
  for (let page = 1; (page - 1) * per < total; page++) {
    const result = await search.search({ q, filters: {}, page, per, sort: 'relevance' });
    for (const hit of result.hits) ids.add(hit.sectionId);
    if (result.hits.length < per) break;
  }
  return ids;
}

function sameFacets(result: SearchResult, truth: Truth): boolean {
  // The truth counts the facets the evaluation was written for (not city and county).
  return (Object.keys(truth.facets) as Array<keyof Truth['facets']>).every((facet) => {
    const got = result.facets[facet];
    const want = truth.facets[facet];
    const keys = new Set([...Object.keys(got), ...Object.keys(want)]);
    return [...keys].every((key) => (got[key] ?? 0) === (want[key] ?? 0));
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function main(): Promise<void> {
  const program = new Command()
    .argument('<dirs...>', 'corpora to index')
    .option('--queries <file>', 'query list', projectPath('tools', 'eval', 'queries.txt'))
    .option('--keep', 'keep the temporary data dir')
    .parse();
  const dirs = program.args;
  const options = program.opts<{ queries: string; keep?: boolean }>();
  const queries = readQueries(await readFile(options.queries, 'utf8'));
  const dataDir = await mkdtemp(join(tmpdir(), 'nianbao-eval-'));
  const connection = await connectMeili({ dataDir, log: (line) => process.stderr.write(`${line}\n`) });
  let failed = false;
  try {
    const names = indexNames('eval_');
    const publisher = createMeiliPublisher({ host: connection.host, adminKey: connection.adminKey, indexes: names });
    const indexStarted = Date.now();
    const summary = await runIndex(dirs, { prune: false, maxFileBytes: 50_000_000 }, { publisher, keyTerms });
    const indexSeconds = (Date.now() - indexStarted) / 1000;
    console.log(
      `indexed ${summary.new.length} reports, ${summary.sections} sections in ${indexSeconds.toFixed(1)} s; skipped ${summary.skipped.length}`,
    );
    for (const skipped of summary.skipped) console.log(`  skipped ${skipped.path}: [${skipped.code}] ${skipped.reason}`);

    // The truth side reads the same files again through the text stages, never through the index.
    const sections: TruthSection[] = [];
    let rawBytes = 0;
    const formatReader = createFormatReader();
    for (const path of summary.new) {
      const bytes = await readFile(path);
      rawBytes += bytes.length;
      const reportId = reportIdOf(resolve(path));
      const report = await readReportBytes(
        bytes,
        { reportId, source: path, fileName: basename(path), contentHash: contentHashOf(bytes) },
        formatReader,
      );
      const facets = { province: report.metadata.province, level: report.metadata.level, year: report.metadata.year };
      for (const section of report.sections) sections.push(truthSection(sectionIdOf(reportId, section.ordinal), reportId, facets, section));
    }
    await formatReader.close();

    const searchKey = await ensureSearchKey(connection, searchIndexUids(names));
    const search = createMeiliReportSearch({ host: connection.host, apiKey: searchKey, indexes: names });
    // Meilisearch's own phrase check, without verification: how often it would be wrong.
    const admin = new Meilisearch({ host: connection.host, apiKey: connection.adminKey, httpClient: nodeHttpClient });
    async function phraseCheckOnly(q: string): Promise<number | null> {
      const { clauses } = parseQuery(q);
      const only = clauses.length === 1 && clauses[0]!.kind === 'any' && clauses[0]!.terms.length === 1 ? clauses[0]!.terms[0]! : null;
      if (!only || !phraseNeedsVerification(only.codes)) return null;
      const response = await admin.index(names.sections).search(phraseOf(only), { matchingStrategy: 'all', page: 1, hitsPerPage: 0 });
      return response.totalHits ?? null;
    }
    const outcomes: QueryOutcome[] = [];
    for (const q of queries) {
      const truth = computeTruth(q, sections);
      let started = performance.now();
      const first = await search.search({ q, filters: {}, page: 1, per: 20, sort: 'relevance' });
      const coldMs = performance.now() - started;
      started = performance.now();
      await search.search({ q, filters: {}, page: 1, per: 20, sort: 'relevance' });
      const warmMs = performance.now() - started;
      const returned = await allHits(search, q, first.total);
      const correct = [...returned].filter((id) => truth.sectionIds.has(id)).length;
      outcomes.push({
        q,
        truth: truth.sectionIds.size,
        returned: returned.size,
        recall: truth.sectionIds.size === 0 ? 1 : correct / truth.sectionIds.size,
        precision: returned.size === 0 ? 1 : correct / returned.size,
        totalExact: first.total === truth.sectionIds.size,
        facetsExact: sameFacets(first, truth),
        reportsExact: first.reportTotal === truth.reports.size,
        coldMs,
        warmMs,
        phraseCheckOnly: await phraseCheckOnly(q),
      });
    }

    const yn = (ok: boolean) => (ok ? 'y' : 'N');
    console.log(
      ['query', 'truth', 'returned', 'recall', 'precision', 'total', 'facets', 'reports', 'cold ms', 'warm ms', 'phrase check alone'].join(
        '\t',
      ),
    );
    for (const o of outcomes) {
      console.log(
        [
          o.q,
          o.truth,
          o.returned,
          o.recall.toFixed(3),
          o.precision.toFixed(3),
          yn(o.totalExact),
          yn(o.facetsExact),
          yn(o.reportsExact),
          o.coldMs.toFixed(1),
          o.warmMs.toFixed(1),
          o.phraseCheckOnly ?? '-',
        ].join('\t'),
      );
    }
    const truthTotal = outcomes.reduce((n, o) => n + o.truth, 0);
    const found = outcomes.reduce((n, o) => n + o.recall * o.truth, 0);
    const returnedTotal = outcomes.reduce((n, o) => n + o.returned, 0);
    const correctTotal = outcomes.reduce((n, o) => n + o.precision * o.returned, 0);
    const inexact = outcomes.filter((o) => o.recall < 1 || o.precision < 1 || !o.totalExact || !o.facetsExact || !o.reportsExact);
    const verified = outcomes.filter((o) => o.phraseCheckOnly !== null);
    const wrongAlone = verified.reduce((n, o) => n + (o.phraseCheckOnly! - o.truth), 0);
    const indexBytes = await directorySize(join(dataDir, 'meili', 'data.ms'));
    console.log('');
    console.log(`queries: ${outcomes.length}  sections: ${sections.length}  true matches: ${truthTotal}`);
    console.log(
      `recall: ${(truthTotal === 0 ? 1 : found / truthTotal).toFixed(4)}  precision: ${(returnedTotal === 0 ? 1 : correctTotal / returnedTotal).toFixed(4)}`,
    );
    console.log(
      `totals exact: ${outcomes.filter((o) => o.totalExact).length}/${outcomes.length}  facets exact: ${outcomes.filter((o) => o.facetsExact).length}/${outcomes.length}  report counts exact: ${outcomes.filter((o) => o.reportsExact).length}/${outcomes.length}`,
    );
    console.log(
      `latency (first page, 20 hits): cold p50 ${percentile(
        outcomes.map((o) => o.coldMs),
        50,
      ).toFixed(1)} ms, p95 ${percentile(
        outcomes.map((o) => o.coldMs),
        95,
      ).toFixed(1)} ms; warm p50 ${percentile(
        outcomes.map((o) => o.warmMs),
        50,
      ).toFixed(1)} ms, p95 ${percentile(
        outcomes.map((o) => o.warmMs),
        95,
      ).toFixed(1)} ms`,
    );
    console.log(
      `phrases the index cannot certify (5+ units, or 4 with repeats): ${verified.length}; false matches Meilisearch's phrase check alone returns for them: ${wrongAlone} (removed by verification)`,
    );
    console.log(
      `index on disk: ${(indexBytes / 1e6).toFixed(1)} MB for ${(rawBytes / 1e6).toFixed(1)} MB of source files (${(indexBytes / Math.max(rawBytes, 1)).toFixed(1)}×)`,
    );
    if (inexact.length > 0) {
      failed = true;
      console.log(`NOT EXACT: ${inexact.map((o) => o.q).join(' | ')}`);
    } else {
      console.log('all exact');
    }
  } finally {
    await connection.close();
    if (!options.keep) await rm(dataDir, { recursive: true, force: true });
    else console.log(`data kept in ${dataDir}`);
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
