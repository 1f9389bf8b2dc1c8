import { MeiliUnreachableError, SearchKeyRequiredError } from './errors.js';
import { describeFailure, meiliRequest, type MeiliResponse } from './meiliRequest.js';
import type { MeiliConnection } from './types.js';

// Fixed, so every run finds the key it made before. Meilisearch derives a key's value from its uid and
// the master key, so re-creating it under this uid (when the index list changes) gives the same value.
export const SEARCH_KEY_UID = '86a17550-808e-422a-b5ae-fc8965591670';

interface KeyObject {
  key: string;
  actions: string[];
  indexes: string[];
  expiresAt: string | null;
}

/**
 * A key that may only search `indexUids` (for the web tier), created once and reused. Throws
 * SearchKeyRequiredError when the admin key may not manage keys (an external server's admin key).
 */
export async function ensureSearchKey(conn: MeiliConnection, indexUids: string[]): Promise<string> {
  if (indexUids.length === 0) throw new RangeError('ensureSearchKey needs at least one index uid');
  const wanted = [...new Set(indexUids)].sort();

  const existing = await request(conn, 'GET', `/keys/${SEARCH_KEY_UID}`);
  if (existing.status === 200) {
    const key = existing.body as KeyObject;
    if (isSearchKeyFor(key, wanted)) return key.key;
    // Actions and indexes of a key cannot be edited: replace it (same uid, so the same value).
    const removed = await request(conn, 'DELETE', `/keys/${SEARCH_KEY_UID}`);
    if (removed.status !== 204 && removed.status !== 404) throw keyFailure(conn, removed);
  } else if (existing.status !== 404) {
    throw keyFailure(conn, existing);
  }

  const created = await request(conn, 'POST', '/keys', {
    uid: SEARCH_KEY_UID,
    name: 'nianbao search',
    description: 'Search-only key for the nianbao web server; created by nianbao.',
    actions: ['search'],
    indexes: wanted,
    expiresAt: null,
  });
  if (created.status === 201) return (created.body as KeyObject).key;
  // Another process created it between our look-up and our request.
  if (errorCode(created) === 'api_key_already_exists') return ensureSearchKey(conn, indexUids);
  throw keyFailure(conn, created);
}

function isSearchKeyFor(key: KeyObject, wanted: string[]): boolean {
  const indexes = [...key.indexes].sort();
  return (
    key.actions.length === 1 &&
    key.actions[0] === 'search' &&
    key.expiresAt === null &&
    indexes.length === wanted.length &&
    indexes.every((uid, i) => uid === wanted[i])
  );
}

async function request(conn: MeiliConnection, method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<MeiliResponse> {
  try {
    return await meiliRequest(conn.host, route, { key: conn.adminKey, method, body });
  } catch (error) {
    throw new MeiliUnreachableError(`Meilisearch at ${conn.host} stopped answering (${describeFailure(error)}).`, conn.host, {
      cause: error,
    });
  }
}

/** The error a user can act on, for an answer this module did not expect. */
function keyFailure(conn: MeiliConnection, response: MeiliResponse): Error {
  if (response.status === 401 || response.status === 403) {
    return new SearchKeyRequiredError(
      `The key for ${conn.host} may not manage API keys (HTTP ${response.status}), so nianbao cannot create ` +
        `a search-only key. Create one on that server (actions ["search"] on the nianbao indexes) and set ` +
        `MEILI_SEARCH_KEY to it.`,
      conn.host,
      { cause: response.body },
    );
  }
  return new MeiliUnreachableError(
    `Meilisearch at ${conn.host} answered HTTP ${response.status} while managing the search key: ` +
      `${JSON.stringify(response.body)}`,
    conn.host,
    { cause: response.body },
  );
}

function errorCode(response: MeiliResponse): string | null {
  const code = (response.body as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}
