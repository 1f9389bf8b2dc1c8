// The only owner of the Meilisearch client: every call to Meilisearch, from the indexer (admin key)
// or the search (search key), goes through a client made here, and every error it throws is
// translated here, once, into one of two kinds a caller can act on (meili/errors.ts): Meilisearch
// could not be reached (start it, check MEILI_HOST), or it answered and refused (a key, a full
// disk, a bug).
import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';
import { MeiliRefusedError, MeiliUnreachableError } from '../meili/errors.js';
import { nodeHttpClient, unwrapMeiliError } from './httpClient.js';

/** A client for one Meilisearch with the key given (the master key never reaches the web tier). */
export function meiliClient(host: string, apiKey: string): Meilisearch {
  return new Meilisearch({ host, apiKey, httpClient: nodeHttpClient });
}

/**
 * What a failed call to Meilisearch means: MeiliUnreachableError, MeiliRefusedError, or the error
 * itself when it did not come from Meilisearch. `what` completes "…while trying to …".
 */
export function translateMeiliError(thrown: unknown, host: string, what: string): Error {
  const error = unwrapMeiliError(thrown);
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError) {
    return new MeiliUnreachableError(`Meilisearch at ${host} is not reachable while trying to ${what}`, host, { cause: error });
  }
  if (error instanceof MeilisearchApiError) {
    const status = error.response.status;
    return new MeiliRefusedError(`Meilisearch at ${host} refused to ${what} (HTTP ${status}): ${error.message}`, host, status, {
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** True when Meilisearch answered 404: an index that does not exist yet. */
export function isNotFound(thrown: unknown): boolean {
  const error = unwrapMeiliError(thrown);
  return error instanceof MeilisearchApiError && error.response.status === 404;
}

/** The part of a Meilisearch search response the search reads. */
export interface SearchResponse<T> {
  hits: T[];
  totalHits?: number;
  estimatedTotalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

/** One search of a multi-search request: Meilisearch's parameters, by name. */
export type SearchQuery = Record<string, unknown> & { indexUid: string };

/** Runs several searches in one request; errors translated (translateMeiliError). */
export async function multiSearch<T>(client: Meilisearch, queries: SearchQuery[]): Promise<Array<SearchResponse<T>>> {
  if (queries.length === 0) return [];
  try {
    const response = (await client.multiSearch({ queries } as never)) as unknown as { results: Array<SearchResponse<T>> };
    return response.results;
  } catch (error) {
    throw translateMeiliError(error, client.config.host, 'search');
  }
}
