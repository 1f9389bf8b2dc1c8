// At most `limit` page and API requests are worked on at once; the others wait their turn, first come
// first served. Why: a request at work holds its hits, their texts and its rendered page (up to a few
// MB each), and on a small machine Meilisearch answers 50 searches in flight no sooner than 8, so
// admitting everyone only multiplies what the server holds (peak RSS 312 MiB under 50 clients at 100k
// sections before this gate, BENCHMARKS.md). Streaming exports (.csv, .jsonl) are not gated: they hold
// one page of rows at a time, and a long export must not keep the site waiting.
//
// A place is given back when its work ends (the response is ended or destroyed), not when its client
// leaves: work for a client that gave up goes on until its next check (clientGone.ts) or its end, and
// handing its place on let more than `limit` work at once whenever clients gave up (at 1M sections
// under 50 clients, 38 of 167 did). A client that leaves while waiting gives up its place in the queue.
import type { RequestHandler, Response } from 'express';

export const DEFAULT_CONCURRENT_REQUESTS = 8;
/** A handler that never ends its response must not keep its place for ever once its client has left. */
const ABANDONED_WORK_MS = 60_000;

const STREAMED = /\.(csv|jsonl)$/;

export function admission(limit: number): RequestHandler {
  let working = 0;
  const waiting: Array<() => void> = [];

  const release = (): void => {
    working -= 1;
    waiting.shift()?.();
  };

  const admit = (response: Response, go: () => void): void => {
    working += 1;
    let released = false;
    const releaseOnce = (): void => {
      if (released) return;
      released = true;
      release();
    };
    whenWorkEnds(response, releaseOnce);
    response.once('close', () => {
      if (!released) setTimeout(releaseOnce, ABANDONED_WORK_MS).unref();
    });
    go();
  };

  return (request, response, next) => {
    if (STREAMED.test(request.path) || request.path.startsWith('/static/')) {
      next();
      return;
    }
    if (working < limit) {
      admit(response, next);
      return;
    }
    const turn = (): void => admit(response, next);
    waiting.push(turn);
    // A client that leaves while waiting gives up its place (once admitted, the same event releases it).
    response.once('close', () => {
      const place = waiting.indexOf(turn);
      if (place >= 0) waiting.splice(place, 1);
    });
  };
}

/**
 * Calls `done` when the handler ends or destroys the response, whether or not its client is still
 * there ('finish' alone never comes for a client that left). Every path of a request ends so: a
 * handler's answer, the error handler's (errors.ts) and Express's own 404.
 */
function whenWorkEnds(response: Response, done: () => void): void {
  const end = response.end.bind(response);
  const destroy = response.destroy.bind(response);
  response.end = ((...args: Parameters<typeof end>) => {
    done();
    return end(...args);
  }) as typeof response.end;
  response.destroy = (error?: Error) => {
    done();
    return destroy(error);
  };
}
