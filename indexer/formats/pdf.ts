// PDF adapter: a PDF file's bytes → the report's text, via pdfjs-dist (this file is the only one
// that imports it). Each page's text runs are placed (x, baseline y growing downward, font size)
// and handed to layoutPages, which rebuilds lines, tables and paragraphs.
//
// Order of decisions:
//   1. Open with everything that could reach outside switched off: no eval, no font faces, no
//      system fonts; CMaps and standard fonts come from the installed package's own folders.
//      A password → 'encrypted'; bytes pdfjs cannot parse → 'malformed'; more than MAX_PAGES
//      pages → 'too-large' before any page is read.
//   2. Every page's text content, placed through the page's viewport, so a page with /Rotate or
//      an odd media box reads upright. Runs that are not horizontal in the upright page (stamps,
//      vertical watermarks, rotated table headers) are left out and counted in a warning.
//   3. No text, or too little (fewer than MIN_CHARS_PER_PAGE letters per page): a scanned
//      document → 'no-text-layer', saying how many pages it has.
//   4. Text whose letters are mostly private-use or replacement characters comes from fonts
//      without a Unicode map (CID fonts lacking /ToUnicode): the text cannot be searched, and OCR
//      is the remedy as for a scan → 'no-text-layer' with that reason. A smaller share of such
//      characters is only a warning.
//   5. sourceUrl: the first http(s) address in the XMP dc:source, then the info dictionary's
//      Subject, Keywords and other fields (custom ones included); null when there is none.
//
// The document is always destroyed, whatever happens. Work is bounded by MAX_PAGES and MAX_CHARS.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { layoutPages } from './layout.js';
import { ExtractError, type ExtractedText, type PlacedPage, type PlacedText } from './types.js';

/** More pages than this is no annual report (they run 3–60 pages). */
const MAX_PAGES = 2000;
/** More extracted characters than this is beyond any report. */
const MAX_CHARS = 20_000_000;
/** Letters per page below this, on average: the pages are images. */
const MIN_CHARS_PER_PAGE = 20;
/** Share of unreadable characters above which the text layer is useless. */
const MAX_UNREADABLE_SHARE = 0.3;
/** Share of unreadable characters above which a warning is given. */
const WARN_UNREADABLE_SHARE = 0.02;
/** A run whose direction leans more than this (sine of the angle) is not horizontal. */
const MAX_SLANT = 0.2;

const PACKAGE_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const CMAP_DIR = join(PACKAGE_DIR, 'cmaps') + '/';
const STANDARD_FONT_DIR = join(PACKAGE_DIR, 'standard_fonts') + '/';

