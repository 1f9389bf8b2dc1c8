// A fixed-window request limit per client address, kept in memory: enough to stop one script from
// starving everyone on a single-process deployment. Windows are aligned to the clock, and the
// table is dropped whenever a new window starts, so memory is bounded by one window's clients.
import type { RequestHandler } from 'express';
import { RateLimitedError } from './errors.js';

export interface RateLimitOptions {
  /** Requests allowed per client per window. */
  limit: number;
  windowMs: number;
  now: () => Date;
}

export function rateLimit(options: RateLimitOptions): RequestHandler {
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new RangeError(`rate limit must be a whole number of requests ≥ 1, got ${options.limit}`);
  }
  let windowStart = Number.NEGATIVE_INFINITY;
  let counts = new Map<string, number>();
  return (request, response, next) => {
    const now = options.now().getTime();
    const currentWindow = Math.floor(now / options.windowMs) * options.windowMs;
    if (currentWindow !== windowStart) {
      windowStart = currentWindow;
      counts = new Map();
    }
    const client = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const count = (counts.get(client) ?? 0) + 1;
    counts.set(client, count);
    const remaining = Math.max(0, options.limit - count);
    const resetSeconds = Math.max(1, Math.ceil((windowStart + options.windowMs - now) / 1000));
    response.set('RateLimit-Limit', String(options.limit));
    response.set('RateLimit-Remaining', String(remaining));
    response.set('RateLimit-Reset', String(resetSeconds));
    if (count > options.limit) {
      next(new RateLimitedError(resetSeconds));
      return;
    }
    next();
  };
}
