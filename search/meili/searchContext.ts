// What every part of the Meilisearch adapter shares: the index names and one way to search, whose
// failures are already what the server maps to a status (SearchUnavailableError → 503).
import type { Meilisearch } from 'meilisearch';
import { multiSearch, type SearchQuery, type SearchResponse } from '../../index/meiliClient.js';
import { MeiliRefusedError, MeiliUnreachableError } from '../../meili/errors.js';
import type { IndexNames } from '../../index/schema.js';
import { SearchUnavailableError } from '../errors.js';

export interface SearchContext {
  names: IndexNames;
  /** Several searches in one request; Meilisearch down or refusing the key is a SearchUnavailableError. */
  search<T>(queries: SearchQuery[]): Promise<Array<SearchResponse<T>>>;
}

export function searchContext(client: Meilisearch, names: IndexNames): SearchContext {
  return {
    names,
    async search<T>(queries: SearchQuery[]) {
      try {
        return await multiSearch<T>(client, queries);
      } catch (error) {
        throw asSearchError(error);
      }
    },
  };
}

/**
 * Unreachable, a refused key and a failing server are "try again later" (503); any other refusal
 * (a malformed filter, say) is our bug and stays a 500.
 */
function asSearchError(error: unknown): unknown {
  if (error instanceof MeiliUnreachableError) return new SearchUnavailableError('Meilisearch is not reachable', { cause: error });
  if (error instanceof MeiliRefusedError && (error.status >= 500 || error.status === 401 || error.status === 403)) {
    return new SearchUnavailableError(`Meilisearch refused the search (HTTP ${error.status})`, { cause: error });
  }
  return error;
}
