import fs from 'node:fs/promises';

// Reads /proc (Linux only, like the packaged binary). A zombie counts as gone: it holds no files or
// ports, and in a container whose init reaps slowly it can linger long after the process ended.

/** True while `pid` is a live (non-zombie) process. */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X' && state !== '';
  } catch {
    return false;
  }
}

/** True when `pid` is a live process started with `--db-path <dbPath>`: a pid in a stale record may have been recycled. */
export async function servesDatabase(pid: number, dbPath: string): Promise<boolean> {
  if (!(await isRunning(pid))) return false;
  const args = await commandLine(pid);
  return args !== null && dbPathOf(args) === dbPath;
}

/** Pids of live processes started with `--db-path <dbPath>`, whoever started them. */
export async function findProcessesOnDatabase(dbPath: string): Promise<number[]> {
  const entries = await fs.readdir('/proc').catch(() => [] as string[]);
  const pids = entries.filter((name) => /^\d+$/.test(name)).map(Number);
  const matches = await Promise.all(pids.map(async (pid) => ((await servesDatabase(pid, dbPath)) ? pid : null)));
  return matches.filter((pid): pid is number => pid !== null);
}

async function commandLine(pid: number): Promise<string[] | null> {
  try {
    const raw = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0');
  } catch {
    return null;
  }
}

function dbPathOf(args: string[]): string | null {
  for (const [index, arg] of args.entries()) {
    if (arg === '--db-path') return args[index + 1] ?? null;
    if (arg.startsWith('--db-path=')) return arg.slice('--db-path='.length);
  }
  return null;
}
