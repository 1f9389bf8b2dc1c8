// The contract between the managed Meilisearch layer and its callers (CLI, indexer publisher, web server).

export interface MeiliConnection {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  readonly host: string;
  /**
   * The master key (managed) or MEILI_API_KEY (external). Server-side only; never logged. Not enumerable,
   * so printing or serialising a connection does not show it (and spreading one drops it: pass it whole).
   */
  readonly adminKey: string;
  /** 'owned': this process started Meilisearch and stops it on close(); 'reused': another nianbao process owns it; 'external': MEILI_HOST. */
  readonly managed: 'owned' | 'reused' | 'external';
  /** Stops the process when owned; a no-op otherwise. Idempotent. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** DATA_DIR; Meilisearch keeps everything under <dataDir>/meili/. */
  dataDir: string;
  /** MEILI_HOST: use that server and start nothing. */
  host?: string;
  /** MEILI_API_KEY: the admin key for `host`. */
  apiKey?: string;
  maxIndexingThreads?: number;
  /** Passed to --max-indexing-memory as written, e.g. '2 GiB'. */
  maxIndexingMemory?: string;
  /** Progress lines for the CLI. Lines never contain keys. */
  log?: (line: string) => void;
}
