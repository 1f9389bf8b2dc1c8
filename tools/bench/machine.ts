// The machine a run measured, printed with its figures: they mean nothing without it.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { PROJECT_ROOT } from '../../config/paths.js';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  loadAverage: number;
}

export function describeMachine(): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 1024 ** 3,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: os.loadavg()[0] ?? 0,
  };
}

export function formatMachine(machine: Machine): string {
  return (
    `${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB.toFixed(1)} GiB RAM, ${machine.kernel}, ` +
    `Node ${machine.node}; load average ${machine.loadAverage.toFixed(2)} at start`
  );
}

/**
 * The code measured: the commit, and how many files differ from it. The figures of two runs are
 * comparable only when this is the same (dist/ is rebuilt by `npm run bench`).
 */
export function describeRevision(): string {
  const git = (args: string[]) =>
    execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git(['rev-parse', '--short', 'HEAD']);
    const changed = git(['status', '--porcelain', '--untracked-files=no'])
      .split('\n')
      .filter((line) => line !== '').length;
    return changed === 0 ? `commit ${commit}` : `commit ${commit} with ${changed} changed tracked file(s)`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** What heads every printed run: the command as typed, the machine, the code and the time. */
export interface RunHeader {
  command: string;
  machine: Machine;
  revision: string;
  date: string;
}

export function describeRun(script: 'bench' | 'load'): RunHeader {
  return {
    command: `npm run ${script} -- ${process.argv.slice(2).join(' ')}`,
    machine: describeMachine(),
    revision: describeRevision(),
    date: new Date().toISOString(),
  };
}
