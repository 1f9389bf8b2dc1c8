// The bench's printout, in Markdown so that a run can be pasted into BENCHMARKS.md as it is.
import type { Figures, Measurements } from './figures.js';
import { formatMachine } from './machine.js';
import type { MeiliBatch } from './meiliAdmin.js';
import type { Distribution } from './percentiles.js';
import { percentile } from './percentiles.js';
import { PROFILED_STAGES } from './stageProfile.js';

const MB = 1e6;
const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const s = (millis: number) => `${(millis / 1000).toFixed(1)} s`;

function table(header: string[], rows: Array<Array<string | number>>): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function dist(d: Distribution): string[] {
  return [ms(d.p50), ms(d.p95), ms(d.p99)];
}

/** Meilisearch's own step timings summed over batches, largest first. */
function topSteps(batches: MeiliBatch[], count: number): Array<[string, number]> {
  const totals = new Map<string, number>();
  for (const batch of batches) {
    for (const [step, value] of Object.entries(batch.steps)) totals.set(step, (totals.get(step) ?? 0) + value);
  }
  // Keep leaves: a step whose name is a prefix of another is the sum of its children.
  const names = [...totals.keys()];
  return [...totals.entries()]
    .filter(([name]) => !names.some((other) => other !== name && other.startsWith(`${name} >`)))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
}

