// How units become index terms. Meilisearch tokenises Chinese with jieba and re-splits words, so
// Chinese text handed to it cannot be matched exactly (see DESIGN.md). Instead every unit gets a code
// of lowercase Latin letters that charabia keeps whole, and the index holds one term per pair of
// neighbouring units (overlapping bigrams): a phrase of n units is the phrase of its n-1 bigrams.
//
// Code alphabet:
//   a–w  base-23 digits. A Han unit in the frequency table (hanRanks.ts, from real reports) is coded
//        by its rank: two digits for the 529 most frequent, three for the next 12,167; any other
//        code point (a rarer Han unit, each character of a word) is four digits of its code point
//        (23^4 > the highest Han code point, U+323AF). Codes of different lengths never collide, and
//        a word's characters are always four digits each, so a word body reads back uniquely.
//   x    a break unit (any run of punctuation/symbols)
//   y    prefix of a non-final chunk of a long word (words are cut into chunks of 12 characters
//        so no term passes Meilisearch's word-length limit; the prefix keeps "the first 12
//        characters of a longer word" distinct from a 12-character word)
//   z    separates the two units of a bigram — it occurs nowhere else, so a bigram decodes uniquely.
//
// Bigram terms: `code(u1) z code(u2)`, except the pairs in the bigram frequency table
// (bigramRanks.ts, from real reports), which are `z` and their rank in base 23: two digits for the
// 529 most frequent pairs, three for the next 12,167. No other term starts with `z`, so these still
// decode uniquely. Half the pairs of real text are among the first 529 and most of the rest in the
// table (held-out reports); on generated reports the JSON sent is 7.6% smaller and the index 2.6%
// (BENCHMARKS.md, session 18).
import { BIGRAMS_BY_FREQUENCY } from './bigramRanks.js';
import { HAN_BY_FREQUENCY } from './hanRanks.js';
import { UnitKind, type Units } from './units.js';

const DIGITS = 'abcdefghijklmnopqrstuvw';
const WORD_CHUNK = 12;
export const BREAK_CODE = 'x';

const TWO_DIGIT_CODES = 23 * 23;
const THREE_DIGIT_CODES = 23 * 23 * 23;
/** How many Han units the frequency table can give short codes. */
export const HAN_TABLE_SIZE = TWO_DIGIT_CODES + THREE_DIGIT_CODES;
/** How many pairs the bigram table can give short terms. */
export const BIGRAM_TABLE_SIZE = TWO_DIGIT_CODES + THREE_DIGIT_CODES;
/** How a break is written in the bigram table. */
const TABLE_BREAK = '|';
const BIGRAM_TERM_PREFIX = 'z';

/** Changes when a frequency table changes, and with it the codes or terms: part of the document format. */
export const GRAM_TABLE_VERSION = (() => {
  let hash = 0;
  for (const char of HAN_BY_FREQUENCY + BIGRAMS_BY_FREQUENCY) hash = (Math.imul(hash, 31) + char.codePointAt(0)!) >>> 0;
  return hash.toString(36);
})();

const HAN_RANK = new Map<string, number>(Array.from(HAN_BY_FREQUENCY).map((char, rank) => [char, rank]));
if (HAN_RANK.size !== Array.from(HAN_BY_FREQUENCY).length || HAN_RANK.size > HAN_TABLE_SIZE) {
  throw new Error('hanRanks.ts: the frequency table must list distinct characters, at most HAN_TABLE_SIZE');
}

function digits(value: number, count: number): string {
  let code = '';
  let rest = value;
  for (let i = 0; i < count; i++) {
    code = DIGITS[rest % 23]! + code;
    rest = Math.floor(rest / 23);
  }
  return code;
}

/** A rank of a frequency table as a short code: two digits for the first 529, three for the rest. */
function rankCode(rank: number): string {
  return rank < TWO_DIGIT_CODES ? digits(rank, 2) : digits(rank - TWO_DIGIT_CODES, 3);
}

// Codes of the Han units seen so far: a unit is coded once per process, not once per occurrence.
const hanCodes = new Map<string, string>();

/** A Han unit's code: short by its rank in the frequency table, else its code point's. */
function hanCode(value: string): string {
  let code = hanCodes.get(value);
  if (code === undefined) {
    const rank = HAN_RANK.get(value);
    if (rank === undefined) code = codePointCode(value.codePointAt(0)!);
    else code = rankCode(rank);
    if (hanCodes.size < 200_000) hanCodes.set(value, code);
  }
  return code;
}

/**
 * The bigram table's short terms by first unit code, then second (`z` and the pair's rank). Two
 * lookups with the unit codes themselves (cached strings, whose hashes V8 keeps) cost less than
 * building `code z code` to look it up: 46 against 85 ns a term (21 ns without a table).
 */
const SHORT_BIGRAM_TERMS = (() => {
  const chars = Array.from(BIGRAMS_BY_FREQUENCY);
  const unitCode = (char: string) => (char === TABLE_BREAK ? BREAK_CODE : hanCode(char));
  const terms = new Map<string, Map<string, string>>();
  let pairs = 0;
  for (let rank = 0; rank * 2 + 1 < chars.length; rank++) {
    const [first, second] = [unitCode(chars[rank * 2]!), unitCode(chars[rank * 2 + 1]!)];
    const seconds = terms.get(first) ?? new Map<string, string>();
    terms.set(first, seconds);
    if (!seconds.has(second)) pairs++;
    seconds.set(second, BIGRAM_TERM_PREFIX + rankCode(rank));
  }
  if (chars.length % 2 !== 0 || pairs !== chars.length / 2 || pairs > BIGRAM_TABLE_SIZE) {
    throw new Error('bigramRanks.ts: the bigram table must list distinct pairs of two units, at most BIGRAM_TABLE_SIZE');
  }
  return terms;
})();

function codePointCode(codePoint: number): string {
  return digits(codePoint, 4);
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
    if (kind === UnitKind.Han) codes.push(hanCode(units.values[i]!));
    else if (kind === UnitKind.Word) codes.push(...wordCodes(units.values[i]!));
    else codes.push(BREAK_CODE);
  }
  return codes;
}

/** Overlapping bigram terms of a code sequence: one term per position. */
export function bigramTerms(codes: readonly string[], from = 0, to = codes.length): string[] {
  const terms: string[] = [];
  for (let i = Math.max(from, 0); i + 1 < Math.min(to, codes.length); i++) {
    const first = codes[i]!;
    const second = codes[i + 1]!;
    terms.push(SHORT_BIGRAM_TERMS.get(first)?.get(second) ?? `${first}z${second}`);
  }
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
