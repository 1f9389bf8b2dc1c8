// Passages: the unit in which copying is counted. A section's text is split into sentences,
// each is normalised so that what legitimately changes from one copy to the next (whitespace,
// full/half width, numbers and dates, optionally the body's own name) does not hide the copy, and
// is given two fingerprints: an exact key (equal normalised text) and a MinHash signature for
// near-repeats (a few characters changed).
//
// Invariants:
// - splitPassages returns spans in order, non-overlapping, each `text === section.slice(start, end)`.
// - normalisePassage is idempotent and deterministic; so are exactKey and minhashSignature (seeded
//   integer hashing, no randomness, no platform dependence).
// - Two passages with equal normalised text have equal exactKey and equal signatures.

/** Passages whose normalised text is shorter than this are dropped. Below 12 characters are
 *  headings (一、概述), table labels (行政许可, 申请人情况), captions and legal references (第二十条第一项)
 *  that reports share because they follow the same form, not because one copied another: on the
 *  real corpus 21.7% of distinct pieces of 4–11 characters occur in two or more bodies' reports,
 *  against 6.0% of passages of 12 and more (tools/corpusAnalysis.ts). */
export const MIN_PASSAGE_CHARS = 12;

/** A sentence (or line) of a section, as offsets into the section's text. */
export interface PassageSpan {
  start: number;
  end: number;
  /** The passage as written (trimmed); `section.slice(start, end)`. */
  text: string;
  /** normalisePassage(text, options) */
  normalised: string;
}

// A sentence ends at 。！？； (and their ASCII forms) or at a line end. The closing quote or bracket
// after a full stop stays with its sentence: 。” ends 「…。」 not 「…」.
const SENTENCE = /[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』)）]*|\n|$)/gu;

/** How a section is cut into passages. */
export interface SplitOptions extends NormaliseOptions {
  /** Passages whose normalised text is shorter are dropped (default MIN_PASSAGE_CHARS). */
  minChars?: number;
}

/** The passages of a section's text, in order, with their normalised form, dropping those shorter
 *  than `minChars` after normalisation (see MIN_PASSAGE_CHARS for why). */
export function splitPassages(text: string, options: SplitOptions = {}): PassageSpan[] {
  const minChars = options.minChars ?? MIN_PASSAGE_CHARS;
  const spans: PassageSpan[] = [];
  for (const match of text.matchAll(SENTENCE)) {
    const raw = match[0];
    const body = raw.trim();
    if (body === '') continue;
    const normalised = normalisePassage(body, options);
    if (normalised.length < minChars) continue;
    const start = (match.index ?? 0) + raw.length - raw.trimStart().length;
    spans.push({ start, end: start + body.length, text: body, normalised });
  }
  return spans;
}

/** What normalisation does beyond the fixed steps. */
export interface NormaliseOptions {
  /** Names replaced by MASK before comparison (the body's own name and places). Longest first. */
  mask?: readonly string[];
  /** A folding step the caller owns, e.g. traditional → simplified (core/corpus has no converter). */
  fold?: (text: string) => string;
}

/** The character that stands for a number, a date part or a Chinese-numeral year. */
export const NUMBER_MARK = '#';
/** The character that stands for a masked name. */
export const MASK_MARK = '@';

