// Twins: the same report in two files (a GBK and a UTF-8 copy, the PDF and the HTML page, the same
// file under two names). Researchers count reports, so a twin is indexed once.
//
// Two tests, both on the report's text as read, never on its bytes:
// - exact twins share `textHash`, the hash of the normalised unit stream (search/units.ts: simplified,
//   half-width, whitespace dropped), so encodings and line wrapping do not matter;
// - near twins have the same organ and year (`twinKey`) and agree on two pieces of evidence, each a
//   Jaccard resemblance estimated from a bottom-k sketch (Broder 1997) small enough to keep per report:
//   · their words: the sets of 8-character shingles of their Chinese characters (≥ TEXT_RESEMBLANCE);
//   · their numbers: the multisets of the numbers they print (≥ NUMBER_RESEMBLANCE).
// Words alone cannot tell a twin from next year's report: a county copies its prose from year to year
// (measured: 0.96 shingle containment between one county's 2012 and 2013 reports, against 0.89–0.93
// between a real PDF and its pdftotext). Numbers tell them apart whatever the layout, since a multiset
// has no order and tables come out of a PDF in another order: the real PDF twins agree on every number
// (1.000), different real reports on at most 0.72. So a wrong year or organ in the metadata still
// cannot merge two different reports. DESIGN.md "Twins" has the measurements. Pure.
import { createHash } from 'node:crypto';
import type { FileDocument } from '../search/schema.js';
import { normalizedText, toUnits } from '../search/units.js';
import type { Report } from './types.js';

export interface TextFingerprint {
  /** sha256 of the normalised text: equal for exact twins. */
  textHash: string;
  /** Bottom-k sketch of the shingles of the Chinese characters, ascending. */
  words: number[];
  /** Bottom-k sketch of the printed numbers (the i-th occurrence of a number is its own element), ascending. */
  numbers: number[];
}

export const SKETCH_SIZE = 64;
export const SHINGLE_LENGTH = 8;
export const TEXT_RESEMBLANCE = 0.6;
export const NUMBER_RESEMBLANCE = 0.9;
/** Below this many printed numbers the numbers say little: the words must then agree closely. */
export const FEW_NUMBERS = 20;
export const FEW_NUMBERS_TEXT_RESEMBLANCE = 0.85;

/** The text all sections hold, heading then text, in order. */
function reportText(report: Report): string {
  return report.sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
}

export function fingerprintOf(report: Report): TextFingerprint {
  const normalized = normalizedText(toUnits(reportText(report)));
  const compact = normalized.replace(/\s+/g, '');
  return {
    textHash: createHash('sha256').update(compact).digest('hex'),
    words: wordSketch(compact),
    numbers: numberSketch(normalized),
  };
}

/** Shingles of the Chinese characters only: punctuation, digits and Latin furniture do not shift them. */
export function wordSketch(normalized: string): number[] {
  const han = normalized.match(/\p{Script=Han}/gu)?.join('') ?? '';
  const hashes = new Set<number>();
  for (let i = 0; i + SHINGLE_LENGTH <= han.length; i++) hashes.add(fnv1a(han.slice(i, i + SHINGLE_LENGTH)));
  return bottom(hashes);
}

/** normalizedText writes each word unit (a run of digits or letters) between spaces. */
export function numberSketch(normalized: string): number[] {
  const seen = new Map<string, number>();
  const hashes = new Set<number>();
  for (const number of normalized.match(/(?<= )[0-9][0-9a-z]*(?= )/g) ?? []) {
    const occurrence = (seen.get(number) ?? 0) + 1;
    seen.set(number, occurrence);
    hashes.add(fnv1a(`${number}#${occurrence}`));
  }
  return bottom(hashes);
}

/** Estimated Jaccard resemblance of two sets from their bottom-k sketches (0 when either is empty). */
export function resemblance(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const inA = new Set(a);
  const inB = new Set(b);
  const union = bottom(new Set([...a, ...b]));
  let shared = 0;
  for (const h of union) if (inA.has(h) && inB.has(h)) shared++;
  return shared / union.length;
}

/** How alike two reports are, and whether that makes them near twins. */
export interface TwinEvidence {
  words: number;
  numbers: number;
  twins: boolean;
}

