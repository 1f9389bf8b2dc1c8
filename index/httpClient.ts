// The HTTP client for Meilisearch. Node's fetch (undici) adds 20–70 ms to small requests on
// loopback here (measured: a 20-hit multi-search took 47 ms through fetch, 4 ms through curl and
// through node:http with TCP_NODELAY), which alone would break the latency targets. This client
// keeps connections alive, disables Nagle's algorithm, and reproduces the meilisearch client's
// contract for a custom httpClient: return the parsed body, throw its error classes.
import http from 'node:http';
import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const REQUEST_TIMEOUT_MS = 600_000;

export async function nodeHttpClient(input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<unknown> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, name) => {
    headers[name] = value;
  });
  const body = typeof init?.body === 'string' ? init.body : undefined;
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const { status, text } = await send(url, init?.method ?? 'GET', headers, body);
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch (error) {
    // Something else answers at that address (a proxy's error page, another service).
    throw new MeilisearchRequestError(
      url.toString(),
      new Error(`HTTP ${status} answer is not JSON: is this Meilisearch?`, { cause: error }),
    );
  }
  if (status < 200 || status >= 300) {
    throw new MeilisearchApiError(new Response(text, { status }), parsed as never);
  }
  return parsed;
}

/**
 * One request. A kept-alive connection the server has closed (a restart, its idle timeout) can be
 * taken from the pool before this process sees it close; the request then fails with ECONNRESET
 * before any answer and is sent again (Node's documented remedy: `reusedSocket`). Our requests
 * bear repeating: searches, and writes of whole documents by id. Each retry uses up one such
 * connection; a new connection's failure is final (a server that is down is reported at once).
 */
async function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; text: string }> {
  for (;;) {
    const attempt = await new Promise<{ status: number; text: string } | 'stale'>((resolve, reject) => {
      const request = http.request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      // A socket-idle timeout instead of the client's AbortSignal: the client reuses one signal for
      // every poll of a task, and a listener per request trips Node's listener-leak warning.
      request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
      request.on('socket', (socket) => socket.setNoDelay(true));
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (request.reusedSocket && error.code === 'ECONNRESET') resolve('stale');
        else reject(new MeilisearchRequestError(url.toString(), error));
      });
      request.end(body);
    });
    if (attempt !== 'stale') return attempt;
  }
}

/**
 * The meilisearch client wraps whatever a custom httpClient throws in a MeilisearchRequestError;
 * this returns the API error inside when there is one, so callers can tell "unreachable" from
 * "refused" as with the default client.
 */
export function unwrapMeiliError(error: unknown): unknown {
  if (error instanceof MeilisearchRequestError && error.cause instanceof MeilisearchApiError) return error.cause;
  return error;
}
