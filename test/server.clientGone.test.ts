// A request's client signal: aborted with a ClientGoneError when the client leaves before its answer,
// never once the answer is sent; the error handler answers nobody and logs no failure for it.
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { admission } from '../server/admission.js';
import { ClientGoneError, clientSignal } from '../server/clientGone.js';
import { errorHandler } from '../server/errors.js';
import type { Logger } from '../server/logger.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

/** One request at work at a time; /slow waits for its signal to abort, then throws its reason; /fast answers at once. */
async function appWithSignals() {
  const signals: AbortSignal[] = [];
  const logged: Array<{ level: string; message: string }> = [];
  const logger: Logger = {
    info: (message) => logged.push({ level: 'info', message }),
    warn: (message) => logged.push({ level: 'warn', message }),
    error: (message) => logged.push({ level: 'error', message }),
  };
  const app = express();
  app.use(admission(1));
  app.get('/slow', async (_request, response) => {
    const signal = clientSignal(response);
    signals.push(signal);
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    signal.throwIfAborted();
  });
  app.get('/fast', (_request, response) => {
    signals.push(clientSignal(response));
    response.send('ok');
  });
  app.use(errorHandler({ logger, renderErrorPage: () => 'error page' }));
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { signals, logged, base };
}

/** Asks for /slow and leaves before its answer. */
async function leaveSlowRequest(base: string): Promise<void> {
  const controller = new AbortController();
  fetch(`${base}/slow`, { signal: controller.signal }).catch(() => undefined);
  await settle();
  controller.abort();
  await settle();
}

describe('the client signal', () => {
  it('aborts with a ClientGoneError when the client leaves before its answer', async () => {
    const app = await appWithSignals();
    await leaveSlowRequest(app.base);
    expect(app.signals).toHaveLength(1);
    expect(app.signals[0]?.aborted).toBe(true);
    expect(app.signals[0]?.reason).toBeInstanceOf(ClientGoneError);
    expect(app.logged).toEqual([{ level: 'info', message: 'client left' }]);
  });

  it('does not abort once the answer has been sent', async () => {
    const app = await appWithSignals();
    expect(await (await fetch(`${app.base}/fast`)).text()).toBe('ok');
    await settle();
    expect(app.signals[0]?.aborted).toBe(false);
  });

  it('gives the place of a request whose client left back once the request has stopped', async () => {
    const app = await appWithSignals();
    await leaveSlowRequest(app.base);
    const answer = await fetch(`${app.base}/fast`, { signal: AbortSignal.timeout(5_000) });
    expect(await answer.text()).toBe('ok');
  });
});
