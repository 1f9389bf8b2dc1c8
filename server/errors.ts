// The one place that decides what a user sees when a request fails. Known errors carry their
// status and a message written for the user; anything else is logged and shown as a generic 500,
// so stack traces and keys never reach a response, nor the Meilisearch address
// (except a failing shard's, without its key, which the administrator needs to find it).
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { ReportsMovingError, SearchUnavailableError } from '../search/errors.js';
import { ClientGoneError } from './clientGone.js';
import type { Logger } from './logger.js';
import { QueryError } from '../core/query.js';

/** A request parameter is missing, malformed or unknown. The message says which and how to fix it. */
export class ParameterError extends Error {
  override readonly name = 'ParameterError';
  readonly code = 'bad_parameter';
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  readonly code = 'not_found';
}

export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  readonly code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`请求过于频繁，请 ${retryAfterSeconds} 秒后再试。Too many requests; retry after ${retryAfterSeconds} s.`);
  }
}

export const SEARCH_UNAVAILABLE_MESSAGE = '检索服务暂时不可用，请稍后再试。Search is temporarily unavailable; please try again later.';
/** Reports are moving between shards: say since when, why nothing is shown, and when it ends. */
export function reportsMovingMessage(since: string): string {
  return (
    `索引正在把报告迁移到新的分片（自 ${since} 起）：迁移完成前，同一份报告可能在两个分片上各计一次，因此不显示任何结果。请在本次索引运行结束后再试。` +
    `Reports are being moved between search shards (since ${since}): until the index run has deleted their old copies a report could be counted twice, so none are shown. Please try again when the run has finished.`
  );
}
/** One shard of several is down: name it (its address, never a key), and say why nothing is shown. */
export function shardUnavailableMessage(shard: string): string {
  return (
    `检索分片 ${shard} 暂时无法访问：缺少它的报告，计数将不完整，因此不显示任何结果。请稍后再试，或请管理员检查该分片。` +
    `Search shard ${shard} is unavailable: without its reports the counts would be incomplete, so none are shown. Please try again later.`
  );
}
const INTERNAL_MESSAGE = '服务器内部错误，请稍后再试。Internal server error.';

interface UserFacingError {
  status: number;
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

function userFacing(error: unknown): UserFacingError | null {
  if (error instanceof ParameterError) return { status: 400, code: error.code, message: error.message };
  if (error instanceof QueryError) {
    return { status: 400, code: 'bad_query', message: `检索式有误：${error.message}` };
  }
  if (error instanceof NotFoundError) return { status: 404, code: error.code, message: error.message };
  if (error instanceof RateLimitedError) {
    return { status: 429, code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
  }
  if (error instanceof ReportsMovingError) {
    return { status: 503, code: 'reports_moving', message: reportsMovingMessage(error.since) };
  }
  if (error instanceof SearchUnavailableError) {
    const message = error.shard === null ? SEARCH_UNAVAILABLE_MESSAGE : shardUnavailableMessage(error.shard);
    return { status: 503, code: 'search_unavailable', message };
  }
  // Express itself raises http-errors for requests it cannot parse (a malformed %-escape in the
  // path, say): the client's fault, answered with the status alone.
  const status = httpStatusOf(error);
  if (status !== null && status >= 400 && status < 500) {
    return { status, code: 'bad_request', message: `请求无效。Bad request (${status}).` };
  }
  return null;
}

function httpStatusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = status ?? statusCode;
  return typeof value === 'number' ? value : null;
}

/** JSON for the API, the health check and the JSON Lines export; an HTML page for everything else. */
export function wantsJson(request: Request): boolean {
  return request.path.startsWith('/api/') || request.path === '/healthz' || request.path.endsWith('.jsonl');
}

export type ErrorPageRenderer = (model: { status: number; title: string; message: string; q: string }) => string;

/** The query as typed, so a 400 page can offer it again for correction. */
function typedQuery(request: Request): string {
  const q: unknown = request.query['q'];
  return typeof q === 'string' ? q.slice(0, 500) : '';
}

const TITLES: Readonly<Record<number, string>> = {
  400: '请求有误',
  404: '未找到',
  429: '请求过于频繁',
  500: '服务器错误',
  503: '服务暂时不可用',
};

export function errorHandler(deps: { logger: Logger; renderErrorPage: ErrorPageRenderer }): ErrorRequestHandler {
  return (error, request, response, _next) => {
    if (error instanceof ClientGoneError) {
      // Nobody to answer and not a failure of ours; destroying the response ends the request's work,
      // which gives its place back (admission.ts).
      deps.logger.info('client left', { method: request.method, path: request.path });
      response.destroy();
      return;
    }
    let described = userFacing(error);
    if (described === null) {
      deps.logger.error('request failed', {
        method: request.method,
        path: request.path,
        error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      });
      described = { status: 500, code: 'internal', message: INTERNAL_MESSAGE };
    } else if (described.status === 503) {
      deps.logger.warn('search unavailable', { path: request.path, error: error instanceof Error ? error.message : String(error) });
    }
    if (response.headersSent) {
      // A stream (an export) was already under way: the status cannot change, so end it visibly broken.
      response.destroy();
      return;
    }
    const { status, code, message, retryAfterSeconds } = described;
    response.status(status);
    if (retryAfterSeconds !== undefined) response.set('Retry-After', String(retryAfterSeconds));
    response.set('Cache-Control', 'no-store');
    if (wantsJson(request)) {
      response.json({ error: { code, message } });
    } else {
      const q = status === 400 ? typedQuery(request) : '';
      response.type('html').send(deps.renderErrorPage({ status, title: TITLES[status] ?? '出错了', message, q }));
    }
  };
}

/** The last route: a 404 in the error handler's format. */
export const notFound: RequestHandler = (request, _response, next) => {
  next(new NotFoundError(`没有这个页面：${request.path}。Not found.`));
};
