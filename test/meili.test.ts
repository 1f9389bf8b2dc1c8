// The managed Meilisearch: start, reuse, stop, never outlive its owner, keys, and the errors a user
// sees. Every test runs a real Meilisearch 1.21 in its own temporary DATA_DIR.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectMeili } from '../meili/connect.js';
import { ensureSearchKey } from '../meili/ensureSearchKey.js';
import { DataDirError, MeiliAuthError, MeiliUnreachableError } from '../meili/errors.js';
import { freePort } from '../meili/freePort.js';
import { parseInstanceRecord } from '../meili/instanceRecord.js';
import { loadOrCreateMasterKey } from '../meili/masterKey.js';
import { meiliEnvironment } from '../meili/meiliCommand.js';
import { logLines } from '../meili/meiliLog.js';
import { meiliRequest } from '../meili/meiliRequest.js';
import { findProcessesOnDatabase, isRunning } from '../meili/processTable.js';
import type { MeiliConnection } from '../meili/types.js';
import { startTestMeili, type TestMeili } from './helpers/meili.js';

// What each test started, so a failing test still leaves no process or folder behind.
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function tempDataDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nianbao-meili-test-'));
  cleanups.push(async () => {
    // Anything still serving this folder was started by this test: stop it by pid before deleting.
    const dbPath = path.join(await fs.realpath(dir).catch(() => dir), 'meili', 'data.ms');
    for (const pid of await findProcessesOnDatabase(dbPath)) process.kill(pid, 'SIGKILL');
    await fs.rm(dir, { recursive: true, force: true });
  });
  return dir;
}

async function connectOwned(dataDir: string): Promise<MeiliConnection> {
  const conn = await connectMeili({ dataDir, maxIndexingThreads: 1 });
  cleanups.push(() => conn.close());
  return conn;
}

async function instanceRecord(dataDir: string): Promise<{ pid: number; host: string }> {
  return JSON.parse(await fs.readFile(path.join(dataDir, 'meili', 'instance.json'), 'utf8')) as { pid: number; host: string };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** True once `pid` is gone (zombies count as gone), false if it is still there after `timeoutMs`. */
async function disappears(pid: number, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isRunning(pid))) return true;
    await sleep(50);
  }
  return false;
}

async function waitForTask(conn: MeiliConnection, taskUid: number): Promise<void> {
  for (;;) {
    const { body } = await meiliRequest(conn.host, `/tasks/${taskUid}`, { key: conn.adminKey });
    const status = (body as { status: string }).status;
    if (status === 'succeeded') return;
    if (status === 'failed' || status === 'canceled') throw new Error(`task ${taskUid} ${status}: ${JSON.stringify(body)}`);
    await sleep(50);
  }
}

async function createIndex(conn: MeiliConnection, uid: string): Promise<void> {
  const { body } = await meiliRequest(conn.host, '/indexes', { key: conn.adminKey, method: 'POST', body: { uid, primaryKey: 'id' } });
  await waitForTask(conn, (body as { taskUid: number }).taskUid);
}

// A real node process that owns the Meilisearch of `dataDir`, so it can be killed like a CLI would be.
const OWNER_SCRIPT = fileURLToPath(new URL('./helpers/meiliOwner.ts', import.meta.url));
const TS_HOOKS = new URL('./helpers/tsHooks.mjs', import.meta.url).href;

