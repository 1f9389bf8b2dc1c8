// PDF adapter: a PDF file's bytes → the report's text, via pdfjs-dist (this file is the only one
// that imports it). Each page's text runs are placed (x, baseline y growing downward, font size)
// and handed to layoutPages, which rebuilds lines, tables and paragraphs.
//
// Order of decisions:
//   1. Open with everything that could reach outside switched off: no eval, no font faces, no
//      system fonts; CMaps and standard fonts come from the installed package's own folders.
//      A password → 'encrypted'; bytes pdfjs cannot parse → 'malformed'; more than MAX_PAGES
//      pages → 'too-large' before any page is read.
//   2. Every page's text content, placed in the frame where most of the page's text runs left to
//      right (so a landscape page drawn sideways, a page with /Rotate and an odd media box all read
//      upright), y measured down from the page's top. Runs in another direction or slanted
//      (stamps, diagonal watermarks, rotated table headers) are left out and counted in a warning.
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
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
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
const CMAP_DIR = `${join(PACKAGE_DIR, 'cmaps')}/`;
const STANDARD_FONT_DIR = `${join(PACKAGE_DIR, 'standard_fonts')}/`;

/** The text of a PDF file. Throws ExtractError when there is no usable text. */
export async function extractPdf(bytes: Uint8Array): Promise<ExtractedText> {
  // pdfjs takes ownership of (and detaches) the buffer it is given, so it gets a copy; a plain
  // Uint8Array, since it refuses a Node Buffer (whose slice() would also share the memory).
  const task = getDocument({
    data: new Uint8Array(bytes),
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
  const content = await page.getTextContent();
  const runs: Array<{ text: string; matrix: number[]; width: number }> = [];
  for (const item of content.items) {
    // A whitespace item of height 0 is a space pdfjs invented for a gap (at a tenth of an em, so
    // every gap of a letter-spaced or justified line): the layout stage judges gaps itself.
    if (!('str' in item) || item.str === '' || (item.height === 0 && item.str.trim() === '')) continue;
    runs.push({ text: item.str, matrix: item.transform as number[], width: item.width });
  }
  // Read the page in the direction most of its text runs, whatever /Rotate says: a landscape page
  // drawn sideways and turned by /Rotate, and a page whose /Rotate shows it sideways, both read.
  const turns = dominantTurns(runs.map((run) => ({ matrix: run.matrix, weight: run.text.length })));
  const angle = (turns * Math.PI) / 2;
  const cos = Math.round(Math.cos(angle));
  const sin = Math.round(Math.sin(angle));
  // User space (y up) turned back by the text's direction: (x, y) → (x cos + y sin, −x sin + y cos).
  const turn = (x: number, y: number): [number, number] => [x * cos + y * sin, -x * sin + y * cos];
  const [x0, y0, x1, y1] = page.view as [number, number, number, number];
  const corners = [turn(x0, y0), turn(x1, y1)];
  const left = Math.min(...corners.map((c) => c[0]));
  const top = Math.max(...corners.map((c) => c[1]));
  const width = Math.abs(corners[0]![0] - corners[1]![0]);
  const height = Math.abs(corners[0]![1] - corners[1]![1]);
  const items: PlacedText[] = [];
  let slanted = 0;
  for (const run of runs) {
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = run.matrix;
    const scale = Math.hypot(a, b);
    const size = Math.hypot(c, d);
    if (scale === 0 || size === 0 || turnsOf(a, b) !== turns || !isStraight(a, b, scale)) {
      if (run.text.trim() !== '') slanted++;
      continue;
    }
    const [x, y] = turn(e, f);
    items.push({ text: run.text, x: x - left, y: top - y, width: run.width, height: size });
  }
  return { page: { width, height, items }, slanted };
}

/** Quarter turns (0–3) of a run's direction (a, b) in user space, counter-clockwise. */
function turnsOf(a: number, b: number): number {
  return ((Math.round(Math.atan2(b, a) / (Math.PI / 2)) % 4) + 4) % 4;
}

function isStraight(a: number, b: number, scale: number): boolean {
  return Math.min(Math.abs(a), Math.abs(b)) / scale <= MAX_SLANT;
}

function dominantTurns(runs: ReadonlyArray<{ matrix: number[]; weight: number }>): number {
  const weights = [0, 0, 0, 0];
  for (const { matrix, weight } of runs) {
    const [a = 0, b = 0] = matrix;
    weights[turnsOf(a, b)]! += weight;
  }
  return weights.indexOf(Math.max(...weights));
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
    warnings.push(
      `${Math.round(share * 100)}% of the characters are unreadable (fonts without a Unicode map); some words will not be found`,
    );
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
