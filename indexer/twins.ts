// Twins: the same report in two files (a GBK and a UTF-8 copy, the PDF and the HTML page, the same
// file under two names). Researchers count reports, so a twin is indexed once.
//
// Two tests, both on the report's text as read, never on its bytes:
// - exact twins share `textHash`, the hash of the normalised unit stream (search/units.ts: simplified,
//   half-width, whitespace dropped), so encodings and line wrapping do not matter;
// - near twins (different formats keep different furniture: page numbers, a site's header, a PDF's
//   running title) have the same organ and year and a resemblance of at least NEAR_TWIN_RESEMBLANCE:
//   the Jaccard resemblance of their sets of 8-character shingles of the normalised text, estimated
//   from bottom-k sketches (Broder 1997) so that a sketch is small enough to keep per report.
// The threshold is measured (BENCHMARKS.md): PDF and text twins of real reports resemble at 0.93–0.99,
// while different organs' reports built on the same boilerplate stay below 0.75. Pure.
import { createHash } from 'node:crypto';
import type { FileDocument } from '../search/schema.js';
import { normalizedText, toUnits } from '../search/units.js';
import type { Report } from './types.js';

export interface TextFingerprint {
  /** sha256 of the normalised text: equal for exact twins. */
  textHash: string;
  /** The SKETCH_SIZE smallest shingle hashes, ascending. */
  sketch: number[];
}

export const SKETCH_SIZE = 128;
export const SHINGLE_LENGTH = 8;
export const NEAR_TWIN_RESEMBLANCE = 0.8;

/** The text all sections hold, heading then text, in order. */
function reportText(report: Report): string {
  return report.sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
}

export function fingerprintOf(report: Report): TextFingerprint {
  const text = reportText(report);
  const normalized = normalizedText(toUnits(text)).replace(/\s+/g, '');
  const textHash = createHash('sha256').update(normalized).digest('hex');
  return { textHash, sketch: sketchOf(normalized) };
}

/**
 * Bottom-k sketch of the 8-character shingles of the normalised text without whitespace. Digits
 * count: the same organ's reports of two years share most of their prose (measured up to 0.91 on
 * Chinese characters alone) but not their numbers (at most 0.66 with them).
 */
export function sketchOf(normalizedText: string): number[] {
  const hashes = new Set<number>();
  for (let i = 0; i + SHINGLE_LENGTH <= normalizedText.length; i++) hashes.add(fnv1a(normalizedText, i, i + SHINGLE_LENGTH));
  return [...hashes].sort((a, b) => a - b).slice(0, SKETCH_SIZE);
}

/** Estimated Jaccard resemblance of the two shingle sets (0 when either is empty). */
export function resemblance(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const inB = new Set(b);
  const union = [...new Set([...a, ...b])].sort((x, y) => x - y).slice(0, SKETCH_SIZE);
  const inA = new Set(a);
  let shared = 0;
  for (const h of union) if (inA.has(h) && inB.has(h)) shared++;
  return shared / union.length;
}

/** A sketch as a compact string for the report document (8 hex digits a hash). */
export function encodeSketch(sketch: readonly number[]): string {
  return sketch.map((h) => h.toString(16).padStart(8, '0')).join('');
}

export function decodeSketch(encoded: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 8 <= encoded.length; i += 8) out.push(Number.parseInt(encoded.slice(i, i + 8), 16));
  return out;
}

function fnv1a(text: string, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** What the files index keeps of a report to find its twins in later runs. */
export type TwinRecord = Pick<FileDocument, 'textHash' | 'twinKey' | 'twinSketch'>;

/** A report already kept, as the registry compares it. */
export interface KeptReport {
  reportId: string;
  source: string;
  textHash: string;
  /** `organKey|year`, null when either is unknown (then only exact twins are found). */
  twinKey: string | null;
  sketch: readonly number[];
}

export interface TwinMatch {
  kept: KeptReport;
  /** 1 for an exact twin (same normalised text). */
  resemblance: number;
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
    if (exact && exact.reportId !== reportId) return { kept: exact, resemblance: 1 };
    if (twinKey === null) return null;
    let best: TwinMatch | null = null;
    for (const kept of this.#byKey.get(twinKey) ?? []) {
      if (kept.reportId === reportId) continue;
      const r = resemblance(kept.sketch, fingerprint.sketch);
      if (r >= NEAR_TWIN_RESEMBLANCE && (best === null || r > best.resemblance)) best = { kept, resemblance: r };
    }
    return best;
  }
}
