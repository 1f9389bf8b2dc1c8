// The index generation: a value the indexer changes whenever it changes the index. Whatever the
// search remembers (false positives, report totals, denominators) is keyed by it, so nothing
// remembered outlives the index it was computed on. Each shard has its own (the indexer writes it
// on the shards it changed): the generation of the whole is theirs together, so a change on any
// shard is a change of the whole, and what is remembered per shard is keyed by that shard's own.
// Read at most every 2 s.
import { GENERATION_DOCUMENT_ID } from '../../index/schema.js';
import type { SearchContext } from './searchContext.js';

export interface Generation {
  value: string;
  /** DOCUMENT_FORMAT_VERSION when every report is indexed in it ('mixed' otherwise). */
  formatVersion: string;
  /** Each shard's own generation, in the order of context.shards. */
  shards: string[];
}

const FRESH_MS = 2_000;
const EMPTY = 'empty';

export function generationReader(context: SearchContext): () => Promise<Generation> {
  let cached: (Generation & { readAt: number }) | null = null;
  return async function generation(): Promise<Generation> {
    const now = Date.now();
    if (cached && now - cached.readAt < FRESH_MS) return cached;
    const shards = await Promise.all(
      context.shards.map(async (shard) => {
        const [result] = await shard.search<Omit<Generation, 'shards'> & { id: string }>([
          { indexUid: shard.names.meta, q: '', limit: 10 },
        ]);
        const found = result?.hits.find((hit) => hit.id === GENERATION_DOCUMENT_ID);
        return { value: found?.value ?? EMPTY, formatVersion: found?.formatVersion ?? '' };
      }),
    );
    // A shard nothing was ever written to holds no report: it does not make the format mixed.
    const versions = new Set(shards.filter((shard) => shard.value !== EMPTY).map((shard) => shard.formatVersion));
    cached = {
      value: shards.map((shard) => shard.value).join(' '),
      formatVersion: versions.size === 1 ? [...versions][0]! : versions.size === 0 ? '' : 'mixed',
      shards: shards.map((shard) => shard.value),
      readAt: now,
    };
    return cached;
  };
}
