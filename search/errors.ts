// Errors the search layer raises; server/errors.ts maps them to what a user sees.

/** The query cannot be run as written: the message says how to fix it. Maps to HTTP 400. */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Meilisearch did not answer or refused: maps to HTTP 503 (the site recovers when it is back). */
export class SearchUnavailableError extends Error {
  override readonly name = 'SearchUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
