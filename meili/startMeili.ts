import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeConnection } from './connection.js';
import { MeiliUnreachableError } from './errors.js';
import { findSetpriv } from './findSetpriv.js';
import { freePort } from './freePort.js';
import { removeInstanceRecord, writeInstanceRecord } from './instanceRecord.js';
import { meiliArgs, meiliEnvironment } from './meiliCommand.js';
import { beginLogSection, readLogTail } from './meiliLog.js';
import type { MeiliPaths } from './paths.js';
import { healthProblem, verifyKey } from './probe.js';
import { resolveMeiliBinary } from './resolveBinary.js';
import type { StartLock } from './startLock.js';
import type { MeiliConnection } from './types.js';

const HEALTH_TIMEOUT_MS = 30_000;
const IMPORT_TIMEOUT_MS = 3_600_000;
const STOP_GRACE_MS = 10_000;
const PORT_ATTEMPTS = 3;

export interface StartInput {
  paths: MeiliPaths;
  masterKey: string;
  /** Held by the caller; the returned connection releases it once the process has exited. */
  lock: StartLock;
  maxIndexingThreads?: number;
  maxIndexingMemory?: string;
  /** Import this snapshot before serving (compaction); Meilisearch answers /health only once it is in. */
  importSnapshot?: string;
  log: (line: string) => void;
}

interface Launched {
  child: ChildProcess;
  /** Resolves when the process has exited or could not be spawned. */
  exited: Promise<void>;
  /** Set by event handlers: the spawn failure, and whether the process has ended. */
  state: { spawnError: Error | null; ended: boolean };
}

/**
 * Starts Meilisearch as a child of this process, waits until it is healthy and accepts the master key,
 * records it in instance.json and returns the owning connection.
 *
 * When setpriv is available the child runs under `setpriv --pdeathsig SIGKILL`, so the kernel kills it
 * when this process dies, however it dies (SIGKILL included); it is also put in its own process group,
 * so Ctrl-C reaches only this process, which stops it in order (SIGTERM, then SIGKILL after 10 s).
 * Without setpriv the child stays in our process group (Ctrl-C reaches it directly) and is sent SIGTERM
 * when this process exits normally; only after a SIGKILL of this process does it survive, and then
 * instance.json still names it, so the next command on the DATA_DIR reuses it instead of starting another.
 * The parent-death signal follows the thread that spawned the child: call this from the main thread,
 * not a worker thread, or the server dies with the worker.
 */
export async function startMeili(input: StartInput): Promise<MeiliConnection> {
  const { paths, log } = input;
  const binary = await resolveMeiliBinary(paths.binDir, log);
  const setpriv = findSetpriv();
  if (setpriv === null) {
    log(
      'setpriv (util-linux) with --pdeathsig is not available: if this process is killed with SIGKILL, Meilisearch keeps running until the next command on this DATA_DIR reuses it.',
    );
  }
  log(`Starting Meilisearch (data in ${paths.dir})…`);
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const host = `http://127.0.0.1:${port}`;
    const startedAt = Date.now();
    const logOffset = await beginLogSection(paths.logFile, `nianbao ${new Date().toISOString()}: starting Meilisearch on ${host}`);
    const launched = launch(binary, setpriv, port, input);
    // Importing a snapshot unpacks the whole index before the first answer: minutes at a million sections.
    const problem = await waitUntilHealthy(host, launched, input.importSnapshot === undefined ? HEALTH_TIMEOUT_MS : IMPORT_TIMEOUT_MS);
    if (problem === null) {
      try {
        await verifyKey(host, input.masterKey, `See ${paths.logFile}.`);
        const pid = launched.child.pid as number;
        await writeInstanceRecord(paths.instanceFile, { pid, host });
        log(`Meilisearch is ready at ${host} (pid ${pid}, ${Date.now() - startedAt} ms).`);
        return ownedConnection(launched, host, input);
      } catch (error) {
        await stop(launched);
        throw error;
      }
    }
    await stop(launched);
    const tail = await readLogTail(paths.logFile, logOffset);
    if (attempt < PORT_ATTEMPTS && tail.some((line) => /address already in use/i.test(line))) continue;
    throw new MeiliUnreachableError(
      `Meilisearch could not be started: ${problem}. Last lines of ${paths.logFile}:\n` +
        (tail.length > 0 ? tail.map((line) => `  ${line}`).join('\n') : '  (empty)'),
      host,
    );
  }
}

