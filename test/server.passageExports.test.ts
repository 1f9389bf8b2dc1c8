// The passage filter and "also in" beyond the search page (issue #14): KWIC and the exports take
// `passage=`, every link carries it, exports can carry each row's passage with its N reports / M
// bodies (the same figures as the page), and exports record the passage parameters and the corpus
// state. Over the in-memory search, which keys passages with the indexer's core functions.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { load } from 'cheerio';
import { NEAR_REPEAT, MIN_PASSAGE_CHARS } from '../core/corpus/passages.js';
import { DOCUMENT_FORMAT_VERSION } from '../index/schema.js';
import { parseCsv } from './helpers/csv.js';
import { MEMORY_GENERATION } from './helpers/memorySearch.js';
import { PASSAGE_REPORTS } from './helpers/passageReports.js';
import { startHarness, type Harness } from './helpers/serverHarness.js';

let h: Harness;
let copied: string;
beforeAll(async () => {
  h = await startHarness({ now: () => new Date('2024-05-01T08:00:00.000Z') }, PASSAGE_REPORTS);
  const { body } = await h.json<{ hits: Array<{ alsoIn: { passageKey: string } | null }> }>(`/api/search?q=${q('政策解读专栏')}`);
  copied = body.hits[0]!.alsoIn!.passageKey;
});
afterAll(async () => {
  await h.close();
});

const q = (text: string) => encodeURIComponent(text);

