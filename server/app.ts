// The web tier, built from its collaborators and tested in-process. Routes validate their query
// (params.ts), call ReportSearch, and hand a view model to the templates; errors.ts decides what a
// failure looks like.

import { join } from 'node:path';
import express from 'express';
import type { ReportSearch } from '../search/port.js';
import { errorHandler, notFound } from './errors.js';
import { consoleLogger, type Logger } from './logger.js';
import { rateLimit } from './rateLimit.js';
import { admission, DEFAULT_CONCURRENT_REQUESTS } from './admission.js';
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from '../config/config.js';
import type { LastRun } from '../config/lastRun.js';
import { indexPage } from './routes/indexPage.js';
import { apiRoutes } from './routes/api.js';
import type { RouteDeps } from './routes/deps.js';
import { exportRoutes } from './routes/exportRoutes.js';
import { kwicPage } from './routes/kwicPage.js';
import { reportPage } from './routes/reportPage.js';
import { searchPage } from './routes/searchPage.js';
import { comparePage } from './routes/comparePage.js';
import { coveragePage } from './routes/coveragePage.js';
import { statsPage } from './routes/statsPage.js';
import { trendPage } from './routes/trendPage.js';
import { securityHeaders } from './securityHeaders.js';
import { defaultViewsDir, loadViews } from './views.js';

export interface AppOptions {
  search: ReportSearch;
  logger?: Logger;
  /** Requests per client address per minute on /api/* and /export*; false turns the limit off. */
  rateLimit?: { perMinute: number; exemptLoopback?: boolean } | false;
  /** The last index run recorded in DATA_DIR, for the /index page (none when not given). */
  lastRun?: () => Promise<LastRun | null>;
  now?: () => Date;
  /** Express's `trust proxy` setting, so that req.ip (the rate-limit key) is the real client behind a proxy. */
  trustProxy?: boolean | number | string;
  /** Requests worked on at once (the rest wait; exports are not counted): bounds the server's memory. */
  concurrentRequests?: number;
  /** Most occurrences one concordance page reads. */
  concordanceLimit?: number;
  viewsDir?: string;
}

export const DEFAULT_CONCORDANCE_LIMIT = 20_000;

export function createApp(options: AppOptions): express.Express {
  const viewsDir = options.viewsDir ?? defaultViewsDir();
  const views = loadViews(viewsDir);
  const deps: RouteDeps = {
    search: options.search,
    views,
    logger: options.logger ?? consoleLogger(),
    now: options.now ?? (() => new Date()),
    concordanceLimit: options.concordanceLimit ?? DEFAULT_CONCORDANCE_LIMIT,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', options.trustProxy ?? false);

  app.use(securityHeaders);
  if (options.rateLimit !== false) {
    const limiter = rateLimit({
      limit: options.rateLimit?.perMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
      windowMs: 60_000,
      now: deps.now,
      exemptLoopback: options.rateLimit?.exemptLoopback ?? false,
    });
    app.use(['/api', '/export.csv', '/export.jsonl', '/trend.csv'], limiter);
  }
  app.use(admission(options.concurrentRequests ?? DEFAULT_CONCURRENT_REQUESTS));
  app.use('/static', express.static(join(viewsDir, 'static'), { index: false, maxAge: '1h', fallthrough: true }));
  app.get('/favicon.ico', (_request, response) => response.redirect(301, '/static/favicon.svg'));

  app.use(searchPage(deps));
  app.use(reportPage(deps));
  app.use(trendPage(deps));
  app.use(statsPage(deps));
  app.use(comparePage(deps));
  app.use(coveragePage(deps));
  app.use(kwicPage(deps));
  app.use(indexPage(deps, options.lastRun ?? (() => Promise.resolve(null))));
  app.use(exportRoutes(deps));
  app.use(apiRoutes(deps));

  app.use(notFound);
  app.use(
    errorHandler({
      logger: deps.logger,
      renderErrorPage: (model) =>
        views.render('error', { ...model, pageTitle: model.title, nav: [], scripts: [], offerSearch: model.status === 400 }),
    }),
  );
  return app;
}
