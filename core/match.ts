// Finding a phrase inside a text by the exact-search rule (units.ts). Used to verify candidates the
// index cannot certify, to place highlights at the exact positions in the original text, and by the
// evaluation as the independent truth.
import { toUnits, unitKey, unitKeyStarts, type Units } from './units.js';

/** An occurrence of a phrase, as offsets into the original (displayed) text. */
export interface Occurrence {
  start: number;
  end: number;
  /**
   * Set on the two pieces of one occurrence that runs from a section's heading into its text
   * (splitAtHeading): 'head' is its part in the heading, 'tail' its part in the text — the same
   * occurrence, highlighted in both places but counted once.
   */
  split?: 'head' | 'tail';
}

/**
 * What joins a section's heading to its text in the one stream the rule matches them as: a line
 * break, which is no unit, so a phrase cut by a hard-wrapped heading (…提起行政 / 诉讼的情况) or
 * running on from the heading into the text is found like any phrase inside a paragraph.
 */
export const HEADING_JOIN = '\n';

/** The one stream a section is matched as: heading, a line break, text. */
export function sectionStream(heading: string, text: string): string {
  return heading + HEADING_JOIN + text;
}

/** Occurrences in a section's stream, as offsets into the heading and into the text. */
export interface SectionOccurrences {
  heading: Occurrence[];
  text: Occurrence[];
}

/**
 * Occurrences found in sectionStream(heading, text), given back as offsets into the heading and
 * into the text, in stream order. One that crosses the join becomes a 'head' piece (to the end of
 * the heading) and a 'tail' piece (from the start of the text), the whitespace at the join left out.
 */
export function splitAtHeading(heading: string, text: string, occurrences: readonly Occurrence[]): SectionOccurrences {
  const textStart = heading.length + HEADING_JOIN.length;
  const headingEnd = heading.trimEnd().length;
  const textLead = text.length - text.trimStart().length;
  const split: SectionOccurrences = { heading: [], text: [] };
  for (const { start, end } of occurrences) {
    if (end <= heading.length) split.heading.push({ start, end });
    else if (start >= textStart) split.text.push({ start: start - textStart, end: end - textStart });
    else {
      split.heading.push({ start, end: Math.max(start, headingEnd), split: 'head' });
      split.text.push({ start: Math.min(textLead, end - textStart), end: end - textStart, split: 'tail' });
    }
  }
  return split;
}

/** A text prepared once for repeated phrase look-ups. */
export interface MatchableText {
  /** The text as given: proximity (proximity.ts) reads sentence and line ends from it. */
  text: string;
  units: Units;
  key: string;
  keyStarts: number[];
}

export function prepareText(text: string): MatchableText {
  const units = toUnits(text);
  return { text, units, key: unitKey(units), keyStarts: unitKeyStarts(units) };
}

/** Whether the text contains the phrase (the phrase given as its unit key). */
export function containsPhraseKey(text: MatchableText, phraseKey: string): boolean {
  return phraseKey.length > 0 && text.key.includes(phraseKey);
}

/**
 * Every occurrence of the phrase in the text, overlapping ones included (哈哈 occurs twice in 哈哈哈),
 * in order, as spans of the original text.
 */
export function findOccurrences(text: MatchableText, phraseKey: string): Occurrence[] {
  return findUnitSpans(text, phraseKey).map(({ first, last }) => ({ start: text.units.starts[first]!, end: text.units.ends[last]! }));
}

/** An occurrence as the indexes of its first and last unit: distances are counted in units. */
export interface UnitSpan {
  first: number;
  last: number;
}

/** Every occurrence of the phrase as unit indexes, in order (findOccurrences gives them as text offsets). */
export function findUnitSpans(text: MatchableText, phraseKey: string): UnitSpan[] {
  const spans: UnitSpan[] = [];
  if (phraseKey.length === 0) return spans;
  let from = 0;
  for (;;) {
    const at = text.key.indexOf(phraseKey, from);
    if (at < 0) break;
    const first = unitAt(text.keyStarts, at);
    // A hit that does not start on a unit boundary (inside a word's markers) cannot happen because
    // every unit key starts with a marker or a Han character; the check keeps that an invariant.
    if (text.keyStarts[first] === at) spans.push({ first, last: unitAt(text.keyStarts, at + phraseKey.length - 1) });
    from = at + 1;
  }
  return spans;
}

function unitAt(keyStarts: number[], position: number): number {
  let low = 0;
  let high = keyStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (keyStarts[mid]! <= position) low = mid;
    else high = mid - 1;
  }
  return low;
}