// Runs of digits with their separators (2011, 1,234, 3.5, 2011-12-31 → #-#-# then # per run).
const DIGITS = /[0-9]+(?:[.,][0-9]+)*/g;
// Years and dates in Chinese numerals (二〇一一年, 十二月三十一日): not 一步 or 三个.
const CHINESE_DATE = /[〇零一二三四五六七八九]{4}(?=年)|[一二三四五六七八九十]{1,3}(?=[月日](?![标常]))/g;
// Whitespace, punctuation and symbols: punctuation differs between copies (、 vs ，) and PDF
// extraction adds spaces inside sentences. The two marks are punctuation themselves and are kept
// (so normalisation is idempotent); a text's own # or @ (a markdown mark, an e-mail address) is
// kept too and reads as a mark, which only makes two such lines look more alike.
const NOISE = /(?:(?![#@])[\s\p{P}\p{S}])+/gu;

/** The passage's comparable form: NFKC (full width → half width), folded, names masked, numbers
 *  and dates as NUMBER_MARK, without whitespace, punctuation or symbols. */
export function normalisePassage(text: string, options: NormaliseOptions = {}): string {
  let out = text.normalize('NFKC');
  if (options.fold) out = options.fold(out);
  if (options.mask && options.mask.length > 0) out = maskNames(out, options.mask);
  return out.replace(DIGITS, NUMBER_MARK).replace(CHINESE_DATE, NUMBER_MARK).replace(NOISE, '');
}

// The mask list of one report is used for each of its passages: prepared once.
const preparedMasks = new WeakMap<readonly string[], string[]>();

function maskNames(text: string, names: readonly string[]): string {
  let ordered = preparedMasks.get(names);
  if (!ordered) {
    // Longest first, so 平潭综合实验区 is masked whole before 平潭 would cut it.
    ordered = [...new Set(names.map((name) => name.normalize('NFKC').replace(/\s+/g, '')))]
      .filter((name) => name.length >= 2)
      .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    preparedMasks.set(names, ordered);
  }
  let out = text;
  for (const name of ordered) out = out.split(name).join(MASK_MARK);
  return out;
}

// ---- Hashing: 32-bit integer mixing (murmur3's finaliser), seeded, identical on every platform.

function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(text: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h = (h << 13) | (h >>> 19);
  }
  return fmix32(h ^ text.length);
}

/** A 52-bit key of the normalised text (exactly representable as a JS number). Two different
 *  passages share a key with probability 2^-52 per pair: for 10 million distinct passages about
 *  one collision in 100 corpora, and the index never merges passages on the key alone without
 *  also agreeing on their MinHash signature (passageIndex.ts). */
export function exactKey(normalised: string): number {
  const high = hashString(normalised, 0x9747b28c) & 0xfffff;
  const low = hashString(normalised, 0x2545f491);
  return high * 0x1_0000_0000 + low;
}

/** The near-repeat parameters, measured on the real corpus (core/corpus/README.md):
 *  - shingles of 3 characters: over the 60,943 pairs of different passages within one report, the
 *    99th percentile of Jaccard is 0.20 with 2-character shingles (common words: 信息, 公开), 0.15
 *    with 3 and 0.11 with 4; 4 would cost recall, as each changed character breaks 4 shingles;
 *  - 32 hashes in 8 bands of 4 rows: a pair is a candidate with probability 1-(1-J^4)^8, i.e. 0.89
 *    at Jaccard 0.7, 0.985 at 0.8, 0.40 at 0.5, 0.06 at 0.3;
 *  - a candidate is a near-repeat when its estimated similarity is ≥ 0.7, the point where a 40-
 *    character sentence has had a word or two changed (a name, 开展 → 组织) but says the same thing. */
export const NEAR_REPEAT = Object.freeze({ shingle: 3, hashes: 32, bands: 8, rows: 4, threshold: 0.7, bits: 8 });

// One seed per hash function, fixed, derived from a constant so signatures never change between runs.
const SEEDS: readonly number[] = Array.from({ length: NEAR_REPEAT.hashes }, (_, i) => fmix32(0x5bd1e995 + Math.imul(i + 1, 0x9e3779b9)));

/** The MinHash signature of the normalised text over 3-character shingles, each minimum kept as
 *  its low 8 bits (b-bit MinHash, Li & König 2010: 32 bytes a passage, which at 1M sections is 65 MB
 *  less than 16 bits; two unequal minima agree on 8 bits with probability 1/256, which
 *  signatureSimilarity takes out of its estimate). A text shorter than a shingle is one shingle. */
export function minhashSignature(normalised: string): Uint8Array {
  const { shingle, hashes } = NEAR_REPEAT;
  const minima = new Uint32Array(hashes).fill(0xffffffff);
  const last = Math.max(0, normalised.length - shingle);
  for (let start = 0; start <= last; start++) {
    let base = 0x811c9dc5;
    for (let i = start; i < Math.min(start + shingle, normalised.length); i++)
      base = Math.imul(base ^ normalised.charCodeAt(i), 0x01000193);
    for (let k = 0; k < hashes; k++) {
      const value = fmix32(base ^ (SEEDS[k] as number));
      if (value < (minima[k] as number)) minima[k] = value;
    }
  }
  const signature = new Uint8Array(hashes);
  for (let k = 0; k < hashes; k++) signature[k] = (minima[k] as number) & 0xff;
  return signature;
}

// The chance that two different minima agree on their kept bits.
const CHANCE_AGREEMENT = 1 / 2 ** NEAR_REPEAT.bits;

/** An estimate of the Jaccard similarity of two passages' shingle sets from their signatures: the
 *  share of equal positions less what equal low bits of different minima add (b-bit MinHash:
 *  P(equal) = J + (1 − J)/2^b), at least 0. With 32 hashes the threshold 0.7 still means 23 equal
 *  positions, as with 16 bits. `offset`s let the index compare signatures stored in one array. */
export function signatureSimilarity(a: Uint8Array, b: Uint8Array, aOffset = 0, bOffset = 0): number {
  const { hashes } = NEAR_REPEAT;
  let equal = 0;
  for (let k = 0; k < hashes; k++) if (a[aOffset + k] === b[bOffset + k]) equal++;
  return Math.max(0, (equal / hashes - CHANCE_AGREEMENT) / (1 - CHANCE_AGREEMENT));
}

/** The LSH band keys of a signature: one 30-bit integer a band (small enough to be a V8 small
 *  integer in a Map). Two signatures equal on a band have the same key there; a key shared by
 *  chance only costs a signature comparison, never a false match. */
export function bandKeys(signature: Uint8Array, offset = 0): number[] {
  const keys: number[] = [];
  for (let band = 0; band < NEAR_REPEAT.bands; band++) keys.push(bandKey(signature, offset, band));
  return keys;
}

/** One band's key of the signature at `offset` (a 30-bit hash of that band's rows). */
export function bandKey(signature: Uint8Array, offset: number, band: number): number {
  const { rows } = NEAR_REPEAT;
  let h = fmix32(band + 1);
  for (let row = 0; row < rows; row++) h = fmix32(h ^ Math.imul(signature[offset + band * rows + row] as number, 0x9e3779b1));
  return h & 0x3fffffff;
}

/** The exact Jaccard similarity of two normalised texts' shingle sets (for tests and for sentence
 *  alignment in compare.ts, where texts are few). */
export function shingleJaccard(a: string, b: string, size: number = NEAR_REPEAT.shingle): number {
  return setJaccard(shingleSet(a, size), shingleSet(b, size));
}

/** The shingles of a normalised text (the whole text when shorter than a shingle). */
export function shingleSet(text: string, size: number = NEAR_REPEAT.shingle): Set<string> {
  const out = new Set<string>();
  const last = Math.max(0, text.length - size);
  for (let i = 0; i <= last; i++) out.add(text.slice(i, i + size));
  return out;
}

/** |A ∩ B| / |A ∪ B|; 1 for two empty sets. */
export function setJaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let both = 0;
  for (const s of a) if (b.has(s)) both++;
  const either = a.size + b.size - both;
  return either === 0 ? 1 : both / either;
}

/** Hex form of an exact key (13 digits), for ids and exports. */
export function exactKeyHex(key: number): string {
  return key.toString(16).padStart(13, '0');
}
