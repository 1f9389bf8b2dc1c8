import type { MeiliConnection } from './types.js';

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * For the CLI: on SIGINT or SIGTERM, close the connection (stopping an owned Meilisearch in order) and
 * exit with 130 or 143. A second signal while closing exits at once; an owned server then still dies
 * with this process (parent-death signal). Returns a function that removes the handlers.
 */
export function stopOnSignals(conn: MeiliConnection, log: (line: string) => void = () => {}): () => void {
  let stopping = false;
  const onSignal = (signal: keyof typeof EXIT_CODES): void => {
    const code = EXIT_CODES[signal];
    if (stopping) process.exit(code);
    stopping = true;
    if (conn.managed === 'owned') log(`${signal}: stopping Meilisearch…`);
    conn.close().then(
      () => process.exit(code),
      (error: unknown) => {
        log(`Could not stop Meilisearch cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(code);
      },
    );
  };
  const onInt = (): void => onSignal('SIGINT');
  const onTerm = (): void => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
}
