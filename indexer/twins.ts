// Twins: the same report in two files (a GBK and a UTF-8 copy, the PDF and the HTML page, the same
// file under two names). Researchers count reports, so a twin is indexed once.
//
// Two tests, both on the report's text as read, never on its bytes:
// - exact twins share `textHash`, the hash of the normalised unit stream (core/units.ts: simplified,
//   half-width, whitespace dropped), so encodings and line wrapping do not matter;
// - near twins have the same organ and year (`twinKey`) and agree on two pieces of evidence, estimated
//   from bottom-k sketches (Broder 1997) small enough to keep per report:
//   · their words: the Jaccard resemblance of their sets of 8-character shingles of Chinese characters
//     (≥ TEXT_RESEMBLANCE);
//   · their numbers: how much of the smaller multiset of printed numbers the other holds (≥
//     NUMBER_CONTAINMENT). Containment, not resemblance: a web page keeps a few numbers of its furniture
//     (a date, a telephone number) that its PDF does not.
// Words alone cannot tell a twin from next year's report: a county copies its prose from year to year.
// Numbers tell them apart whatever the layout, since a multiset has no order and tables come out of a
// PDF in another order: every twin measured holds all the numbers of the other (1.000), and different
// reports with similar wording at most 0.84. So even a wrong year or organ in the metadata cannot merge
// two different reports. DESIGN.md "Twins" has the measurements. Pure.
import { createHash } from 'node:crypto';
import type { FileDocument } from '../index/schema.js';
import { sectionStream } from '../core/match.js';
import { normalizedText, toUnits } from '../core/units.js';
import type { Report } from '../core/report.js';

export interface TextFingerprint {
  /** sha256 of the normalised text: equal for exact twins. */
  textHash: string;
  /** Bottom-k sketch of the shingles of the Chinese characters, ascending. */
  words: Sketch;
  /** Bottom-k sketch of the printed numbers (the i-th occurrence of a number is its own element), ascending. */
  numbers: Sketch;
  /** How many numbers are printed (the size of the multiset the sketch samples). */
  numberCount: number;
}

export const WORD_SKETCH_SIZE = 64;
export const NUMBER_SKETCH_SIZE = 128;
export const SHINGLE_LENGTH = 8;
export const TEXT_RESEMBLANCE = 0.6;
export const NUMBER_CONTAINMENT = 0.95;
/** Below this many printed numbers the numbers say little: the words must then agree closely. */
export const FEW_NUMBERS = 20;
export const FEW_NUMBERS_TEXT_RESEMBLANCE = 0.85;

/** The text all sections hold, heading then text, in order. */
function reportText(report: Report): string {
  return report.sections.map((s) => sectionStream(s.heading, s.text)).join('\n');
}

export function fingerprintOf(report: Report): TextFingerprint {
  const normalized = normalizedText(toUnits(reportText(report)));
  const compact = normalized.replace(/\s+/g, '');
  return {
    textHash: createHash('sha256').update(compact).digest('hex'),
    words: wordSketch(compact),
    ...numberSketch(normalized),
  };
}

/** Shingles of the Chinese characters only: punctuation, digits and Latin furniture do not shift them. */
export function wordSketch(normalized: string): Sketch {
  const han = normalized.match(/\p{Script=Han}/gu)?.join('') ?? '';
  const hashes = new Set<number>();
  for (let i = 0; i + SHINGLE_LENGTH <= han.length; i++) hashes.add(fnv1a(han.slice(i, i + SHINGLE_LENGTH)));
  return bottom(hashes, WORD_SKETCH_SIZE);
}

/** normalizedText writes each word unit (a run of digits or letters) between spaces. */
export function numberSketch(normalized: string): Pick<TextFingerprint, 'numbers' | 'numberCount'> {
  const seen = new Map<string, number>();
  const hashes = new Set<number>();
  for (const number of normalized.match(/(?<= )[0-9][0-9a-z]*(?= )/g) ?? []) {
    const occurrence = (seen.get(number) ?? 0) + 1;
    seen.set(number, occurrence);
    hashes.add(fnv1a(`${number}#${occurrence}`));
  }
  return { numbers: bottom(hashes, NUMBER_SKETCH_SIZE), numberCount: hashes.size };
}

/**
 * Estimated Jaccard resemblance of two sets from their bottom-k sketches of size `k` (0 when either is
 * empty). A sketch shorter than k is its whole set; when both are, the answer is exact.
 */
export function resemblance(a: Sketch, b: Sketch, k: number): number {
  if (a.length === 0 || b.length === 0) return 0;
  const inA = new Set(a);
  const inB = new Set(b);
  const whole = a.length < k && b.length < k;
  const union = bottom(new Set([...a, ...b]), whole ? Number.POSITIVE_INFINITY : Math.min(a.length, b.length));
  let shared = 0;
  for (const h of union) if (inA.has(h) && inB.has(h)) shared++;
  return shared / union.length;
}

