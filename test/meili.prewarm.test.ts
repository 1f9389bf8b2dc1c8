import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexFiles, prewarmIndexFiles, prewarmLine } from '../meili/prewarm.js';

let dbPath: string;

async function indexFile(uuid: string, bytes: number): Promise<void> {
  await mkdir(join(dbPath, 'indexes', uuid), { recursive: true });
  await writeFile(join(dbPath, 'indexes', uuid, 'data.mdb'), Buffer.alloc(bytes, 1));
}

beforeEach(async () => {
  dbPath = join(await mkdtemp(join(tmpdir(), 'nianbao-prewarm-')), 'data.ms');
});

afterEach(async () => {
  await rm(join(dbPath, '..'), { recursive: true, force: true });
});

describe('prewarmIndexFiles', () => {
  it("reads every index's LMDB file whole when the budget allows", async () => {
    await indexFile('a', 5_000_000);
    await indexFile('b', 1_000);
    const read = await prewarmIndexFiles(dbPath, 1e9);
    expect(read).toMatchObject({ files: 2, totalBytes: 5_001_000, readBytes: 5_001_000 });
  });

  it('stops at the budget and says how much it left cold', async () => {
    await indexFile('large', 30_000_000);
    await indexFile('small', 10_000_000);
    // Smallest first: a budget that runs out leaves only the largest index partly cold.
    expect((await indexFiles(dbPath)).map((f) => f.bytes)).toEqual([10_000_000, 30_000_000]);
    const read = await prewarmIndexFiles(dbPath, 25_000_000);
    expect(read).toMatchObject({ files: 2, totalBytes: 40_000_000, readBytes: 25_000_000 });
    expect(prewarmLine(read)).toMatch(/^read 25 MB of index files \(2\) into the system's cache in \d+ ms \(15 MB left cold/);
  });

  it('reads nothing from a database folder that holds no index yet', async () => {
    await mkdir(dbPath, { recursive: true });
    expect(await indexFiles(dbPath)).toEqual([]);
    expect(await prewarmIndexFiles(dbPath)).toMatchObject({ files: 0, totalBytes: 0, readBytes: 0 });
  });
});