async function spawnOwner(dataDir: string, mode: 'plain' | 'signals'): Promise<ChildProcess> {
  const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(TS_HOOKS)})`;
  const child = spawn(process.execPath, ['--import', register, OWNER_SCRIPT, dataDir, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => {
      throw new Error(`owner process exited before connecting:\n${stderr}`);
    }),
  ])) as [string];
  expect(JSON.parse(line)).toMatchObject({ managed: 'owned' });
  return child;
}

describe('a managed Meilisearch', () => {
  it('starts on 127.0.0.1 and answers /health', async () => {
    const conn = await connectOwned(await tempDataDir());

    expect(conn.managed).toBe('owned');
    expect(conn.host).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await meiliRequest(conn.host, '/health');
    expect(health).toEqual({ status: 200, body: { status: 'available' } });
  });

  it('keeps a generated master key of at least 32 characters in meili/master-key with mode 0600', async () => {
    const dataDir = await tempDataDir();
    const conn = await connectOwned(dataDir);

    const keyFile = path.join(dataDir, 'meili', 'master-key');
    expect((await fs.stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await fs.readFile(keyFile, 'utf8')).trim()).toBe(conn.adminKey);
    expect(conn.adminKey).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });

  it('reuses the master key on the next start', async () => {
    const dataDir = await tempDataDir();
    const first = await connectOwned(dataDir);
    const firstKey = first.adminKey;
    await first.close();

    const second = await connectOwned(dataDir);
    expect(second.managed).toBe('owned');
    expect(second.adminKey).toBe(firstKey);
  });

  it('refuses requests without the master key (production mode)', async () => {
    const conn = await connectOwned(await tempDataDir());

    expect((await meiliRequest(conn.host, '/indexes')).status).toBe(401);
    expect((await meiliRequest(conn.host, '/indexes', { key: conn.adminKey })).status).toBe(200);
  });

  it('keeps the database, dumps and log under DATA_DIR/meili', async () => {
    const dataDir = await tempDataDir();
    await connectOwned(dataDir);

    const meiliDir = path.join(dataDir, 'meili');
    expect(await exists(path.join(meiliDir, 'data.ms'))).toBe(true);
    expect(await exists(path.join(meiliDir, 'meili.log'))).toBe(true);
    const record = await instanceRecord(dataDir);
    const cmdline = (await fs.readFile(`/proc/${record.pid}/cmdline`, 'utf8')).split('\0');
    expect(cmdline).toEqual(expect.arrayContaining(['--env', 'production', '--no-analytics']));
    expect(cmdline[cmdline.indexOf('--dump-dir') + 1]).toBe(path.join(await fs.realpath(meiliDir), 'dumps'));
  });

  it('never passes the master key on the command line or writes it to the log', async () => {
    const dataDir = await tempDataDir();
    const conn = await connectOwned(dataDir);

    const { pid } = await instanceRecord(dataDir);
    expect(await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(conn.adminKey);
    expect(await fs.readFile(path.join(dataDir, 'meili', 'meili.log'), 'utf8')).not.toContain(conn.adminKey);
    expect(JSON.stringify(conn)).not.toContain(conn.adminKey);
  });

  it('reports a server that fails to start with the last lines of meili.log', async () => {
    const dataDir = await tempDataDir();

    const failure = connectMeili({ dataDir, maxIndexingMemory: 'lots' });

    await expect(failure).rejects.toBeInstanceOf(MeiliUnreachableError);
    await expect(failure).rejects.toThrow(/meili\.log[\s\S]*invalid value 'lots'/);
    expect(await exists(path.join(dataDir, 'meili', 'instance.json'))).toBe(false);
  });
});

describe('a second command on the same DATA_DIR', () => {
  it('reuses the running instance', async () => {
    const dataDir = await tempDataDir();
    const owner = await connectOwned(dataDir);

    const second = await connectMeili({ dataDir });

    expect(second.managed).toBe('reused');
    expect(second.host).toBe(owner.host);
    expect(second.adminKey).toBe(owner.adminKey);
  });

  it('leaves the server running when the reused connection closes', async () => {
    const dataDir = await tempDataDir();
    const owner = await connectOwned(dataDir);
    const second = await connectMeili({ dataDir });

    await second.close();

    expect((await meiliRequest(owner.host, '/health')).status).toBe(200);
    expect(await exists(path.join(dataDir, 'meili', 'instance.json'))).toBe(true);
  });

  it('is served by one process when two connects race on a fresh DATA_DIR', async () => {
    const dataDir = await tempDataDir();

    const conns = await Promise.all([connectMeili({ dataDir }), connectMeili({ dataDir })]);
    for (const conn of conns) cleanups.push(() => conn.close());

    expect(conns.map((conn) => conn.managed).sort()).toEqual(['owned', 'reused']);
    expect(conns[0]?.host).toBe(conns[1]?.host);
    const dbPath = path.join(await fs.realpath(dataDir), 'meili', 'data.ms');
    expect(await findProcessesOnDatabase(dbPath)).toHaveLength(1);
  });

  it('replaces a stale instance.json left by a dead owner', async () => {
    const dataDir = await tempDataDir();
    const instanceFile = path.join(dataDir, 'meili', 'instance.json');
    await fs.mkdir(path.dirname(instanceFile), { recursive: true });
    // A pid far above pid_max defaults, so it cannot be alive.
    await fs.writeFile(instanceFile, JSON.stringify({ pid: 2 ** 30, host: 'http://127.0.0.1:9' }));

    const conn = await connectOwned(dataDir);

    expect(conn.managed).toBe('owned');
    expect(await instanceRecord(dataDir)).toMatchObject({ host: conn.host });
  });
});

describe("the owner's close()", () => {
  it('stops the process and removes instance.json', async () => {
    const dataDir = await tempDataDir();
    const conn = await connectOwned(dataDir);
    const { pid } = await instanceRecord(dataDir);

    await conn.close();

    expect(await disappears(pid, 1_000)).toBe(true);
    expect(await exists(path.join(dataDir, 'meili', 'instance.json'))).toBe(false);
  });

  it('can be called twice', async () => {
    const conn = await connectOwned(await tempDataDir());

    await Promise.all([conn.close(), conn.close()]);
    await expect(conn.close()).resolves.toBeUndefined();
  });

  it('lets the next command start a fresh server', async () => {
    const dataDir = await tempDataDir();
    const first = await connectOwned(dataDir);
    await first.close();

    const next = await connectOwned(dataDir);

    expect(next.managed).toBe('owned');
    expect((await meiliRequest(next.host, '/health')).status).toBe(200);
  });
});

describe('when the owner process dies', () => {
  // The killed owner's Meilisearch is reparented to init, which may take seconds to reap it; wait, so
  // no <defunct> entry outlives the test run.
  const orphans: number[] = [];
  afterAll(async () => {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (await Promise.all(orphans.map((pid) => exists(`/proc/${pid}`)))).some(Boolean)) await sleep(100);
  });

  it('takes Meilisearch with it when killed with SIGKILL', async () => {
    const dataDir = await tempDataDir();
    const owner = await spawnOwner(dataDir, 'plain');
    const { pid } = await instanceRecord(dataDir);
    orphans.push(pid);
    expect(await isRunning(pid)).toBe(true);

    owner.kill('SIGKILL');

    expect(await disappears(pid)).toBe(true);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('stops Meilisearch, then exits with the shell code, on %s when stopOnSignals is wired', async (signal, exitCode) => {
    const dataDir = await tempDataDir();
    const owner = await spawnOwner(dataDir, 'signals');
    const { pid } = await instanceRecord(dataDir);
    const exited = once(owner, 'exit');

    owner.kill(signal);

    expect((await exited)[0]).toBe(exitCode);
    // Gone from the process table already: the owner waited for it and reaped it before exiting.
    expect(await exists(`/proc/${pid}`)).toBe(false);
    expect(await exists(path.join(dataDir, 'meili', 'instance.json'))).toBe(false);
  });

  it('leaves a record the next command recognises as stale', async () => {
    const dataDir = await tempDataDir();
    const owner = await spawnOwner(dataDir, 'plain');
    const { pid } = await instanceRecord(dataDir);
    orphans.push(pid);
    owner.kill('SIGKILL');
    await disappears(pid);

    const next = await connectOwned(dataDir);

    expect(next.managed).toBe('owned');
    expect((await instanceRecord(dataDir)).pid).not.toBe(pid);
  });
});

describe('ensureSearchKey', () => {
  let meili: TestMeili;
  beforeAll(async () => {
    meili = await startTestMeili();
    await createIndex(meili.conn, 'reports');
    await createIndex(meili.conn, 'other');
  });
  afterAll(() => meili.stop());

  const search = (key: string, index: string) =>
    meiliRequest(meili.conn.host, `/indexes/${index}/search`, { key, method: 'POST', body: { q: '公开' } });

  it('returns a key that can search the given index', async () => {
    const key = await ensureSearchKey(meili.conn, ['reports']);

    expect((await search(key, 'reports')).status).toBe(200);
  });

  it('returns a key that cannot add documents', async () => {
    const key = await ensureSearchKey(meili.conn, ['reports']);

    const add = await meiliRequest(meili.conn.host, '/indexes/reports/documents', { key, method: 'POST', body: [{ id: '1' }] });
    expect(add.status).toBe(403);
  });

  it('returns a key that cannot search other indexes', async () => {
    const key = await ensureSearchKey(meili.conn, ['reports']);

    expect((await search(key, 'other')).status).toBe(403);
  });

  it('does not return the master key', async () => {
    expect(await ensureSearchKey(meili.conn, ['reports'])).not.toBe(meili.conn.adminKey);
  });

  it('creates the key once and returns the same one on the next call', async () => {
    const first = await ensureSearchKey(meili.conn, ['reports']);
    const second = await ensureSearchKey(meili.conn, ['reports']);

    expect(second).toBe(first);
    const { body } = await meiliRequest(meili.conn.host, '/keys?limit=100', { key: meili.conn.adminKey });
    const ours = (body as { results: Array<{ name: string | null }> }).results.filter((key) => key.name === 'nianbao search');
    expect(ours).toHaveLength(1);
  });

  it('gives each index list its own key, so sites on different prefixes do not narrow each other', async () => {
    const narrow = await ensureSearchKey(meili.conn, ['reports']);
    const wide = await ensureSearchKey(meili.conn, ['reports', 'other']);

    expect(wide).not.toBe(narrow);
    expect((await search(wide, 'other')).status).toBe(200);
    expect((await search(narrow, 'reports')).status).toBe(200);
    expect((await search(narrow, 'other')).status).toBe(403);
  });
});

describe('an external Meilisearch (MEILI_HOST)', () => {
  let meili: TestMeili;
  beforeAll(async () => {
    meili = await startTestMeili();
  });
  afterAll(() => meili.stop());

  it('is used as given, without starting anything', async () => {
    const dataDir = await tempDataDir();

    const conn = await connectMeili({ dataDir, host: meili.conn.host, apiKey: meili.conn.adminKey });

    expect(conn.managed).toBe('external');
    expect(conn.host).toBe(meili.conn.host);
    expect(await exists(path.join(dataDir, 'meili'))).toBe(false);
  });

  it('keeps running after close()', async () => {
    const conn = await connectMeili({ dataDir: await tempDataDir(), host: `${meili.conn.host}/`, apiKey: meili.conn.adminKey });

    await conn.close();

    expect((await meiliRequest(meili.conn.host, '/health')).status).toBe(200);
  });

  it('rejects a key the server refuses with MeiliAuthError', async () => {
    const failure = connectMeili({ dataDir: await tempDataDir(), host: meili.conn.host, apiKey: 'not-the-key-not-the-key' });

    await expect(failure).rejects.toBeInstanceOf(MeiliAuthError);
    await expect(failure).rejects.toThrow(/MEILI_API_KEY/);
  });

  it('reports a host that does not answer with MeiliUnreachableError saying what to check', async () => {
    const host = `http://127.0.0.1:${await freePort()}`;

    const failure = connectMeili({ dataDir: await tempDataDir(), host, apiKey: 'whatever-key-1234' });

    await expect(failure).rejects.toBeInstanceOf(MeiliUnreachableError);
    await expect(failure).rejects.toThrow(new RegExp(`${host}.*ECONNREFUSED.*MEILI_HOST`));
    await expect(failure).rejects.toMatchObject({ code: 'MEILI_UNREACHABLE', host });
  });
});