/** Sizes of Meilisearch's internal databases after the last batch that touched each, largest first. */
function databaseSizes(batches: MeiliBatch[], count: number): Array<[string, number]> {
  const latest = new Map<string, number>();
  for (const batch of batches) for (const [name, bytes] of Object.entries(batch.databaseSizes)) latest.set(name, bytes);
  return [...latest.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
}

/** When Meilisearch was busy with section documents, on the index command's clock. */
function timeline(batches: MeiliBatch[], startedAt: number, wallMs: number): string {
  const documentBatches = batches.filter((b) => b.types.includes('documentAdditionOrUpdate') && b.finishedAt !== null);
  if (documentBatches.length === 0) return '';
  const offset = (iso: string) => s(Date.parse(iso) - startedAt);
  const busy = documentBatches.reduce((n, b) => n + b.durationMs, 0);
  return (
    `Timeline of the index command (${s(wallMs)}): Meilisearch indexed documents for ${s(busy)} in ` +
    `${documentBatches.length} batches, the first starting at +${offset(documentBatches[0]!.startedAt)} and the last ` +
    `finishing at +${offset(documentBatches[documentBatches.length - 1]!.finishedAt!)}.`
  );
}

export function formatReport(m: Measurements, f: Figures): string {
  const lines: string[] = [];
  const p = m.pipeline;
  const sample = m.profile;
  lines.push(`## Bench: ${p.sections.toLocaleString('en')} sections (${p.reports.toLocaleString('en')} reports)`, '');
  lines.push(`- date: ${m.date}`);
  lines.push(`- command: \`${m.command}\``);
  lines.push(`- code: ${m.revision}`);
  lines.push(`- machine: ${formatMachine(m.machine)}; load average ${m.loadAverageAtEnd.toFixed(2)} at the end`);
  lines.push(
    `- corpus: ${m.corpus.dir}: ${m.corpus.files} files, ${mb(m.corpus.bytes)} of source files, ` +
      `${(m.baselines.textChars / 1e6).toFixed(1)} M characters of section text` +
      (m.corpus.generatedIn === null ? '' : ` (generated in ${m.corpus.generatedIn.toFixed(0)} s)`),
  );
  lines.push(`- warm runs per query: ${m.runs}; peak RSS taken with ${p.rssSource}`, '');

  lines.push('### Indexing', '');
  lines.push(
    ...table(
      ['', 'wall', 'reports/s', 'MB/s (source)', 'Meilisearch batch time', 'peak RSS'],
      [
        [
          '`nianbao index` (whole pipeline)',
          s(p.wallMs),
          f.pipelineReportsPerSecond.toFixed(1),
          f.pipelineMBPerSecond.toFixed(2),
          `${s(f.pipelineMeiliMs)} in ${p.batches.length} batches`,
          `indexer ${mib(p.peakRssKb)}; Meilisearch ${p.meiliPeakKb === null ? '?' : mib(p.meiliPeakKb)}`,
        ],
        [
          'raw documents → Meilisearch defaults',
          s(m.raw.wallMs),
          f.rawReportsPerSecond.toFixed(1),
          f.rawMBPerSecond.toFixed(2),
          `${s(f.rawMeiliMs)} in ${m.raw.batches.length} batches`,
          `Meilisearch ${m.raw.meiliPeakKb === null ? '?' : mib(m.raw.meiliPeakKb)}`,
        ],
      ],
    ),
  );
  lines.push('');
  lines.push(
    `Pipeline / raw throughput: **${f.ingestionRatio.toFixed(2)}×**. Indexer CPU: ` +
      `${p.cpuSeconds === null ? 'not measured' : `${p.cpuSeconds.toFixed(1)} s user+sys`}. ` +
      `Sections: ${p.sections} indexed, ${m.baselines.sections} in the raw baseline; ${p.skipped} file(s) skipped.`,
    '',
  );

  lines.push('#### Where the indexing time goes', '');
  const perReport = (value: number) => value / Math.max(1, sample.reports);
  const stageTotal = PROFILED_STAGES.reduce((n, stage) => n + sample.stageMs[stage], 0);
  lines.push(`Indexer stages, timed in-process on a sample of ${sample.reports} reports (${sample.sections} sections):`, '');
  lines.push(
    ...table(
      ['stage', 'ms / report', 'share', `projected for ${p.reports} reports`],
      PROFILED_STAGES.map((stage) => [
        stage,
        perReport(sample.stageMs[stage]).toFixed(2),
        `${((sample.stageMs[stage] / stageTotal) * 100).toFixed(0)}%`,
        s(perReport(sample.stageMs[stage]) * p.reports),
      ]).concat([['**all stages**', perReport(stageTotal).toFixed(2), '100%', s(perReport(stageTotal) * p.reports)]]),
    ),
  );
  lines.push('');
  lines.push(
    `JSON sent to Meilisearch per report: ${(sample.documentJsonBytes / Math.max(1, sample.reports) / 1024).toFixed(0)} KiB ` +
      `(raw baseline: ${(sample.rawJsonBytes / Math.max(1, sample.reports) / 1024).toFixed(0)} KiB, ` +
      `${(sample.documentJsonBytes / Math.max(1, sample.rawJsonBytes)).toFixed(1)}×).`,
    '',
  );
  const when = timeline(p.batches, p.startedAt, p.wallMs);
  if (when) lines.push(when, '');
  for (const [label, batches] of [
    ['pipeline', p.batches],
    ['raw baseline', m.raw.batches],
  ] as const) {
    const steps = topSteps(batches, 10);
    if (steps.length === 0) continue;
    lines.push(
      `Meilisearch's own step timings, ${label} (summed over batches): ${steps.map(([step, value]) => `${step.replace(/^processing tasks > /, '')} ${s(value)}`).join('; ')}.`,
      '',
    );
  }

  lines.push('### Query latency (ms)', '');
  lines.push(
    ...table(
      ['', 'p50', 'p95', 'p99'],
      [
        ['API, warm', ...dist(f.apiWarm)],
        ['API, cold', ...dist(f.apiCold)],
        ['Meilisearch direct, warm', ...dist(f.directWarm)],
        ['Meilisearch direct, cold', ...dist(f.directCold)],
        ['search adapter in-process, warm', ...dist(f.adapterWarm)],
      ],
    ),
  );
  lines.push('');
  lines.push(
    `At p50 (warm) the API's ${ms(f.apiWarm.p50)} ms split: one direct Meilisearch search ${ms(f.directWarm.p50)} ms; ` +
      `the search adapter's further work (planning, the generation read every 2 s, exact highlight positions, and ` +
      `any difference between its search and the direct one) ${ms(f.adapterWarm.p50 - f.directWarm.p50)} ms; the web tier ` +
      `(HTTP, Express, snippets, JSON) ${ms(f.apiWarm.p50 - f.adapterWarm.p50)} ms. The adapter's searches sent one at a ` +
      `time, straight to Meilisearch (warm p50 over the mix's searches): ` +
      `${f.adapterStepsP50.map(([step, value]) => `${step} ${ms(value)} ms`).join('; ')}; against ` +
      `${ms(f.directSearchWarm.p50)} ms for the one direct search. The first request for a query and its filters sends ` +
      `both in one multi-search (the cold figures); later pages and orders of it reuse the report count, remembered per ` +
      `index generation (the warm figures). A trend's third search, the reports indexed per year and level under the ` +
      `filters, does not depend on the query and is remembered the same way.`,
    '',
  );
  lines.push(
    `Server overhead at p50 (warm): **${(f.serverOverhead * 100).toFixed(0)}%**; cold (the report count computed): ` +
      `${(f.serverOverheadCold * 100).toFixed(0)}%. ` +
      `grep -F -c over ${mb(m.baselines.grepBytes)} of normalised text: median ${ms(f.grepWarmMedianMs)} ms against the API's ` +
      `${ms(f.apiMedianOnGrepQueriesMs)} ms on the same ${f.countsChecked} phrases: **${f.grepSpeedup.toFixed(1)}×** faster. ` +
      `Counts: ${f.countsChecked - f.countMismatches.length}/${f.countsChecked} API totals equal grep's` +
      (f.countMismatches.length > 0 ? ` (differ: ${f.countMismatches.join('; ')})` : '') +
      '.',
    '',
  );
  lines.push(
    ...table(
      ['query', 'q', 'total (API / Meili)', 'API cold', 'API warm p50', 'direct cold', 'direct warm p50', 'grep count', 'grep p50'],
      m.queries.map((t) => {
        const grep = m.grep.get(t);
        const extra = [
          ...Object.entries(t.query.filters).map(([k, v]) => `${k}=${(v ?? []).join(',')}`),
          ...(t.query.page > 1 ? [`page=${t.query.page}`] : []),
          ...(t.query.sort !== 'relevance' ? [`sort=${t.query.sort}`] : []),
        ].join(' ');
        return [
          t.query.label,
          `${t.query.q}${extra ? ` (${extra})` : ''}`,
          t.query.kind === 'trend' ? '—' : `${t.apiTotal} / ${t.directTotal}`,
          ms(t.apiColdMs),
          ms(percentile(t.apiWarmMs, 50)),
          ms(t.directColdMs),
          ms(percentile(t.directWarmMs, 50)),
          grep ? grep.count : '—',
          grep ? ms(percentile(grep.warmMs, 50)) : '—',
        ];
      }),
    ),
  );
  lines.push('');

  lines.push('### Index size and memory', '');
  lines.push(
    `- index on disk (data.ms): ${mb(p.diskBytes)} = ${f.indexToSource.toFixed(1)}× the source files; ` +
      `Meilisearch's default index of the same documents: ${mb(m.raw.diskBytes)} = ${f.defaultIndexToSource.toFixed(1)}× the source; ` +
      `ours / default: **${f.indexToDefaultIndex.toFixed(2)}×**`,
  );
  if (p.compacted !== null) {
    // The default index is not compacted; its LMDB pages in use are what a compaction would leave of it.
    lines.push(
      `- after \`nianbao compact\` (${p.compacted.seconds.toFixed(0)} s): ${mb(p.compacted.diskBytes)} = ` +
        `**${(p.compacted.diskBytes / m.raw.diskBytes).toFixed(2)}×** the default index's files, ` +
        `${(p.compacted.diskBytes / m.raw.database.usedDatabaseSize).toFixed(2)}× its pages in use`,
    );
  }
  for (const [label, database] of [
    ['ours', p.database],
    ['default', m.raw.database],
  ] as const) {
    lines.push(
      `- LMDB, ${label}: ${mb(database.databaseSize)} of files, ${mb(database.usedDatabaseSize)} in use ` +
        `(${((1 - database.usedDatabaseSize / database.databaseSize) * 100).toFixed(0)}% free pages, kept by LMDB for reuse)`,
    );
  }
  for (const [label, batches] of [
    ['ours (sections index)', p.batches.filter((b) => b.indexUids.some((u) => u.endsWith('sections')))],
    ['default', m.raw.batches],
  ] as const) {
    const sizes = databaseSizes(batches, 7);
    if (sizes.length > 0)
      lines.push(`- largest Meilisearch databases, ${label}: ${sizes.map(([name, bytes]) => `${name} ${mb(bytes)}`).join(', ')}`);
  }
  lines.push(`- indexer peak RSS: ${mib(p.peakRssKb)}`);
  lines.push(
    `- server RSS: ${mib(m.server.idleRssKb)} after start, ${mib(m.server.afterRssKb)} after the queries, peak ${mib(m.server.peakRssKb)}`,
    '',
  );

  lines.push('### Targets', '');
  lines.push(
    ...table(
      ['', 'target', 'measured', 'verdict'],
      f.verdicts.map((v) => [
        v.target.name,
        `${v.target.direction === 'atMost' ? '≤' : '≥'} ${v.target.limit} ${v.target.unit}`,
        `${v.target.value.toFixed(v.target.value < 10 ? 2 : 0)} ${v.target.unit}`,
        `**${v.pass ? 'PASS' : 'MISS'}** (${v.margin}${v.target.note ? `; ${v.target.note}` : ''})`,
      ]),
    ),
  );
  return lines.join('\n');
}
