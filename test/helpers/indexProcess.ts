// `nianbao index DIR --json` as a child process (dist/cli), for tests that kill a run midway.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectPath } from '../../config/paths.js';

export function spawnIndex(corpus: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [join(projectPath(), 'dist', 'cli', 'main.js'), 'index', corpus, '--json'], {
    env: { ...process.env, ...env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The run's exit code (null when killed) and everything it printed. */
export function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}
