import { MeiliAuthError, MeiliUnreachableError } from './errors.js';
import { describeFailure, meiliRequest } from './meiliRequest.js';

/** Null when `host` answers GET /health with status "available", else a short reason (e.g. ECONNREFUSED). Never throws. */
export async function healthProblem(host: string, timeoutMs = 2_000): Promise<string | null> {
  try {
    const { status, body } = await meiliRequest(host, '/health', { timeoutMs });
    const state = (body as { status?: unknown } | null)?.status;
    if (status === 200 && state === 'available') return null;
    return `GET /health answered HTTP ${status}${typeof state === 'string' ? ` "${state}"` : ''}`;
  } catch (error) {
    return describeFailure(error);
  }
}

/**
 * Checks that `host` accepts `key` and returns the server's version. `hint` ends the messages with
 * what the user should check (which setting, which process).
 */
export async function verifyKey(host: string, key: string, hint: string): Promise<string> {
  let response: Awaited<ReturnType<typeof meiliRequest>>;
  try {
    response = await meiliRequest(host, '/version', { key });
  } catch (error) {
    throw new MeiliUnreachableError(`Meilisearch at ${host} stopped answering (${describeFailure(error)}). ${hint}`, host, {
      cause: error,
    });
  }
  if (response.status === 401 || response.status === 403) {
    throw new MeiliAuthError(`Meilisearch at ${host} refused the key (HTTP ${response.status}). ${hint}`, host, {
      cause: response.body,
    });
  }
  const version = (response.body as { pkgVersion?: unknown } | null)?.pkgVersion;
  if (response.status !== 200 || typeof version !== 'string') {
    throw new MeiliUnreachableError(`${host} answered GET /version with HTTP ${response.status}, not as Meilisearch does. ${hint}`, host, {
      cause: response.body,
    });
  }
  return version;
}
