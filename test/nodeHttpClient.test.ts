import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';
import { nodeHttpClient } from '../index/httpClient.js';

// A stand-in that is not Meilisearch: what a wrong MEILI_HOST (a proxy, another service) answers.
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === '/html') response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
    else if (request.url === '/missing') response.writeHead(404).end('{"message":"Index `x` not found.","code":"index_not_found"}');
    else response.writeHead(200).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the Meilisearch HTTP client', () => {
  it('returns the parsed body of a 2xx answer', async () => {
    expect(await nodeHttpClient(`${base}/ok`, { method: 'GET' })).toEqual({ ok: true });
  });

  it('throws an API error for a JSON error answer', async () => {
    await expect(nodeHttpClient(`${base}/missing`, { method: 'GET' })).rejects.toBeInstanceOf(MeilisearchApiError);
  });

  it('reports an answer that is not JSON as a request error, not a crash', async () => {
    await expect(nodeHttpClient(`${base}/html`, { method: 'GET' })).rejects.toBeInstanceOf(MeilisearchRequestError);
  });

  it('reports a closed port as a request error', async () => {
    await expect(nodeHttpClient('http://127.0.0.1:9/x', { method: 'GET' })).rejects.toBeInstanceOf(MeilisearchRequestError);
  });

  it('sends a request again on a new connection when the kept-alive one it reused was closed by the server', async () => {
    // Two requests at once leave two idle connections; the server then closes both (a restart, an
    // idle timeout) and the next request takes one before this process has seen it close.
    await Promise.all([nodeHttpClient(`${base}/ok`, { method: 'GET' }), nodeHttpClient(`${base}/ok`, { method: 'GET' })]);
    server.closeAllConnections();
    expect(await nodeHttpClient(`${base}/ok`, { method: 'GET' })).toEqual({ ok: true });
  });
});
