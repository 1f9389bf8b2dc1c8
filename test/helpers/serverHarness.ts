// Starts the app on a free port over the in-memory search, for tests that speak HTTP to it.
import { load, type CheerioAPI } from 'cheerio';
import { createApp, type AppOptions } from '../../server/app.js';
import { silentLogger } from '../../server/logger.js';
import { startServer, type RunningServer } from '../../server/serve.js';
import { MemoryReportSearch, type MemoryReport } from './memorySearch.js';
import { REPORTS } from './reports.js';

export interface Harness {
  search: MemoryReportSearch;
  server: RunningServer;
  get(path: string, init?: RequestInit): Promise<Response>;
  /** GET a page and parse it. */
  page(path: string): Promise<{ response: Response; html: string; $: CheerioAPI }>;
  json<T>(path: string): Promise<{ response: Response; body: T }>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<AppOptions> = {}, reports: MemoryReport[] = REPORTS): Promise<Harness> {
  const search = new MemoryReportSearch(reports);
  const app = createApp({ search, logger: silentLogger, rateLimit: false, ...options });
  const server = await startServer({ app, port: 0 });
  const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
  return {
    search,
    server,
    get,
    async page(path) {
      const response = await get(path);
      const html = await response.text();
      return { response, html, $: load(html) };
    },
    async json<T>(path: string) {
      const response = await get(path);
      return { response, body: (await response.json()) as T };
    },
    close: () => server.close(),
  };
}
