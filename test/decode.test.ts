import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode, DecodeError } from '../indexer/decode.js';
import type { SourceEncoding } from '../core/report.js';
import { SHARED_REAL, SHARED_SEEDS, sharedReportFiles } from './helpers/shared.js';

const ENCODINGS = new URL('../fixtures/unit/encodings/', import.meta.url);
const fixture = (name: string): Buffer => readFileSync(new URL(name, ENCODINGS));
const SIMPLIFIED = fixture('report.utf8.txt').toString('utf8');
const TRADITIONAL = fixture('report-traditional.utf8.txt').toString('utf8');

/** Real reports, re-encoded in the test only (their text is not committed). */
const SHARED_DIRS = [SHARED_SEEDS, SHARED_REAL];
const sharedReports = (): Array<[string, string]> =>
  sharedReportFiles(SHARED_DIRS).map((path): [string, string] => [basename(path), readFileSync(path, 'utf8')]);

const bytes = (...parts: Array<string | number[] | Buffer>): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

const html = (charset: string, body: string): string =>
  `<html><head><meta charset="${charset}"><title>年度报告</title></head><body><p>${body}</p></body></html>`;

function decodeError(input: Uint8Array, fileName = 'x.txt'): DecodeError {
  try {
    decode(input, fileName);
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('expected a DecodeError');
}

describe('decode', () => {
  describe('the fixture report in each supported encoding', () => {
    it.each<[string, SourceEncoding, 'bom' | 'detected', string]>([
      ['report.utf8.txt', 'utf-8', 'detected', SIMPLIFIED],
      ['report.utf8-bom.txt', 'utf-8', 'bom', SIMPLIFIED],
      ['report.utf16le-bom.txt', 'utf-16le', 'bom', SIMPLIFIED],
      ['report.utf16be-bom.txt', 'utf-16be', 'bom', SIMPLIFIED],
      ['report.gb18030.txt', 'gb18030', 'detected', SIMPLIFIED],
      ['report.big5.txt', 'big5', 'detected', TRADITIONAL],
    ])('decodes %s as %s (%s), without a BOM in the text', (file, encoding, source, expected) => {
      const decoded = decode(fixture(file), file);
      expect(decoded).toEqual({ text: expected, encoding, encodingSource: source, isHtml: false, warnings: [] });
    });
  });

  describe('declared charsets', () => {
    it('honours <meta content="text/html; charset=gb2312"> and decodes it as GB18030', () => {
      const decoded = decode(fixture('page.gb2312.html'), 'page.gb2312.html');
      expect(decoded).toMatchObject({ encoding: 'gb18030', encodingSource: 'declared', isHtml: true, warnings: [] });
      expect(decoded.text).toContain('示范县人民政府2023年政府信息公开工作年度报告');
    });

    it.each<[string, SourceEncoding]>([
      ['gb2312', 'gb18030'],
      ['GBK', 'gb18030'],
      ['GB18030', 'gb18030'],
      ['x-gbk', 'gb18030'],
      ['big5', 'big5'],
      ['Big5-HKSCS', 'big5'],
      ['UTF-8', 'utf-8'],
      ['utf8', 'utf-8'],
    ])('maps the label %s to %s', (label, encoding) => {
      const text = encoding === 'big5' ? TRADITIONAL : SIMPLIFIED;
      const decoded = decode(iconv.encode(html(label, text), encoding), 'page.html');
      expect(decoded).toMatchObject({ encoding, encodingSource: 'declared', warnings: [] });
      expect(decoded.text).toContain(text);
    });

    it('honours an XML declaration', () => {
      const decoded = decode(iconv.encode(`<?xml version="1.0" encoding="GBK"?>\n<report>${SIMPLIFIED}</report>`, 'gbk'), 'r.xml');
      expect(decoded).toMatchObject({ encoding: 'gb18030', encodingSource: 'declared' });
    });

    it('decodes a page whose meta charset lies with the encoding that fits, and warns', () => {
      const decoded = decode(fixture('page.charset-lies.html'), 'page.charset-lies.html');
      expect(decoded).toMatchObject({ encoding: 'gb18030', encodingSource: 'detected', isHtml: true });
      expect(decoded.text).toContain('样例市教育局2022年政府信息公开工作年度报告');
      expect(decoded.warnings).toEqual([expect.stringMatching(/declares charset "utf-8" but its bytes are GB18030/)]);
    });

    it.each<[string, string, SourceEncoding, SourceEncoding]>([
      ['gb2312', 'UTF-8 bytes', 'utf-8', 'utf-8'],
      ['big5', 'GB18030 bytes', 'gb18030', 'gb18030'],
      ['gb2312', 'Big5 bytes', 'big5', 'big5'],
      ['utf-8', 'Big5 bytes', 'big5', 'big5'],
    ])('overrides a declared %s for %s', (label, _bytes, written, expected) => {
      const text = written === 'big5' ? TRADITIONAL : SIMPLIFIED;
      const decoded = decode(iconv.encode(html(label, text), written), 'page.html');
      expect(decoded.encoding).toBe(expected);
      expect(decoded.text).toContain(text);
      expect(decoded.warnings).toEqual([expect.stringContaining(`declares charset "${label}"`)]);
    });

    it('detects instead, with a warning, when the declared charset is not one it reads', () => {
      const decoded = decode(iconv.encode(html('iso-8859-1', SIMPLIFIED), 'gb18030'), 'page.html');
      expect(decoded.encoding).toBe('gb18030');
      expect(decoded.warnings).toEqual([expect.stringContaining('"iso-8859-1", which the indexer does not read')]);
    });
  });

  describe('detection without a declaration', () => {
    it('takes valid UTF-8 as UTF-8', () => {
      expect(decode(Buffer.from('政府信息公开', 'utf8'), 'x.txt')).toMatchObject({ encoding: 'utf-8', encodingSource: 'detected' });
    });

    it('takes plain ASCII as UTF-8', () => {
      expect(decode(Buffer.from('Annual report 2023\n'), 'x.txt').encoding).toBe('utf-8');
    });

    it('decodes traditional text saved as GBK as GB18030, not Big5', () => {
      const decoded = decode(iconv.encode(TRADITIONAL, 'gbk'), 'x.txt');
      expect(decoded).toMatchObject({ encoding: 'gb18030', text: TRADITIONAL });
    });

    it('decodes GB18030 four-byte sequences that GBK lacks', () => {
      const text = `${SIMPLIFIED}附件•统计表𠀀`;
      expect(decode(iconv.encode(text, 'gb18030'), 'x.txt')).toMatchObject({ encoding: 'gb18030', text });
    });

    it('keeps UTF-8 with a rare invalid byte as UTF-8, replacing the byte and warning', () => {
      const input = bytes(SIMPLIFIED.repeat(2), [0xff], SIMPLIFIED);
      const decoded = decode(input, 'x.txt');
      expect(decoded.encoding).toBe('utf-8');
      expect(decoded.text).toContain('\uFFFD');
      expect(decoded.warnings).toEqual([expect.stringContaining('1 invalid byte sequence(s)')]);
    });

    it('detects UTF-16LE without a BOM from the NUL bytes of its Latin characters', () => {
      const text = 'Report 2023\n示范县政府信息公开工作年度报告\nPage 1\n';
      expect(decode(iconv.encode(text, 'utf-16le'), 'x.txt')).toMatchObject({ encoding: 'utf-16le', text });
    });

    describe.skipIf(sharedReports().length === 0)('on real reports re-encoded with iconv-lite', () => {
      const reports = sharedReports();
      it.each(reports)('detects GB18030 for %s saved as GB18030', (_file, text) => {
        const decoded = decode(iconv.encode(text, 'gb18030'), 'x.txt');
        expect(decoded).toMatchObject({ encoding: 'gb18030', text });
      });

      // Short pieces are the hard case: few characters to judge by.
      const hanCount = (s: string): number => s.match(/\p{Script=Han}/gu)?.length ?? 0;
      const pieces = reports
        .flatMap(([file, text]) => [0, 1000, 3000].map((at): [string, number, string] => [file, at, text.slice(at, at + 80)]))
        .filter(([, , piece]) => hanCount(piece) >= 20);
      it.each(pieces)('detects GB18030 for 80 characters of %s at %i', (_file, _at, piece) => {
        expect(decode(iconv.encode(piece, 'gb18030'), 'x.txt').encoding).toBe('gb18030');
      });

      const traditional = reports.filter(([, text]) => /[們這個來為國說時會對發]/.test(text.slice(0, 2000)));
      it('has traditional reports to test Big5 on', () => expect(traditional.length).toBeGreaterThan(0));
      const traditionalPieces = traditional
        .flatMap(([file, text]) =>
          [0, 500, 1000, 2000, 3000].flatMap((at) =>
            [60, 400].map((length): [string, number, number, string] => [file, at, length, text.slice(at, at + length)]),
          ),
        )
        .filter(([, , , piece]) => hanCount(piece) >= 20);
      it.each(traditionalPieces)('detects Big5 for traditional text from %s at %i (%i characters)', (_file, _at, _length, piece) => {
        // Characters outside Big5 (pinyin tone marks, a few simplified forms) become '?' in the bytes.
        expect(decode(iconv.encode(piece, 'big5'), 'x.txt').encoding).toBe('big5');
      });
    });
  });

  describe('a file cut off in the middle of a character', () => {
    it('drops the incomplete last GB18030 character and warns', () => {
      const decoded = decode(fixture('truncated.gb18030.txt'), 'truncated.gb18030.txt');
      expect(decoded.encoding).toBe('gb18030');
      expect(decoded.text).toBe(SIMPLIFIED.replace(/。\n$/, ''));
      expect(decoded.warnings).toEqual([expect.stringContaining('ends in the middle of a character')]);
    });

    it.each<[string, Buffer, string]>([
      ['UTF-8', bytes(SIMPLIFIED, Buffer.from('报', 'utf8').subarray(0, 2)), SIMPLIFIED],
      ['Big5', Buffer.concat([iconv.encode(`${TRADITIONAL}報`, 'big5')]).subarray(0, -1), TRADITIONAL],
      ['UTF-16LE (odd byte)', bytes([0xff, 0xfe], iconv.encode(`${SIMPLIFIED}报`, 'utf-16le').subarray(0, -1)), SIMPLIFIED],
      ['UTF-16BE (odd byte)', bytes([0xfe, 0xff], iconv.encode(`${SIMPLIFIED}报`, 'utf-16be').subarray(0, -1)), SIMPLIFIED],
      ['UTF-16LE (lone high surrogate)', bytes([0xff, 0xfe], iconv.encode(`${SIMPLIFIED}𠀀`, 'utf-16le').subarray(0, -2)), SIMPLIFIED],
    ])('drops the incomplete last character of %s and warns', (_name, input, expected) => {
      const decoded = decode(input, 'x.txt');
      expect(decoded.text).toBe(expected);
      expect(decoded.warnings).toEqual([expect.stringContaining('ends in the middle of a character')]);
    });
  });

  describe('files that are not text', () => {
    it.each<[string, string, Buffer]>([
      ['a PDF file', 'fake-pdf.txt', fixture('fake-pdf.txt')],
      ['a PNG image', 'fake-png.txt', fixture('fake-png.txt')],
      ['a JPEG image', 'x.txt', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF')],
      ['a GIF image', 'x.txt', bytes('GIF89a', [1, 0, 1, 0])],
      ['a Word document (.docx)', 'x.txt', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0], '[Content_Types].xml word/document.xml')],
      ['a ZIP archive', 'x.txt', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0], 'report.txt')],
      ['a Word or Excel document (.doc/.xls)', 'x.doc', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'rest')],
    ])('rejects %s as binary, naming the format (%s)', (format, fileName, input) => {
      const error = decodeError(input, fileName);
      expect(error.code).toBe('binary');
      expect(error.message).toBe(`${fileName} looks like ${format}, not text: convert it to text first`);
    });

    it('rejects NUL bytes outside UTF-16 as binary', () => {
      const error = decodeError(bytes('报告', [0, 1, 2, 0, 0xff, 0, 0x80]), 'x.txt');
      expect(error.code).toBe('binary');
      expect(error.message).toContain('NUL bytes');
    });

    it('rejects text made mostly of control characters as binary', () => {
      expect(decodeError(bytes([1, 2, 3, 4, 5, 6, 7, 8, 0x41, 0x42])).code).toBe('binary');
    });

    it.each<[string, Buffer]>([
      ['an empty file', fixture('empty.txt')],
      ['only whitespace', Buffer.from(' \n\t\r\n\u3000\u00a0', 'utf8')],
      ['only a UTF-8 BOM', bytes([0xef, 0xbb, 0xbf])],
      ['UTF-16 whitespace behind a BOM', bytes([0xff, 0xfe], iconv.encode(' \n\u3000', 'utf-16le'))],
    ])('rejects %s as empty', (_name, input) => {
      const error = decodeError(input, 'x.txt');
      expect(error.code).toBe('empty');
      expect(error.message).toMatch(/^x\.txt is empty/);
    });

    it('rejects bytes that no supported encoding explains as undecodable', () => {
      const error = decodeError(
        bytes(
          'Report: ',
          Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 0xff : 0x80)),
        ),
        'x.txt',
      );
      expect(error.code).toBe('undecodable');
      expect(error.message).toMatch(/^cannot decode x\.txt: not UTF-8, UTF-16, GB18030 or Big5; /);
    });

    it('rejects a declared GB2312 page whose bytes are gibberish as undecodable', () => {
      const input = bytes(
        '<meta charset="gb2312">',
        Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 0xff : 0x81)),
      );
      expect(decodeError(input).code).toBe('undecodable');
    });

    it('throws a DecodeError that names the file', () => {
      const error = decodeError(fixture('empty.txt'), 'dir/empty.txt');
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('DecodeError');
      expect(error.fileName).toBe('dir/empty.txt');
    });
  });

  describe('isHtml', () => {
    it.each<[string, string, boolean]>([
      ['report.html', '示范县年度报告', true],
      ['REPORT.HTM', '示范县年度报告', true],
      ['report.shtml', '示范县年度报告', true],
      ['x.txt', '<!DOCTYPE html>\n<html><body>报告</body></html>', true],
      ['x.txt', '\uFEFF  \n<html lang="zh"><p>报告</p></html>', true],
      ['x.txt', '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"></html>', true],
      ['x.txt', '报告正文\n<body>\n<p>一、总体情况</p>', true],
      ['x.txt', '<p>一、总体情况</p><p>二、主动公开</p><p>三、依申请公开</p>', true],
      ['x.txt', '示范县年度报告\n一、总体情况', false],
      ['x.txt', '内容。<!--[if !supportLists]-->7、<!--[endif]-->公共监管', false],
      ['x.txt', '关于印发<示范县基层政务公开标准化实施方案>的通知', false],
      ['x.txt', '来信引用了 <script>alert(1)</script> 和 <img src=x onerror=alert(1)>', false],
    ])('%s starting %j is HTML: %s', (fileName, text, expected) => {
      expect(decode(Buffer.from(text, 'utf8'), fileName).isHtml).toBe(expected);
    });
  });

  describe('properties', () => {
    it('throws nothing but DecodeError on arbitrary bytes', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 3000 }), (input) => {
          try {
            decode(input, 'x.txt');
          } catch (error) {
            expect(error).toBeInstanceOf(DecodeError);
          }
        }),
        { numRuns: 500 },
      );
    });

    const chineseText = fc.string({
      unit: fc.constantFrom(...'政府信息公开工作年度报告县市区申请答复复议诉讼，。、（）《》一二三 \n0123456789abc'),
      minLength: 1,
    });

    it('returns any UTF-8 text with content unchanged', () => {
      fc.assert(
        fc.property(
          chineseText.filter((s) => /\S/.test(s)),
          (text) => {
            expect(decode(Buffer.from(text, 'utf8'), 'x.txt')).toMatchObject({ encoding: 'utf-8', text });
          },
        ),
      );
    });

    it('returns Chinese text saved as GB18030 unchanged', () => {
      const enough = chineseText.filter((s) => (s.match(/\p{Script=Han}/gu)?.length ?? 0) >= 12);
      fc.assert(
        fc.property(enough, (text) => {
          expect(decode(iconv.encode(text, 'gb18030'), 'x.txt')).toMatchObject({ encoding: 'gb18030', text });
        }),
      );
    });
  });

  describe('large input', () => {
    it('decodes a 50 MB GB18030 file in a few seconds (linear time)', () => {
      const sentence = '本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n';
      const line = iconv.encode(sentence, 'gb18030');
      const copies = Math.ceil((50 * 1024 * 1024) / line.length);
      const input = Buffer.concat(Array<Buffer>(copies).fill(line));
      const started = performance.now();
      const decoded = decode(input, 'big.txt');
      expect(performance.now() - started).toBeLessThan(15_000);
      expect(decoded.encoding).toBe('gb18030');
      expect(decoded.text.length).toBe(copies * sentence.length);
    });
  });
});
