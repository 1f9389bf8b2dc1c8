import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IncompatibleSnapshotError, PassageIndex, partsLength } from '../core/corpus/passageIndex.js';
import { PassageSnapshotError, readPassageSnapshot, writePassageSnapshot } from '../indexer/passageStore.js';
import { projectPath } from '../config/paths.js';

// Three invented reports; fixtures/passages/format-1.bin and format-2.bin hold their index as sessions 6
// and 7–10 wrote it (format 2 with its lookup chains and hash tables, which format 3 leaves out).
const REPORTS: Array<[string, string, number, string, string]> = [
  [
    'a2011',
    '甲县人民政府',
    2011,
    '福建',
    '本报告根据《中华人民共和国政府信息公开条例》要求，由本机关编制。\n我们建立了政府信息公开保密审查机制，坚持先审查后公开的原则。',
  ],
  [
    'b2011',
    '乙区管委会',
    2011,
    '福建',
    '乙区管委会围绕海岛旅游发展，集中发布了一批招商引资项目清单。\n我们健全了政府信息公开保密审查机制，坚持先审查后公开的原则。',
  ],
  [
    'a2012',
    '甲县人民政府',
    2012,
    '福建',
    '甲县二〇一二年开通了政务微博，及时回应群众关切的热点问题。\n我们建立了政府信息公开保密审查机制，坚持先审查后公开的原则。',
  ],
];

function build(): PassageIndex {
  const index = new PassageIndex();
  for (const [reportId, organ, year, province, text] of REPORTS) {
    index.addReport({ reportId, organ, province, level: 'county', year, sections: [{ type: 'overview', heading: '一、概述', text }] });
  }
  return index;
}

let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

describe('the passage index on disk', () => {
  it('reads back every array and every report passage list it wrote', async () => {
    dir = await mkdtemp(join(tmpdir(), 'nianbao-passages-'));
    const snapshot = build().snapshot();
    await writePassageSnapshot(join(dir, 'p.bin'), snapshot);
    const read = await readPassageSnapshot(join(dir, 'p.bin'));
    expect(read).toEqual(snapshot);
    expect(read!.reports.map((r) => r.passageIds.length)).toEqual([2, 2, 2]);
  });

  it('writes the passage lists as binary arrays, not in the JSON header', async () => {
    dir = await mkdtemp(join(tmpdir(), 'nianbao-passages-'));
    await writePassageSnapshot(join(dir, 'p.bin'), build().snapshot());
    const file = await readFile(join(dir, 'p.bin'));
    const header = file.subarray(4, 4 + file.readUInt32LE(0)).toString('utf8');
    expect(header).not.toContain('passageIds');
  });

  // Formats 1–3 held 16-bit MinHash values; format 4 holds 8 bits. An old file is still read (its
  // passages, lists and fingerprint), and the index refuses it, so the run keys the reports again.
  it.each(['format-1.bin', 'format-2.bin'])('still reads the passages and lists of a file an earlier version wrote (%s)', async (file) => {
    const old = await readPassageSnapshot(projectPath('fixtures', 'passages', file));
    const fresh = build().snapshot();
    expect(old!.keys).toEqual(fresh.keys);
    expect(old!.clusters).toEqual(fresh.clusters);
    expect(old!.reports).toEqual(fresh.reports);
    expect(partsLength(old!.signatures)).toBe(partsLength(fresh.signatures));
  });

  it.each(['format-1.bin', 'format-2.bin'])(
    'refuses to continue an index of 16-bit signatures (%s), whose reports are then keyed again',
    async (file) => {
      const old = await readPassageSnapshot(projectPath('fixtures', 'passages', file));
      expect(() => PassageIndex.restore(old!)).toThrow(IncompatibleSnapshotError);
    },
  );

  it('says what to do with a file that is not a passage index', async () => {
    await expect(
      readPassageSnapshot(projectPath('fixtures', 'demo', 'reports', '2009_jiangsu-suzhou-shi-gov_utf16be.txt')),
    ).rejects.toThrow(/not a passage index: delete it and index again/);
  });

  it('says what to do with a snapshot that was cut short', async () => {
    dir = await mkdtemp(join(tmpdir(), 'nianbao-passages-'));
    await writePassageSnapshot(join(dir, 'p.bin'), build().snapshot());
    const file = await readFile(join(dir, 'p.bin'));
    await writeFile(join(dir, 'cut.bin'), file.subarray(0, file.length - 100));
    await expect(readPassageSnapshot(join(dir, 'cut.bin'))).rejects.toThrow(/cut short .*delete it and index again/);
    await expect(readPassageSnapshot(join(dir, 'cut.bin'))).rejects.toBeInstanceOf(PassageSnapshotError);
  });

  it('says what to do with a snapshot holding an array this version does not know', async () => {
    dir = await mkdtemp(join(tmpdir(), 'nianbao-passages-'));
    await writePassageSnapshot(join(dir, 'p.bin'), build().snapshot());
    // The same header length, one array renamed: as a later version's file would look.
    const file = (await readFile(join(dir, 'p.bin'))).toString('latin1').replace('"reportOffsets"', '"reportOffsetZ"');
    await writeFile(join(dir, 'later.bin'), Buffer.from(file, 'latin1'));
    await expect(readPassageSnapshot(join(dir, 'later.bin'))).rejects.toThrow(/does not know \(reportOffsetZ\): delete it and index again/);
  });

  it('gives null when there is no snapshot yet', async () => {
    expect(await readPassageSnapshot(join(tmpdir(), 'nianbao-no-such-file.bin'))).toBeNull();
  });
});
