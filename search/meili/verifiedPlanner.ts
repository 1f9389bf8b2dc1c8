// A parsed query as disjoint Meilisearch searches whose counts are exact: the planner (plan.ts)
// splits it; terms Meilisearch's phrase check cannot decide alone are verified against the text
// (verify.ts) unless the indexer recorded them as dictionary phrases.
import { isDictionaryPhrase } from '../../core/phraseDictionary.js';
import type { ParsedQuery, Term } from '../../core/query.js';
import { DOCUMENT_FORMAT_VERSION } from '../../index/schema.js';
import { disjointConjunctions, toDisjunctiveNormalForm, toMeiliPieces, type MeiliPiece } from '../plan.js';
import { FalsePositiveCache } from '../verify.js';
import type { Generation } from './generation.js';
import type { SearchContext } from './searchContext.js';

export interface PlannedQuery {
  pieces: MeiliPiece[];
  /** The index generation the pieces were planned for: it keys anything remembered about them. */
  generation: string;
  /** DOCUMENT_FORMAT_VERSION when every report is indexed in it: a field added in that version may be asked for. */
  formatVersion: string;
}

export type Planner = (query: ParsedQuery) => Promise<PlannedQuery>;

// Large pages in ranking order (total: the ranking rules end in reportId and ordinal): an explicit
// sort made deep offsets about 40% slower (measured on 69,000 candidates).
const VERIFY_PAGE = 5_000;

export function verifiedPlanner(context: SearchContext, generation: () => Promise<Generation>, cacheSize: number): Planner {
  const falsePositives = new FalsePositiveCache({
    maxEntries: cacheSize,
    fetchCandidates: async function* (term: Term) {
      const phrase = toMeiliPieces([[{ term, negated: false }]], () => [])[0]!.q;
      for (let offset = 0; ; offset += VERIFY_PAGE) {
        const [page] = await context.search<{ id: string; heading: string; text: string }>([
          {
            indexUid: context.names.sections,
            q: phrase,
            matchingStrategy: 'all',
            offset,
            limit: VERIFY_PAGE,
            attributesToRetrieve: ['id', 'heading', 'text'],
          },
        ]);
        if (!page || page.hits.length === 0) return;
        yield page.hits;
        if (page.hits.length < VERIFY_PAGE) return;
      }
    },
  });

  return async function plan(query: ParsedQuery): Promise<PlannedQuery> {
    const conjunctions = disjointConjunctions(toDisjunctiveNormalForm(query));
    const current = await generation();
    const recorded = (term: Term) => current.formatVersion === DOCUMENT_FORMAT_VERSION && isDictionaryPhrase(term.key);
    const wrong = new Map<string, readonly string[]>();
    for (const conjunction of conjunctions) {
      for (const { term } of conjunction) {
        if (!wrong.has(term.key) && !recorded(term)) wrong.set(term.key, await falsePositives.get(term, current.value));
      }
    }
    return {
      pieces: toMeiliPieces(conjunctions, (term) => wrong.get(term.key) ?? [], recorded),
      generation: current.value,
      formatVersion: current.formatVersion,
    };
  };
}
