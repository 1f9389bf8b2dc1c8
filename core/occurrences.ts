// Where a query's terms occur in a section, by the exact rule, and the concordance rows built from
// them. A section is matched as one stream, heading + "\n" + text (match.ts, sectionStream), so an
// occurrence may run from the heading into the text: it is highlighted in both (a 'head' and a
// 'tail' piece) and counted once. Pure; shared by the Meilisearch adapter and the test fake.
import { HEADING_JOIN, prepareText, sectionStream, splitAtHeading, type Occurrence, type SectionOccurrences } from './match.js';
import { termOccurrences } from './proximity.js';
import { parseQuery, type Term } from './query.js';
import { isUnitSafeCut, mayHoldAnnotations } from './units.js';
import type { OccurrenceRow, SectionHit } from './hits.js';

/**
 * Occurrences of any of the terms in a text, in text order (overlaps kept: highlighting merges them);
 * of a proximity clause, the occurrences of its phrases that take part (proximity.ts).
 */
export function occurrencesOf(text: string, terms: readonly Term[]): Occurrence[] {
  if (terms.length === 0 || text.length === 0) return [];
  const prepared = prepareText(text);
  return terms.flatMap((term) => termOccurrences(prepared, term)).sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Occurrences of any of the terms in a section's heading and text, matched as one stream. */
export function sectionOccurrencesOf(heading: string, text: string, terms: readonly Term[]): SectionOccurrences {
  if (terms.length === 0) return { heading: [], text: [] };
  return splitAtHeading(heading, text, occurrencesOf(sectionStream(heading, text), terms));
}

/**
 * How far past a hit's first text occurrence its text occurrences must be exact for a search hit: the
 * snippet (server/highlight.ts) shows a window that starts at most this far before the first one and
 * ends less than this far after it (or at its end).
 */
export const SNIPPET_REACH = 200;

// The first prefix of a text read for a hit's snippet, and the factor it grows by when that is too short.
const FIRST_PREFIX = 512;
const PREFIX_GROWTH = 4;

/**
 * Occurrences of the terms for a search hit: every one in the heading, and in the text at least every
 * one that starts less than `reach` after the first text occurrence (those are what a snippet shows).
 * The stream is matched up to a cut between two ideographs (the units before it are the whole text's),
 * grown until at least the longest term's units lie between the reach and the cut, so no occurrence
 * starting before the reach is missed; a proximity clause or a text that may hold pinyin annotations is
 * matched whole. Costs a prefix instead of the whole text of a long section.
 */
export function snippetOccurrencesOf(
  heading: string,
  text: string,
  terms: readonly Term[],
  { reach = SNIPPET_REACH, firstPrefix = FIRST_PREFIX }: { reach?: number; firstPrefix?: number } = {},
): SectionOccurrences {
  if (terms.length === 0) return { heading: [], text: [] };
  if (text.length <= firstPrefix) return sectionOccurrencesOf(heading, text, terms);
  const longest = Math.max(...terms.map((term) => (term.near || term.key.length === 0 ? Number.POSITIVE_INFINITY : term.codes.length)));
  const stream = sectionStream(heading, text);
  if (!Number.isFinite(longest) || mayHoldAnnotations(stream)) return sectionOccurrencesOf(heading, text, terms);
  const textStart = heading.length + HEADING_JOIN.length;
  for (let cut = safeCutFrom(text, firstPrefix); cut < text.length; cut = safeCutFrom(text, cut * PREFIX_GROWTH)) {
    const prepared = prepareText(stream.slice(0, textStart + cut));
    const found = splitAtHeading(
      heading,
      text,
      terms.flatMap((term) => termOccurrences(prepared, term)).sort((a, b) => a.start - b.start || b.end - a.end),
    );
    if (found.text.length === 0) continue;
    const horizon = textStart + Math.min(...found.text.map((o) => o.start)) + reach;
    const unitsPastHorizon = prepared.units.starts.length - prepared.units.starts.findIndex((start) => start >= horizon);
    if (prepared.units.starts.some((start) => start >= horizon) && unitsPastHorizon >= longest) return found;
  }
  return sectionOccurrencesOf(heading, text, terms);
}

/** The first offset at or after `from` where the text can be cut without changing its units; past the end if none. */
function safeCutFrom(text: string, from: number): number {
  for (let offset = from; offset < text.length; offset++) if (isUnitSafeCut(text, offset)) return offset;
  return text.length;
}

/** Every occurrence of a query's positive terms in a section: what the report page marks. Throws QueryError. */
export function queryOccurrences(q: string, section: { heading: string; text: string }): SectionOccurrences {
  return sectionOccurrencesOf(section.heading, section.text, parseQuery(q).positiveTerms);
}

/**
 * A section's occurrences in the order they are numbered everywhere (the report page's anchors, the
 * KWIC row's index, the permalink): heading ones first, then text ones; one that runs from the
 * heading into the text is counted once, as its heading piece.
 */
export function numberedOccurrences(found: SectionOccurrences): Array<{ field: 'heading' | 'text'; occurrence: Occurrence }> {
  return [
    ...found.heading.map((occurrence) => ({ field: 'heading' as const, occurrence })),
    ...found.text.filter((o) => o.split !== 'tail').map((occurrence) => ({ field: 'text' as const, occurrence })),
  ];
}

/**
 * One concordance row per occurrence of a hit, numbered in stream order (the order of the report
 * page's anchors). Contexts count characters (code points). An occurrence that runs from the heading
 * into the text is a 'heading' row whose offsets, match and right context are read from
 * heading + "\n" + text.
 */
export function occurrenceRows(hit: SectionHit, context: number): OccurrenceRow[] {
  const { text: _text, headingOccurrences, textOccurrences, ...summary } = hit;
  const rows: OccurrenceRow[] = [];
  const stream = sectionStream(hit.heading, hit.text);
  // splitAtHeading writes heads and tails in the same order: the k-th head goes with the k-th tail.
  const tails = textOccurrences.filter((o) => o.split === 'tail');
  let crossing = 0;
  const located = numberedOccurrences({ heading: headingOccurrences, text: textOccurrences }).map(({ field, occurrence: o }) => {
    if (field === 'text') return { field, source: hit.text, start: o.start, end: o.end };
    if (o.split !== 'head') return { field, source: hit.heading, start: o.start, end: o.end };
    const end = hit.heading.length + HEADING_JOIN.length + (tails[crossing++]?.end ?? 0);
    return { field, source: stream, start: o.start, end };
  });
  for (const [index, o] of located.entries()) {
    rows.push({
      hit: summary,
      field: o.field,
      index,
      left: lastChars(o.source.slice(Math.max(0, o.start - 2 * context), o.start), context),
      match: o.source.slice(o.start, o.end),
      right: Array.from(o.source.slice(o.end, o.end + 2 * context))
        .slice(0, context)
        .join(''),
      start: o.start,
      end: o.end,
    });
  }
  return rows;
}

function lastChars(text: string, count: number): string {
  const chars = Array.from(text);
  return chars.slice(Math.max(0, chars.length - count)).join('');
}

/** The concordance rows of a stream of hits, in stream order, each hit's rows numbered as above. */
export async function* occurrenceRowStream(hits: AsyncIterable<SectionHit>, context: number): AsyncIterable<OccurrenceRow> {
  for await (const hit of hits) yield* occurrenceRows(hit, context);
}
