// `node dist-tools/tools/sizeBreakdown.js --corpus DIR... [--variants ours,floor,…] [--one-at-a-time]`
// What each part of a section document costs in the index (issue #15's size target). The corpus is
// indexed once by the real CLI; its section documents are read back and pushed, changed in one way
// at a time, into a fresh Meilisearch each, with the index's own settings: the size each variant
// leaves (Meilisearch's pages in use, so no free pages) against the default index of the raw fields.
// Sizes are exact and repeat; Meilisearch's CPU is printed but moves with the machine's load. The
// documents are held in memory: meant for corpora of up to some tens of thousands of sections.
import { brotliCompressSync } from 'node:zlib';
import { Command } from 'commander';
import { meiliClient } from '../index/meiliClient.js';
import { meiliTasks } from '../indexer/meiliTasks.js';
import { startBenchMeili } from './bench/benchMeili.js';
import { createLoopbackClient } from './bench/loopbackClient.js';
import { createMeiliAdmin } from './bench/meiliAdmin.js';
import { RAW_SECTION_FIELDS } from './bench/baselineDocuments.js';
import { processCpuSeconds } from './bench/children.js';
import { indexWithCli } from './bench/cliRuns.js';
import { createCleanup, type Cleanup } from './bench/cleanup.js';

type StoredDocument = Record<string, unknown>;
type Settings = Record<string, unknown>;

interface Variant {
  name: string;
  /** What the variant leaves out or changes, for the table. */
  what: string;
  documents: (document: StoredDocument) => StoredDocument;
  /** The settings to apply; null: Meilisearch's defaults. */
  settings: (ours: Settings) => Settings | null;
}

const RAW_FIELDS: readonly string[] = RAW_SECTION_FIELDS;
const PUSH_DOCUMENTS = 2_000;

const pick = (document: StoredDocument, keep: (field: string) => boolean): StoredDocument =>
  Object.fromEntries(Object.entries(document).filter(([field]) => keep(field)));
const without =
  (...fields: string[]) =>
  (document: StoredDocument): StoredDocument =>
    pick(document, (field) => !fields.includes(field));
const isTextGrams = (field: string) => field.startsWith('textGrams');
const same = (settings: Settings) => settings;
const listed = (settings: Settings, key: string) => settings[key] as unknown[];
/** Filterable attributes without these names (plain or inside an attribute pattern group). */
function notFilterable(settings: Settings, ...names: string[]): Settings {
  const filterable = listed(settings, 'filterableAttributes').map((entry) =>
    typeof entry === 'string'
      ? entry
      : {
          ...(entry as Settings),
          attributePatterns: listed(entry as Settings, 'attributePatterns').filter((p) => !names.includes(p as string)),
        },
  );
  return { ...settings, filterableAttributes: filterable.filter((entry) => !names.includes(entry as string)) };
}
/** Only the bigram text searchable, four facets, plain ranking: what exact phrase search needs and no more. */
const floorSettings = (filterable: string[]) => (settings: Settings) => ({
  ...settings,
  searchableAttributes: listed(settings, 'searchableAttributes').filter((field) => isTextGrams(field as string)),
  filterableAttributes: filterable,
  sortableAttributes: ['year'],
  rankingRules: ['words', 'year:desc'],
});
const floorDocuments = (document: StoredDocument) => pick(document, (field) => RAW_FIELDS.includes(field) || isTextGrams(field));

/** Each value of these fields replaced by a number, one per distinct value of the field (what a key table would give). */
function numbered(fields: string[]) {
  const tables = new Map<string, Map<unknown, number>>(fields.map((field) => [field, new Map()]));
  const numberOf = (field: string, value: unknown): number => {
    const table = tables.get(field)!;
    let n = table.get(value);
    if (n === undefined) {
      n = table.size + 1;
      table.set(value, n);
    }
    return n;
  };
  return (document: StoredDocument): StoredDocument =>
    Object.fromEntries(
      Object.entries(document).map(([field, value]) => {
        if (!tables.has(field) || value === null || value === undefined) return [field, value];
        return [field, Array.isArray(value) ? value.map((v) => numberOf(field, v)) : numberOf(field, value)];
      }),
    );
}

