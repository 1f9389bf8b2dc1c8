import { describe, expect, it } from 'vitest';
import { ascii, sniffFormat, type FileKind } from '../indexer/formats/sniff.js';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const zip = (firstEntry: string): Uint8Array => bytes([0x50, 0x4b, 0x03, 0x04], Array(26).fill(0), ascii(firstEntry));

describe('sniffFormat: the bytes decide the reader, the extension only breaks ties', () => {
  it.each<[string, Uint8Array, string, FileKind]>([
    ['a PDF', bytes('%PDF-1.7\n'), 'r.pdf', { kind: 'adapter', format: 'pdf' }],
    ['a PDF named .txt', bytes('%PDF-1.4\n'), 'r.txt', { kind: 'adapter', format: 'pdf' }],
    ['a PDF after blank lines', bytes('\r\n%PDF-1.4\n'), 'r.pdf', { kind: 'adapter', format: 'pdf' }],
    ['a DOCX', zip('word/document.xml'), 'r.docx', { kind: 'adapter', format: 'docx' }],
    ['a DOCX named .doc', zip('[Content_Types].xmlword/'), 'r.doc', { kind: 'adapter', format: 'docx' }],
    ['an OFD', zip('OFD.xml'), 'r.ofd', { kind: 'adapter', format: 'ofd' }],
    ['a DOC', bytes(OLE), 'r.doc', { kind: 'adapter', format: 'doc' }],
    ['a WPS document', bytes(OLE), 'r.wps', { kind: 'adapter', format: 'wps' }],
    ['an encrypted DOCX (an OLE container)', bytes(OLE), 'r.docx', { kind: 'adapter', format: 'docx' }],
    ['an HTML page saved as .doc', bytes('<html><body>年度报告</body></html>'), 'r.doc', { kind: 'text' }],
    ['GB18030 text', bytes([0xc4, 0xea, 0xb6, 0xc8]), 'r.txt', { kind: 'text' }],
  ])('reads %s', (_label, input, fileName, expected) => {
    expect(sniffFormat(input, fileName)).toEqual(expected);
  });

  it.each<[string, Uint8Array, string, RegExp]>([
    ['an Excel workbook', zip('xl/workbook.xml'), 'r.xlsx', /Excel/],
    ['a ZIP of reports', zip('2023/report.pdf'), 'r.zip', /ZIP archive/],
    ['an .xls (OLE)', bytes(OLE), 'r.xls', /Excel/],
    ['an RTF document', bytes('{\\rtf1\\ansi'), 'r.doc', /RTF/],
    ['a PNG scan', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'r.png', /PNG image/],
    ['a RAR archive', bytes('Rar!\x1a\x07\x00'), 'r.rar', /RAR/],
  ])('names %s it cannot read', (_label, input, fileName, what) => {
    const kind = sniffFormat(input, fileName);
    expect(kind.kind).toBe('unsupported');
    expect(kind.kind === 'unsupported' && kind.what).toMatch(what);
  });

  it('trusts the .docx extension when the entry names lie beyond the first kilobytes', () => {
    expect(sniffFormat(zip('customXml/item1.xml'), 'r.docx')).toEqual({ kind: 'adapter', format: 'docx' });
  });
});
