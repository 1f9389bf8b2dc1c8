// Year over year: two reports' sections aligned by type, then a sentence diff within each aligned
// pair — kept / changed / new / removed — and last year's 存在的主要问题及改进情况 beside this year's.
//
// Decisions, in order:
//  1. Sections are grouped by type; a type's sections are read as one text (a report may split
//     主动公开 into several headed parts). Types come in the current report's order, then the types
//     only the previous report has.
//  2. Sentences are the passages of passages.ts with no minimum length (a short sentence is still
//     a sentence a reader compares).
//  3. kept: equal after whitespace, width and punctuation are tidied — numbers included, because a
//     number that changed is what a reader comparing years looks for. The longest common
//     subsequence of those keys anchors the order; a kept sentence found elsewhere is `moved`.
//  4. changed: an unmatched sentence whose best unmatched counterpart has a shingle Jaccard ≥
//     CHANGED_THRESHOLD on the normalised text (numbers as #): a sentence with only its numbers
//     changed is `changed` with similarity 1.
//  5. the rest of this year's sentences are new, the rest of last year's removed.
// Invariant: every sentence of both reports appears exactly once in the result.
import { setJaccard, shingleSet, splitPassages, type PassageSpan } from './passages.js';
import type { CorpusReport, CorpusSection } from './types.js';

/** Two sentences at least this alike (shingle Jaccard, numbers masked) are one sentence changed.
 *  Below it, a rewritten sentence reads as a new one; 0.5 keeps a sentence with a clause swapped. */
export const CHANGED_THRESHOLD = 0.5;

/** Longer section pairs fall back to matching without LCS order (bounds memory at 4M cells). */
const MAX_LCS_CELLS = 4_000_000;

export type SentenceChange = 'kept' | 'changed' | 'new' | 'removed';

export interface SentenceRef {
  /** Index into the type's sections (the sections of that type, in document order). */
  section: number;
  start: number;
  end: number;
  text: string;
}

export interface SentenceDiff {
  change: SentenceChange;
  current: SentenceRef | null;
  previous: SentenceRef | null;
  /** 1 for kept; the shingle Jaccard for changed; 0 for new and removed. */
  similarity: number;
  /** A kept sentence out of the common order. */
  moved: boolean;
}

export interface AlignedSection {
  type: string;
  currentHeadings: string[];
  previousHeadings: string[];
  sentences: SentenceDiff[];
  counts: Record<SentenceChange, number>;
}

export interface ReportComparison {
  currentId: string;
  previousId: string;
  sections: AlignedSection[];
  counts: Record<SentenceChange, number>;
  /** Last year's and this year's 存在的主要问题及改进情况, when either has one. */
  problems: { previous: string; current: string } | null;
}

export interface CompareOptions {
  /** The section type of 存在的主要问题及改进情况 (the indexer's is 'problems'). */
  problemsType?: string;
  fold?: (text: string) => string;
}

/** The report to compare with by default: the same body's report of the latest earlier year
 *  (the previous year when the index holds it). Candidates are matched on organKey, else organ. */
export function choosePrevious(report: CorpusReport, candidates: readonly CorpusReport[]): CorpusReport | undefined {
  const key = report.organKey ?? report.organ;
  if (report.year === null) return undefined;
  let best: CorpusReport | undefined;
  for (const candidate of candidates) {
    if ((candidate.organKey ?? candidate.organ) !== key || candidate.year === null || candidate.year >= report.year) continue;
    if (!best || (best.year as number) < candidate.year || (best.year === candidate.year && best.reportId > candidate.reportId))
      best = candidate;
  }
  return best;
}

/** Compares `current` with `previous` (any two reports; usually choosePrevious's answer). */
export function compareReports(current: CorpusReport, previous: CorpusReport, options: CompareOptions = {}): ReportComparison {
  const types = [...new Set([...current.sections.map((s) => s.type), ...previous.sections.map((s) => s.type)])];
  const sections = types.map((type) => {
    const mine = current.sections.filter((s) => s.type === type);
    const theirs = previous.sections.filter((s) => s.type === type);
    const sentences = diffSentences(sentencesOf(mine, options.fold), sentencesOf(theirs, options.fold));
    return {
      type,
      currentHeadings: mine.map((s) => s.heading),
      previousHeadings: theirs.map((s) => s.heading),
      sentences,
      counts: countChanges(sentences),
    };
  });
  const problemsType = options.problemsType ?? 'problems';
  const textOf = (report: CorpusReport): string =>
    report.sections
      .filter((s) => s.type === problemsType)
      .map((s) => s.text)
      .join('\n');
  const problems = { previous: textOf(previous), current: textOf(current) };
  return {
    currentId: current.reportId,
    previousId: previous.reportId,
    sections,
    counts: countChanges(sections.flatMap((s) => s.sentences)),
    problems: problems.previous === '' && problems.current === '' ? null : problems,
  };
}

