// DOC/WPS adapter: a Word 97–2003 (or Kingsoft WPS Writer) file's bytes → plain text, one paragraph
// or table row per line, cells joined by " | ". The only module that imports word-extractor.
//
// Order of decisions: what the bytes really are, whatever the extension says (government sites
// serve DOCX, web pages and RTF under .doc names): a DOCX goes to extractDocx, a web page to the
// decoder as HTML, RTF and MHT are refused with what to do; then, for an OLE file, its directory:
// a password-protected DOCX, a Word document flagged as encrypted, an Excel or PowerPoint file, or
// no Word stream at all are each named; only a readable Word stream reaches word-extractor.
//
// Tables: word-extractor ends every cell with a tab and the row with a newline or, in some files,
// with a second tab. Rows are rebuilt from that: a line that ends in a tab or holds two tabs in a
// row is table text; it breaks after "cell⇥⇥" unless the next cell is a bare number (an empty cell
// inside a row of figures looks the same, and breaking there would cut a row in two). Where the
// reader gives no row end at all, rows may stay joined; every cell's text is still there. A line
// of table text that does not end in a tab ends with the paragraph after the table (the last cell
// always ends with a tab): that paragraph, from the last row end on, is a line of its own, tabs
// and all ("四、⇥政府信息公开行政复议…" stays one heading).
//
// Outside the body: the text of text boxes, which word-extractor keeps apart, goes before the body
// when the body does not open with the report's title (a cover title in a text box), else after it;
// footnotes and endnotes go after it, as mammoth places them for a DOCX; page headers and footers
// are left out.
//
// Known gap: word-extractor drops Word's automatic numbering, so a heading whose "一、" is drawn by
// Word (a list or a numbered heading style) comes out without it and the report is one section.
// When the file has list definitions (the FIB's PlfLfo) and no line starts with a numeral, a
// warning says so: saving it as .docx keeps the numbers.
//
// Invariants: the text of every paragraph and cell comes out in document order; typographic
// quotes and dashes are kept as written (“政府信息公开” must stay searchable as written).
import WordExtractor from 'word-extractor';
import { decode, DecodeError } from '../decode.js';
import { extractDocx } from './docx.js';
import { readOleDirectory, type OleDirectory } from './ole.js';
import { sniff } from './sniff.js';
import { ExtractError, type ExtractedText } from './types.js';

/** Extracts a .doc or .wps file; throws ExtractError when it cannot. */
export async function extractDoc(bytes: Uint8Array, format: 'doc' | 'wps'): Promise<ExtractedText> {
  const seen = sniff(bytes);
  switch (seen.kind) {
    case 'ole':
      return extractOle(bytes, format);
    case 'zip': {
      const docx = await extractDocx(bytes);
      return { ...docx, warnings: [`the .${format} file is a DOCX (Word 2007+) document`, ...docx.warnings] };
    }
    case 'html':
      return webPage(bytes, format);
    case 'rtf':
      throw new ExtractError(
        'unsupported-format',
        `the .${format} file is an RTF document, which the indexer does not read: save it as .docx in Word or WPS`,
      );
    case 'mht':
      throw new ExtractError(
        'unsupported-format',
        `the .${format} file is ${seen.description}, which the indexer does not read: save it as .docx or .html`,
      );
    case 'pdf':
      throw new ExtractError('wrong-format', `the .${format} file is a PDF: rename it .pdf`);
    case 'text':
      throw new ExtractError('wrong-format', `the .${format} file is plain text: rename it .txt`);
    case 'empty':
      throw new ExtractError('malformed', `the .${format} file is empty`);
    case 'binary':
      throw new ExtractError('wrong-format', `the .${format} file is ${seen.description}, not a Word or WPS document`);
  }
}

// ---------------------------------------------------------------------------------------------
// OLE files

const FIB_IDENT = 0xa5ec;
/** FIB flags at offset 0x0A: fEncrypted. */
const FIB_ENCRYPTED = 0x0100;
const MINI_STREAM_CUTOFF = 4096;

async function extractOle(bytes: Uint8Array, format: 'doc' | 'wps'): Promise<ExtractedText> {
  const directory = readOleDirectory(bytes);
  if (directory === null) {
    throw new ExtractError(
      'malformed',
      `the .${format} file is damaged: its OLE header or directory cannot be read (a truncated or corrupt file); open and re-save it in Word or WPS`,
    );
  }
  const names = new Set(directory.entries.map((e) => e.name));
  if (names.has('EncryptedPackage'))
    throw new ExtractError('encrypted', `the .${format} file is a password-protected Word document: save an unprotected copy to index it`);
  if (names.has('Workbook') || names.has('Book'))
    throw new ExtractError('wrong-format', `the .${format} file is an Excel 97–2003 workbook, not a Word document`);
  if (names.has('PowerPoint Document'))
    throw new ExtractError('wrong-format', `the .${format} file is a PowerPoint 97–2003 presentation, not a Word document`);
  if (!names.has('WordDocument')) throw unreadable(format, 'it holds no Word document stream');
  if (isEncryptedWord(bytes, directory)) {
    throw new ExtractError('encrypted', `the .${format} file is password-protected: save an unprotected copy to index it`);
  }

  let document: WordExtractor.Document;
  try {
    document = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw unreadable(format, error instanceof Error ? error.message : String(error), error);
  }
  const body = rebuildTableRows(document.getBody({ filterUnicode: false }));
  const textBoxes = document.getTextboxes({ filterUnicode: false, includeHeadersAndFooters: false }).trim();
  const notes = [document.getFootnotes({ filterUnicode: false }), document.getEndnotes({ filterUnicode: false })]
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const opensWithTitle = REPORT_TITLE_WORD.test(body.slice(0, TITLE_SEARCH_CHARS));
  const text = [textBoxes !== '' && !opensWithTitle ? textBoxes : '', body, textBoxes !== '' && opensWithTitle ? textBoxes : '', ...notes]
    .filter((t) => t !== '')
    .join('\n');
  const warnings = hasListDefinitions(bytes, directory) && !NUMBERED_LINE.test(text) ? [AUTOMATIC_NUMBERING_WARNING] : [];
  return { format, text, isHtml: false, pages: null, sourceUrl: null, ocr: false, warnings };
}

