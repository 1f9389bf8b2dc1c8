// Precision for long phrases. Meilisearch's phrase check is pairwise (grams.ts,
// phraseNeedsVerification): for five or more units it can return a section holding every piece of
// a phrase but not the phrase. Such a term's candidates are checked once against the text by the
// exact rule; the ids that fail are its false positives, remembered per index generation, and every
// search with the term excludes them by filter — so Meilisearch still does all counting and facets.
import { phraseNeedsVerification } from './grams.js';
import { containsPhraseKey, prepareText } from './match.js';
import type { Term } from './query.js';

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
  readonly #entries = new Map<string, Promise<readonly string[]>>();
  readonly #options: FalsePositiveCacheOptions;

  constructor(options: FalsePositiveCacheOptions) {
    this.#options = options;
  }

  /** Ids of sections that Meilisearch returns for the term but that do not contain it. */
  get(term: Term, generation: string): Promise<readonly string[]> {
    if (!phraseNeedsVerification(term.codes)) return Promise.resolve([]);
    const key = `${generation}\u0000${term.key}`;
    const cached = this.#entries.get(key);
    if (cached) {
      // Refresh recency: a Map iterates in insertion order, so re-inserting makes it the newest.
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached;
    }
    const computed = findFalsePositives(term, this.#options.fetchCandidates(term));
    computed.catch(() => this.#entries.delete(key));
    this.#entries.set(key, computed);
    while (this.#entries.size > this.#options.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return computed;
  }
}

export async function findFalsePositives(term: Term, pages: AsyncIterable<CandidateSection[]>): Promise<string[]> {
  const wrong: string[] = [];
  for await (const page of pages) {
    for (const section of page) {
      const found =
        containsPhraseKey(prepareText(section.heading), term.key) || containsPhraseKey(prepareText(section.text), term.key);
      if (!found) wrong.push(section.id);
    }
  }
  return wrong;
}
