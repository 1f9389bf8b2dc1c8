// Sidecar manifests: the pure parser as a table of examples, and the edge that checks files exist
// and ranks nested manifests.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFiles } from '../indexer/listFiles.js';
import { parseManifest, type ManifestRow } from '../indexer/manifest.js';
import { readManifests } from '../indexer/readManifests.js';

const URL_A = 'https://www.example.gov.cn/art/2022/1/28/art_1_123.html';
const HEADER = 'file,url,retrieved,publisher';
const row = (line: number, file: string, rest: Partial<ManifestRow> = {}): ManifestRow => ({
  line,
  file,
  url: null,
  retrievedAt: null,
  publisher: null,
  ...rest,
});

describe('parseManifest', () => {
  it.each<[string, string, ManifestRow[]]>([
    [
      'a full row',
      `${HEADER}\na.txt,${URL_A},2024-06-18,某某局\n`,
      [row(2, 'a.txt', { url: URL_A, retrievedAt: '2024-06-18', publisher: '某某局' })],
    ],
    [
      'columns in another order, names in any case, extra columns',
      `Publisher,Notes,FILE,URL\n某某局,x,a.txt,${URL_A}`,
      [row(2, 'a.txt', { url: URL_A, publisher: '某某局' })],
    ],
    ['only the file column', 'file\na.txt\nsub/b.html', [row(2, 'a.txt'), row(3, 'sub/b.html')]],
    ['a UTF-8 BOM and CRLF line ends', `\uFEFF${HEADER}\r\na.txt,,2024年6月18日,\r\n`, [row(2, 'a.txt', { retrievedAt: '2024-06-18' })]],
    ['a date-time keeps its date', `${HEADER}\na.txt,,2024-06-18T10:22:41+08:00,`, [row(2, 'a.txt', { retrievedAt: '2024-06-18' })]],
    [
      'quoted fields with commas, quotes and a line break',
      `${HEADER}\n"a,b.txt",,,"某某局""办公室""\n（盖章）"\nc.txt`,
      [row(2, 'a,b.txt', { publisher: '某某局"办公室" （盖章）' }), row(4, 'c.txt')],
    ],
    ['backslashes and ./ in paths', `${HEADER}\n.\\sub\\a.txt\n./b.txt`, [row(2, 'sub/a.txt'), row(3, 'b.txt')]],
    ['blank lines are skipped', `${HEADER}\n\na.txt\n,,,\n`, [row(3, 'a.txt')]],
    ['missing cells are empty', `${HEADER}\na.txt,${URL_A}`, [row(2, 'a.txt', { url: URL_A })]],
  ])('%s', (_, text, rows) => {
    const parsed = parseManifest(text, 'csv');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.rows).toEqual(rows);
  });

  it('reads a TSV manifest with tabs', () => {
    expect(parseManifest(`file\turl\na, b.txt\t${URL_A}`, 'tsv').rows).toEqual([row(2, 'a, b.txt', { url: URL_A })]);
  });

  it.each<[string, string, ManifestRow[], RegExp]>([
    [
      'an address that is not http(s): the field is dropped',
      `${HEADER}\na.txt,javascript:alert(1),,某某局`,
      [row(2, 'a.txt', { publisher: '某某局' })],
      /^line 2: url "javascript:alert\(1\)" is not an http\(s\) address/,
    ],
    ['a relative address: the field is dropped', `${HEADER}\na.txt,/art/1.html`, [row(2, 'a.txt')], /^line 2: url/],
    ['a date that is not a date', `${HEADER}\na.txt,,last week`, [row(2, 'a.txt')], /^line 2: retrieved "last week" is not a date/],
    ['an empty file cell: the row is dropped', `${HEADER}\n,${URL_A}\nb.txt`, [row(3, 'b.txt')], /^line 2: the file column is empty/],
    ['a path leaving the folder', `${HEADER}\n../a.txt\nb.txt`, [row(3, 'b.txt')], /^line 2: \.\.\/a\.txt leaves the manifest's folder/],
    ['an absolute path', `${HEADER}\n/etc/passwd\nb.txt`, [row(3, 'b.txt')], /^line 2: \/etc\/passwd is not a path relative/],
    [
      'a file named twice keeps its first row',
      `${HEADER}\na.txt,${URL_A}\n./a.txt,`,
      [row(2, 'a.txt', { url: URL_A })],
      /^line 3: a\.txt is already described on line 2/,
    ],
    [
      'text after a closing quote',
      `${HEADER}\n"a.txt"x,${URL_A}\nb.txt`,
      [row(3, 'b.txt')],
      /^line 2: malformed row: text after a closing quote/,
    ],
    [
      'a quote inside an unquoted field',
      `${HEADER}\na"b.txt\nc.txt`,
      [row(3, 'c.txt')],
      /^line 2: malformed row: a quote inside an unquoted field/,
    ],
    [
      'a quote never closed',
      `${HEADER}\nb.txt\n"a.txt,\nc.txt`,
      [row(2, 'b.txt')],
      /^line 3: malformed row: a quoted field is never closed/,
    ],
    [
      'the line of a row after a quoted line break',
      `${HEADER}\n"a\nb.txt",\nc.txt,javascript:x`,
      [row(2, 'a\nb.txt'), row(4, 'c.txt')],
      /^line 4: url/,
    ],
  ])('%s', (_, text, rows, warning) => {
    const parsed = parseManifest(text, 'csv');
    expect(parsed.rows).toEqual(rows);
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toMatch(warning);
  });

  it.each([
    ['no file column', 'name,url\na.txt,x', /^line 1: no "file" column in the header \(name, url\)/],
    ['an empty manifest', '', /the manifest is empty/],
  ])('%s: no rows and one warning', (_, text, warning) => {
    const parsed = parseManifest(text, 'csv');
    expect(parsed.rows).toEqual([]);
    expect(parsed.warnings).toEqual([expect.stringMatching(warning)]);
  });
});

