// The exact-search rule, in code. Text and query are both turned into a sequence of units:
//   - each Han character is a unit (after radicals → ideographs, NFKC and traditional→simplified,
//     character by character);
//   - each run of letters/digits is a unit (NFKC, lower-cased);
//   - whitespace is no unit, so a line break between 保密 and 审查 does not separate them;
//   - each run of punctuation/symbols (whitespace inside the run ignored) is one break unit, and all
//     break units are equal: a query's punctuation matches any punctuation.
// A phrase matches where its units occur contiguously. Conversion is per character, never per phrase,
// so a query is converted exactly as the same characters inside a report are: context-dependent
// conversion would make a query differ from its own occurrence in the text.
import { toSimplified } from './simplify.js';
import { PINYIN_ANNOTATION } from './pinyin.js';
import { unifyRadicals } from './radicals.js';

export const UnitKind = { Han: 0, Word: 1, Break: 2 } as const;
export type UnitKind = (typeof UnitKind)[keyof typeof UnitKind];

/** A text as units, with each unit's span in the original string (UTF-16 offsets). */
export interface Units {
  kinds: UnitKind[];
  /** Normalised value: the simplified Han character, the lower-cased word, '' for a break. */
  values: string[];
  starts: number[];
  ends: number[];
}

interface CharClass {
  kind: UnitKind | 'space';
  value: string;
}

const HAN = /^\p{Script=Han}$/u;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const SPACE = /^\s$/u;
// Private-use and unassigned code points above this are never letters we index (see grams.ts).
const MAX_INDEXED_CODE_POINT = 279_840;
// A cheap test that rules out pinyin annotations for most texts before the full pattern runs.
const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜḿńňǹ]/;

// A word run closed by whitespace: the next letter starts a new word. Marked with an out-of-range
// kind while scanning and restored at the end, so Units never exposes it.
const WORD_CLOSED = 9 as unknown as UnitKind;

// Classifying a code point costs an NFKC, an OpenCC lookup and a few regexes; reports use a few
// thousand distinct characters, so a cache makes normalisation a table lookup per character: an
// array indexed by UTF-16 code unit for the Basic Multilingual Plane, a Map for the rest.
const classCache = new Map<string, CharClass[]>();
const bmpClassCache: Array<CharClass[] | undefined> = new Array(0x10000);

function classify(char: string): CharClass[] {
  const cached = classCache.get(char);
  if (cached) return cached;
  const result: CharClass[] = [];
  // A radical code point (⼈, ⺠) is the ideograph it is drawn as: fonts and PDFs name either.
  for (const piece of unifyRadicals(char).normalize('NFKC')) {
    if (SPACE.test(piece)) {
      result.push({ kind: 'space', value: '' });
    } else if (HAN.test(piece)) {
      result.push({ kind: UnitKind.Han, value: toSimplified(piece) });
    } else if (WORD_CHAR.test(piece) && piece.codePointAt(0)! <= MAX_INDEXED_CODE_POINT) {
      result.push({ kind: UnitKind.Word, value: piece.toLowerCase() });
    } else {
      result.push({ kind: UnitKind.Break, value: '' });
    }
  }
  if (classCache.size < 200_000) classCache.set(char, result);
  return result;
}

/** Whether the text may hold a pinyin annotation (which toUnits skips): else no annotation is looked for. */
export function mayHoldAnnotations(text: string): boolean {
  return (text.includes('(') || text.includes('（')) && TONE_MARK.test(text);
}

/**
 * Whether cutting a text at `offset` leaves the units before it as they are in the whole text: both
 * characters around the cut are common ideographs (U+4E00–U+9FFF: one unit each, NFKC-stable, never
 * part of a word or break run). Pinyin annotations aside (mayHoldAnnotations).
 */
export function isUnitSafeCut(text: string, offset: number): boolean {
  const isIdeograph = (code: number) => code >= 0x4e00 && code <= 0x9fff;
  return offset > 0 && offset < text.length && isIdeograph(text.charCodeAt(offset - 1)) && isIdeograph(text.charCodeAt(offset));
}

/** Spans of pinyin annotations (the bracketed syllable, not the character before it). */
function annotationSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!mayHoldAnnotations(text)) return spans;
  for (const match of text.matchAll(PINYIN_ANNOTATION)) {
    const start = match.index + match[1]!.length;
    spans.push([start, match.index + match[0].length]);
  }
  return spans;
}

/** The second half of a surrogate pair (a character outside the Basic Multilingual Plane). */
export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Splits a text into units following the exact-search rule. */
export function toUnits(text: string): Units {
  const units: Units = { kinds: [], values: [], starts: [], ends: [] };
  const skips = annotationSpans(text);
  let skipIndex = 0;
  for (let offset = 0; offset < text.length; ) {
    const start = offset;
    const code = text.charCodeAt(offset);
    let pieces: CharClass[];
    if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(offset + 1))) {
      pieces = classify(text.slice(offset, offset + 2));
      offset += 2;
    } else {
      pieces = bmpClassCache[code] ??= classify(String.fromCharCode(code));
      offset += 1;
    }
    while (skipIndex < skips.length && skips[skipIndex]![1] <= start) skipIndex++;
    const skip = skips[skipIndex];
    if (skip && start >= skip[0] && start < skip[1]) continue;
    for (const piece of pieces) {
      const last = units.kinds.length - 1;
      if (piece.kind === 'space') {
        // Whitespace ends a word run but is not a unit; a break run continues across it.
        if (last >= 0 && units.kinds[last] === UnitKind.Word) units.kinds[last] = WORD_CLOSED;
        continue;
      }
      if (piece.kind === UnitKind.Word && last >= 0 && units.kinds[last] === UnitKind.Word) {
        units.values[last] += piece.value;
        units.ends[last] = offset;
      } else if (piece.kind === UnitKind.Break && last >= 0 && units.kinds[last] === UnitKind.Break) {
        units.ends[last] = offset;
      } else {
        units.kinds.push(piece.kind);
        units.values.push(piece.value);
        units.starts.push(start);
        units.ends.push(offset);
      }
    }
  }
  for (let i = 0; i < units.kinds.length; i++) {
    if (units.kinds[i] === WORD_CLOSED) units.kinds[i] = UnitKind.Word;
  }
  return units;
}

/** Canonical string of the units, one symbol group per unit, so that substring search = unit match. */
export function unitKey(units: Units, from = 0, to = units.kinds.length): string {
  let key = '';
  for (let i = from; i < to; i++) key += keyOf(units.kinds[i]!, units.values[i]!);
  return key;
}

function keyOf(kind: UnitKind, value: string): string {
  if (kind === UnitKind.Han) return value;
  if (kind === UnitKind.Word) return `\u0001${value}\u0002`;
  return '\u0003';
}

/** Where each unit starts in unitKey(units): lets a substring hit be mapped back to units. */
export function unitKeyStarts(units: Units): number[] {
  const starts: number[] = [];
  let position = 0;
  for (let i = 0; i < units.kinds.length; i++) {
    starts.push(position);
    position += keyOf(units.kinds[i]!, units.values[i]!).length;
  }
  return starts;
}

/** The normalised text of the units (simplified Han, lower-cased words, '，' for breaks), for jieba. */
export function normalizedText(units: Units): string {
  let text = '';
  for (let i = 0; i < units.kinds.length; i++) {
    const kind = units.kinds[i]!;
    if (kind === UnitKind.Han) text += units.values[i];
    else if (kind === UnitKind.Word) text += ` ${units.values[i]} `;
    else text += '，';
  }
  return text;
}
