import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WaitingReports } from '../indexer/waitingReports.js';

const write = (id: string) => ({
  report: JSON.stringify({ id, title: `${id} 政府信息公开工作年度报告`, note: '第一行\n第二行' }),
  file: JSON.stringify({ id, path: `/报告/${id}.txt` }),
});
const lines = (ndjson: string) => ndjson.split('\n').filter(Boolean);

describe('WaitingReports', () => {
  let folder: string;
  let waiting: WaitingReports;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'waiting-test-'));
    waiting = new WaitingReports(folder);
  });
  afterEach(async () => {
    await waiting.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives back the report lines, then the file lines, of the batches asked for, in their order', async () => {
    const first = await waiting.hold([write('a'), write('b')]);
    const second = await waiting.hold([write('c')]);
    expect(lines(await waiting.reportLines([first, second]))).toEqual(['a', 'b', 'c'].map((id) => write(id).report));
    expect(lines(await waiting.fileLines([first, second]))).toEqual(['a', 'b', 'c'].map((id) => write(id).file));
  });

  it('keeps batches held at the same moment apart', async () => {
    const ids = ['甲', '乙', '丙', '丁', '戊'];
    const batches = await Promise.all(ids.map((id) => waiting.hold([write(id), write(`${id}2`)])));
    for (const [i, batch] of batches.entries()) {
      const id = ids[i] as string;
      expect(lines(await waiting.reportLines([batch]))).toEqual([write(id).report, write(`${id}2`).report]);
    }
  });

  it('starts again at the beginning of the file once nothing waits', async () => {
    const first = await waiting.hold([write('a')]);
    expect(first.offset).toBe(0);
    const second = await waiting.hold([write('b')]);
    expect(second.offset).toBeGreaterThan(0);
    await waiting.reportLines([first, second]);
    await waiting.fileLines([first, second]);
    expect((await waiting.hold([write('c')])).offset).toBe(0);
  });

  it('leaves nothing in its folder, even while reports wait', async () => {
    writeFileSync(join(folder, 'other'), '');
    await waiting.hold([write('a')]);
    expect(readdirSync(folder)).toEqual(['other']);
  });

  it('says which folder it cannot write to and what to do', async () => {
    const locked = join(folder, 'locked');
    writeFileSync(locked, 'a file, not a folder');
    const stuck = new WaitingReports(join(locked, 'data'));
    await expect(stuck.hold([write('a')])).rejects.toThrow(/cannot make the file for reports waiting .*locked\/data.*DATA_DIR/);
  });
});
