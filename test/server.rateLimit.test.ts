import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../server/errors.js';
import { rateLimit } from '../server/rateLimit.js';
import { startHarness } from './helpers/serverHarness.js';

function call(limiter: ReturnType<typeof rateLimit>, ip: string): unknown {
  let passed: unknown = 'not called';
  const request = { ip, socket: {} } as Request;
  const response = { set: () => response } as unknown as Response;
  limiter(request, response, ((error?: unknown) => {
    passed = error ?? null;
  }) as NextFunction);
  return passed;
}

describe('rateLimit', () => {
  it('lets a client through up to the limit, then refuses with the seconds until the window ends', () => {
    let now = Date.parse('2024-05-01T08:00:15Z');
    const limiter = rateLimit({ limit: 2, windowMs: 60_000, now: () => new Date(now) });
    expect(call(limiter, '10.0.0.1')).toBeNull();
    expect(call(limiter, '10.0.0.1')).toBeNull();
    const refused = call(limiter, '10.0.0.1');
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(45);
    now += 44_000;
    expect(call(limiter, '10.0.0.1')).toBeInstanceOf(RateLimitedError);
  });

  it('counts each client separately', () => {
    const limiter = rateLimit({ limit: 1, windowMs: 60_000, now: () => new Date(0) });
    expect(call(limiter, '10.0.0.1')).toBeNull();
    expect(call(limiter, '10.0.0.2')).toBeNull();
    expect(call(limiter, '10.0.0.1')).toBeInstanceOf(RateLimitedError);
  });

  it('starts afresh in the next window', () => {
    let now = 0;
    const limiter = rateLimit({ limit: 1, windowMs: 60_000, now: () => new Date(now) });
    expect(call(limiter, '10.0.0.1')).toBeNull();
    expect(call(limiter, '10.0.0.1')).toBeInstanceOf(RateLimitedError);
    now = 60_000;
    expect(call(limiter, '10.0.0.1')).toBeNull();
  });
});

describe('rate limit on the app', () => {
  it('answers 429 with Retry-After on /api/* and exports, and leaves pages alone', async () => {
    const h = await startHarness({ rateLimit: { perMinute: 2 }, now: () => new Date('2024-05-01T08:00:50Z') });
    try {
      const statuses = async (path: string, times: number) => {
        const result: number[] = [];
        for (let i = 0; i < times; i++) {
          const response = await h.get(path);
          await response.arrayBuffer();
          result.push(response.status);
        }
        return result;
      };
      expect(await statuses('/?q=a', 4)).toEqual([200, 200, 200, 200]);
      expect(await statuses('/api/search?q=a', 2)).toEqual([200, 200]);
      const refused = await h.get('/api/search?q=a');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('10');
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      const exportRefused = await h.get('/export.csv?q=a');
      await exportRefused.arrayBuffer();
      expect(exportRefused.status).toBe(429);
      expect(exportRefused.headers.get('content-security-policy')).not.toBeNull();
    } finally {
      await h.close();
    }
  });
});