const VARIANTS: Variant[] = [
  {
    name: 'default',
    what: 'the raw fields, default settings',
    documents: (d) => pick(d, (f) => RAW_FIELDS.includes(f)),
    settings: () => null,
  },
  { name: 'ours', what: 'as the indexer writes them', documents: (d) => d, settings: same },
  { name: 'no-unit-terms', what: 'without `unitTerms` (one-unit search)', documents: without('unitTerms'), settings: same },
  {
    name: 'prefix-units',
    what: '`unitTerms` replaced by prefix search on the first unit of a bigram',
    documents: without('unitTerms'),
    settings: (s) => ({
      ...s,
      prefixSearch: 'indexingTime',
      searchableAttributes: listed(s, 'searchableAttributes').filter((f) => f !== 'unitTerms'),
    }),
  },
  {
    name: 'no-passages',
    what: 'without `passages` and `passageSpans` (copied passages)',
    documents: without('passages', 'passageSpans'),
    settings: same,
  },
  {
    name: 'no-z',
    what: 'bigram terms without the `z` between the two codes',
    documents: (d) =>
      Object.fromEntries(Object.entries(d).map(([f, v]) => [f, /Grams/.test(f) && typeof v === 'string' ? v.replaceAll('z', '') : v])),
    settings: same,
  },
  {
    name: 'no-id-filter',
    what: '`id` not filterable (`NOT id IN […]` of verified phrases)',
    documents: (d) => d,
    settings: (s) => notFilterable(s, 'id'),
  },
  {
    name: 'no-report-display',
    what: 'without `title`, `source`, `publishedAt`, `organ`',
    documents: without('title', 'source', 'publishedAt', 'organ'),
    settings: same,
  },
  { name: 'no-text', what: 'without `text` (kept outside Meilisearch)', documents: without('text'), settings: same },
  {
    name: 'text-brotli',
    what: '`text` as base64 of its brotli bytes',
    documents: (d) => ({ ...d, text: typeof d.text === 'string' ? brotliCompressSync(d.text).toString('base64') : d.text }),
    settings: same,
  },
  { name: 'no-heading-grams', what: 'without `headingGrams` (heading matches first)', documents: without('headingGrams'), settings: same },
  { name: 'no-key-terms', what: 'without `keyTerms`', documents: without('keyTerms'), settings: same },
  {
    name: 'no-report-key',
    what: 'without `reportKey` (distinct reports of a union of searches)',
    documents: without('reportKey'),
    settings: (s) => notFilterable(s, 'reportKey'),
  },
  {
    name: 'no-year-pairs',
    what: 'without `yearLevel` and `yearProvince` (the trend tables)',
    documents: without('yearLevel', 'yearProvince'),
    settings: (s) => notFilterable(s, 'yearLevel', 'yearProvince'),
  },
  {
    name: 'no-place-filters',
    what: '`organKey`, `organKind`, `city`, `county` not filterable',
    documents: (d) => d,
    settings: (s) => notFilterable(s, 'organKey', 'organKind', 'city', 'county'),
  },
  {
    name: 'no-phrases',
    what: 'without `phrases` (the phrase dictionary)',
    documents: without('phrases'),
    settings: (s) => notFilterable(s, 'phrases'),
  },
  {
    name: 'no-report-id-filter',
    what: "`reportId` not filterable (a report's sections by `reportId = …`)",
    documents: (d) => d,
    settings: (s) => notFilterable(s, 'reportId'),
  },
  {
    name: 'numeric-keys',
    what: 'lookup keys as numbers (organKey, reportKey, phrases, passages, yearLevel, yearProvince, organKind, city, county)',
    documents: numbered(['organKey', 'reportKey', 'phrases', 'passages', 'yearLevel', 'yearProvince', 'organKind', 'city', 'county']),
    settings: same,
  },
  {
    name: 'numeric-passages',
    what: '`passages` as the numbers of their 13 hex digits, `phrases` as numbers (`p12` → 12)',
    documents: (d) => ({
      ...d,
      ...(Array.isArray(d.passages) ? { passages: (d.passages as string[]).map((key) => Number.parseInt(key, 16)) } : {}),
      ...(Array.isArray(d.phrases) ? { phrases: (d.phrases as string[]).map((id) => Number(id.slice(1))) } : {}),
    }),
    settings: same,
  },
  {
    name: 'by-attribute',
    what: "`proximityPrecision: 'byAttribute'` (a phrase becomes words in one attribute: not exact)",
    documents: (d) => d,
    settings: (s) => ({ ...s, proximityPrecision: 'byAttribute' }),
  },
  {
    name: 'numeric-all',
    what: 'every filterable string but `id` and `reportId` as a number',
    documents: numbered([
      'organKey',
      'reportKey',
      'phrases',
      'passages',
      'yearLevel',
      'yearProvince',
      'organKind',
      'city',
      'county',
      'province',
      'level',
      'sectionType',
    ]),
    settings: same,
  },
  {
    name: 'floor',
    what: 'the floor: raw fields and `textGrams`, four facets',
    documents: floorDocuments,
    settings: floorSettings(['province', 'level', 'year', 'sectionType']),
  },
  {
    name: 'floor-ids',
    what: 'the floor with `id` and `reportId` filterable',
    documents: floorDocuments,
    settings: floorSettings(['province', 'level', 'year', 'sectionType', 'id', 'reportId']),
  },
];

