// How units become index terms. Meilisearch tokenises Chinese with jieba and re-splits words, so
// Chinese text handed to it cannot be matched exactly (see DESIGN.md). Instead every unit gets a code
// of lowercase Latin letters that charabia keeps whole, and the index holds one term per pair of
// neighbouring units (overlapping bigrams): a phrase of n units is the phrase of its n-1 bigrams.
//
// Code alphabet:
//   a–w  base-23 digits, four per code point (23^4 > the highest Han code point, U+323AF)
//   x    a break unit (any run of punctuation/symbols)
//   y    prefix of a non-final chunk of a long word (words are cut into chunks of 12 characters
//        so no term passes Meilisearch's word-length limit; the prefix keeps "the first 12
//        characters of a longer word" distinct from a 12-character word)
//   z    separates the two units of a bigram — it occurs nowhere else, so a bigram decodes uniquely.
import { UnitKind, type Units } from './units.js';

const DIGITS = 'abcdefghijklmnopqrstuvw';
const WORD_CHUNK = 12;
export const BREAK_CODE = 'x';

function codePointCode(codePoint: number): string {
  let code = '';
  let rest = codePoint;
  for (let i = 0; i < 4; i++) {
    code = DIGITS[rest % 23]! + code;
    rest = Math.floor(rest / 23);
  }
  return code;
}

function wordCodes(word: string): string[] {
  const chars = Array.from(word);
  const codes: string[] = [];
  for (let from = 0; from < chars.length; from += WORD_CHUNK) {
    const chunk = chars.slice(from, from + WORD_CHUNK);
    const body = chunk.map((char) => codePointCode(char.codePointAt(0)!)).join('');
    codes.push(from + WORD_CHUNK < chars.length ? `y${body}` : body);
  }
  return codes;
}

/** The codes of a text's units, in order; a long word yields one code per chunk. */
export function unitCodes(units: Units): string[] {
  const codes: string[] = [];
  for (let i = 0; i < units.kinds.length; i++) {
    const kind = units.kinds[i]!;
    if (kind === UnitKind.Han) codes.push(codePointCode(units.values[i]!.codePointAt(0)!));
    else if (kind === UnitKind.Word) codes.push(...wordCodes(units.values[i]!));
    else codes.push(BREAK_CODE);
  }
  return codes;
}

/** Overlapping bigram terms of a code sequence: one term per position. */
export function bigramTerms(codes: readonly string[], from = 0, to = codes.length): string[] {
  const terms: string[] = [];
  for (let i = Math.max(from, 0); i + 1 < Math.min(to, codes.length); i++) terms.push(`${codes[i]}z${codes[i + 1]}`);
  return terms;
}

/**
 * Whether Meilisearch's phrase check can accept a section without the whole phrase.
 * It checks neighbouring terms within windows of three at document level (DESIGN.md, "Phrase
 * precision"): 2 and 3 units are exact; 4 units are exact unless the first unit equals the last,
 * the middle two are equal, or the first bigram equals the last; 5 or more can be assembled from
 * pieces found in different places, so such phrases are verified against the text.
 */
export function phraseNeedsVerification(codes: readonly string[]): boolean {
  if (codes.length <= 3) return false;
  if (codes.length > 4) return true;
  const [a, b, c, d] = codes as [string, string, string, string];
  return a === d || b === c || (a === c && b === d);
}