/** The text of a PDF file. Throws ExtractError when there is no usable text. */
export async function extractPdf(bytes: Uint8Array): Promise<ExtractedText> {
  // pdfjs takes ownership of (and detaches) the buffer it is given, so it gets a copy.
  const task = getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_DIR,
    verbosity: 0,
    stopAtErrors: false,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw openError(error);
  }
  try {
    return await readDocument(doc);
  } catch (error) {
    if (error instanceof ExtractError) throw error;
    throw new ExtractError('malformed', `the PDF is damaged (${messageOf(error)}); re-download it`, { cause: error });
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

function openError(error: unknown): ExtractError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return new ExtractError('encrypted', 'the PDF is password-protected; save an unprotected copy and index that', { cause: error });
  }
  return new ExtractError('malformed', `the PDF is damaged or truncated (${messageOf(error)}); re-download it`, { cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readDocument(doc: PDFDocumentProxy): Promise<ExtractedText> {
  const pageCount = doc.numPages;
  if (pageCount > MAX_PAGES) {
    throw new ExtractError('too-large', `the PDF has ${pageCount} pages, more than the ${MAX_PAGES} a report can have`);
  }
  const warnings: string[] = [];
  const pages: PlacedPage[] = [];
  let chars = 0;
  let slanted = 0;
  for (let number = 1; number <= pageCount; number++) {
    const page = await doc.getPage(number);
    try {
      const placed = await placePage(page);
      pages.push(placed.page);
      slanted += placed.slanted;
      chars += placed.page.items.reduce((sum, item) => sum + item.text.length, 0);
    } finally {
      page.cleanup();
    }
    if (chars > MAX_CHARS) throw new ExtractError('too-large', `the PDF's text exceeds ${MAX_CHARS} characters by page ${number}`);
  }
  if (slanted > 0) warnings.push(`${slanted} text runs that are not horizontal (stamps, watermarks, rotated labels) were left out`);
  checkTextLayer(pages, warnings);
  const text = layoutPages(pages);
  return { format: 'pdf', text, isHtml: false, pages: pageCount, sourceUrl: await sourceUrlOf(doc), ocr: false, warnings };
}

async function placePage(page: PDFPageProxy): Promise<{ page: PlacedPage; slanted: number }> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: PlacedText[] = [];
  let slanted = 0;
  for (const item of content.items) {
    if (!('str' in item) || item.str === '') continue;
    // The run's matrix in the upright page: [a b c d e f], (e, f) the baseline start, y downward.
    const [a, b, c, d, e, f] = Util.transform(viewport.transform, item.transform) as number[];
    const scaleX = Math.hypot(a!, b!);
    const size = Math.hypot(c!, d!);
    if (scaleX === 0 || size === 0 || Math.abs(b!) / scaleX > MAX_SLANT || a! < 0) {
      if (item.str.trim() !== '') slanted++;
      continue;
    }
    // item.width is in the page's unrotated user space, which a 90° rotation keeps as a length.
    items.push({ text: item.str, x: e!, y: f!, width: item.width, height: size });
  }
  return { page: { width: viewport.width, height: viewport.height, items }, slanted };
}

const LETTER = /[\p{L}\p{N}]/u;
const UNREADABLE = /[\ue000-\uf8ff\ufffd\u0000-\u0008\u000e-\u001f]/u;

function checkTextLayer(pages: readonly PlacedPage[], warnings: string[]): void {
  let letters = 0;
  let unreadable = 0;
  for (const page of pages) {
    for (const item of page.items) {
      for (const ch of item.text) {
        if (UNREADABLE.test(ch)) unreadable++;
        else if (LETTER.test(ch)) letters++;
      }
    }
  }
  const count = pages.length;
  const pagesWord = count === 1 ? 'page' : 'pages';
  if (letters + unreadable < MIN_CHARS_PER_PAGE * Math.max(count, 1)) {
    throw new ExtractError(
      'no-text-layer',
      `a scanned PDF: ${count} ${pagesWord} of images and no text layer; run with --ocr or convert it with OCR first`,
    );
  }
  const share = unreadable / (letters + unreadable);
  if (share > MAX_UNREADABLE_SHARE) {
    throw new ExtractError(
      'no-text-layer',
      `the PDF's ${count} ${pagesWord} have text in fonts without a Unicode map (${Math.round(share * 100)}% of characters unreadable); run with --ocr or convert it with OCR first`,
    );
  }
  if (share > WARN_UNREADABLE_SHARE) {
    warnings.push(`${Math.round(share * 100)}% of the characters are unreadable (fonts without a Unicode map); some words will not be found`);
  }
}

const URL_PATTERN = /https?:\/\/[^\s"'<>()（）\]，。；]+/i;

async function sourceUrlOf(doc: PDFDocumentProxy): Promise<string | null> {
  let metadata: Awaited<ReturnType<PDFDocumentProxy['getMetadata']>>;
  try {
    metadata = await doc.getMetadata();
  } catch {
    return null;
  }
  const info = (metadata.info ?? {}) as Record<string, unknown>;
  const xmp = metadata.metadata;
  const candidates: unknown[] = [xmp?.get('dc:source'), info['Subject'], info['Keywords'], info];
  for (const candidate of candidates) {
    const found = URL_PATTERN.exec(flatten(candidate));
    if (found) return found[0];
  }
  const all = xmp ? flatten(xmp.getAll()) : '';
  return URL_PATTERN.exec(all)?.[0] ?? null;
}

/** Every string inside a metadata value, one per line. */
function flatten(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || depth > 4) return '';
  const parts = Array.isArray(value) ? value : value instanceof Map ? [...value.values()] : Object.values(value);
  return parts.map((part) => flatten(part, depth + 1)).join('\n');
}
