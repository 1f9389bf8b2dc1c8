// Errors the search adapter raises; server/errors.ts maps them to what a user sees (a QueryError,
// raised by the query's own rules, lives with them in core/query.ts).

/** Meilisearch did not answer or refused: maps to HTTP 503 (the site recovers when it is back). */
export class SearchUnavailableError extends Error {
  override readonly name = 'SearchUnavailableError';
  /** With several shards: the address (no key) of the one that failed, so the page can name it; null otherwise. */
  readonly shard: string | null;
  constructor(message: string, options?: { cause?: unknown; shard?: string | null }) {
    super(message, options);
    this.shard = options?.shard ?? null;
  }
}

/**
 * A run is moving reports to the shard that is now their own (indexer/shardedPublisher.ts): until it
 * has deleted the old copies a report can be on two shards, so no count is given. Maps to HTTP 503.
 */
export class ReportsMovingError extends Error {
  override readonly name = 'ReportsMovingError';
  constructor(readonly since: string) {
    super(`reports have been moving between shards since ${since}; a count could hold one of them twice until the index run has finished`);
  }
}
