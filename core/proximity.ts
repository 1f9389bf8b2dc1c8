// Proximity (README "Search syntax": 保密审查 NEAR/20 网站, NEAR/s, NEAR/p): two phrases whose
// occurrences are close in a section's stream. The rule, on the stream the exact rule matches
// (match.ts, units.ts: after normalisation and traditional → simplified):
//   - NEAR/n: at most n units lie between an occurrence of one and an occurrence of the other, in
//     either order (a Han character is a unit, a run of letters or digits is one, a run of
//     punctuation is one, whitespace is none); overlapping occurrences are at distance 0;
//   - NEAR/s: both in one sentence — no 。！？!? and no line break between them;
//   - NEAR/p: both in one paragraph — no line break between them (a paragraph is a line of the
//     cleaned text; a section's heading is a line of its own).
// Two occurrences of the same phrase (审查 NEAR/5 审查) must be two different occurrences.
// The occurrences that take part — every occurrence of either phrase that has a partner — are the
// ones highlighted, listed in KWIC and exported. Pure.
import { findOccurrences, findUnitSpans, type MatchableText, type Occurrence, type UnitSpan } from './match.js';

export type ProximityScope = { kind: 'units'; distance: number } | { kind: 'sentence' } | { kind: 'paragraph' };

/** The largest n of NEAR/n, in units (longer than any sentence a report writes). */
export const MAX_NEAR_DISTANCE = 1_000;

/** One side of a proximity clause: a phrase given by its unit key (query.ts, Term). */
export interface PhraseRef {
  text: string;
  key: string;
  codes: string[];
}

export interface Proximity {
  left: PhraseRef;
  right: PhraseRef;
  scope: ProximityScope;
}

/** What a term of the query is, as far as matching goes: a phrase, or a proximity clause. */
export interface Matchable {
  key: string;
  near?: Proximity;
}

/** The scope as written after NEAR/ (20, s, p), for labels and keys. */
export function scopeLabel(scope: ProximityScope): string {
  return scope.kind === 'units' ? String(scope.distance) : scope.kind === 'sentence' ? 's' : 'p';
}

const SENTENCE_END = /[。！？!?\n\r\u2028\u2029]/gu;
const LINE_END = /[\n\r\u2028\u2029]/gu;

/** The occurrences of both phrases that take part in the clause; none when it does not hold. */
export function proximityOccurrences(text: MatchableText, near: Proximity): Occurrence[] {
  const left = findUnitSpans(text, near.left.key);
  const right = near.right.key === near.left.key ? left : findUnitSpans(text, near.right.key);
  if (left.length === 0 || right.length === 0) return [];
  const close = closeness(text, near.scope);
  const taking = new Set<UnitSpan>();
  for (const a of left) {
    for (const b of right) {
      if (a === b || !close(a, b)) continue;
      taking.add(a);
      taking.add(b);
    }
  }
  return [...taking]
    .map(({ first, last }) => ({ start: text.units.starts[first]!, end: text.units.ends[last]! }))
    .sort((x, y) => x.start - y.start || y.end - x.end);
}

/** Whether two occurrences are close enough under the scope. */
function closeness(text: MatchableText, scope: ProximityScope): (a: UnitSpan, b: UnitSpan) => boolean {
  if (scope.kind === 'units') {
    return (a, b) => Math.max(b.first - a.last - 1, a.first - b.last - 1, 0) <= scope.distance;
  }
  // Boundaries are read from the original text between units: a unit's start offset belongs to the
  // stretch numbered by how many boundaries come before it.
  const boundaries = [...text.text.matchAll(scope.kind === 'sentence' ? SENTENCE_END : LINE_END)].map((m) => m.index);
  const stretch = (unit: number) => countBelow(boundaries, text.units.starts[unit]!);
  return (a, b) => stretch(a.first) <= stretch(b.last) && stretch(b.first) <= stretch(a.last);
}

function countBelow(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Where a term occurs: a phrase's every occurrence, a proximity clause's occurrences that take part. */
export function termOccurrences(text: MatchableText, term: Matchable): Occurrence[] {
  if (term.near) return proximityOccurrences(text, term.near);
  return findOccurrences(text, term.key);
}

/** Whether a section's prepared stream contains the term (a phrase, or a proximity clause that holds). */
export function termHolds(text: MatchableText, term: Matchable): boolean {
  if (term.near) return proximityOccurrences(text, term.near).length > 0;
  return term.key.length > 0 && text.key.includes(term.key);
}
