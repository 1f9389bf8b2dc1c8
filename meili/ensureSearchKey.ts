import { MeiliUnreachableError, SearchKeyRequiredError } from './errors.js';
import { describeFailure, meiliRequest, type MeiliResponse } from './meiliRequest.js';
import type { MeiliConnection } from './types.js';

import { createHash } from 'node:crypto';

// The uid is derived from the index list, so every run finds the key it made before, and sites on
// different index prefixes of one Meilisearch each have their own key instead of narrowing a shared
// one. Meilisearch derives a key's value from its uid and the master key, so the value is stable too.
export function searchKeyUid(indexUids: readonly string[]): string {
  const hex = createHash('sha256')
    .update(`nianbao search key\n${[...new Set(indexUids)].sort().join('\n')}`)
    .digest('hex');
  // A UUID (version 4 layout) made of the digest.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

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
  const SEARCH_KEY_UID = searchKeyUid(wanted);

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
    `Meilisearch at ${conn.host} answered HTTP ${response.status} while managing the search key: ` + `${JSON.stringify(response.body)}`,
    conn.host,
    { cause: response.body },
  );
}

function errorCode(response: MeiliResponse): string | null {
  const code = (response.body as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}