interface Measured {
  variant: Variant;
  jsonBytes: number;
  usedBytes: number;
  fileBytes: number;
  cpuSeconds: number | null;
  /** Each internal database's size after the last batch (Meilisearch's own account), bytes. */
  databaseBytes: Record<string, number>;
  /** Meilisearch batches that added documents. */
  batchCount: number;
}

function log(line: string): void {
  process.stderr.write(`sizeBreakdown: ${line}\n`);
}

/** Indexes the corpus with the real CLI and reads back its section documents and settings. */
async function indexedSections(corpus: string[], cleanup: Cleanup): Promise<{ documents: StoredDocument[]; settings: Settings }> {
  const meili = await startBenchMeili('size-ours', cleanup, log);
  const { host, adminKey } = meili.connection;
  const { summary } = await indexWithCli(corpus, meili, cleanup);
  if (summary.sections === 0) {
    const reasons = summary.skipped.slice(0, 3).map((skipped) => `${skipped.path}: ${skipped.reason}`);
    throw new Error(
      `no section was indexed from ${corpus.join(' ')}; give folders of reports${reasons.length ? ` (${reasons.join('; ')})` : ''}`,
    );
  }
  const client = meiliClient(host, adminKey);
  const { results } = await client.getIndexes({ limit: 100 });
  const sections = results.find((index) => index.uid.endsWith('sections'));
  if (!sections) throw new Error(`no sections index at ${host} after the index run`);
  const documents = await meiliTasks(client, host).readAll(sections.uid, ['*']);
  const settings = (await client.index(sections.uid).getSettings()) as Settings;
  await meili.stop();
  log(`${documents.length} section documents read back from ${sections.uid}`);
  return { documents, settings };
}

/** `oneAtATime`: each task of PUSH_DOCUMENTS documents is waited for before the next is sent, so the index is
 *  built in as many Meilisearch batches as an index run that sends small batches; otherwise all are queued
 *  at once and Meilisearch merges them into one or two batches. */
async function measure(
  variant: Variant,
  documents: StoredDocument[],
  ours: Settings,
  cleanup: Cleanup,
  oneAtATime: boolean,
): Promise<Measured> {
  const meili = await startBenchMeili(`size-${variant.name}`, cleanup, log);
  const { host, adminKey } = meili.connection;
  const client = meiliClient(host, adminKey);
  const tasks = meiliTasks(client, host);
  await tasks.waitFor('create the index', await client.createIndex('sections', { primaryKey: 'id' }));
  const settings = variant.settings(ours);
  if (settings !== null) await tasks.waitFor('apply settings', await client.index('sections').updateSettings(settings as never));
  let jsonBytes = 0;
  const enqueued: Array<{ taskUid: number }> = [];
  for (let from = 0; from < documents.length; from += PUSH_DOCUMENTS) {
    const ndjson = documents
      .slice(from, from + PUSH_DOCUMENTS)
      .map((document) => JSON.stringify(variant.documents(document)))
      .join('\n');
    jsonBytes += Buffer.byteLength(ndjson);
    const task = await client.index('sections').addDocumentsFromString(ndjson, 'application/x-ndjson');
    if (oneAtATime) await tasks.waitFor('add documents', task);
    enqueued.push(task);
  }
  for (const task of enqueued) await tasks.waitFor('add documents', task);
  const stats = await client.getStats();
  const batches = await createMeiliAdmin(host, adminKey, createLoopbackClient()).batches('sections');
  const databaseBytes = batches.at(-1)?.databaseSizes ?? {};
  const batchCount = batches.filter((batch) => batch.types.includes('documentAdditionOrUpdate')).length;
  const cpuSeconds = meili.pid === null ? null : await processCpuSeconds(meili.pid);
  await meili.stop();
  return { variant, jsonBytes, usedBytes: stats.usedDatabaseSize, fileBytes: stats.databaseSize, cpuSeconds, databaseBytes, batchCount };
}

