// The site keeps running when its managed Meilisearch dies: the failing request is answered 503
// (SearchUnavailableError), and a new Meilisearch is started in the background for the next ones.
// With MEILI_HOST nothing needs restarting here: the adapter answers again when that server does.
import { SearchUnavailableError } from '../search/errors.js';
import type { ReportSearch } from '../search/port.js';

export interface RecoveringSearchOptions {
  /** Connects (starting Meilisearch when needed) and returns a search over it. */
  connect: () => Promise<ReportSearch>;
  /** At most one reconnection attempt per this many milliseconds. */
  retryAfterMs?: number;
  log?: (line: string) => void;
}

export async function createRecoveringSearch(options: RecoveringSearchOptions): Promise<ReportSearch> {
  const retryAfterMs = options.retryAfterMs ?? 3_000;
  let current = await options.connect();
  let reconnecting: Promise<void> | null = null;
  let lastAttempt = 0;

  function recover(): void {
    if (reconnecting || Date.now() - lastAttempt < retryAfterMs) return;
    lastAttempt = Date.now();
    options.log?.('nianbao: Meilisearch is not answering; starting it again');
    reconnecting = options
      .connect()
      .then((search) => {
        current = search;
        options.log?.('nianbao: Meilisearch is back');
      })
      .catch((error: unknown) => options.log?.(`nianbao: could not restart Meilisearch: ${String(error)}`))
      .finally(() => {
        reconnecting = null;
      });
  }

  async function guarded<T>(call: (search: ReportSearch) => Promise<T>): Promise<T> {
    try {
      return await call(current);
    } catch (error) {
      if (error instanceof SearchUnavailableError) recover();
      throw error;
    }
  }

  return {
    search: (request) => guarded((s) => s.search(request)),
    trend: (request) => guarded((s) => s.trend(request)),
    listReports: (page, per) => guarded((s) => s.listReports(page, per)),
    getReport: (reportId) => guarded((s) => s.getReport(reportId)),
    reportsOfOrgan: (organKey) => guarded((s) => s.reportsOfOrgan(organKey)),
    reportCount: () => guarded((s) => s.reportCount()),
    indexState: () => guarded((s) => s.indexState()),
    reportPlaces: () => guarded((s) => s.reportPlaces()),
    corpusStatistics: (request) => guarded((s) => s.corpusStatistics(request)),
    indexOverview: () => guarded((s) => s.indexOverview()),
    passageSpread: (requests) => guarded((s) => s.passageSpread(requests)),
    sharedPassages: (request) => guarded((s) => s.sharedPassages(request)),
    async ping() {
      const alive = await current.ping();
      if (!alive) recover();
      return alive;
    },
    async *matchingSections(request) {
      try {
        yield* current.matchingSections(request);
      } catch (error) {
        if (error instanceof SearchUnavailableError) recover();
        throw error;
      }
    },
  };
}
