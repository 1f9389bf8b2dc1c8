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
  /**
   * Let requests from this machine through unlimited (a local script walking /api/reports/:id): set when
   * the site listens on loopback only. A request a proxy forwarded is never exempt, so a reverse proxy on
   * the same machine that sets X-Forwarded-For does not lift the limit for everyone behind it.
   */
  exemptLoopback?: boolean;
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

/** Whether a HOST setting listens on this machine only (README "Serve for a team"). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

export function rateLimit(options: RateLimitOptions): RequestHandler {
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new RangeError(`rate limit must be a whole number of requests ≥ 1, got ${options.limit}`);
  }
  let windowStart = Number.NEGATIVE_INFINITY;
  let counts = new Map<string, number>();
  return (request, response, next) => {
    if (
      options.exemptLoopback &&
      isLoopbackAddress(request.socket.remoteAddress) &&
      !FORWARDING_HEADERS.some((header) => request.headers[header] !== undefined)
    ) {
      next();
      return;
    }
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
