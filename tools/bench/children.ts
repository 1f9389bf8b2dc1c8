// Child processes the bench and the load test start: the real CLI (index, serve) and grep. Each is
// started under `setpriv --pdeathsig SIGKILL` when available, so none outlives this process however
// it dies; every one is registered with the run's cleanup until it has exited.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findSetpriv } from '../../meili/findSetpriv.js';
import type { Cleanup } from './cleanup.js';

export interface ProcessMemory {
  /** Resident set now, kB. */
  rssKb: number;
  /** Peak resident set so far (VmHWM), kB. */
  peakKb: number;
}

/** Memory of a live process from /proc; null when it is gone or /proc is not there. */
export async function processMemory(pid: number): Promise<ProcessMemory | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
  } catch {
    return null;
  }
}

let clockTicks: number | undefined;
/** CPU seconds (user + system) a live process has used so far; null when it is gone. */
export async function processCpuSeconds(pid: number): Promise<number | null> {
  clockTicks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is the 1st, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

let setprivProbe: string | null | undefined;
function guarded(command: string, args: string[]): [string, string[]] {
  setprivProbe ??= findSetpriv();
  return setprivProbe === null ? [command, args] : [setprivProbe, ['--pdeathsig', 'SIGKILL', '--', command, ...args]];
}

let gnuTimeProbe: boolean | undefined;
/** GNU time reports a child's peak RSS exactly (%M); without it the bench polls /proc. */
function hasGnuTime(): boolean {
  gnuTimeProbe ??= spawnSync('/usr/bin/time', ['-f', '%M', '-o', '/dev/null', 'true'], { stdio: 'ignore' }).status === 0;
  return gnuTimeProbe;
}

export interface MeasuredRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak resident set of the command, kB. */
  peakRssKb: number;
  /** User + system CPU seconds (GNU time only). */
  cpuSeconds: number | null;
  /** How the peak was taken. */
  rssSource: 'GNU time %M' | '/proc VmHWM polling';
}

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs a command to completion, timing it and taking its peak RSS. */
export async function runMeasured(command: string, args: string[], options: RunOptions, cleanup: Cleanup): Promise<MeasuredRun> {
  const gnuTime = hasGnuTime();
  const timeFile = join(tmpdir(), `nianbao-bench-time-${process.pid}-${Date.now()}`);
  const [inner, innerArgs] = guarded(command, args);
  const [outer, outerArgs] = gnuTime
    ? guarded('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, inner, ...innerArgs])
    : [inner, innerArgs];
  const started = performance.now();
  const child = spawn(outer, outerArgs, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const release = cleanup.add(() => stopChild(child));
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  let polledPeakKb = 0;
  const poller = gnuTime
    ? null
    : setInterval(() => {
        if (child.pid === undefined) return;
        void processMemory(child.pid).then((memory) => {
          if (memory) polledPeakKb = Math.max(polledPeakKb, memory.peakKb);
        });
      }, 50);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const wallMs = performance.now() - started;
  if (poller) clearInterval(poller);
  release();
  let peakRssKb = polledPeakKb;
  let cpuSeconds: number | null = null;
  if (gnuTime) {
    const fields = (await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').pop()?.split(' ') ?? [];
    peakRssKb = Number(fields[0] ?? 0);
    cpuSeconds = Number(fields[1] ?? 0) + Number(fields[2] ?? 0);
    await rm(timeFile, { force: true });
  }
  return {
    exitCode,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    wallMs,
    peakRssKb,
    cpuSeconds,
    rssSource: gnuTime ? 'GNU time %M' : '/proc VmHWM polling',
  };
}

export interface ServerProcess {
  pid: number;
  url: string;
  memory(): Promise<ProcessMemory | null>;
  /** The last lines it wrote to stderr (for a failure message). */
  stderrTail(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/cli/main.js serve --port P` and waits until /healthz answers 200. The server is
 * node itself (setpriv execs it), so its pid is the one to read memory from.
 */
export async function startServerProcess(
  options: {
    cliPath: string;
    port: number;
    env: NodeJS.ProcessEnv;
    health: (url: string) => Promise<boolean>;
    /** Arguments after `serve --port P`. */
    serveArgs?: string[];
    startupTimeoutMs?: number;
  },
  cleanup: Cleanup,
): Promise<ServerProcess> {
  const [command, args] = guarded(process.execPath, [
    options.cliPath,
    'serve',
    '--port',
    String(options.port),
    ...(options.serveArgs ?? []),
  ]);
  const child = spawn(command, args, { env: options.env, stdio: ['ignore', 'ignore', 'pipe'] });
  const release = cleanup.add(() => stopChild(child));
  let tail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  });
  const url = `http://127.0.0.1:${options.port}`;
  const server: ServerProcess = {
    pid: child.pid ?? -1,
    url,
    memory: () => processMemory(child.pid ?? -1),
    stderrTail: () => tail,
    async stop() {
      await stopChild(child);
      release();
    },
  };
  const timeoutMs = options.startupTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      release();
      throw new Error(`the server exited during startup (${child.exitCode ?? child.signalCode}):\n${tail}`);
    }
    if (await options.health(url).catch(() => false)) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`the server did not answer ${url}/healthz within ${timeoutMs / 1000} s:\n${tail}`);
    }
    await sleep(100);
  }
}

/** SIGTERM, then SIGKILL after 5 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}
