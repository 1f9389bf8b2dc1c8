import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../server/errors.js';
import { isLoopbackHost, rateLimit } from '../server/rateLimit.js';
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

describe('rate limit for a site on loopback (HOST=127.0.0.1)', () => {
  const statusesOf = async (h: Awaited<ReturnType<typeof startHarness>>, init?: RequestInit): Promise<number[]> => {
    const ids = (await h.search.listReports(1, 100)).reports.map((r) => r.reportId);
    const result: number[] = [];
    // A local script walking every report, twice over: more requests than the budget.
    for (const id of [...ids, ...ids]) {
      const response = await h.get(`/api/reports/${encodeURIComponent(id)}`, init);
      await response.arrayBuffer();
      result.push(response.status);
    }
    return result;
  };

  it('lets a local script walk /api/reports/:id for every report without a 429', async () => {
    const h = await startHarness({ rateLimit: { perMinute: 2, exemptLoopback: true } });
    try {
      const statuses = await statusesOf(h);
      expect(statuses.length).toBeGreaterThan(2);
      expect(new Set(statuses)).toEqual(new Set([200]));
    } finally {
      await h.close();
    }
  });

  it('still limits a request a proxy forwarded from elsewhere (X-Forwarded-For)', async () => {
    const h = await startHarness({ rateLimit: { perMinute: 2, exemptLoopback: true } });
    try {
      const statuses = await statusesOf(h, { headers: { 'X-Forwarded-For': '203.0.113.7' } });
      expect(statuses.slice(0, 3)).toEqual([200, 200, 429]);
    } finally {
      await h.close();
    }
  });

  it('tells a loopback HOST from an open one', () => {
    expect(['127.0.0.1', '::1', 'localhost', '127.0.1.1', '::ffff:127.0.0.1'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(['0.0.0.0', '::', '192.168.1.5'].map(isLoopbackHost)).toEqual([false, false, false]);
  });
});
