import { spawnSync } from 'node:child_process';

/**
 * The setpriv command when it can set a parent-death signal (util-linux 2.33 and later), else null.
 * Probed by running it, because an older setpriv exists but rejects --pdeathsig.
 */
export function findSetpriv(): string | null {
  const probe = spawnSync('setpriv', ['--pdeathsig', 'SIGKILL', '--', 'true'], { stdio: 'ignore', timeout: 5_000 });
  return probe.status === 0 ? 'setpriv' : null;
}
