import type { ReportFormat } from '../../core/report.js';
// Which reader a file needs, from its bytes first and its name second. Government sites publish
// Word files that are HTML pages, PDFs named .txt and spreadsheets named .doc, so the extension is
// only a hint: the magic bytes decide. Pure; reads at most the first few KB.
//
// Order of decisions: a known signature (PDF, ZIP, OLE compound file, image, archive) decides the
// family; inside ZIP and OLE files the entry names (word/, OFD.xml, xl/) or the extension pick the
// reader; anything without a binary signature is text for the decode stage (HTML saved as .doc
// included). A format we cannot read is named, so the summary can say what the file is.

/** What to do with a file: decode it as text, hand it to a format adapter, or skip it, saying what it is. */
export type FileKind =
  | { kind: 'text' }
  | { kind: 'adapter'; format: Exclude<ReportFormat, 'txt' | 'md' | 'html'> }
  | { kind: 'unsupported'; what: string };

export function sniffFormat(bytes: Uint8Array, fileName: string): FileKind {
  const extension = extensionOf(fileName);
  if (isPdf(bytes)) return { kind: 'adapter', format: 'pdf' };
  if (startsWith(bytes, ZIP_MAGIC)) return zipKind(bytes, extension);
  if (startsWith(bytes, OLE_MAGIC)) return oleKind(extension);
  if (startsWith(bytes, ascii('{\\rtf'))) {
    return { kind: 'unsupported', what: 'an RTF document (open it in Word or WPS and save it as .docx)' };
  }
  const other = BINARY_SIGNATURES.find(({ magic }) => startsWith(bytes, magic));
  if (other) return { kind: 'unsupported', what: other.format };
  return { kind: 'text' };
}

/** Name of a known binary format the bytes start with, or null (the decode stage refuses these as text). */
export function binaryFormatOf(bytes: Uint8Array): string | null {
  if (isPdf(bytes)) return 'a PDF file';
  if (startsWith(bytes, OLE_MAGIC)) return 'a Word or Excel document (.doc/.xls)';
  const known = BINARY_SIGNATURES.find(({ magic }) => startsWith(bytes, magic));
  if (known) return known.format;
  if (startsWith(bytes, ZIP_MAGIC)) {
    const head = latin1(bytes, ZIP_HEAD_BYTES);
    return ZIP_KINDS.find((k) => head.includes(k.marker))?.format ?? 'a ZIP archive';
  }
  return null;
}

// Office Open XML and OFD files are ZIP archives whose first entries name what they hold.
function zipKind(bytes: Uint8Array, extension: string): FileKind {
  const head = latin1(bytes, ZIP_HEAD_BYTES);
  if (head.includes('word/')) return { kind: 'adapter', format: 'docx' };
  if (head.includes('OFD.xml') || head.includes('Doc_0/')) return { kind: 'adapter', format: 'ofd' };
  const known = ZIP_KINDS.find((k) => head.includes(k.marker));
  if (known) return { kind: 'unsupported', what: known.format };
  // The entry names may lie beyond the first KB (a large first entry): the extension decides, and
  // the adapter says 'wrong-format' if it is not what the name claims.
  if (extension === '.docx' || extension === '.wps') return { kind: 'adapter', format: 'docx' };
  if (extension === '.ofd') return { kind: 'adapter', format: 'ofd' };
  return { kind: 'unsupported', what: 'a ZIP archive (unpack it and index the folder)' };
}

// An OLE compound file is a .doc, a WPS document, an .xls or .ppt, or an encrypted .docx.
function oleKind(extension: string): FileKind {
  if (extension === '.wps') return { kind: 'adapter', format: 'wps' };
  if (extension === '.docx') return { kind: 'adapter', format: 'docx' };
  const named = UNSUPPORTED_EXTENSIONS[extension];
  if (named) return { kind: 'unsupported', what: named };
  return { kind: 'adapter', format: 'doc' };
}

function isPdf(bytes: Uint8Array): boolean {
  let start = 0;
  // PDF readers accept blank lines before the %PDF header; the other formats start at byte 0.
  while (start < 16 && start < bytes.length && isAsciiSpace(bytes[start]!)) start++;
  return startsWith(bytes, ascii('%PDF-'), start);
}

/** Extensions the indexer reads. Others are listed as skipped without reading them. */
export const READABLE_EXTENSIONS: readonly string[] = [
  '.txt',
  '.text',
  '.md',
  '.html',
  '.htm',
  '.shtml',
  '.xhtml',
  '.pdf',
  '.docx',
  '.doc',
  '.wps',
  '.ofd',
];

