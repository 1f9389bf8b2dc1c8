// N clients, each with its own keep-alive connection, sending the mix back to back until the time is
// up or the request budget is spent. A request is an error when it gets no 2xx answer, whatever the
// reason (HTTP status, refused or reset socket, timeout).
import type { LoopbackClient } from '../bench/loopbackClient.js';
import { nextRequest, seededRandom, type RequestKind } from './requestMix.js';

export interface LoadOptions {
  baseUrl: string;
  connections: number;
  seconds: number;
  maxRequests: number;
  reportIds: readonly string[];
  seed: number;
  client: LoopbackClient;
}

export interface KindResult {
  requests: number;
  errors: number;
  latenciesMs: number[];
}

export interface LoadResult {
  elapsedMs: number;
  requests: number;
  errors: number;
  /** "HTTP 429", "ECONNRESET", … → count. */
  errorsByCause: Map<string, number>;
  /** Latency of every answered request, errors included (a fast 500 is still an answer). */
  latenciesMs: number[];
  byKind: Map<RequestKind, KindResult>;
  /** First few error responses, for the printout. */
  errorSamples: string[];
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = {
    elapsedMs: 0,
    requests: 0,
    errors: 0,
    errorsByCause: new Map(),
    latenciesMs: [],
    byKind: new Map(),
    errorSamples: [],
  };
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  let issued = 0;

  const record = (kind: RequestKind, ms: number | null, cause: string | null, sample: string) => {
    const perKind = result.byKind.get(kind) ?? { requests: 0, errors: 0, latenciesMs: [] };
    result.byKind.set(kind, perKind);
    result.requests++;
    perKind.requests++;
    if (ms !== null) {
      result.latenciesMs.push(ms);
      perKind.latenciesMs.push(ms);
    }
    if (cause !== null) {
      result.errors++;
      perKind.errors++;
      result.errorsByCause.set(cause, (result.errorsByCause.get(cause) ?? 0) + 1);
      if (result.errorSamples.length < 5) result.errorSamples.push(sample);
    }
  };

  const worker = async (index: number) => {
    const random = seededRandom(options.seed * 1000 + index);
    while (performance.now() < deadline && issued < options.maxRequests) {
      issued++;
      const request = nextRequest(random, options.reportIds);
      try {
        const response = await options.client.get(options.baseUrl + request.path);
        const ok = response.status >= 200 && response.status < 300;
        record(
          request.kind,
          response.ms,
          ok ? null : `HTTP ${response.status}`,
          `${request.path} → HTTP ${response.status}: ${response.body.slice(0, 200)}`,
        );
      } catch (error) {
        const cause = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
        record(request.kind, null, cause, `${request.path} → ${cause}`);
      }
    }
  };

  await Promise.all(Array.from({ length: options.connections }, (_, i) => worker(i)));
  result.elapsedMs = performance.now() - started;
  return result;
}
