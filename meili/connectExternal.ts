import { makeConnection } from './connection.js';
import { MeiliUnreachableError } from './errors.js';
import { healthProblem, verifyKey } from './probe.js';
import type { MeiliConnection } from './types.js';

const TESTED_MINOR = '1.21.';

/** A connection to a server nianbao does not manage (MEILI_HOST): checked, never started or stopped. */
export async function connectExternal(host: string, apiKey: string, log: (line: string) => void): Promise<MeiliConnection> {
  const base = normaliseHost(host);
  const problem = await healthProblem(base, 5_000);
  if (problem !== null) {
    throw new MeiliUnreachableError(
      `Meilisearch at ${base} (MEILI_HOST) is not answering: ${problem}. Check that the address is right, ` +
        `that the server is running and reachable from this machine, or unset MEILI_HOST to let nianbao ` +
        `run its own Meilisearch in DATA_DIR.`,
      base,
    );
  }
  const version = await verifyKey(
    base,
    apiKey,
    apiKey === ''
      ? 'The server has a master key: set MEILI_API_KEY to an admin key of that server.'
      : 'Check MEILI_API_KEY: it must be an admin key of that server (not a search key).',
  );
  log(`Using Meilisearch ${version} at ${base} (MEILI_HOST).`);
  if (!version.startsWith(TESTED_MINOR)) {
    log(`Warning: nianbao is tested with Meilisearch ${TESTED_MINOR}x; ${base} runs ${version}.`);
  }
  return makeConnection({ host: base, managed: 'external' }, apiKey, async () => {});
}

function normaliseHost(host: string): string {
  let url: URL;
  try {
    url = new URL(host);
  } catch (error) {
    throw new MeiliUnreachableError(`MEILI_HOST is not a URL: "${host}". Write it like http://127.0.0.1:7700.`, null, {
      cause: error,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new MeiliUnreachableError(`MEILI_HOST must start with http:// or https:// (got "${host}").`, null);
  }
  return url.href.replace(/\/+$/, '');
}
