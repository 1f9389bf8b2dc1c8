// The load test's printout, in Markdown like the bench's.
import type { ProcessMemory } from '../bench/children.js';
import { formatMachine, type Machine } from '../bench/machine.js';
import { distribution } from '../bench/percentiles.js';
import { REQUEST_KINDS } from './requestMix.js';
import type { LoadResult } from './runLoad.js';

export interface CpuShare {
  label: string;
  /** CPU seconds used during the run; null when the process could not be read. */
  seconds: number | null;
}

export interface LoadRun {
  date: string;
  command: string;
  /** The code measured (describeRevision). */
  revision: string;
  machine: Machine;
  loadAverageAtEnd: number;
  /** What was loaded: the URL, and the corpus when this run indexed it. */
  target: string;
  connections: number;
  seconds: number;
  memoryBefore: ProcessMemory | null;
  memoryAfter: ProcessMemory | null;
  cpu: CpuShare[];
  /** 'warmed': each phrase searched once before the clock started; 'cold': a server this run just
   *  started; 'as found': a server started elsewhere, in whatever state earlier traffic left it. */
  start: 'warmed' | 'cold' | 'as found';
  result: LoadResult;
}

const START_TEXT: Record<LoadRun['start'], string> = {
  warmed: "warm (each phrase searched once before: the server's verification cache is full)",
  cold: 'cold (a fresh server: the first search for a long phrase outside the phrase dictionary verifies its candidates)',
  'as found': 'as found (a server started elsewhere, in whatever state earlier traffic left it)',
};

const ms = (value: number) => (Number.isNaN(value) ? '—' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const mib = (memory: ProcessMemory | null, field: keyof ProcessMemory) =>
  memory === null ? 'unknown' : `${(memory[field] / 1024).toFixed(0)} MiB`;

export function formatLoadRun(run: LoadRun): string {
  const { result } = run;
  const overall = distribution(result.latenciesMs);
  const seconds = result.elapsedMs / 1000;
  const lines = [
    `## Load: ${run.connections} connections × ${run.seconds} s`,
    '',
    `- date: ${run.date}`,
    `- command: \`${run.command}\``,
    `- code: ${run.revision}`,
    `- machine: ${formatMachine(run.machine)}; load average ${run.loadAverageAtEnd.toFixed(2)} at the end`,
    `- target: ${run.target}`,
    `- start: ${START_TEXT[run.start]}`,
    '',
    `**${result.requests.toLocaleString('en')} requests** in ${seconds.toFixed(1)} s (${(result.requests / seconds).toFixed(1)}/s); ` +
      `**${result.errors} errors**` +
      (result.errors > 0 ? ` (${[...result.errorsByCause].map(([cause, n]) => `${cause}: ${n}`).join(', ')})` : '') +
      `; latency p50 **${ms(overall.p50)} ms**, p95 ${ms(overall.p95)} ms, p99 **${ms(overall.p99)} ms**, max ${ms(overall.max)} ms.`,
    '',
    `Server RSS: ${mib(run.memoryBefore, 'rssKb')} before, ${mib(run.memoryAfter, 'rssKb')} after, peak ${mib(run.memoryAfter, 'peakKb')}.`,
    '',
    `CPU during the run (${run.machine.cpus} CPUs × ${seconds.toFixed(0)} s = ${(run.machine.cpus * seconds).toFixed(0)} CPU-s available): ` +
      run.cpu
        .map(
          ({ label, seconds: used }) =>
            `${label} ${used === null ? 'unknown' : `${used.toFixed(1)} s (${((used / seconds) * 100).toFixed(0)}% of a core)`}`,
        )
        .join(', ') +
      '.',
    '',
    // Share of time: of all the time clients spent waiting, how much went to each kind; with one
    // connection this is the share of the server's busy time.
    '| kind | requests | errors | p50 ms | p99 ms | mean ms | share of waiting time |',
    '|---|---|---|---|---|---|---|',
  ];
  const sum = (values: number[]) => values.reduce((n, v) => n + v, 0);
  const totalWait = sum(result.latenciesMs);
  for (const kind of REQUEST_KINDS) {
    const perKind = result.byKind.get(kind);
    if (!perKind) continue;
    const d = distribution(perKind.latenciesMs);
    const wait = sum(perKind.latenciesMs);
    lines.push(
      `| ${kind} | ${perKind.requests} | ${perKind.errors} | ${ms(d.p50)} | ${ms(d.p99)} | ` +
        `${ms(wait / Math.max(1, perKind.latenciesMs.length))} | ${((wait / totalWait) * 100).toFixed(0)}% |`,
    );
  }
  if (result.errorSamples.length > 0) {
    lines.push('', 'First errors:', ...result.errorSamples.map((sample) => `- \`${sample.replace(/`/g, "'")}\``));
  }
  return lines.join('\n');
}