export function twinEvidence(a: Pick<TextFingerprint, 'words' | 'numbers'>, b: Pick<TextFingerprint, 'words' | 'numbers'>): TwinEvidence {
  const words = resemblance(a.words, b.words);
  const numbers = resemblance(a.numbers, b.numbers);
  const fewNumbers = Math.min(a.numbers.length, b.numbers.length) < FEW_NUMBERS;
  const twins = fewNumbers
    ? words >= FEW_NUMBERS_TEXT_RESEMBLANCE && (numbers >= NUMBER_RESEMBLANCE || a.numbers.length + b.numbers.length === 0)
    : words >= TEXT_RESEMBLANCE && numbers >= NUMBER_RESEMBLANCE;
  return { words, numbers, twins };
}

/** Both sketches as one string for the files index: 8 hex digits a hash, the two joined by '.'. */
export function encodeSketch(fingerprint: Pick<TextFingerprint, 'words' | 'numbers'>): string {
  const hex = (sketch: readonly number[]): string => sketch.map((h) => h.toString(16).padStart(8, '0')).join('');
  return `${hex(fingerprint.words)}.${hex(fingerprint.numbers)}`;
}

export function decodeSketch(encoded: string): Pick<TextFingerprint, 'words' | 'numbers'> {
  const parse = (hex: string): number[] => {
    const out: number[] = [];
    for (let i = 0; i + 8 <= hex.length; i += 8) out.push(Number.parseInt(hex.slice(i, i + 8), 16));
    return out;
  };
  const [words = '', numbers = ''] = encoded.split('.');
  return { words: parse(words), numbers: parse(numbers) };
}

/** What the files index keeps of a report to find its twins in later runs. */
export type TwinRecord = Pick<FileDocument, 'textHash' | 'twinKey' | 'twinSketch'>;

/** A report already kept, as the registry compares it. */
export interface KeptReport {
  reportId: string;
  source: string;
  textHash: string;
  /** `province|organ|year`, null when organ or year is unknown (then only exact twins are found). */
  twinKey: string | null;
  fingerprint: Pick<TextFingerprint, 'words' | 'numbers'>;
}

export interface TwinMatch {
  kept: KeptReport;
  /** null for an exact twin (the same normalised text). */
  evidence: TwinEvidence | null;
}

/** The reports kept so far: finds the twin of a new one, exact first, then near. */
export class TwinRegistry {
  readonly #byId = new Map<string, KeptReport>();
  readonly #byHash = new Map<string, KeptReport>();
  readonly #byKey = new Map<string, KeptReport[]>();

  add(report: KeptReport): void {
    this.remove(report.reportId);
    this.#byId.set(report.reportId, report);
    if (!this.#byHash.has(report.textHash)) this.#byHash.set(report.textHash, report);
    if (report.twinKey !== null) {
      const group = this.#byKey.get(report.twinKey);
      if (group) group.push(report);
      else this.#byKey.set(report.twinKey, [report]);
    }
  }

  remove(reportId: string): void {
    const kept = this.#byId.get(reportId);
    if (!kept) return;
    this.#byId.delete(reportId);
    if (this.#byHash.get(kept.textHash) === kept) this.#byHash.delete(kept.textHash);
    if (kept.twinKey === null) return;
    const rest = (this.#byKey.get(kept.twinKey) ?? []).filter((k) => k !== kept);
    if (rest.length === 0) this.#byKey.delete(kept.twinKey);
    else this.#byKey.set(kept.twinKey, rest);
  }

  /** The kept twin of a report (never itself), or null. */
  twinOf(reportId: string, fingerprint: TextFingerprint, twinKey: string | null): TwinMatch | null {
    const exact = this.#byHash.get(fingerprint.textHash);
    if (exact && exact.reportId !== reportId) return { kept: exact, evidence: null };
    if (twinKey === null) return null;
    let best: TwinMatch | null = null;
    for (const kept of this.#byKey.get(twinKey) ?? []) {
      if (kept.reportId === reportId) continue;
      const evidence = twinEvidence(kept.fingerprint, fingerprint);
      if (evidence.twins && (best?.evidence == null || evidence.words > best.evidence.words)) best = { kept, evidence };
    }
    return best;
  }
}

function bottom(hashes: ReadonlySet<number>): number[] {
  return [...hashes].sort((a, b) => a - b).slice(0, SKETCH_SIZE);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
