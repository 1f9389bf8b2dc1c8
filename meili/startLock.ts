import { createHash } from 'node:crypto';
import net from 'node:net';

export interface StartLock {
  release(): Promise<void>;
}

/**
 * Tries to become the one process allowed to start (and later stop) Meilisearch for `meiliDir`.
 * Returns null when another process holds the lock.
 *
 * Meilisearch 1.21 does not refuse a second server on the same data.ms (measured: both start and
 * both serve), so the exclusion must be ours. The lock is a listening socket in Linux's abstract
 * namespace: the kernel frees it the moment its holder dies, so there is no stale lock file to judge.
 * It only excludes processes in the same network namespace (containers sharing one DATA_DIR
 * over a volume do not see each other's lock).
 */
export async function tryAcquireStartLock(meiliDir: string): Promise<StartLock | null> {
  const digest = createHash('sha256').update(meiliDir).digest('hex').slice(0, 40);
  const server = net.createServer();
  const acquired = await new Promise<boolean>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(false);
      else reject(error);
    });
    server.listen({ path: `\0nianbao-meili-${digest}` }, () => resolve(true));
  });
  if (!acquired) return null;
  // Holding the lock must not keep a finished command alive.
  server.unref();
  let released: Promise<void> | null = null;
  return {
    release() {
      released ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return released;
    },
  };
}
