// DOCX adapter: a Word 2007+ document's bytes → an HTML page for the HTML cleaner. The only module
// that imports mammoth. HTML and not raw text, because mammoth's raw text loses the tables, and the
// 2019+ reports keep their statistics in tables; clean renders each <tr> as cells joined by " | ".
//
// Order of decisions: what the bytes are (a zip; an OLE file, which is how Office stores a
// password-protected DOCX; anything else is the wrong format, named); then the zip bounds, on the
// central directory alone, before anything is inflated; then that it is a Word document
// (word/document.xml); then every entry's true size (mammoth inflates with its own zip reader,
// which would believe a lying directory); then Word's automatic numbering written back into
// word/document.xml (docxNumbering.ts: mammoth drops the "一、" that Word draws in front of a
// numbered heading) and the generated table of contents (目录) taken out (docxContents.ts: its
// entries would each be taken for a heading); only then mammoth, reading the parts through the bounded zip; last, the
// footnote and endnote marks mammoth puts into the text ("[1]" in the sentence, "↑" after the note)
// are taken out: the notes themselves stay, at the end, where mammoth puts them.
//
// Page headers and footers (running titles, page numbers) are never read: mammoth does not read
// those parts. Text boxes are read where they are anchored (mammoth reads the mc:Fallback copy).
//
// Invariants: never inflates more than ZIP_LIMITS allows; images are never read (they would become
// megabytes of data URIs in the HTML); linked external files are never opened; every failure is an
// ExtractError whose message says what the file seems to be.
import mammoth from 'mammoth';
import { withoutTableOfContents } from './docxContents.js';
import { labelNumberedParagraphs } from './docxNumbering.js';
import { readOleDirectory } from './ole.js';
import { sniff, type SniffedKind } from './sniff.js';
import { ExtractError, type ExtractedText } from './types.js';
import { openBoundedZip, type BoundedZip } from './zipBounds.js';

/** Extracts a DOCX as HTML; throws ExtractError when it cannot. */
export async function extractDocx(bytes: Uint8Array): Promise<ExtractedText> {
  const seen = sniff(bytes);
  if (seen.kind === 'ole') throw oleAsDocx(bytes);
  if (seen.kind !== 'zip')
    throw new ExtractError('wrong-format', `the file is ${seen.description}, not a Word document (.docx)${renameHint(seen.kind)}`);

  const zip = await openBoundedZip(bytes, 'DOCX');
  if (!zip.names.includes('word/document.xml')) {
    throw new ExtractError(
      'wrong-format',
      `the file is ${describeZip(zip.names)}, not a Word document (.docx): it has no word/document.xml`,
    );
  }
  await zip.verifySizes();

  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    const original = await readText(zip, 'word/document.xml');
    const numbered = labelNumberedParagraphs(withoutTableOfContents(original), {
      numbering: await readTextOrNull(zip, 'word/numbering.xml'),
      styles: await readTextOrNull(zip, 'word/styles.xml'),
    });
    const file = mammothFile(zip, numbered.xml === original ? new Map() : new Map([['word/document.xml', numbered.xml]]));
    result = await mammoth.convertToHtml(
      // mammoth's input may be an opened zip ({ file }), which its types do not declare.
      { file } as unknown as { buffer: Buffer },
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })), externalFileAccess: false },
    );
  } catch (error) {
    if (error instanceof ExtractError) throw error; // from the bounded zip: encrypted, too large, damaged
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExtractError('malformed', `the Word document is damaged and cannot be read (${reason}); open and re-save it in Word or WPS`, {
      cause: error,
    });
  }
  return {
    format: 'docx',
    text: withoutNoteMarks(result.value),
    isHtml: true,
    pages: null,
    sourceUrl: await sourceUrlOf(zip),
    ocr: false,
    warnings: meaningfulWarnings(result.messages.map((m) => m.message)),
  };
}

/**
 * The bounded zip as mammoth's zip object (its `file` input): parts are inflated by our reader,
 * within ZIP_LIMITS, and `replaced` parts are read from memory.
 */
function mammothFile(zip: BoundedZip, replaced: ReadonlyMap<string, string>): MammothZip {
  const names = new Set(zip.names);
  return {
    exists: (name) => replaced.has(name) || names.has(name),
    read: async (name, encoding) => {
      const text = replaced.get(name);
      const bytes = text === undefined ? await zip.read(name) : Buffer.from(text, 'utf8');
      if (bytes === null) throw new Error(`the document has no part ${name}`);
      if (encoding === undefined) return bytes;
      if (encoding === 'base64') return bytes.toString('base64');
      return new TextDecoder(encoding).decode(bytes);
    },
    write: () => undefined,
    toArrayBuffer: () => Promise.reject(new Error('the document is read only')),
  };
}

/** What mammoth reads a DOCX through (lib/zipfile.js). */
interface MammothZip {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<Buffer | string>;
  write(name: string, contents: string): void;
  toArrayBuffer(): Promise<ArrayBuffer>;
}

async function readText(zip: BoundedZip, name: string): Promise<string> {
  return (await readTextOrNull(zip, name)) ?? '';
}

async function readTextOrNull(zip: BoundedZip, name: string): Promise<string | null> {
  const bytes = await zip.read(name);
  return bytes === null ? null : bytes.toString('utf8');
}

// mammoth's note marks: '<sup><a href="#footnote-2" id="footnote-ref-2">[1]</a></sup>' in the
// sentence (which would cut "信息处理费。" in two for search) and ' <a href="#footnote-ref-2">↑</a>'
// after the note.
const NOTE_REFERENCE = /<sup><a href="#(?:footnote|endnote)-[^"]*" id="(?:footnote|endnote)-ref-[^"]*">\[\d+\]<\/a><\/sup>/g;
const NOTE_BACK_LINK = /\s*<a href="#(?:footnote|endnote)-ref-[^"]*">↑<\/a>/g;

function withoutNoteMarks(html: string): string {
  return html.includes('note-ref-') ? html.replace(NOTE_REFERENCE, '').replace(NOTE_BACK_LINK, '') : html;
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
  return new ExtractError(
    'wrong-format',
    'the file is an OLE compound file (such as an Excel 97–2003 workbook), not a Word document (.docx)',
  );
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
