// Precision for long phrases. Meilisearch's phrase check is pairwise (grams.ts,
// phraseNeedsVerification): for five or more units it can return a section holding every piece of
// a phrase but not the phrase. Such a term's candidates are checked once against the text by the
// exact rule; the ids that fail are its false positives, remembered per index generation, and every
// search with the term excludes them by filter — so Meilisearch still does all counting and facets.
// A proximity clause (a NEAR b) is always verified: Meilisearch finds the sections holding both
// phrases, the rule (core/proximity.ts) decides which of them hold the clause.
import { phraseNeedsVerification } from '../core/grams.js';
import { prepareText, sectionStream } from '../core/match.js';
import { termHolds } from '../core/proximity.js';
import type { Term } from '../core/query.js';
import { RecentValues } from '../core/recentValues.js';

export interface CandidateSection {
  id: string;
  heading: string;
  text: string;
}

export interface FalsePositiveCacheOptions {
  maxEntries: number;
  /** Every section Meilisearch returns for the term's phrase, in pages. */
  fetchCandidates: (term: Term) => AsyncIterable<CandidateSection[]>;
}

export class FalsePositiveCache {
  readonly #entries: RecentValues<Promise<readonly string[]>>;
  readonly #options: FalsePositiveCacheOptions;

  constructor(options: FalsePositiveCacheOptions) {
    this.#options = options;
    this.#entries = new RecentValues(options.maxEntries);
  }

  /** Ids of sections that Meilisearch returns for the term but that do not contain it. */
  get(term: Term, generation: string): Promise<readonly string[]> {
    if (!term.near && !phraseNeedsVerification(term.codes)) return Promise.resolve([]);
    const key = `${generation}\u0000${term.key}`;
    const cached = this.#entries.get(key);
    if (cached) return cached;
    const computed = findFalsePositives(term, this.#options.fetchCandidates(term));
    computed.catch(() => this.#entries.delete(key));
    this.#entries.set(key, computed);
    return computed;
  }
}

export async function findFalsePositives(term: Term, pages: AsyncIterable<CandidateSection[]>): Promise<string[]> {
  const wrong: string[] = [];
  const literal = literalNeedle(term);
  for await (const page of pages) {
    for (const section of page) {
      if (literal !== null && (section.text.includes(literal) || section.heading.includes(literal))) continue;
      // Heading and text are one stream: a phrase may run from a wrapped heading into the text.
      const found = termHolds(prepareText(sectionStream(section.heading, section.text)), term);
      if (!found) wrong.push(section.id);
    }
  }
  return wrong;
}

/**
 * The term as typed, when finding it verbatim in the raw text proves a match: it must start and end
 * with a Han character (a Han character is a unit whatever stands next to it, unlike a letter, which
 * could be inside a longer word) and hold no bracket (a pinyin annotation is recognised in context).
 * Most candidates contain the phrase verbatim, so most are confirmed without normalising their text.
 */
export function literalNeedle(term: Term): string | null {
  if (term.near) return null;
  const text = term.text;
  return /^\p{Script=Han}(?:[^(（]*\p{Script=Han})?$/u.test(text) ? text : null;
}