describe('DATA_DIR', () => {
  it('that cannot be created gives DataDirError', async () => {
    const parent = await tempDataDir();
    const file = path.join(parent, 'a-file');
    await fs.writeFile(file, 'not a folder');

    const failure = connectMeili({ dataDir: path.join(file, 'data') });

    await expect(failure).rejects.toBeInstanceOf(DataDirError);
    await expect(failure).rejects.toMatchObject({ code: 'DATA_DIR_NOT_WRITABLE', cause: { code: 'ENOTDIR' } });
    await expect(failure).rejects.toThrow(/DATA_DIR/);
  });
});

describe('the pieces around the process', () => {
  it.each([
    ['{"pid":123,"host":"http://127.0.0.1:7700"}', { pid: 123, host: 'http://127.0.0.1:7700' }],
    ['{"pid":"123","host":"http://127.0.0.1:7700"}', null],
    ['{"pid":-1,"host":"http://127.0.0.1:7700"}', null],
    ['{"pid":1.5,"host":"http://127.0.0.1:7700"}', null],
    ['{"pid":123,"host":"127.0.0.1:7700"}', null],
    ['{"pid":123}', null],
    ['{"pid":12', null],
    ['', null],
  ])('reads instance.json %s as %o', (text, expected) => {
    expect(parseInstanceRecord(text)).toEqual(expected);
  });

  it("gives Meilisearch none of the parent's MEILI_* settings, only the master key", () => {
    const env = meiliEnvironment(
      { PATH: '/usr/bin', MEILI_DB_PATH: '/elsewhere', MEILI_HOST: 'http://x', MEILI_MASTER_KEY: 'old' },
      'the-key',
    );

    expect(env).toEqual({ PATH: '/usr/bin', MEILI_MASTER_KEY: 'the-key' });
  });

  it('strips terminal colours and blank lines from log lines', () => {
    expect(logLines('\u001b[2m2026-01-01\u001b[0m \u001b[32m INFO\u001b[0m started\n\nError: bad\n')).toEqual([
      '2026-01-01  INFO started',
      'Error: bad',
    ]);
  });

  it('tightens a master-key file readable by others to 0600', async () => {
    const file = path.join(await tempDataDir(), 'master-key');
    await fs.writeFile(file, 'a-key-of-more-than-sixteen-characters\n', { mode: 0o644 });
    await fs.chmod(file, 0o644);

    expect(await loadOrCreateMasterKey(file)).toBe('a-key-of-more-than-sixteen-characters');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('agrees on one master key when several processes create it at once', async () => {
    const file = path.join(await tempDataDir(), 'master-key');

    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateMasterKey(file)));

    expect(new Set(keys).size).toBe(1);
    expect(await fs.readdir(path.dirname(file))).toEqual(['master-key']);
  });

  it('refuses a master-key file too short to be a key', async () => {
    const file = path.join(await tempDataDir(), 'master-key');
    await fs.writeFile(file, 'short\n');

    await expect(loadOrCreateMasterKey(file)).rejects.toThrow(/Delete it to generate a new one/);
  });
});
