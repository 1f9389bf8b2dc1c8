// The HTTP client the bench and the load test time requests with. node:http with a keep-alive agent
// and TCP_NODELAY: Node's fetch adds 20–70 ms per request on loopback here (index/httpClient.ts),
// which would swamp every figure. Latency is measured from the call to the last byte of the body.
import http from 'node:http';

export interface TimedResponse {
  status: number;
  body: string;
  /** Milliseconds from sending the request to the end of the response body. */
  ms: number;
}

export interface LoopbackClient {
  get(url: string, headers?: Record<string, string>): Promise<TimedResponse>;
  postJson(url: string, body: unknown, headers?: Record<string, string>): Promise<TimedResponse>;
  /** A raw body (NDJSON, say); the content type goes in the headers. */
  post(url: string, payload: string, headers: Record<string, string>): Promise<TimedResponse>;
  /** Closes the idle keep-alive sockets so the process can exit. */
  close(): void;
}

export interface LoopbackClientOptions {
  /** Sockets per host; the load test needs one per concurrent client. */
  maxSockets?: number;
  timeoutMs?: number;
}

export function createLoopbackClient(options: LoopbackClientOptions = {}): LoopbackClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 });
  const timeoutMs = options.timeoutMs ?? 600_000;

  function send(method: string, url: string, headers: Record<string, string>, payload?: string): Promise<TimedResponse> {
    const target = new URL(url);
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method,
          agent,
          headers: payload === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(payload)) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
          );
          response.on('error', reject);
        },
      );
      request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer from ${target.host} within ${timeoutMs / 1000} s`)));
      request.on('socket', (socket) => socket.setNoDelay(true));
      request.on('error', reject);
      request.end(payload);
    });
  }

  return {
    get: (url, headers = {}) => send('GET', url, headers),
    postJson: (url, body, headers = {}) => send('POST', url, { ...headers, 'content-type': 'application/json' }, JSON.stringify(body)),
    post: (url, payload, headers) => send('POST', url, headers, payload),
    close: () => agent.destroy(),
  };
}

/** Throws with the status and the start of the body unless the response is 2xx. */
export function expectOk(response: TimedResponse, what: string): TimedResponse {
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`${what}: HTTP ${response.status}: ${response.body.slice(0, 300)}`);
  }
  return response;
}
