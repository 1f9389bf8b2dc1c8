// The admission gate: at most N requests at work, the rest wait in order; a client that leaves gives
// its place back, one at work keeps it until its work ends; exports and static files pass.
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { admission } from '../server/admission.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** An app whose /work/:id requests wait until the test releases them; `started` lists them in order. */
async function gatedApp(limit: number) {
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  const app = express();
  app.use(admission(limit));
  const hold = (id: string, response: express.Response): void => {
    started.push(id);
    releases.set(id, () => response.send(id));
  };
  app.get('/work/:id', (request, response) => hold(request.params.id, response));
  app.get('/export.csv', (_request, response) => hold('export', response));
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  const get = (path: string): { done: Promise<string>; abort: () => void } => {
    const controller = new AbortController();
    const done = fetch(`http://127.0.0.1:${port}${path}`, { signal: controller.signal }).then((r) => r.text());
    done.catch(() => undefined);
    return { done, abort: () => controller.abort() };
  };
  const release = (id: string): void => releases.get(id)?.();
  return { started, get, release };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('the admission gate', () => {
  it('works on at most the limit at once and lets the next in when one is done', async () => {
    const app = await gatedApp(2);
    const third = app.get('/work/c');
    app.get('/work/a');
    await settle();
    app.get('/work/b');
    await settle();
    expect(app.started).toEqual(['c', 'a']);

    app.release('c');
    expect(await third.done).toBe('c');
    await settle();
    expect(app.started).toEqual(['c', 'a', 'b']);
  });

  it('gives back the place of a client that left while waiting', async () => {
    const app = await gatedApp(1);
    app.get('/work/a');
    await settle();
    const gone = app.get('/work/gone');
    await settle();
    gone.abort();
    await settle();
    const last = app.get('/work/last');
    await settle();

    app.release('a');
    await settle();
    expect(app.started).toEqual(['a', 'last']);
    app.release('last');
    expect(await last.done).toBe('last');
  });

  it('keeps the place of a client that left while at work until that work ends', async () => {
    const app = await gatedApp(1);
    const first = app.get('/work/a');
    await settle();
    first.abort();
    await settle();
    const next = app.get('/work/b');
    await settle();
    expect(app.started).toEqual(['a']);

    app.release('a');
    await settle();
    expect(app.started).toEqual(['a', 'b']);
    app.release('b');
    expect(await next.done).toBe('b');
  });

  it('does not hold back a streaming export', async () => {
    const app = await gatedApp(1);
    app.get('/work/a');
    await settle();
    const exported = app.get('/export.csv');
    await settle();
    expect(app.started).toEqual(['a', 'export']);
    app.release('export');
    expect(await exported.done).toBe('export');
  });
});
