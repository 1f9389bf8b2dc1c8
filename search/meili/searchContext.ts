// What every part of the Meilisearch adapter shares: the index names and one way to search, whose
// failures are already what the server maps to a status (SearchUnavailableError → 503). Over
// several shards the same interface fans out and merges (search/meili/shards.ts), so no job below
// knows how many Meilisearch instances there are.
import type { Meilisearch } from 'meilisearch';
import { multiSearch, type SearchQuery, type SearchResponse } from '../../index/meiliClient.js';
import { MeiliRefusedError, MeiliUnreachableError } from '../../meili/errors.js';
import type { IndexNames } from '../../index/schema.js';
import { SearchUnavailableError } from '../errors.js';

export interface SearchContext {
  names: IndexNames;
  /** Several searches in one request; Meilisearch down or refusing the key is a SearchUnavailableError. */
  search<T>(queries: SearchQuery[]): Promise<Array<SearchResponse<T>>>;
  /**
   * Every hit of one search (its offset and limit are ignored), in its order, `pageSize` at a time:
   * for reading whole result sets (exports, every report, verification candidates).
   */
  each<T>(query: SearchQuery, pageSize: number): AsyncIterable<T[]>;
  /** The Meilisearch instances behind this context, each as its own context (one: this context itself). */
  shards: readonly SearchContext[];
}

/**
 * The context of one Meilisearch. `shard` is its address as a user may see it (no key), given when it
 * is one of several: an error then names it.
 */
export function searchContext(client: Meilisearch, names: IndexNames, shard: string | null = null): SearchContext {
  const context: SearchContext = {
    names,
    async search<T>(queries: SearchQuery[]) {
      try {
        return await multiSearch<T>(client, queries);
      } catch (error) {
        throw asSearchError(error, shard);
      }
    },
    async *each<T>(query: SearchQuery, pageSize: number) {
      for (let offset = 0; ; offset += pageSize) {
        const [page] = await context.search<T>([{ ...withoutWindow(query), offset, limit: pageSize }]);
        const hits = page?.hits ?? [];
        if (hits.length > 0) yield hits;
        if (hits.length < pageSize) return;
      }
    },
    get shards() {
      return [context];
    },
  };
  return context;
}

/** The query without its page: `page`/`hitsPerPage` and `offset`/`limit` removed. */
export function withoutWindow(query: SearchQuery): SearchQuery {
  const { page: _page, hitsPerPage: _hitsPerPage, offset: _offset, limit: _limit, ...rest } = query;
  return rest as SearchQuery;
}

/**
 * Unreachable, a refused key and a failing server are "try again later" (503); any other refusal
 * (a malformed filter, say) is our bug and stays a 500.
 */
function asSearchError(error: unknown, shard: string | null): unknown {
  const where = shard === null ? 'Meilisearch' : `Meilisearch shard ${shard}`;
  if (error instanceof MeiliUnreachableError) return new SearchUnavailableError(`${where} is not reachable`, { cause: error, shard });
  if (error instanceof MeiliRefusedError && (error.status >= 500 || error.status === 401 || error.status === 403)) {
    return new SearchUnavailableError(`${where} refused the search (HTTP ${error.status})`, { cause: error, shard });
  }
  return error;
}