/** The report's title names it; a body that names it near its start opens with the title. */
const REPORT_TITLE_WORD = /年度报告|年报|年度報告/;
const TITLE_SEARCH_CHARS = 300;
/** A line that starts with a top-level numeral, as headings do. */
const NUMBERED_LINE = /^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[ \t\u3000]*[、．.]|第[一二三四五六七八九十]{1,3}部分)/m;
const AUTOMATIC_NUMBERING_WARNING =
  'the document numbers its paragraphs automatically (Word list numbering), which the .doc reader drops: its headings (一、…) may not be found; save it as .docx to keep them';

/** A .wps this reader cannot open is a known gap (WPS has its own variants); a .doc is damaged. */
function unreadable(format: 'doc' | 'wps', reason: string, cause?: unknown): ExtractError {
  if (format === 'wps') {
    return new ExtractError('unsupported-format', `a WPS file this reader cannot open (${reason}); save it as .docx in WPS`, { cause });
  }
  return new ExtractError('malformed', `the Word document is damaged and cannot be read (${reason}); open and re-save it in Word or WPS`, {
    cause,
  });
}

/** The File Information Block at the start of the WordDocument stream says whether it is encrypted. */
function isEncryptedWord(bytes: Uint8Array, directory: OleDirectory): boolean {
  const stream = directory.entries.find((e) => e.name === 'WordDocument');
  if (stream === undefined || stream.size < MINI_STREAM_CUTOFF) return false;
  const at = directory.sectorOffset(stream.start);
  if (at + 0x0c > bytes.length) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint16(at, true) === FIB_IDENT && (view.getUint16(at + 0x0a, true) & FIB_ENCRYPTED) !== 0;
}

/** FibRgFcLcb97: fcPlfLfo at 0x2EA, lcbPlfLfo at 0x2EE (the list format overrides); nFib at 0x02. */
const FIB_LCB_PLF_LFO = 0x2ee;
const FIB_NFIB_WORD97 = 0x00c1;

/** Whether the document defines lists (automatic numbering): the FIB's PlfLfo is not empty. */
function hasListDefinitions(bytes: Uint8Array, directory: OleDirectory): boolean {
  const stream = directory.entries.find((e) => e.name === 'WordDocument');
  if (stream === undefined || stream.size < MINI_STREAM_CUTOFF) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = directory.sectorOffset(stream.start);
  if (at + 4 > bytes.length || view.getUint16(at, true) !== FIB_IDENT || view.getUint16(at + 2, true) < FIB_NFIB_WORD97) return false;
  let sector: number | null = stream.start;
  for (let i = 0; i < Math.floor(FIB_LCB_PLF_LFO / directory.sectorSize) && sector !== null; i++) sector = directory.nextSector(sector);
  if (sector === null) return false;
  const offset = directory.sectorOffset(sector) + (FIB_LCB_PLF_LFO % directory.sectorSize);
  return offset + 4 <= bytes.length && view.getUint32(offset, true) > 0;
}

// ---------------------------------------------------------------------------------------------
// A web page saved under a .doc name (Word's "save as web page", a CMS export): the HTML cleaner reads it.

function webPage(bytes: Uint8Array, format: 'doc' | 'wps'): ExtractedText {
  try {
    const decoded = decode(bytes, `report.${format}.html`);
    return {
      format,
      text: decoded.text,
      isHtml: true,
      pages: null,
      sourceUrl: null,
      ocr: false,
      warnings: [`the .${format} file is a web page (HTML)`, ...decoded.warnings],
    };
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    throw new ExtractError('malformed', `the .${format} file is a web page that cannot be decoded: ${error.message}`, { cause: error });
  }
}

// ---------------------------------------------------------------------------------------------
// Table rows

const BARE_NUMBER = /^[\d.,%-]+$/;

function rebuildTableRows(body: string): string {
  return body
    .split('\n')
    .flatMap((line) => (line.endsWith('\t') || line.includes('\t\t') ? tableLine(line) : [line]))
    .join('\n');
}

/** A line of table text → its rows, then the paragraph after the table when the line does not end in a tab. */
function tableLine(line: string): string[] {
  if (line.endsWith('\t')) return splitRows(line);
  const lastRowEnd = /\t{2,}(?!.*\t\t)/s.exec(line);
  if (lastRowEnd === null) return splitRows(line);
  const cut = lastRowEnd.index + lastRowEnd[0].length;
  return [...splitRows(line.slice(0, cut)), line.slice(cut)];
}

/** One line of table text → rows of cells joined by " | " (see the header for the rule). */
function splitRows(line: string): string[] {
  const cells = line.split('\t');
  if (cells[cells.length - 1] === '') cells.pop(); // the tab that ended the last cell
  const rows: string[] = [];
  let row: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    const previous = cells[i - 1];
    const next = cells[i + 1];
    const rowMark =
      cell === '' && previous !== undefined && previous !== '' && row.length > 0 && !(next !== undefined && BARE_NUMBER.test(next.trim()));
    if (rowMark) {
      rows.push(row.join(' | '));
      row = [];
    } else {
      row.push(cell);
    }
  }
  if (row.length > 0) rows.push(row.join(' | '));
  return rows;
}
