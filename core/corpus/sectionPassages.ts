// A section's passages as a search index stores them beside the section: the near-repeat cluster
// key of each passage (a filterable array, so the search engine counts the reports that hold a
// passage), and its offsets into the section's text with a template mark (so a page finds the
// passage that holds a hit without splitting the text again, with the body's names to mask).
//
// Invariants:
// - `passages[i]` and the i-th triple of `passageSpans` describe the same passage, in text order.
// - Offsets are into the section's `text` (not its heading), as splitPassages returns them.
import type { IndexedPassage } from './passageIndex.js';

/** The two stored fields. */
export interface StoredPassages {
  /** Cluster keys (13 hex digits), in passage order; a key may repeat. */
  passages: string[];
  /** start, end, template (1 or 0) per passage. */
  passageSpans: number[];
}

/** One passage of a section as the pages read it. */
export interface SectionPassage {
  key: string;
  start: number;
  end: number;
  /** Template wording (template.ts): counted apart from copying. */
  template: boolean;
}

/** A cluster key as stored: 13 lowercase hex digits (exactKeyHex). */
export const PASSAGE_KEY = /^[0-9a-f]{13}$/;

/** The stored fields of one section's passages (those of `sectionIndex` among a report's). */
export function storedPassages(indexed: readonly IndexedPassage[]): StoredPassages {
  const passages: string[] = [];
  const passageSpans: number[] = [];
  for (const passage of indexed) {
    passages.push(passage.clusterKey);
    passageSpans.push(passage.start, passage.end, passage.templatePattern === null ? 0 : 1);
  }
  return { passages, passageSpans };
}

/** The passages of a stored section; none when the section was stored without them (an older
 *  format) or the two fields disagree in length. */
export function sectionPassages(stored: Partial<StoredPassages>): SectionPassage[] {
  const keys = stored.passages ?? [];
  const spans = stored.passageSpans ?? [];
  if (spans.length !== keys.length * 3) return [];
  return keys.map((key, i) => ({
    key,
    start: spans[i * 3] as number,
    end: spans[i * 3 + 1] as number,
    template: spans[i * 3 + 2] === 1,
  }));
}

/** The passage whose span holds `offset` (a position in the section's text), or null. */
export function passageAt(passages: readonly SectionPassage[], offset: number): SectionPassage | null {
  return passages.find((p) => p.start <= offset && offset < p.end) ?? null;
}

/** The labels of a report's shares, in the order they are given (the first that applies). */
export const SHARE_ORDER = ['template', 'previousYear', 'otherOrgans', 'own'] as const;
export type ShareKind = (typeof SHARE_ORDER)[number];

/** A report's text by kind: characters of kept passages, and their share of the whole. */
export interface ShareFigures {
  /** Characters of kept passages, as written. */
  chars: number;
  byKind: Record<ShareKind, { chars: number; share: number; passages: number }>;
}

/**
 * Labels a report's passages: template when marked so; else previousYear when the same body's
 * previous report holds its key; else otherOrgans when another body's report does; else own.
 * Shares are by characters and add up to 1 (or are all 0 for a report without kept passages).
 */
export function labelPassages(
  passages: readonly SectionPassage[],
  previousYearKeys: ReadonlySet<string>,
  otherOrganKeys: ReadonlySet<string>,
): { labels: ShareKind[]; figures: ShareFigures } {
  const byKind = Object.fromEntries(SHARE_ORDER.map((kind) => [kind, { chars: 0, share: 0, passages: 0 }])) as ShareFigures['byKind'];
  let chars = 0;
  const labels = passages.map((p): ShareKind => {
    const kind: ShareKind = p.template
      ? 'template'
      : previousYearKeys.has(p.key)
        ? 'previousYear'
        : otherOrganKeys.has(p.key)
          ? 'otherOrgans'
          : 'own';
    const length = p.end - p.start;
    byKind[kind].chars += length;
    byKind[kind].passages += 1;
    chars += length;
    return kind;
  });
  for (const kind of SHARE_ORDER) byKind[kind].share = chars === 0 ? 0 : byKind[kind].chars / chars;
  return { labels, figures: { chars, byKind } };
}

/** What a distinct-passage count found: distinct passage keys holding an occurrence, and the
 *  occurrences outside any kept passage (a heading, a short line), each counted as its own. */
export interface DistinctPassageCount {
  passages: number;
  outside: number;
}

/** Counts the distinct passages that hold an occurrence (its start) over sections; `keys` collects them. */
export function addDistinctPassages(
  keys: Set<string>,
  passages: readonly SectionPassage[],
  occurrenceStarts: readonly number[],
): { outside: number } {
  let outside = 0;
  for (const start of occurrenceStarts) {
    const passage = passageAt(passages, start);
    if (passage) keys.add(passage.key);
    else outside++;
  }
  return { outside };
}
