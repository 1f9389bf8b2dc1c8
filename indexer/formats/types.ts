// What every format adapter gives back, and how it fails. An adapter owns one outside library and
// turns a file's bytes into the text the clean stage already reads: plain text with one paragraph
// or table row per line (cells joined by " | "), or an HTML page (DOCX goes through HTML so its
// tables survive). clean → metadata → sections then work unchanged for every format.
import type { ReportFormat, SourceEncoding } from '../../core/report.js';

/** Text extracted from one file, before cleaning. */
export interface ExtractedText {
  format: ReportFormat;
  text: string;
  /** True when `text` is an HTML page (the HTML cleaner reads it). */
  isHtml: boolean;
  /** Pages in the file (PDF, OFD); null for flowing formats. */
  pages: number | null;
  /** The original address of the document when the file itself states it (PDF metadata, HTML canonical link). */
  sourceUrl: string | null;
  /** True when the text came from OCR of page images (a scanned PDF read with --ocr). */
  ocr: boolean;
  /** Problems that did not stop extraction. */
  warnings: string[];
}

/** A file's text with how it was read. */
export interface SourceText extends ExtractedText {
  /** The byte encoding of a text file; null for the binary formats. */
  encoding: SourceEncoding | null;
}

/** Why a file's text could not be extracted; each is a row of the run's summary. */
export type ExtractErrorCode =
  | 'no-text-layer' // a scanned PDF/OFD: pages are images
  | 'encrypted' // password-protected
  | 'malformed' // truncated or corrupt file of a known format
  | 'wrong-format' // the bytes are not what the extension says (a .docx that is not a Word document)
  | 'unsupported-format' // a format the indexer does not read (.xls, .zip, images, …)
  | 'too-large' // decompressed or page content beyond the bounds (zip bomb, huge page)
  | 'timeout'; // took longer than the per-file limit

/** A file whose text could not be extracted; `message` says what a person can do about it. */
export class ExtractError extends Error {
  override readonly name = 'ExtractError';
  constructor(
    readonly code: ExtractErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A run of text placed on a page (PDF text item, OFD TextObject). Coordinates in points, y grows downward. */
export interface PlacedText {
  text: string;
  /** Left edge. */
  x: number;
  /** Baseline (or top; one convention per page) — lines are grouped by it. */
  y: number;
  /** Advance width of the whole run; 0 when unknown. */
  width: number;
  /** Font size (glyph height). */
  height: number;
  /** Runs with the same source were written as one piece of text (an OFD TextObject drawn one
   *  TextCode per glyph): the space between them is the writer's letter spacing, never a word
   *  space. Absent: the run stands alone. */
  source?: number;
}

/** One page of a fixed-layout document: its size and its text runs in any order. */
export interface PlacedPage {
  width: number;
  height: number;
  items: PlacedText[];
}
