// Sniff: what a file's first bytes say it is, whatever its extension. The Word adapters use it to
// route a renamed file (a .doc that is really a DOCX, RTF or web page) and to say in an error what
// a file seems to be ("a PDF", "plain text").
//
// Invariants: looks at the first 1 KB only; never throws; `description` is a phrase that fits in
// "the file is …".

export type SniffedKind = 'empty' | 'zip' | 'ole' | 'pdf' | 'rtf' | 'html' | 'mht' | 'text' | 'binary';

export interface Sniffed {
  kind: SniffedKind;
  description: string;
}

const HEAD_BYTES = 1024;

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean => magic.every((b, i) => bytes[at + i] === b);

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
  if (startsWith(bytes, [0x50, 0x4b]) && (startsWith(bytes, [3, 4], 2) || startsWith(bytes, [5, 6], 2) || startsWith(bytes, [7, 8], 2))) return 'zip';
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