/** Estimated share of the smaller set that the larger holds: |A∩B| = J(|A|+|B|)/(1+J). */
export function containment(a: Sketch, aSize: number, b: Sketch, bSize: number): number {
  if (aSize === 0 || bSize === 0) return 0;
  const j = resemblance(a, b, NUMBER_SKETCH_SIZE);
  return Math.min(1, (j * (aSize + bSize)) / (1 + j) / Math.min(aSize, bSize));
}

/** How alike two reports are, and whether that makes them near twins. */
export interface TwinEvidence {
  words: number;
  numbers: number;
  twins: boolean;
}

/**
 * A bottom-k sketch: ascending 32-bit hashes. A run keeps every report's sketches, and in a JS array
 * a hash above 2^30 is a boxed heap number: measured 5.2 KB a report against 0.8 KB as Uint32Array
 * (330 MB at 100,000 reports).
 */
export type Sketch = Uint32Array;

export interface TwinSketches {
  words: Sketch;
  numbers: Sketch;
  numberCount: number;
}

export function twinEvidence(a: TwinSketches, b: TwinSketches): TwinEvidence {
  const words = resemblance(a.words, b.words, WORD_SKETCH_SIZE);
  const numbers = containment(a.numbers, a.numberCount, b.numbers, b.numberCount);
  const fewNumbers = Math.min(a.numberCount, b.numberCount) < FEW_NUMBERS;
  const twins = fewNumbers
    ? words >= FEW_NUMBERS_TEXT_RESEMBLANCE && (numbers >= NUMBER_CONTAINMENT || a.numberCount + b.numberCount === 0)
    : words >= TEXT_RESEMBLANCE && numbers >= NUMBER_CONTAINMENT;
  return { words, numbers, twins };
}

// The sketches' string form: `2:words.numbers.count`, each sketch its hashes as big-endian 32-bit
// words in base64. Before format 13 they were 8 hex digits a hash with no prefix, which still reads:
// base64 is a third shorter, and it brought a file document under the size LMDB stores beside
// others in a page (2,000 file documents: 7.27 → 4.23 MiB of stored documents).
const SKETCH_FORMAT = '2:';

/** The sketches as one string for the files index (see SKETCH_FORMAT). */
export function encodeSketch(sketches: TwinSketches): string {
  const base64 = (sketch: Sketch): string => {
    const bytes = Buffer.alloc(sketch.length * 4);
    for (let i = 0; i < sketch.length; i++) bytes.writeUInt32BE(sketch[i]!, i * 4);
    return bytes.toString('base64');
  };
  return `${SKETCH_FORMAT}${base64(sketches.words)}.${base64(sketches.numbers)}.${sketches.numberCount}`;
}

export function decodeSketch(encoded: string): TwinSketches {
  const fromBase64 = (text: string): Sketch => {
    const bytes = Buffer.from(text, 'base64');
    const out = new Uint32Array(Math.floor(bytes.length / 4));
    for (let i = 0; i < out.length; i++) out[i] = bytes.readUInt32BE(i * 4);
    return out;
  };
  const fromHex = (hex: string): Sketch => {
    const out = new Uint32Array(Math.floor(hex.length / 8));
    for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16);
    return out;
  };
  const current = encoded.startsWith(SKETCH_FORMAT);
  const parse = current ? fromBase64 : fromHex;
  const [words = '', numbers = '', count = '0'] = (current ? encoded.slice(SKETCH_FORMAT.length) : encoded).split('.');
  return { words: parse(words), numbers: parse(numbers), numberCount: Number.parseInt(count, 10) || 0 };
}

/** What the files index keeps of a report to find its twins in later runs. */
export type TwinRecord = Pick<FileDocument, 'textHash' | 'twinKey' | 'twinSketch'>;

/**
 * `province|organ|year`, the key near twins share; null without an organ or a year. Built as a new
 * string: the organ is cut from the report's text, and V8 keeps a cut of 13 characters or more as a
 * view of the whole text. The registry keeps every report's key for the whole run, so a long organ
 * name kept the whole text alive (a heap snapshot at 45,000 reports of the 1M corpus: 8,176 report
 * texts, 55 MB).
 */
export function twinKeyOf(metadata: Pick<Report['metadata'], 'organ' | 'year' | 'province'>): string | null {
  const { organ, year, province } = metadata;
  return organ !== null && year !== null ? Buffer.from(`${province ?? ''}|${organ}|${year}`, 'utf8').toString('utf8') : null;
}

/** The `size` smallest hashes, ascending (a typed array sorts numerically). */
function bottom(hashes: Iterable<number>, size: number): Sketch {
  return Uint32Array.from(hashes).sort().slice(0, size);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
