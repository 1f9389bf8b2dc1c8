// Each shard's meta documents (index/schema.ts: the generation, the organ alias list, the record of a
// move between shards), read at most every 2 s and shared by everyone who asks: the generation
// (generation.ts) and the sharded search's move check (shards.ts) read the same few documents, so
// one read serves both. A failed read is not remembered.
import type { SearchContext } from './searchContext.js';

/** How old the meta documents may be when a search uses them (indexer/shardedPublisher.ts waits longer before moving reports). */
export const META_FRESH_MS = 2_000;

export interface MetaDocument {
  id: string;
  [field: string]: unknown;
}

/** Each shard's meta documents, in the order of `shards`. */
export type MetaReader = () => Promise<MetaDocument[][]>;

export function metaReader(shards: readonly SearchContext[]): MetaReader {
  let last: { readAt: number; reading: Promise<MetaDocument[][]> } | null = null;
  const read = async (): Promise<MetaDocument[][]> =>
    Promise.all(
      shards.map(async (shard) => {
        const [result] = await shard.search<MetaDocument>([{ indexUid: shard.names.meta, q: '', limit: 10 }]);
        return result?.hits ?? [];
      }),
    );
  return () => {
    const now = Date.now();
    if (last === null || now - last.readAt >= META_FRESH_MS) {
      const reading = read();
      last = { readAt: now, reading };
      reading.catch(() => {
        if (last?.reading === reading) last = null;
      });
    }
    return last.reading;
  };
}
