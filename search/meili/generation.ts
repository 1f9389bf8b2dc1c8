// The index generation: a value the indexer changes whenever it changes the index. Whatever the
// search remembers (false positives, report totals, denominators) is keyed by it, so nothing
// remembered outlives the index it was computed on. Each shard has its own (the indexer writes it
// on the shards it changed): the generation of the whole is theirs together, so a change on any
// shard is a change of the whole, and what is remembered per shard is keyed by that shard's own.
// Read from the shards' meta documents (metaDocuments.ts), at most every 2 s.
import { GENERATION_DOCUMENT_ID } from '../../index/schema.js';
import type { MetaDocument, MetaReader } from './metaDocuments.js';

export interface Generation {
  value: string;
  /** DOCUMENT_FORMAT_VERSION when every report is indexed in it ('mixed' otherwise). */
  formatVersion: string;
  /** Each shard's own generation, in the order of context.shards. */
  shards: string[];
}

const EMPTY = 'empty';

export function generationReader(meta: MetaReader): () => Promise<Generation> {
  // The same documents give the same generation: computed once per read of the meta documents.
  let last: { documents: MetaDocument[][]; generation: Generation } | null = null;
  return async function generation(): Promise<Generation> {
    const documents = await meta();
    if (last?.documents === documents) return last.generation;
    const shards = documents.map((hits) => {
      const found = hits.find((hit) => hit.id === GENERATION_DOCUMENT_ID);
      return {
        value: typeof found?.['value'] === 'string' ? found['value'] : EMPTY,
        formatVersion: typeof found?.['formatVersion'] === 'string' ? found['formatVersion'] : '',
      };
    });
    // A shard nothing was ever written to holds no report: it does not make the format mixed.
    const versions = new Set(shards.filter((shard) => shard.value !== EMPTY).map((shard) => shard.formatVersion));
    const generation: Generation = {
      value: shards.map((shard) => shard.value).join(' '),
      formatVersion: versions.size === 1 ? [...versions][0]! : versions.size === 0 ? '' : 'mixed',
      shards: shards.map((shard) => shard.value),
    };
    last = { documents, generation };
    return generation;
  };
}
