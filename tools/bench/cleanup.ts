// What a run must undo, however it ends: child processes, Meilisearch instances, temporary folders.
// Undone in reverse order (a server before the Meilisearch it uses, a folder after both). On
// SIGINT/SIGTERM everything is undone before exiting; a second signal exits at once.

export interface Cleanup {
  /** Registers an undo step; the returned function forgets it (the thing was undone normally). */
  add(step: () => Promise<void> | void): () => void;
  /** Runs every remaining step, newest first; failures are reported, not thrown. */
  run(): Promise<void>;
}

export function createCleanup(log: (line: string) => void): Cleanup {
  const steps = new Set<() => Promise<void> | void>();
  const cleanup: Cleanup = {
    add(step) {
      steps.add(step);
      return () => {
        steps.delete(step);
      };
    },
    async run() {
      for (const step of [...steps].reverse()) {
        steps.delete(step);
        try {
          await step();
        } catch (error) {
          log(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
  };
  let stopping = false;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(code);
      stopping = true;
      log(`${signal}: stopping processes and removing temporary files…`);
      void cleanup.run().finally(() => process.exit(code));
    });
  }
  return cleanup;
}