async function csv(path: string): Promise<Array<Record<string, string>>> {
  const [header, ...rows] = parseCsv((await (await h.get(path)).text()).replace(/^\uFEFF/, ''));
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

async function jsonl(path: string): Promise<Array<Record<string, unknown>>> {
  const text = await (await h.get(path)).text();
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The sections the search page counts under a passage filter. */
async function sectionsOfPassage(query: string, key: string): Promise<string[]> {
  const { body } = await h.json<{ total: number; hits: Array<{ sectionId: string }> }>(`/api/search?q=${q(query)}&passage=${key}&per=100`);
  expect(body.hits).toHaveLength(body.total);
  return body.hits.map((hit) => hit.sectionId).sort();
}

describe('the passage filter on KWIC', () => {
  it('lists only the occurrences in sections holding the passage', async () => {
    const { $ } = await h.page(`/kwic?q=${q('政府')}&passage=${copied}`);
    const rows = await csv(`/export.csv?q=${q('政府')}&passage=${copied}`);
    expect(new Set(rows.map((row) => row['section_id'])).size).toBe(3);
    expect($('table.kwic tbody tr').length).toBe(rows.length);
  });

  it('refuses a passage key that is not one', async () => {
    expect((await h.get(`/kwic?q=${q('政府')}&passage=xyz`)).status).toBe(400);
  });

  it('shows the passage in the active-filter line with a link that drops it', async () => {
    const { $ } = await h.page(`/kwic?q=${q('政府')}&passage=${copied}`);
    const chip = $('.active-filters a.chip').filter((_, el) => $(el).text().includes('同一段文字'));
    expect(chip.length).toBe(1);
    expect(chip.attr('href')).toBe(`/kwic?q=${q('政府')}`);
  });

  it('carries the passage in its pages, its form and its export links', async () => {
    const { $ } = await h.page(`/kwic?q=${q('政府')}&passage=${copied}&per=2`);
    const links = [
      ...$('.pagination a')
        .map((_, el) => $(el).attr('href'))
        .get(),
      ...$('a.export')
        .map((_, el) => $(el).attr('href'))
        .get(),
    ];
    expect(links.length).toBeGreaterThan(2);
    for (const href of links) expect(new URL(href, 'http://x').searchParams.get('passage')).toBe(copied);
    expect($('form.search-form input[type=hidden][name=passage]').attr('value')).toBe(copied);
  });
});

describe('the passage filter on the search page', () => {
  it('carries it to KWIC and the exports', async () => {
    const { $ } = await h.page(`/?q=${q('政府')}&passage=${copied}`);
    const tools = $('.tools a')
      .map((_, el) => $(el).attr('href'))
      .get()
      .filter((href) => /^\/(kwic|export)/.test(href));
    expect(tools.length).toBeGreaterThanOrEqual(3);
    for (const href of tools) expect(new URL(href, 'http://x').searchParams.get('passage')).toBe(copied);
  });

  it('shows it in the active-filter line, and clearing all filters drops it', async () => {
    const { $ } = await h.page(`/?q=${q('政府')}&passage=${copied}&level=county`);
    const chip = $('.active-filters a.chip').filter((_, el) => $(el).text().includes('同一段文字'));
    expect(new URL(chip.attr('href')!, 'http://x').searchParams.get('passage')).toBeNull();
    expect(new URL($('.active-filters a.clear-all').attr('href')!, 'http://x').searchParams.get('passage')).toBeNull();
  });
});

describe('exports under a passage filter', () => {
  it('export exactly the sections the search page counts', async () => {
    for (const format of ['csv', 'jsonl'] as const) {
      const path = `/export.${format}?q=${q('政府')}&passage=${copied}`;
      const ids =
        format === 'csv' ? (await csv(path)).map((r) => r['section_id']) : (await jsonl(path)).slice(1).map((r) => r['sectionId']);
      expect([...new Set(ids)].sort()).toEqual(await sectionsOfPassage('政府', copied));
    }
  });
});

describe('"also in" in exports (alsoIn=1)', () => {
  it('gives each row the passage of its match with the reports and bodies the page shows', async () => {
    const { body } = await h.json<{ hits: Array<{ sectionId: string; alsoIn: { reports: number; organs: number; passageKey: string } }> }>(
      `/api/search?q=${q('政策解读专栏')}`,
    );
    const rows = await csv(`/export.csv?q=${q('政策解读专栏')}&alsoIn=1`);
    expect(rows).toHaveLength(body.hits.length);
    for (const row of rows) {
      const hit = body.hits.find((x) => x.sectionId === row['section_id'])!;
      expect(row).toMatchObject({
        passage_key: hit.alsoIn.passageKey,
        passage_template: 'false',
        also_in_reports: String(hit.alsoIn.reports),
        also_in_organs: String(hit.alsoIn.organs),
        passage_url: `${h.server.url}/?passage=${hit.alsoIn.passageKey}`,
      });
    }
  });

  it('labels template wording and leaves its counts empty, as the page does', async () => {
    const rows = await csv(`/export.csv?q=${q('办公室编制')}&alsoIn=1`);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toMatchObject({ passage_template: 'true', also_in_reports: '', also_in_organs: '' });
  });

  it('leaves the columns empty for a match in a heading', async () => {
    const rows = await csv(`/export.csv?q=${q('总体情况')}&alsoIn=1`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ field: 'heading', passage_key: '', also_in_reports: '' });
  });

  it('gives JSONL rows an alsoIn object', async () => {
    const [meta, ...rows] = await jsonl(`/export.jsonl?q=${q('政策解读专栏')}&alsoIn=1`);
    expect((meta!['meta'] as Record<string, unknown>)['alsoIn']).toBe(true);
    expect(rows[0]!['alsoIn']).toMatchObject({ passageKey: copied, template: false, url: `${h.server.url}/?passage=${copied}` });
  });

  it('has the parameter columns but no passage columns unless asked', async () => {
    const columns = Object.keys((await csv(`/export.csv?q=${q('政策解读专栏')}`))[0]!);
    expect(columns).toContain('passage_filter');
    expect(columns).not.toContain('also_in_reports');
  });

  it('counts the spreads of many rows in one round trip, not one per row', async () => {
    const spread = vi.spyOn(h.search, 'passageSpread');
    try {
      const rows = await csv(`/export.csv?q=${q('政府')}&alsoIn=1`);
      expect(rows.filter((row) => row['also_in_reports'] !== '').length).toBeGreaterThan(2);
      expect(spread).toHaveBeenCalledTimes(1);
    } finally {
      spread.mockRestore();
    }
  });

  it('is offered as a link on the search and KWIC pages', async () => {
    for (const path of [`/?q=${q('政府')}`, `/kwic?q=${q('政府')}`]) {
      const { $ } = await h.page(path);
      const hrefs = $('a')
        .map((_, el) => $(el).attr('href'))
        .get()
        .filter((href) => href.startsWith('/export.csv') && new URL(href, 'http://x').searchParams.get('alsoIn') === '1');
      expect(hrefs).toHaveLength(1);
    }
  });
});

describe('what an export records', () => {
  it('writes the passage filter, statistics filter, sort, context and corpus state on every CSV row', async () => {
    const rows = await csv(`/export.csv?q=${q('政府')}&passage=${copied}&checks=none&context=12`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatchObject({
        passage_filter: copied,
        sort: 'year-desc',
        context: '12',
        index_generation: MEMORY_GENERATION,
        format_version: DOCUMENT_FORMAT_VERSION,
      });
      expect(JSON.parse(row['statistics_filter']!)).toEqual({ conditions: [], status: ['none'] });
    }
  });

  it('writes the thresholds the passages were keyed with', async () => {
    const [row] = await csv(`/export.csv?q=${q('政府')}`);
    const rules = JSON.parse(row!['passage_rules']!) as Record<string, unknown>;
    expect(rules).toMatchObject({ minChars: MIN_PASSAGE_CHARS, nearThreshold: NEAR_REPEAT.threshold, hashes: NEAR_REPEAT.hashes });
    expect(String(rules['templatePatterns'])).toContain('preamble-basis');
  });

  it('puts the same in the JSONL meta line', async () => {
    const [first] = await jsonl(`/export.jsonl?q=${q('政府')}&passage=${copied}&distinct=passage`);
    expect(first!['meta']).toMatchObject({
      passage: copied,
      distinct: 'passage',
      alsoIn: false,
      sort: 'year-desc',
      context: 30,
      statistics: null,
      indexGeneration: MEMORY_GENERATION,
      formatVersion: DOCUMENT_FORMAT_VERSION,
      passageRules: { minChars: MIN_PASSAGE_CHARS },
    });
  });
});

describe('the compare page and copied passages', () => {
  it('shows the shares of both reports side by side', async () => {
    const { $ } = await h.page('/reports/a2021/compare');
    const blocks = $('.compare-shares .report-shares');
    expect(blocks.length).toBe(2);
    expect(blocks.first().text()).toContain('模板用语');
    // Ids stay unique with two blocks on one page.
    const ids = $('[id]')
      .map((_, el) => $(el).attr('id'))
      .get();
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('marks template wording among the aligned sentences, linking to the passage', async () => {
    const { html } = await h.page('/reports/a2021/compare');
    const $ = load(html);
    const template = $('.compare-sentences li.template-wording');
    expect(template.length).toBe(1);
    expect(template.text()).toContain('年报格式要求的文字');
    expect(template.find('a.passage-reports').attr('href')).toMatch(/^\/\?passage=[0-9a-f]{13}$/);
    // The copied sentence links to the reports that also have it; it is not template wording.
    const copiedLine = $('.compare-sentences li').filter((_, el) => $(el).text().includes('政策解读专栏'));
    expect(copiedLine.hasClass('template-wording')).toBe(false);
    expect(copiedLine.find('a.passage-reports').attr('href')).toBe(`/?passage=${copied}`);
  });
});
