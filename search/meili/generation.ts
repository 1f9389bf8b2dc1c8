// The index generation: a value the indexer changes whenever it changes the index. Whatever the
// search remembers (false positives, report totals, denominators) is keyed by it, so nothing
// remembered outlives the index it was computed on. Read at most every 2 s.
import { GENERATION_DOCUMENT_ID } from '../../index/schema.js';
import type { SearchContext } from './searchContext.js';

export interface Generation {
  value: string;
  /** DOCUMENT_FORMAT_VERSION when every report is indexed in it ('mixed' otherwise). */
  formatVersion: string;
}

const FRESH_MS = 2_000;

export function generationReader(context: SearchContext): () => Promise<Generation> {
  let cached: (Generation & { readAt: number }) | null = null;
  return async function generation(): Promise<Generation> {
    const now = Date.now();
    if (cached && now - cached.readAt < FRESH_MS) return cached;
    const [result] = await context.search<Generation & { id: string }>([{ indexUid: context.names.meta, q: '', limit: 10 }]);
    const found = result?.hits.find((hit) => hit.id === GENERATION_DOCUMENT_ID);
    cached = { value: found?.value ?? 'empty', formatVersion: found?.formatVersion ?? '', readAt: now };
    return cached;
  };
}