interface Sentence extends SentenceRef {
  /** Tidied text, numbers kept: equality means kept. */
  exact: string;
  /** Normalised text, numbers masked: similarity means changed. */
  loose: string;
}

function sentencesOf(sections: readonly CorpusSection[], fold?: (text: string) => string): Sentence[] {
  return sections.flatMap((section, index) =>
    splitPassages(section.text, { minChars: 1, ...(fold ? { fold } : {}) }).map((span: PassageSpan) => ({
      section: index,
      start: span.start,
      end: span.end,
      text: span.text,
      exact: tidy(span.text, fold),
      loose: span.normalised,
    })),
  );
}

function tidy(text: string, fold?: (text: string) => string): string {
  const wide = text.normalize('NFKC');
  return (fold ? fold(wide) : wide).replace(/[\s\p{P}\p{S}]+/gu, '');
}

const ref = ({ section, start, end, text }: Sentence): SentenceRef => ({ section, start, end, text });

function diffSentences(current: readonly Sentence[], previous: readonly Sentence[]): SentenceDiff[] {
  const pairOfCurrent = new Array<number>(current.length).fill(-1);
  const pairOfPrevious = new Array<number>(previous.length).fill(-1);
  const similarity = new Array<number>(current.length).fill(0);
  const moved = new Array<boolean>(current.length).fill(false);
  for (const [i, j] of commonOrder(
    current.map((s) => s.exact),
    previous.map((s) => s.exact),
  )) {
    pairOfCurrent[i] = j;
    pairOfPrevious[j] = i;
    similarity[i] = 1;
  }
  // Unmatched pairs, best first: equal text elsewhere is a moved sentence, then near-equal ones.
  const currentShingles = current.map((s) => shingleSet(s.loose));
  const previousShingles = previous.map((s) => shingleSet(s.loose));
  const candidates: Array<{ i: number; j: number; score: number }> = [];
  current.forEach((mine, i) => {
    if (pairOfCurrent[i] !== -1) return;
    previous.forEach((theirs, j) => {
      if (pairOfPrevious[j] !== -1) return;
      const score = mine.exact === theirs.exact ? 2 : setJaccard(currentShingles[i] as Set<string>, previousShingles[j] as Set<string>);
      if (score >= CHANGED_THRESHOLD) candidates.push({ i, j, score });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  for (const { i, j, score } of candidates) {
    if (pairOfCurrent[i] !== -1 || pairOfPrevious[j] !== -1) continue;
    pairOfCurrent[i] = j;
    pairOfPrevious[j] = i;
    similarity[i] = Math.min(score, 1);
    moved[i] = score === 2;
  }
  return interleave(current, previous, pairOfCurrent, pairOfPrevious, similarity, moved);
}

// This year's sentences in order; each of last year's removed sentences right after the sentence
// paired with its nearest earlier paired neighbour (at the top when it has none).
function interleave(
  current: readonly Sentence[],
  previous: readonly Sentence[],
  pairOfCurrent: readonly number[],
  pairOfPrevious: readonly number[],
  similarity: readonly number[],
  moved: readonly boolean[],
): SentenceDiff[] {
  const removedAfter = new Map<number, number[]>();
  let anchor = -1;
  previous.forEach((_, j) => {
    const paired = pairOfPrevious[j] as number;
    if (paired !== -1) anchor = paired;
    else removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), j]);
  });
  const removed = (after: number): SentenceDiff[] =>
    (removedAfter.get(after) ?? []).map((j) => ({
      change: 'removed',
      current: null,
      previous: ref(previous[j] as Sentence),
      similarity: 0,
      moved: false,
    }));
  const out: SentenceDiff[] = removed(-1);
  current.forEach((mine, i) => {
    const j = pairOfCurrent[i] as number;
    if (j === -1) out.push({ change: 'new', current: ref(mine), previous: null, similarity: 0, moved: false });
    else {
      const exact = mine.exact === (previous[j] as Sentence).exact;
      out.push({
        change: exact ? 'kept' : 'changed',
        current: ref(mine),
        previous: ref(previous[j] as Sentence),
        similarity: similarity[i] as number,
        moved: moved[i] as boolean,
      });
    }
    out.push(...removed(i));
  });
  return out;
}

/** Index pairs of a longest common subsequence of two key lists (classic DP; both lists are a
 *  section's sentences, tens to hundreds). Past MAX_LCS_CELLS it returns none and the caller's
 *  best-pair matching does the work without order. */
export function commonOrder(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_LCS_CELLS) return [];
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] as number) + 1
          : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) i++;
    else j++;
  }
  return pairs;
}

function countChanges(sentences: readonly SentenceDiff[]): Record<SentenceChange, number> {
  const counts: Record<SentenceChange, number> = { kept: 0, changed: 0, new: 0, removed: 0 };
  for (const sentence of sentences) counts[sentence.change]++;
  return counts;
}
