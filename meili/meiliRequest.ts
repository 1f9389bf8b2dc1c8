// The few raw HTTP calls this layer needs (/health, /version, /keys). The meilisearch npm client is
// owned by the publisher and the search adapter; this layer only has to start, check and hand over.

export interface MeiliResponse {
  status: number;
  /** Parsed JSON, or null for an empty or non-JSON body. */
  body: unknown;
}

export interface MeiliRequestOptions {
  key?: string;
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  timeoutMs?: number;
}

/** One request to Meilisearch. Rejects only when no HTTP answer came back (refused, timed out, DNS). */
export async function meiliRequest(host: string, route: string, options: MeiliRequestOptions = {}): Promise<MeiliResponse> {
  const headers: Record<string, string> = {};
  if (options.key) headers.Authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${host}${route}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: not a Meilisearch answer; callers judge by status.
  }
  return { status: response.status, body };
}

/** A short reason for a failed request, for messages: the system error code when there is one. */
export function describeFailure(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code !== '') return code;
    if (current.name === 'TimeoutError') return 'timed out';
    current = current.cause;
  }
  return error instanceof Error ? error.message : String(error);
}