/** The largest internal databases of any variant, in MiB, one column a variant: where the pages go. */
function databaseTable(rows: readonly Measured[], largest = 10): string[] {
  const peak = new Map<string, number>();
  for (const row of rows)
    for (const [database, bytes] of Object.entries(row.databaseBytes)) peak.set(database, Math.max(bytes, peak.get(database) ?? 0));
  const databases = [...peak]
    .sort((a, b) => b[1] - a[1])
    .slice(0, largest)
    .map(([database]) => database);
  const cell = (row: Measured, database: string) => ((row.databaseBytes[database] ?? 0) / 2 ** 20).toFixed(1);
  return [
    `| database (MiB, after the last batch) | ${rows.map((row) => row.variant.name).join(' | ')} |`,
    `|---|${rows.map(() => '---|').join('')}`,
    ...databases.map((database) => `| ${database} | ${rows.map((row) => cell(row, database)).join(' | ')} |`),
  ];
}

async function main(): Promise<void> {
  const options = new Command()
    .name('sizeBreakdown')
    .requiredOption('--corpus <dirs...>', 'folders of reports (read only)')
    .option('--variants <names>', `which of: ${VARIANTS.map((v) => v.name).join(', ')}`, (value: string) => value.split(','))
    .option('--one-at-a-time', `wait for each task of ${PUSH_DOCUMENTS} documents before sending the next (one batch each)`)
    .parse()
    .opts<{ corpus: string[]; variants?: string[]; oneAtATime?: boolean }>();
  const unknown = options.variants?.filter((name) => !VARIANTS.some((v) => v.name === name)) ?? [];
  if (unknown.length > 0)
    throw new Error(`unknown variant(s) ${unknown.join(', ')}; choose from ${VARIANTS.map((v) => v.name).join(', ')}`);
  // The default index is the yardstick: always measured.
  const chosen = VARIANTS.filter((v) => v.name === 'default' || (options.variants?.includes(v.name) ?? true));
  const cleanup = createCleanup(log);
  try {
    const { documents, settings } = await indexedSections(options.corpus, cleanup);
    const rows: Measured[] = [];
    for (const variant of chosen) {
      rows.push(await measure(variant, documents, settings, cleanup, options.oneAtATime === true));
      log(`${variant.name}: ${(rows.at(-1)!.usedBytes / 2 ** 20).toFixed(1)} MiB in use`);
    }
    const baseline = rows.find((row) => row.variant.name === 'default')!;
    const ours = rows.find((row) => row.variant.name === 'ours');
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    const lines = [
      `${options.corpus.join(' ')}: ${documents.length} sections`,
      '',
      '| documents | JSON sent | index in use | file | × default | vs ours | Meilisearch batches | Meilisearch CPU |',
      '|---|---|---|---|---|---|---|---|',
      ...rows.map((row) => {
        const versus = ours && row !== ours && row !== baseline ? `${((row.usedBytes / ours.usedBytes - 1) * 100).toFixed(1)}%` : '';
        return (
          `| ${row.variant.what} | ${mib(row.jsonBytes)} | ${mib(row.usedBytes)} | ${mib(row.fileBytes)} | ` +
          `${(row.usedBytes / baseline.usedBytes).toFixed(2)} | ${versus} | ${row.batchCount} | ${row.cpuSeconds?.toFixed(1) ?? '–'} s |`
        );
      }),
    ];
    lines.push('', ...databaseTable(rows));
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await cleanup.run();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
