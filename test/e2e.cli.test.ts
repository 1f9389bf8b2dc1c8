// End to end through the command line: `node dist/cli/main.js` as a user runs it, with its own
// managed Meilisearch in a temporary DATA_DIR. dist/ is rebuilt first when any source is newer.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../config/paths.js';
import { managedMeiliPaths } from '../meili/paths.js';
import type { IndexSummary } from '../indexer/run.js';
import { DEMO_REPORTS, expectedReports, expectedSections, fileNameOf, meiliProcessesOf } from './helpers/e2e.js';

const CLI = projectPath('dist', 'cli', 'main.js');
const SOURCE_DIRS = ['cli', 'config', 'meili', 'indexer', 'search', 'server'];
const GOOD_FILES = ['2013_henan-sheng-gov.txt', '2016_zhejiang-huzhou-anji-xian-gov_gb18030.txt'];
const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);
// Settings inherited from the shell that would point the command elsewhere.
const CONFIG_VARIABLES = [
  'DATA_DIR',
  'HOST',
  'PORT',
  'MEILI_HOST',
  'MEILI_API_KEY',
  'MEILI_SEARCH_KEY',
  'MEILI_INDEX_PREFIX',
  'MAX_FILE_MB',
  'ORGAN_ALIASES_FILE',
];

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, (await stat(path)).mtimeMs);
  }
  return newest;
}

/** Builds dist/ with tsc unless dist/cli/main.js is newer than every source file. */
async function ensureBuilt(): Promise<void> {
  const newest = Math.max(...(await Promise.all(SOURCE_DIRS.map((dir) => newestSource(projectPath(dir))))));
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newest) return;
  const tsc = projectPath('node_modules', 'typescript', 'bin', 'tsc');
  const run = await runNode([tsc, '-p', projectPath('tsconfig.json')], {}, 300_000);
  // tsc emits despite type errors (npm test type-checks first); only a missing or old build is fatal here.
  if (!existsSync(CLI) || statSync(CLI).mtimeMs < newest) {
    throw new Error(`tsc did not build ${CLI} (exit ${run.code}):\n${run.stdout}${run.stderr}`);
  }
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cliEnvironment(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = { ...process.env };
  for (const name of CONFIG_VARIABLES) delete clean[name];
  return { ...clean, ...env };
}

function collect(child: ChildProcess): { output: () => { stdout: string; stderr: string }; exited: Promise<Finished> } {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Finished>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { output: () => ({ stdout, stderr }), exited };
}