/** What files users keep beside their reports are, so that a skip says what the file is. */
export const UNSUPPORTED_EXTENSIONS: Readonly<Record<string, string>> = {
  '.xls': 'an Excel spreadsheet (.xls)',
  '.xlsx': 'an Excel spreadsheet (.xlsx)',
  '.et': 'a WPS spreadsheet (.et)',
  '.csv': 'a CSV table',
  '.ppt': 'a PowerPoint file (.ppt)',
  '.pptx': 'a PowerPoint file (.pptx)',
  '.dps': 'a WPS presentation (.dps)',
  '.zip': 'a ZIP archive (unpack it and index the folder)',
  '.rar': 'a RAR archive (unpack it and index the folder)',
  '.7z': 'a 7-Zip archive (unpack it and index the folder)',
  '.gz': 'a gzip archive (unpack it and index the folder)',
  '.jpg': 'an image (a scanned page? OCR it to text or PDF first)',
  '.jpeg': 'an image (a scanned page? OCR it to text or PDF first)',
  '.png': 'an image (a scanned page? OCR it to text or PDF first)',
  '.gif': 'an image',
  '.tif': 'an image (a scanned page? OCR it to text or PDF first)',
  '.tiff': 'an image (a scanned page? OCR it to text or PDF first)',
  '.rtf': 'an RTF document (open it in Word or WPS and save it as .docx)',
  '.odt': 'an OpenDocument text (save it as .docx)',
  '.ceb': 'a CEB document (an Apabi e-book format; export it to PDF)',
  '.caj': 'a CAJ document (export it to PDF)',
  '.json': 'a JSON file',
  '.xml': 'an XML file',
};

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 || dot < fileName.lastIndexOf('/') ? '' : fileName.slice(dot).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Byte signatures

interface BinarySignature {
  format: string;
  magic: readonly number[];
}

export const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const BINARY_SIGNATURES: readonly BinarySignature[] = [
  { format: 'a PNG image', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { format: 'a JPEG image', magic: [0xff, 0xd8, 0xff] },
  { format: 'a GIF image', magic: ascii('GIF87a') },
  { format: 'a GIF image', magic: ascii('GIF89a') },
  { format: 'a TIFF image', magic: [0x49, 0x49, 0x2a, 0x00] },
  { format: 'a TIFF image', magic: [0x4d, 0x4d, 0x00, 0x2a] },
  { format: 'a RAR archive', magic: ascii('Rar!\x1a\x07') },
  { format: 'a 7-Zip archive', magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { format: 'a gzip archive', magic: [0x1f, 0x8b, 0x08] },
];

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const ZIP_HEAD_BYTES = 4096;

const ZIP_KINDS: ReadonlyArray<{ marker: string; format: string }> = [
  { marker: 'word/', format: 'a Word document (.docx)' },
  { marker: 'xl/', format: 'an Excel workbook (.xlsx)' },
  { marker: 'ppt/', format: 'a PowerPoint file (.pptx)' },
  { marker: 'OFD.xml', format: 'an OFD document' },
];

export function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

function isAsciiSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c;
}

export function latin1(bytes: Uint8Array, limit: number): string {
  const head = bytes.subarray(0, limit);
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
}

// ---------------------------------------------------------------------------------------------
// What the first bytes look like, for the adapters: they route a renamed file (a .doc that is
// really a DOCX, RTF or web page) and say in an error what a file seems to be ("a PDF", "plain
// text"). Looks at the first 1 KB only; never throws; `description` fits in "the file is …".

export type SniffedKind = 'empty' | 'zip' | 'ole' | 'pdf' | 'rtf' | 'html' | 'mht' | 'text' | 'binary';

export interface Sniffed {
  kind: SniffedKind;
  description: string;
}

const HEAD_BYTES = 1024;

const DESCRIPTIONS: Record<SniffedKind, string> = {
  empty: 'empty',
  zip: 'a zip archive',
  ole: 'an OLE compound file (Word 97–2003, WPS or Excel)',
  pdf: 'a PDF',
  rtf: 'an RTF document',
  html: 'a web page (HTML)',
  mht: 'a single-file web page (MHT)',
  text: 'plain text',
  binary: 'binary data of an unknown kind',
};

/** What the bytes look like. */
export function sniff(bytes: Uint8Array): Sniffed {
  const kind = sniffKind(bytes);
  return { kind, description: DESCRIPTIONS[kind] };
}

function sniffKind(bytes: Uint8Array): SniffedKind {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, [0x50, 0x4b]) && (startsWith(bytes, [3, 4], 2) || startsWith(bytes, [5, 6], 2) || startsWith(bytes, [7, 8], 2)))
    return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  // Text formats may start with a BOM or whitespace; PDFs may have junk before %PDF.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEAD_BYTES)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  const start = head.replace(/^(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '').trimStart();
  if (start.startsWith('{\\rtf')) return 'rtf';
  if (/^MIME-Version:/i.test(start) || /^Content-Type: multipart\/related/im.test(head)) return 'mht';
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype html|html|head|body|meta)\b/i.test(start)) return 'html';
  let control = 0;
  for (const b of bytes.subarray(0, HEAD_BYTES)) if (b === 0 || (b < 0x09 && b !== 0x1b)) control++;
  return control === 0 ? 'text' : 'binary';
}