function launch(binary: string, setpriv: string | null, port: number, input: StartInput): Launched {
  const args = meiliArgs({
    paths: input.paths,
    port,
    maxIndexingThreads: input.maxIndexingThreads,
    maxIndexingMemory: input.maxIndexingMemory,
    importSnapshot: input.importSnapshot,
  });
  const [command, commandArgs] = setpriv === null ? [binary, args] : [setpriv, ['--pdeathsig', 'SIGKILL', '--', binary, ...args]];
  const logFd = openSync(input.paths.logFile, 'a', 0o600);
  let child: ChildProcess;
  try {
    child = spawn(command, commandArgs, {
      cwd: input.paths.dir,
      env: meiliEnvironment(process.env, input.masterKey),
      stdio: ['ignore', logFd, logFd],
      detached: setpriv !== null,
    });
  } finally {
    // The child has its own copy of the descriptor.
    closeSync(logFd);
  }
  const state: Launched['state'] = { spawnError: null, ended: false };
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      state.ended = true;
      resolve();
    });
    // A spawn failure (missing or non-executable binary) emits 'error' and maybe no 'exit'. The listener
    // stays on: a later 'error' (a failed kill) must not become an uncaught exception.
    child.on('error', (error) => {
      if (child.pid === undefined) {
        state.spawnError = error;
        state.ended = true;
        resolve();
      }
    });
  });
  return { child, exited, state };
}

/** Null once healthy; otherwise why not (failed to spawn, exited, or timed out). */
async function waitUntilHealthy(host: string, { child, state }: Launched, timeoutMs: number): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (state.spawnError !== null) {
      const code = (state.spawnError as NodeJS.ErrnoException).code ?? state.spawnError.message;
      return `the process could not be spawned (${code})`;
    }
    if (state.ended) return `it exited during startup (${describeExit(child)})`;
    if ((await healthProblem(host, 1_000)) === null) return null;
    await sleep(100);
  }
  return `it did not answer GET /health on ${host} within ${timeoutMs / 1000} s`;
}

function describeExit(child: ChildProcess): string {
  return child.signalCode !== null ? `signal ${child.signalCode}` : `exit code ${child.exitCode ?? 'unknown'}`;
}

function ownedConnection(launched: Launched, host: string, input: StartInput): MeiliConnection {
  const { child, exited } = launched;
  const { paths, lock, log } = input;
  const pid = child.pid as number;
  let closing: Promise<void> | null = null;

  // Last resort for a normal exit without close(): 'exit' handlers must be synchronous, so no waiting.
  const onParentExit = (): void => {
    removeInstanceRecord(paths.instanceFile, pid);
    child.kill('SIGTERM');
  };
  process.on('exit', onParentExit);

  void exited.then(() => {
    process.off('exit', onParentExit);
    removeInstanceRecord(paths.instanceFile, pid);
    void lock.release();
    if (closing === null) log(`Meilisearch (pid ${pid}) stopped unexpectedly (${describeExit(child)}); see ${paths.logFile}.`);
  });

  const close = (): Promise<void> => {
    closing ??= (async () => {
      // Unpublish first, so no other command reuses a server that is going away.
      removeInstanceRecord(paths.instanceFile, pid);
      await stop(launched);
      await lock.release();
      process.off('exit', onParentExit);
    })();
    return closing;
  };
  return makeConnection({ host, managed: 'owned' }, input.masterKey, close);
}

/** SIGTERM, then SIGKILL if the process is still there after the grace period. */
async function stop({ child, exited, state }: Launched): Promise<void> {
  if (state.ended || child.pid === undefined) return;
  child.kill('SIGTERM');
  const timer = new AbortController();
  const graceful = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS, false, { signal: timer.signal }).catch(() => false)]);
  timer.abort();
  if (!graceful) {
    child.kill('SIGKILL');
    await exited;
  }
}
