// Errors of the managed Meilisearch layer. The CLI and the server map them to what a user sees;
// `code` is what callers branch on, the message is what a person reads.

/** The Meilisearch host does not answer, or the managed process failed to start (the message carries its log tail). */
export class MeiliUnreachableError extends Error {
  override readonly name = 'MeiliUnreachableError';
  readonly code = 'MEILI_UNREACHABLE';
  constructor(
    message: string,
    readonly host: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Meilisearch answered but refused the key it was given. */
export class MeiliAuthError extends Error {
  override readonly name = 'MeiliAuthError';
  readonly code = 'MEILI_KEY_REFUSED';
  constructor(
    message: string,
    readonly host: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Meilisearch answered a request with an error status: `status` says which (401/403: the key; 5xx: the server). */
export class MeiliRefusedError extends Error {
  override readonly name = 'MeiliRefusedError';
  readonly code = 'MEILI_REFUSED';
  constructor(
    message: string,
    readonly host: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The key in use may not create API keys (an external server's admin key): a search key must be supplied instead. */
export class SearchKeyRequiredError extends Error {
  override readonly name = 'SearchKeyRequiredError';
  readonly code = 'MEILI_SEARCH_KEY_REQUIRED';
  constructor(
    message: string,
    readonly host: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** DATA_DIR (or the Meilisearch folder inside it) cannot be created or written. */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
  readonly code = 'DATA_DIR_NOT_WRITABLE';
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