describe('manifests in a folder', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'nianbao-manifest-'));
    await mkdir(join(folder, 'sub'));
    await writeFile(join(folder, 'a.txt'), '年度报告');
    await writeFile(join(folder, 'sub', 'b.txt'), '年度报告');
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('lists a manifest as a manifest, not as a skipped file, and gives each file its path below the folder', async () => {
    await writeFile(join(folder, 'manifest.csv'), `${HEADER}\na.txt,${URL_A}`);
    await writeFile(join(folder, 'sub', 'MANIFEST.tsv'), 'file\nb.txt');
    const listing = await listFiles([folder]);
    expect(listing.skipped).toEqual([]);
    expect(listing.manifests.map((m) => [m.path, m.kind])).toEqual([
      [join(folder, 'manifest.csv'), 'csv'],
      [join(folder, 'sub', 'MANIFEST.tsv'), 'tsv'],
    ]);
    expect(listing.files.map((f) => f.relativePath)).toEqual(['a.txt', 'sub/b.txt']);
  });

  it('gives a file given directly its own name as its path', async () => {
    const listing = await listFiles([join(folder, 'sub', 'b.txt')]);
    expect(listing.files.map((f) => f.relativePath)).toEqual(['b.txt']);
  });

  it('warns, with the line, about a row naming a file that does not exist', async () => {
    await writeFile(join(folder, 'manifest.csv'), `${HEADER}\na.txt,${URL_A}\nmissing.txt,${URL_A}`);
    const { summaries, provenanceOf } = await readManifests((await listFiles([folder])).manifests);
    expect(summaries).toEqual([
      { path: join(folder, 'manifest.csv'), rows: 1, warnings: [expect.stringMatching(/^line 3: missing\.txt does not exist/)] },
    ]);
    expect(provenanceOf(join(folder, 'a.txt'))).toEqual({ url: URL_A, retrievedAt: null, publisher: null });
  });

  it('describes files below its folder, and a deeper manifest wins', async () => {
    await writeFile(join(folder, 'manifest.csv'), `${HEADER}\nsub/b.txt,${URL_A},,上层\na.txt,,,上层`);
    await writeFile(join(folder, 'sub', 'manifest.csv'), `${HEADER}\nb.txt,,,下层`);
    const { provenanceOf } = await readManifests((await listFiles([folder])).manifests);
    expect(provenanceOf(join(folder, 'sub', 'b.txt'))).toEqual({ url: null, retrievedAt: null, publisher: '下层' });
    expect(provenanceOf(join(folder, 'a.txt'))).toEqual({ url: null, retrievedAt: null, publisher: '上层' });
  });

  it('warns about a manifest that is not UTF-8 and reads nothing from it', async () => {
    await writeFile(join(folder, 'manifest.csv'), Buffer.from([0x66, 0x69, 0x6c, 0x65, 0x0a, 0xc4, 0xea, 0x2e, 0x74, 0x78, 0x74]));
    const { summaries } = await readManifests((await listFiles([folder])).manifests);
    expect(summaries[0]).toMatchObject({ rows: 0, warnings: [expect.stringMatching(/not UTF-8/)] });
  });
});
