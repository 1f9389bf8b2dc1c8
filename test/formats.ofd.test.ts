import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean } from '../indexer/clean.js';
import { extractOfd } from '../indexer/formats/ofd.js';
import type { ExtractErrorCode } from '../indexer/formats/types.js';
import { formatFixture as fixture, refusal } from './helpers/formats.js';

/** The text with all whitespace removed: the characters in order, whatever the line breaks. */
const squeezed = async (name: string): Promise<string> => clean(await extractOfd(fixture(name))).text.replace(/\s/g, '');

describe('extractOfd', () => {
  it('counts the pages and gives plain text with format ofd', async () => {
    expect(await extractOfd(fixture('report.ofd'))).toMatchObject({
      format: 'ofd',
      isHtml: false,
      pages: 2,
      sourceUrl: null,
      ocr: false,
      warnings: [],
    });
  });

  it.each([
    ['the title, over two lines, its first written glyph by glyph', '德清县人民政府2021年政府信息公开工作年度报告'],
    ['a heading', '一、总体情况'],
    ['a paragraph wrapped over lines', '全年通过县政府门户网站主动公开政府信息5236条，其中政策文件142件。'],
    ['quotation marks and book-title marks', '《中华人民共和国政府信息公开条例》'],
    ['a heading wrapped into a second TextObject', '（三）政府信息公开行政复议、行政诉讼情况及上年度未办结案件的后续办理情况'],
    ['the heading at the top of page 2', '二、主动公开政府信息情况'],
    ['the signature', '德清县人民政府办公室2022年1月25日'],
  ])('keeps %s', async (_, phrase) => {
    expect(await squeezed('report.ofd')).toContain(phrase);
  });

  it.each([
    ['the title, its year drawn digit by digit', '德清县人民政府2021年政府信息公开工作年度报告'],
    [
      'a paragraph whose lines reach the right margin, with and without DeltaX',
      '2021年，德清县人民政府围绕数字化改革和共同富裕示范区建设，持续深化政务公开，全年通过县政府门户网站主动公开政府信息5236条，其中政策文件142件。',
    ],
    ['a paragraph wrapped right after a figure', '（一）依申请公开。全年新收政府信息公开申请64件，上年结转2件，办结63件，结转下年度3件。'],
    ['a heading wrapped at the right margin', '（三）政府信息公开行政复议、行政诉讼情况及上年度未办结案件的后续办理情况'],
  ])('gives %s as one line', async (_, line) => {
    expect((await extractOfd(fixture('report.ofd'))).text.split('\n')).toContain(line);
  });

  it('rebuilds a table drawn as placed cells into rows, cells joined by " | "', async () => {
    const lines = (await extractOfd(fixture('report.ofd'))).text.split('\n');
    expect(lines).toContain('信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数');
    expect(lines).toContain('行政规范性文件 | 12 | 3 | 57');
  });

  it('keeps the pages in order', async () => {
    const text = await squeezed('report.ofd');
    expect(text.indexOf('一、总体情况')).toBeLessThan(text.indexOf('二、主动公开政府信息情况'));
    expect(text.indexOf('二、主动公开政府信息情况')).toBeLessThan(text.indexOf('六、其他需要报告的事项'));
  });

  it('starts with the title', async () => {
    expect(await squeezed('report.ofd')).toMatch(/^德清县人民政府2021年政府信息公开工作年度报告/);
  });

  it('reads tags without the ofd: prefix alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ofd-bare-'));
    try {
      writeFileSync(join(dir, 'in.ofd'), fixture('report.ofd'));
      execFileSync('unzip', ['-q', 'in.ofd', '-d', 'x'], { cwd: dir });
      const walk = (d: string): string[] =>
        readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
      for (const file of walk(join(dir, 'x'))) {
        writeFileSync(
          file,
          readFileSync(file, 'utf8')
            .replace(/<(\/?)ofd:/g, '<$1')
            .replace('xmlns:ofd=', 'xmlns='),
        );
      }
      execFileSync('zip', ['-q', '-r', '../bare.ofd', '.'], { cwd: join(dir, 'x') });
      const bare = await extractOfd(readFileSync(join(dir, 'bare.ofd')));
      expect(bare.text).toBe((await extractOfd(fixture('report.ofd'))).text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each<[string, ExtractErrorCode, RegExp]>([
    ['scanned.ofd', 'no-text-layer', /2 pages are images with no text layer/],
    ['truncated.ofd', 'malformed', /OFD is damaged.*truncated/],
    ['report-tables.docx', 'wrong-format', /a Word document \(\.docx\), not an OFD/],
    ['report-tables.doc', 'wrong-format', /OLE compound file.*not an OFD/],
    ['pdf-renamed.docx', 'wrong-format', /a PDF, not an OFD/],
    ['zip-bomb.docx', 'too-large', /zip bomb/],
  ])('refuses %s as %s', async (file, code, message) => {
    const started = performance.now();
    const error = await refusal(extractOfd(fixture(file)));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
