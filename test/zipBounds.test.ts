import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBoundedZip, ZIP_LIMITS } from '../indexer/formats/zipBounds.js';
import { formatFixture as fixture, refusal } from './helpers/formats.js';

/** A zip of `files` made by the zip tool (the fixtures' generator uses it too). */
function zipOf(files: Record<string, string | Buffer>): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'zipbounds-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  try {
    execFileSync('zip', ['-q', '-X', join(dir, 'out.zip'), ...Object.keys(files)], { cwd: dir });
    return readFileSync(join(dir, 'out.zip'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const hasZipTool = ((): boolean => {
  try {
    execFileSync('zip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('openBoundedZip', () => {
  it('lists the entries of a DOCX and reads one', async () => {
    const zip = await openBoundedZip(fixture('report-tables.docx'), 'DOCX');
    expect(zip.names).toContain('word/document.xml');
    expect((await zip.read('word/document.xml'))?.toString('utf8')).toContain('<w:document');
  });

  it('reads a missing entry as null', async () => {
    const zip = await openBoundedZip(fixture('report-tables.docx'), 'DOCX');
    expect(await zip.read('no/such/entry.xml')).toBeNull();
  });

  it('refuses a 300 MB bomb from its central directory, in well under a second, without inflating it', async () => {
    const started = performance.now();
    const error = await refusal(openBoundedZip(fixture('zip-bomb.docx'), 'DOCX'));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/word\/document\.xml.*zip bomb/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it.each<[string, Partial<typeof ZIP_LIMITS>, RegExp]>([
    ['too many entries', { maxEntries: 3 }, /holds \d+ files/],
    ['too many bytes in all', { maxTotalBytes: 10_000 }, /would inflate to more than/],
    ['an absurd ratio', { maxRatio: 2, ratioFloorBytes: 1_000 }, /would inflate \d+:1/],
  ])('refuses %s as too-large', async (_, limits, message) => {
    const error = await refusal(openBoundedZip(fixture('report-tables.docx'), 'DOCX', { ...ZIP_LIMITS, ...limits }));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(message);
  });

  it('keeps a small file of repeated spaces: a high ratio alone is not a bomb', async () => {
    if (!hasZipTool) return;
    const zip = await openBoundedZip(zipOf({ 'spaces.xml': ' '.repeat(1_000_000) }), 'DOCX');
    expect((await zip.read('spaces.xml'))?.length).toBe(1_000_000);
  });

  it('fails a truncated zip as malformed', async () => {
    const error = await refusal(openBoundedZip(fixture('truncated.docx'), 'DOCX'));
    expect(error.code).toBe('malformed');
    expect(error.message).toMatch(/DOCX is damaged.*truncated/);
  });

  it('stops an entry that inflates past its declared size, as too-large', async () => {
    if (!hasZipTool) return;
    const honest = zipOf({ 'a.xml': 'x'.repeat(100_000) });
    // Lower the declared size in the central directory (offset 24 of the entry record) to 1000.
    const lying = Buffer.from(honest);
    const central = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(1000, central + 24);
    const zip = await openBoundedZip(lying, 'DOCX');
    const error = await refusal(zip.verifySizes());
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/inflates beyond its declared size/);
  });
});
