// The site outlives its Meilisearch: when the managed process dies, requests get a 503 (JSON for the
// API, a Chinese page for people) and the site starts Meilisearch again, without a restart of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const DEMO = join(ROOT, 'fixtures', 'demo', 'reports');

let dataDir: string;
let server: ChildProcess;
let url: string;

function run(args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: dataDir }, stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', resolve));
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'nianbao-recovery-'));
  expect(await run(['index', DEMO])).toBe(0);
  server = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    server.stderr!.on('data', (chunk) => {
      stderr += chunk;
      const match = /serving on (http:\/\/\S+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    server.on('exit', () => reject(new Error(`serve exited: ${stderr}`)));
  });
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.on('exit', resolve));
  }
  await rm(dataDir, { recursive: true, force: true });
});

const searchUrl = () => `${url}/api/search?q=${encodeURIComponent('保密审查')}`;

describe('when the managed Meilisearch dies under the site', () => {
  it('answers 503 and then recovers by itself', async () => {
    expect((await fetch(searchUrl())).status).toBe(200);
    const { pid } = JSON.parse(await readFile(join(dataDir, 'meili', 'instance.json'), 'utf8')) as { pid: number };
    process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const down = await fetch(searchUrl());
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error?: unknown }).error).toBeDefined();
    const page = await fetch(`${url}/?q=${encodeURIComponent('保密审查')}`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('暂时不可用');

    let status = 0;
    for (let attempt = 0; attempt < 60 && status !== 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = (await fetch(searchUrl())).status;
    }
    expect(status).toBe(200);
    const body = (await (await fetch(searchUrl())).json()) as { total: number };
    expect(body.total).toBeGreaterThan(0);
  });
});
