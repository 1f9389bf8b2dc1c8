// At most `limit` page and API requests are worked on at once; the others wait their turn, first come
// first served. Why: a request at work holds its hits, their texts and its rendered page (up to a few
// MB each), and on a small machine Meilisearch answers 50 searches in flight no sooner than 8, so
// admitting everyone only multiplies what the server holds (peak RSS 312 MiB under 50 clients at 100k
// sections before this gate, BENCHMARKS.md). Streaming exports (.csv, .jsonl) are not gated: they hold
// one page of rows at a time, and a long export must not keep the site waiting.
import type { RequestHandler, Response } from 'express';

export const DEFAULT_CONCURRENT_REQUESTS = 8;

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
    response.once('close', release);
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
