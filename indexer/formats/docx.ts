// DOCX adapter: a Word 2007+ document's bytes → an HTML page for the HTML cleaner. The only module
// that imports mammoth. HTML and not raw text, because mammoth's raw text loses the tables, and the
// 2019+ reports keep their statistics in tables; clean renders each <tr> as cells joined by " | ".
//
// Order of decisions: what the bytes are (a zip; an OLE file, which is how Office stores a
// password-protected DOCX; anything else is the wrong format, named); then the zip bounds, on the
// central directory alone, before anything is inflated; then that it is a Word document
// (word/document.xml); then every entry's true size (mammoth inflates with its own zip reader,
// which would believe a lying directory); only then mammoth.
//
// Invariants: never inflates more than ZIP_LIMITS allows; images are never read (they would become
// megabytes of data URIs in the HTML); linked external files are never opened; every failure is an
// ExtractError whose message says what the file seems to be.
import mammoth from 'mammoth';
import { readOleDirectory } from './ole.js';
import { sniff, type SniffedKind } from './sniff.js';
import { ExtractError, type ExtractedText } from './types.js';
import { openBoundedZip, type BoundedZip } from './zipBounds.js';

/** Extracts a DOCX as HTML; throws ExtractError when it cannot. */
export async function extractDocx(bytes: Uint8Array): Promise<ExtractedText> {
  const seen = sniff(bytes);
  if (seen.kind === 'ole') throw oleAsDocx(bytes);
  if (seen.kind !== 'zip') throw new ExtractError('wrong-format', `the file is ${seen.description}, not a Word document (.docx)${renameHint(seen.kind)}`);

  const zip = await openBoundedZip(bytes, 'DOCX');
  if (!zip.names.includes('word/document.xml')) {
    throw new ExtractError('wrong-format', `the file is ${describeZip(zip.names)}, not a Word document (.docx): it has no word/document.xml`);
  }
  await zip.verifySizes();

  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer },
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })), externalFileAccess: false },
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExtractError('malformed', `the Word document is damaged and cannot be read (${reason}); open and re-save it in Word or WPS`, { cause: error });
  }
  return {
    format: 'docx',
    text: result.value,
    isHtml: true,
    pages: null,
    sourceUrl: await sourceUrlOf(zip),
    ocr: false,
    warnings: meaningfulWarnings(result.messages.map((m) => m.message)),
  };
}

function renameHint(kind: SniffedKind): string {
  if (kind === 'pdf') return ': rename it .pdf';
  if (kind === 'html') return ': rename it .html';
  if (kind === 'text') return ': rename it .txt';
  return '';
}

/** Word saves a password-protected DOCX as an OLE file with an EncryptedPackage stream. */
function oleAsDocx(bytes: Uint8Array): ExtractError {
  const names = new Set(readOleDirectory(bytes)?.entries.map((e) => e.name) ?? []);
  if (names.has('EncryptedPackage')) {
    return new ExtractError('encrypted', 'the Word document is password-protected: save an unprotected copy to index it');
  }
  if (names.has('WordDocument')) {
    return new ExtractError('wrong-format', 'the file is a Word 97–2003 document under a .docx name: rename it .doc');
  }
  return new ExtractError('wrong-format', 'the file is an OLE compound file (such as an Excel 97–2003 workbook), not a Word document (.docx)');
}

/** What a zip that is not a Word document holds, for the error message. */
function describeZip(names: readonly string[]): string {
  if (names.includes('xl/workbook.xml')) return 'an Excel workbook (.xlsx)';
  if (names.includes('ppt/presentation.xml')) return 'a PowerPoint presentation (.pptx)';
  if (names.includes('OFD.xml')) return 'an OFD document (.ofd)';
  if (names.includes('content.xml') && names.includes('mimetype')) return 'an OpenDocument file (.odt/.ods)';
  return 'a zip archive';
}

// ---------------------------------------------------------------------------------------------
// The document's own address: a URL in the document properties, where an editor or a publishing
// system put one (dc:identifier, dc:source, dc:relation, the hyperlink base, a custom property).

const PROPERTY_URL = /<(?:dc:identifier|dc:source|dc:relation|HyperlinkBase|vt:lpwstr)\b[^>]*>\s*(https?:\/\/[^<\s]+)\s*</;

async function sourceUrlOf(zip: BoundedZip): Promise<string | null> {
  for (const name of ['docProps/core.xml', 'docProps/app.xml', 'docProps/custom.xml']) {
    const xml = await zip.read(name);
    const url = xml === null ? undefined : PROPERTY_URL.exec(xml.toString('utf8'))?.[1];
    if (url !== undefined) return url.replace(/&amp;/g, '&');
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Warnings. Mammoth reports every style it has no mapping for; styles only change formatting, so
// those are dropped. What remains (ignored elements such as embedded objects, unreadable parts)
// can mean lost text and is kept, once each, at most MAX_WARNINGS.

const STYLE_WARNING = /^Unrecognised (?:paragraph|run|table|numbering) style/;
const MAX_WARNINGS = 10;

function meaningfulWarnings(messages: readonly string[]): string[] {
  const unique = [...new Set(messages.filter((m) => !STYLE_WARNING.test(m)))];
  if (unique.length <= MAX_WARNINGS) return unique;
  return [...unique.slice(0, MAX_WARNINGS), `… and ${unique.length - MAX_WARNINGS} more warnings from the Word reader`];
}