async function runNode(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Finished> {
  const child = spawn(process.execPath, args, { env: cliEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    return await collect(child).exited;
  } finally {
    clearTimeout(timer);
  }
}

/** `nianbao <args>` run to completion. */
const nianbao = (args: string[], env: Record<string, string>): Promise<Finished> => runNode([CLI, ...args], env);

interface Serving {
  child: ChildProcess;
  url: string;
  exited: Promise<Finished>;
  stderr: () => string;
}

const running = new Set<ChildProcess>();

/** Starts a long-running command (serve, start) and waits for the address it prints. */
async function serving(args: string[], env: Record<string, string>, timeoutMs = 90_000): Promise<Serving> {
  const child = spawn(process.execPath, [CLI, ...args], { env: cliEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const { output, exited } = collect(child);
  void exited.finally(() => running.delete(child)).catch(() => undefined);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "serving on" line within ${timeoutMs} ms:\n${output().stderr}`)), timeoutMs);
    const look = (): void => {
      const found = /serving on (http:\/\/\S+)/.exec(output().stderr);
      if (found) {
        clearTimeout(timer);
        child.stderr?.off('data', look);
        resolve(found[1]!);
      }
    };
    child.stderr?.on('data', look);
    void exited.then((finished) => {
      clearTimeout(timer);
      reject(new Error(`exited (${finished.code ?? finished.signal}) before serving:\n${finished.stderr}`));
    }, reject);
  });
  return { child, url, exited, stderr: () => output().stderr };
}

const parseSummary = (finished: Finished): IndexSummary => JSON.parse(finished.stdout) as IndexSummary;
const names = (paths: string[]): string[] => paths.map(fileNameOf).sort();
/** No stack trace and no "unexpected error": the failure was one the CLI knows how to explain. */
const expectExplained = (stderr: string): void => {
  expect(stderr).not.toMatch(/unexpected error|\n\s+at /);
};

let root: string;
const dataDirs: string[] = [];
function newDataDir(name: string): string {
  const dir = join(root, name);
  dataDirs.push(dir);
  return dir;
}

beforeAll(async () => {
  await ensureBuilt();
  root = await mkdtemp(join(tmpdir(), 'nianbao-e2e-cli-'));
}, 300_000);

afterEach(() => {
  // A test that failed half-way must not leave a server behind; its Meilisearch dies with it (pdeathsig).
  for (const child of running) child.kill('SIGKILL');
});

afterAll(async () => {
  const leftovers = (await Promise.all(dataDirs.map(meiliProcessesOf))).flat();
  // Ours by construction (they serve our temporary DATA_DIRs): stopped by pid so the machine stays clean.
  for (const pid of leftovers) process.kill(pid, 'SIGKILL');
  if (root) await rm(root, { recursive: true, force: true });
  expect(leftovers, 'Meilisearch processes left running').toEqual([]);
});

describe('nianbao index', () => {
  let folder: string;
  let dataDir: string;

  beforeAll(async () => {
    folder = join(root, 'reports');
    dataDir = newDataDir('index-data');
    await mkdir(folder);
    await writeFile(join(folder, 'empty.txt'), '');
    await writeFile(join(folder, 'picture.txt'), PNG_BYTES);
    for (const file of GOOD_FILES) await copyFile(join(DEMO_REPORTS, file), join(folder, file));
  });

  it('indexes the good files, lists the empty file and the image as skipped with reasons, and exits 0', async () => {
    const finished = await nianbao(['index', '--json', folder], { DATA_DIR: dataDir });
    expect(finished.code, finished.stderr).toBe(0);
    const summary = parseSummary(finished);
    expect(names(summary.new)).toEqual(GOOD_FILES);
    expect(summary.skipped.map((s) => [fileNameOf(s.path), s.code])).toEqual([
      ['empty.txt', 'empty'],
      ['picture.txt', 'unsupported-format'],
    ]);
    for (const s of summary.skipped) expect(s.reason).toContain(fileNameOf(s.path));
    expect(summary.sections).toBe(expectedSections().filter((s) => GOOD_FILES.includes(s.file)).length);
    expect(await meiliProcessesOf(dataDir)).toEqual([]);
  });

  it('finds both reports unchanged on a second run', async () => {
    const finished = await nianbao(['index', '--json', folder], { DATA_DIR: dataDir });
    expect(finished.code, finished.stderr).toBe(0);
    const summary = parseSummary(finished);
    expect(summary).toMatchObject({ new: [], updated: [], stale: [], sections: 0 });
    expect(names(summary.unchanged)).toEqual(GOOD_FILES);
  });

  it('exits 1 under --strict when a file was skipped, naming the file and the reason', async () => {
    const finished = await nianbao(['index', '--strict', folder], { DATA_DIR: dataDir });
    expect(finished.code).toBe(1);
    // Without --json the summary is for a person, on stderr.
    expect(finished.stdout).toBe('');
    expect(finished.stderr).toMatch(/unchanged: 2\s+skipped: 2/);
    expect(finished.stderr).toMatch(/empty\.txt\s+\[empty\] \S/);
    expect(finished.stderr).toMatch(/picture\.txt\s+\[unsupported-format\] \S/);
  });
});

describe('the installed command', () => {
  it('runs through bin/nianbao.js (its shebang passes node the heap cap)', async () => {
    const child = spawn(projectPath('bin', 'nianbao.js'), ['--help'], { env: cliEnvironment({}), stdio: ['ignore', 'pipe', 'pipe'] });
    const finished = await collect(child).exited;
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stdout).toContain('index [options] <paths...>');
  });

  it('prints its version', async () => {
    const finished = await nianbao(['--version'], {});
    expect(finished.code).toBe(0);
    expect(finished.stdout.trim()).toBe(JSON.parse(readFileSync(projectPath('package.json'), 'utf8')).version);
  });
});

describe('nianbao index when it cannot work', () => {
  it('says Meilisearch is unreachable when MEILI_HOST does not answer', async () => {
    const finished = await nianbao(['index', DEMO_REPORTS], {
      DATA_DIR: newDataDir('unreachable-data'),
      MEILI_HOST: 'http://127.0.0.1:9',
      MEILI_API_KEY: 'x',
    });
    expect(finished.code).not.toBe(0);
    expect(finished.stderr).toMatch(/Meilisearch at http:\/\/127\.0\.0\.1:9 .*not answering/);
    expectExplained(finished.stderr);
  });

  it('says DATA_DIR cannot be written when it lies under a regular file', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'not a folder');
    const dataDir = join(file, 'data');
    const finished = await nianbao(['index', DEMO_REPORTS], { DATA_DIR: dataDir });
    expect(finished.code).not.toBe(0);
    expect(finished.stderr).toContain(`Cannot write ${join(dataDir, 'meili')}`);
    expect(finished.stderr).toContain('DATA_DIR');
    expectExplained(finished.stderr);
  });
});

describe('nianbao aliases', () => {
  const BAIXIA = { kind: 'organ', from: '南京市白下区', to: '南京市秦淮区', since: 2013 };

  it('refuses to index with a cyclic alias file, naming the file and the entry, before it starts Meilisearch', async () => {
    const file = join(root, 'cyclic-aliases.json');
    await writeFile(file, JSON.stringify({ aliases: [BAIXIA, { kind: 'organ', from: '南京市秦淮区', to: '南京市白下区' }] }));
    const dataDir = newDataDir('aliases-data');
    const finished = await nianbao(['index', DEMO_REPORTS], { DATA_DIR: dataDir, ORGAN_ALIASES_FILE: file });
    expect(finished.code).toBe(1);
    expect(finished.stderr).toMatch(new RegExp(`${file}: .*cycle.*user alias 1`));
    expectExplained(finished.stderr);
    expect(existsSync(join(dataDir, 'meili'))).toBe(false);
  });

  it('prints the list in force, each alias with its source, and the fingerprint', async () => {
    const file = join(root, 'aliases.json');
    await writeFile(file, JSON.stringify({ aliases: [BAIXIA] }));
    const finished = await nianbao(['aliases', '--json'], { DATA_DIR: newDataDir('aliases-list'), ORGAN_ALIASES_FILE: file });
    const printed = JSON.parse(finished.stdout) as {
      userFile: string;
      fingerprint: string;
      aliases: Array<{ source: string; from: string }>;
    };
    expect(printed.userFile).toBe(file);
    expect(printed.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(printed.aliases.at(-1)).toMatchObject({ source: 'user', from: '南京市白下区' });
    expect(printed.aliases.some((a) => a.source === 'shipped')).toBe(true);
  });
});

describe('nianbao serve and start', () => {
  async function stopWithSigterm(server: Serving, dataDir: string): Promise<void> {
    server.child.kill('SIGTERM');
    const finished = await server.exited;
    expect(finished.code ?? finished.signal).toBe(143);
    expect(await meiliProcessesOf(dataDir)).toEqual([]);
  }

  it('serves on the port it prints, and stops its Meilisearch on SIGTERM', async () => {
    const dataDir = newDataDir('serve-data');
    const server = await serving(['serve', '--port', '0'], { DATA_DIR: dataDir });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${server.url}/api/reports`)).status).toBe(200);
    expect(await meiliProcessesOf(dataDir)).toHaveLength(1);
    // Its own Meilisearch's index files were read into the page cache before the port opened.
    expect(server.stderr()).toMatch(/read \d+ MB of index files \([1-9]\d*\) into the system's cache in \d+ ms\n[\s\S]*serving on/);
    await stopWithSigterm(server, dataDir);
  });

  it('says a port is taken, without a stack trace, and exits 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      const finished = await nianbao(['serve', '--port', String(port)], { DATA_DIR: newDataDir('taken-data') });
      expect(finished.code).toBe(1);
      expect(finished.stderr).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
      expect(finished.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('indexes the demo corpus into an empty DATA_DIR, serves it, and stops on SIGTERM', async () => {
    const dataDir = newDataDir('start-data');
    const server = await serving(['start', '--port', '0'], { DATA_DIR: dataDir });
    expect(server.stderr()).toContain('indexing the demo corpus');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const reports = (await (await fetch(`${server.url}/api/reports`)).json()) as { total: number };
    expect(reports.total).toBe(expectedReports().length);
    const found = (await (await fetch(`${server.url}/api/search?q=${encodeURIComponent('保密审查')}`)).json()) as { total: number };
    expect(found.total).toBe(expectedSections().filter((s) => s.baomiShencha > 0).length);
    await stopWithSigterm(server, dataDir);
  });
});

describe("the user's own index: list, remove, reset", () => {
  const WARNED = '2010_hebei-shijiazhuang-changan-qu-gov_noheadings.txt';
  const MORE = '2019_zhejiang-jiaxing-tongxiang-wuzhen-zhen.txt';
  let folder: string;
  let dataDir: string;
  interface Listing {
    reports: number;
    byYearLevel: Record<string, Record<string, number>>;
    byFormat: Record<string, number>;
    lastRun: { skipped: Array<{ path: string; source: string; code: string; reason: string }> } | null;
  }
  const list = async (): Promise<Listing> => {
    const finished = await nianbao(['list', '--json'], { DATA_DIR: dataDir });
    expect(finished.code, finished.stderr).toBe(0);
    return JSON.parse(finished.stdout) as Listing;
  };

  beforeAll(async () => {
    folder = join(root, 'own-reports');
    dataDir = newDataDir('own-data');
    await mkdir(join(folder, 'more'), { recursive: true });
    await writeFile(join(folder, 'empty.txt'), '');
    for (const file of [...GOOD_FILES, WARNED]) await copyFile(join(DEMO_REPORTS, file), join(folder, file));
    await copyFile(join(DEMO_REPORTS, MORE), join(folder, 'more', MORE));
    const first = await nianbao(['index', '--json', folder], { DATA_DIR: dataDir });
    expect(first.code, first.stderr).toBe(0);
    expect(parseSummary(first).warnings.map((w) => fileNameOf(w.path))).toContain(WARNED);
  }, 120_000);

  it("keeps an unchanged file's warnings in the summary of a re-run", async () => {
    const again = parseSummary(await nianbao(['index', '--json', folder], { DATA_DIR: dataDir }));
    expect(names(again.unchanged)).toContain(WARNED);
    expect(again.warnings.map((w) => fileNameOf(w.path))).toContain(WARNED);
  }, 120_000);

  it("lists the reports by year × level and by format, and the last run's skipped files with reasons", async () => {
    const listing = await list();
    expect(listing.reports).toBe(4);
    expect(listing.byYearLevel['2013']).toEqual({ province: 1 });
    expect(listing.byFormat).toEqual({ txt: 4 });
    expect(listing.lastRun?.skipped.map((s) => [s.source, s.code])).toEqual([['empty.txt', 'empty']]);
    const text = await nianbao(['list'], { DATA_DIR: dataDir });
    expect(text.stdout).toMatch(/4 reports/);
    expect(text.stdout).toMatch(/empty\.txt\s+\[empty\] \S/);
  }, 120_000);

  it("prewarms a Meilisearch's index files given its db path, and says so of a folder that holds none", async () => {
    const read = await nianbao(['prewarm', managedMeiliPaths(dataDir).dbPath], {});
    expect(read.code, read.stderr).toBe(0);
    expect(read.stderr).toMatch(/read \d+ MB of index files \([1-9]\d*\) into the system's cache in \d+ ms\n/);
    const empty = await nianbao(['prewarm', folder], {});
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('holds no Meilisearch index files');
    expectExplained(empty.stderr);
  }, 60_000);

  it('removes the reports of a folder, and says so of a path that holds none', async () => {
    const removed = await nianbao(['remove', join(folder, 'more')], { DATA_DIR: dataDir });
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stderr).toMatch(/removed 1 report\b/);
    expect((await list()).reports).toBe(3);
    const none = await nianbao(['remove', join(root, 'no-such-folder')], { DATA_DIR: dataDir });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no indexed report comes from');
    expectExplained(none.stderr);
  }, 180_000);

  it('resets the index only with --yes', async () => {
    const asked = await nianbao(['reset'], { DATA_DIR: dataDir });
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('reset --yes');
    expect((await list()).reports).toBe(3);
    const done = await nianbao(['reset', '--yes'], { DATA_DIR: dataDir });
    expect(done.code, done.stderr).toBe(0);
    expect(await list()).toMatchObject({ reports: 0, lastRun: null });
  }, 180_000);

  it('start shows the demo from its own index and leaves the own index as it was', async () => {
    const own = await nianbao(['index', '--json', join(folder, 'more')], { DATA_DIR: dataDir });
    expect(own.code, own.stderr).toBe(0);
    const server = await serving(['start', '--port', '0'], { DATA_DIR: dataDir });
    try {
      expect(server.stderr()).toContain('indexing the demo corpus');
      const reports = (await (await fetch(`${server.url}/api/reports`)).json()) as { total: number };
      expect(reports.total).toBe(expectedReports().length);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    expect((await list()).reports).toBe(1);
  }, 180_000);
});
