// Hard line wraps as pdftotext leaves them: every line of a plain-text report — title, headings,
// paragraphs, signature — is cut when it passes the page width, wherever that falls in Chinese
// text (inside a word, inside a heading) and before a run of Latin letters or digits rather than
// inside it. Now and then a page ends: a page-number line such as '- 3 -', sometimes after a form
// feed. Table rows (pipe-separated) are left whole. Deterministic in the random stream given.
import type { Random } from './random.js';

export interface WrapOptions {
  /** Page width in characters: each report draws one width in [min, max]. */
  min: number;
  max: number;
}

/** Lines per page: a page-number line follows about this many lines. */
const PAGE_LINES = { min: 28, max: 44 };
// Latin letters and digits are not cut: a run shorter than the line moves to the next line whole.
const UNBREAKABLE = /[A-Za-z0-9.%]/;

/** "18-40" → { min: 18, max: 40 }; null when the text is not such a range. */
export function parseWrapOption(value: string): WrapOptions | null {
  const match = /^(\d{1,3})-(\d{1,3})$/.exec(value.trim());
  if (!match) return null;
  const [min, max] = [Number(match[1]), Number(match[2])];
  return min >= 4 && min <= max ? { min, max } : null;
}

export function hardWrap(text: string, random: Random, options: WrapOptions): string {
  const width = random.int(options.min, options.max);
  const pageNumbers = random.chance(0.7);
  const formFeeds = random.chance(0.3);
  const out: string[] = [];
  let page = 1;
  let nextPageEnd = random.int(PAGE_LINES.min, PAGE_LINES.max);
  // pdftotext starts each page after the first with a form feed.
  let pageStart = '';
  for (const line of text.split('\n')) {
    const pieces = line.trimStart().startsWith('|') ? [line] : cutLine(line, width);
    for (const piece of pieces) {
      out.push(pageStart + piece);
      pageStart = '';
      if (out.length < nextPageEnd) continue;
      if (pageNumbers) out.push(`- ${page} -`);
      if (formFeeds) pageStart = '\f';
      page++;
      nextPageEnd = out.length + random.int(PAGE_LINES.min, PAGE_LINES.max);
    }
  }
  return out.join('\n');
}

/** The line in pieces of at most `width` characters (a piece may be shorter: see UNBREAKABLE). */
function cutLine(line: string, width: number): string[] {
  const chars = Array.from(line);
  if (chars.length <= width) return [line];
  const pieces: string[] = [];
  let from = 0;
  while (chars.length - from > width) {
    let cut = from + width;
    let back = cut;
    while (back > from && UNBREAKABLE.test(chars[back - 1]!) && UNBREAKABLE.test(chars[back]!)) back--;
    if (back > from) cut = back;
    pieces.push(chars.slice(from, cut).join(''));
    from = cut;
  }
  pieces.push(chars.slice(from).join(''));
  return pieces;
}
