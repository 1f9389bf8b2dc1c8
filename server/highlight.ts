// The one place HTML is built from text: every `…Html` field a template renders unescaped comes
// from here. Escape first, then mark: offsets refer to the original text, so the text is cut at the
// occurrence boundaries, each piece is escaped on its own, and only then are <mark> tags put around
// the pieces. Nothing from the text can ever open a tag.
import type { Occurrence } from '../core/match.js';
import { isLowSurrogate } from '../core/units.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** Where an occurrence sits in the report page's sequence, for its anchor and prev/next links. */
export interface OccurrenceAnchor {
  id: string;
  /** 1-based position in the report, and the report's total, for the link titles. */
  position: number;
  total: number;
  previousId: string | null;
  nextId: string | null;
}

export interface MarkedOccurrence extends Occurrence {
  anchor?: OccurrenceAnchor;
}

/**
 * The text as HTML with every occurrence inside <mark>. Overlapping occurrences (哈哈 twice in 哈哈哈)
 * are covered without gaps; a new <mark> starts wherever an occurrence starts so each can carry its
 * own anchor. Offsets are UTF-16 offsets into `text` (as the search layer reports them).
 */
export function highlightHtml(
  text: string,
  occurrences: readonly MarkedOccurrence[],
  display: (piece: string) => string = (piece) => piece,
): string {
  const spans = occurrences
    .map((o) => ({ ...o, start: clamp(o.start, text.length), end: clamp(o.end, text.length) }))
    .filter((o) => o.start < o.end)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  if (spans.length === 0) return escapeHtml(display(text));

  const cuts = new Set<number>([0, text.length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const boundaries = [...cuts].sort((a, b) => a - b);

  let html = '';
  let openMark = false;
  // Navigation links wait until the run of marked text ends, so they never split a match.
  let pendingNavigation = '';
  let next = 0; // index into spans of the next occurrence to start
  let active: MarkedOccurrence[] = [];

  const closeMark = (): void => {
    if (openMark) html += '</mark>';
    openMark = false;
  };
  const endRun = (): void => {
    closeMark();
    html += pendingNavigation;
    pendingNavigation = '';
  };

  for (let i = 0; i + 1 < boundaries.length; i++) {
    const from = boundaries[i]!;
    const to = boundaries[i + 1]!;
    active = active.filter((span) => span.end > from);
    const starting: MarkedOccurrence[] = [];
    while (next < spans.length && spans[next]!.start === from) starting.push(spans[next++]!);
    active.push(...starting);
    const piece = escapeHtml(display(text.slice(from, to)));
    if (active.length === 0) {
      endRun();
      html += piece;
      continue;
    }
    if (starting.length > 0 || !openMark) {
      closeMark();
      const anchors = starting.flatMap((span) => (span.anchor ? [span.anchor] : []));
      const [first, ...others] = anchors;
      // Two occurrences starting at one place (保密 and 保密审查) share the mark; the second anchor
      // is an empty element so that both ids exist.
      html += others.map((anchor) => `<span class="occ-anchor" id="${escapeHtml(anchor.id)}"></span>`).join('');
      html += first ? `<mark id="${escapeHtml(first.id)}">` : '<mark>';
      pendingNavigation += anchors.map(navigationHtml).join('');
      openMark = true;
    }
    html += piece;
  }
  endRun();
  return html;
}

/**
 * A section heading as HTML, highlighted, on one line: a heading cut by a hard wrap keeps its line
 * break in the index (sections are slices of the text), and the page shows it joined.
 */
export function headingHtml(heading: string, occurrences: readonly MarkedOccurrence[]): string {
  return highlightHtml(heading, occurrences, unwrapLines);
}

/**
 * The text without its line breaks (and the spaces around them), for one-line display; a space
 * stays where the break separated two Latin words or numbers.
 */
export function unwrapLines(text: string): string {
  return text.replace(/[ \t\u3000]*(?:\r\n|\r|\n)\s*/g, (breakRun: string, offset: number) =>
    /[A-Za-z0-9]/.test(text[offset - 1] ?? '') && /[A-Za-z0-9]/.test(text[offset + breakRun.length] ?? '') ? ' ' : '',
  );
}

function navigationHtml(anchor: OccurrenceAnchor): string {
  const link = (targetId: string | null, label: string, symbol: string): string =>
    targetId === null ? '' : `<a class="occ-link" href="#${escapeHtml(targetId)}" title="${label}" aria-label="${label}">${symbol}</a>`;
  const links = link(anchor.previousId, '上一处', '‹') + link(anchor.nextId, '下一处', '›');
  return `<sup class="occ-nav">${anchor.position}/${anchor.total}${links}</sup>`;
}

function clamp(offset: number, length: number): number {
  return Math.max(0, Math.min(length, Math.trunc(offset)));
}

export interface SnippetOptions {
  /** Characters kept before the first occurrence. */
  before: number;
  /** Total length of the window. */
  width: number;
}

const DEFAULT_SNIPPET: SnippetOptions = { before: 40, width: 160 };

/**
 * A window of the text around its first occurrence, highlighted, on one line, with an ellipsis where
 * the text was cut. Without occurrences (a match in the heading only, or no query) it is the text's start.
 */
export function snippetHtml(text: string, occurrences: readonly Occurrence[], options: SnippetOptions = DEFAULT_SNIPPET): string {
  const first = occurrences.reduce<Occurrence | null>((best, o) => (best === null || o.start < best.start ? o : best), null);
  let from = first ? Math.max(0, first.start - options.before) : 0;
  let to = Math.min(text.length, from + options.width);
  if (first && to < first.end) to = Math.min(text.length, first.end);
  // Never cut a surrogate pair in two.
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  const inside = occurrences
    .filter((o) => o.end > from && o.start < to)
    .map((o) => ({ start: Math.max(o.start, from) - from, end: Math.min(o.end, to) - from }));
  const lead = from > 0 ? '…' : '';
  const tail = to < text.length ? '…' : '';
  // A snippet is one run of text: a hard wrap between two Chinese characters (北京路步⏎行街) is no
  // space, and a phrase cut by one (保密⏎审查) is one mark.
  return lead + highlightHtml(text.slice(from, to), inside, unwrapLines) + tail;
}
