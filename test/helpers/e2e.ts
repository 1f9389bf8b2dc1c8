// Shared setup for the end-to-end tests: the demo corpus and its golden files, an index run through
// the real pipeline and publisher, and the real site (createApp over the Meilisearch adapter) on a
// free port. Meilisearch itself comes from startTestMeili (helpers/meili.ts), as everywhere.
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { projectPath } from '../../config/paths.js';
import { createKeyTermExtractor } from '../../indexer/keyTerms.js';
import { createMeiliPublisher } from '../../indexer/publisher.js';
import { runIndex, type IndexOptions, type IndexSummary } from '../../indexer/run.js';
import type { Level, OrganKind } from '../../core/report.js';
import { ensureSearchKey } from '../../meili/connect.js';
import { meiliPaths } from '../../meili/paths.js';
import { findProcessesOnDatabase } from '../../meili/processTable.js';
import type { MeiliConnection } from '../../meili/types.js';
import { createMeiliReportSearch } from '../../search/meiliReportSearch.js';
import { indexNames, searchIndexUids, type IndexNames } from '../../index/schema.js';
import type { ReportSearch } from '../../search/port.js';
import { createApp } from '../../server/app.js';
import { silentLogger } from '../../server/logger.js';
import { startServer, type RunningServer } from '../../server/serve.js';
import { startTestMeili, type TestMeili } from './meili.js';

const keyTerms = createKeyTermExtractor();

export const DEMO_DIR = projectPath('fixtures', 'demo');
export const DEMO_REPORTS = join(DEMO_DIR, 'reports');
export const DEMO_INDEXES: IndexNames = indexNames('e2e_');

/** The files of the demo corpus that must be skipped, with the code the summary gives each. */
export const DEMO_BROKEN_FILES: Readonly<Record<string, string>> = {
  'empty.txt': 'empty',
  // A truncated PDF saved as .txt: the bytes decide the reader, and the PDF reader finds it damaged.
  '2021_scanned-report-actually-pdf.txt': 'malformed',
  // An old-Office file whose header is cut short.
  '2018_hunan-changsha-yuelu-qu-gov.doc': 'malformed',
  // The PDF of the 2012 安吉县 report, whose text is in the corpus too: one report, not two.
  '2012_zhejiang-huzhou-anji-xian-gov.pdf': 'duplicate',
  // Git's attributes for the fixtures (they keep their bytes): hidden, listed, never read.
  '.gitattributes': 'hidden',
};

/** A row of fixtures/demo/EXPECTED.tsv for a report (the broken files have no level and are left out). */
export interface ExpectedReport {
  file: string;
  encoding: string;
  year: number | null;
  province: string | null;
  city: string | null;
  level: Level;
  organKind: OrganKind;
  organ: string;
  title: string;
}

/** A row of fixtures/demo/SECTIONS.tsv: `baomiShencha` is the number of 保密审查 in the section. */
export interface ExpectedSection {
  file: string;
  ordinal: number;
  heading: string;
  sectionType: string;
  baomiShencha: number;
}

function readTsv(name: string): Array<Record<string, string>> {
  const [header, ...rows] = readFileSync(join(DEMO_DIR, name), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  const columns = header!.split('\t');
  return rows.map((row) => {
    const cells = row.split('\t');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
  });
}

const orNull = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

export function expectedReports(): ExpectedReport[] {
  return readTsv('EXPECTED.tsv')
    .filter((row) => row['level'] !== '')
    .map((row) => ({
      file: row['file']!,
      encoding: row['encoding']!,
      year: row['year'] === '' ? null : Number(row['year']),
      province: orNull(row['province']),
      city: orNull(row['city']),
      level: row['level'] as Level,
      organKind: row['organKind'] as OrganKind,
      organ: row['organ']!,
      title: row['title']!,
    }));
}

export function expectedSections(): ExpectedSection[] {
  return readTsv('SECTIONS.tsv').map((row) => ({
    file: row['file']!,
    ordinal: Number(row['ordinal']),
    heading: row['heading']!,
    sectionType: row['sectionType']!,
    baomiShencha: Number(row['baomiShencha']),
  }));
}

/** One index run through the real pipeline and publisher, as `nianbao index` does it. */
export function indexWith(
  conn: MeiliConnection,
  indexes: IndexNames,
  inputs: string[],
  options: Partial<IndexOptions> = {},
): Promise<IndexSummary> {
  const publisher = createMeiliPublisher({ host: conn.host, adminKey: conn.adminKey, indexes });
  return runIndex(inputs, { prune: false, maxFileBytes: 20_000_000, ...options }, { publisher, keyTerms });
}

/** The real adapter with a search-only key, as `nianbao serve` builds it. */
export async function searchOver(conn: MeiliConnection, indexes: IndexNames): Promise<ReportSearch> {
  const searchKey = await ensureSearchKey(conn, searchIndexUids(indexes));
  return createMeiliReportSearch({ host: conn.host, apiKey: searchKey, indexes });
}

export interface Site {
  url: string;
  get(path: string): Promise<Response>;
  json<T>(path: string): Promise<{ status: number; body: T }>;
  page(path: string): Promise<{ response: Response; html: string; $: CheerioAPI }>;
  close(): Promise<void>;
}

/** The web app over `search`, listening on a free port of 127.0.0.1. */
export async function startSite(search: ReportSearch): Promise<Site> {
  const app = createApp({ search, logger: silentLogger, rateLimit: false });
  const server: RunningServer = await startServer({ app, port: 0 });
  const get = (path: string) => fetch(`${server.url}${path}`);
  return {
    url: server.url,
    get,
    async json<T>(path: string) {
      const response = await get(path);
      return { status: response.status, body: (await response.json()) as T };
    },
    async page(path: string) {
      const response = await get(path);
      const html = await response.text();
      return { response, html, $: load(html) };
    },
    close: () => server.close(),
  };
}

export interface DemoSite {
  meili: TestMeili;
  /** The summary of indexing fixtures/demo/reports into DEMO_INDEXES. */
  summary: IndexSummary;
  search: ReportSearch;
  site: Site;
  /** Report id of each demo file, by file name. */
  reportIds: Map<string, string>;
  stop(): Promise<void>;
}

/** A Meilisearch of its own, the demo corpus indexed once, and the site over it. */
export async function startDemoSite(): Promise<DemoSite> {
  const meili = await startTestMeili();
  let site: Site | null = null;
  try {
    const summary = await indexWith(meili.conn, DEMO_INDEXES, [DEMO_REPORTS]);
    const search = await searchOver(meili.conn, DEMO_INDEXES);
    site = await startSite(search);
    const listing = await site.json<{ reports: Array<{ reportId: string; source: string }> }>('/api/reports?per=1000');
    const reportIds = new Map(listing.body.reports.map((r) => [fileNameOf(r.source), r.reportId]));
    const running = site;
    return {
      meili,
      summary,
      search,
      site: running,
      reportIds,
      stop: async () => {
        await running.close();
        await meili.stop();
      },
    };
  } catch (error) {
    await site?.close();
    await meili.stop();
    throw error;
  }
}

export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Live Meilisearch processes serving the database of DATA_DIR `dataDir` (whoever started them). */
export function meiliProcessesOf(dataDir: string): Promise<number[]> {
  // The server is started with the real path of its folder (prepareMeiliDir).
  let meiliDir = join(dataDir, 'meili');
  try {
    meiliDir = realpathSync(meiliDir);
  } catch {
    // Gone already: the path as given is what a leftover server would still name.
  }
  return findProcessesOnDatabase(meiliPaths(meiliDir).dbPath);
}

export { parseCsv } from './csv.js';
