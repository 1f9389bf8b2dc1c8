// The report page's 来源 block over the in-memory search: what it links, what it escapes, and what it
// shows for a report indexed before provenance was recorded.
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.js';
import { silentLogger } from '../server/logger.js';
import { startServer, type RunningServer } from '../server/serve.js';
import { MemoryReportSearch, type MemoryReport } from './helpers/memorySearch.js';

const HASH = 'ab'.repeat(32);
const base = (reportId: string, provenance: MemoryReport['provenance']): MemoryReport => ({
  reportId,
  title: '某某县2021年政府信息公开工作年度报告',
  organ: '某某县人民政府',
  province: '浙江省',
  level: 'county',
  year: 2021,
  source: `2021/${reportId}.txt`,
  provenance,
  sections: [{ heading: '一、总体情况', sectionType: 'overview', text: '坚持保密审查。' }],
});

const REPORTS = [
  base('tampered', {
    format: 'txt',
    sourceUrl: 'javascript:alert(1)',
    sourceUrlFrom: 'manifest',
    contentHash: HASH,
    indexedAt: '2026-01-02T03:04:05.000Z',
  }),
  base('markup', {
    format: 'html',
    sourceUrl: 'https://x.gov.cn/a?b=1&c="2"',
    sourceUrlFrom: 'og-url',
    publisher: '<b onmouseover="x()">局</b>',
  }),
  base('legacy', undefined),
];

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    app: createApp({ search: new MemoryReportSearch(REPORTS), logger: silentLogger, rateLimit: false }),
    port: 0,
  });
});
afterAll(async () => {
  await server?.close();
});

const page = async (reportId: string) => {
  const response = await fetch(`${server.url}/reports/${reportId}`);
  expect(response.status).toBe(200);
  const html = await response.text();
  return { html, $: load(html) };
};

describe('the 来源 block', () => {
  it('makes no link of a stored address that is not http(s), in the block or the citation', async () => {
    const { $, html } = await page('tampered');
    expect($('a[href^="javascript"]')).toHaveLength(0);
    expect(html).not.toContain('javascript:alert(1)');
    expect($('.provenance').text()).toContain('未记录');
  });

  it('escapes the publisher and the address', async () => {
    const { $, html } = await page('markup');
    expect($('.provenance b')).toHaveLength(0);
    expect($('.provenance').text()).toContain('<b onmouseover="x()">局</b>');
    expect(html).not.toContain('<b onmouseover');
    expect($('.provenance a').attr('href')).toBe('https://x.gov.cn/a?b=1&c="2"');
  });

  it('says where the address was found', async () => {
    const { $ } = await page('markup');
    expect($('.provenance').text()).toContain('og:url');
  });

  it('shows the indexed date, with the full time in its title', async () => {
    const { $ } = await page('tampered');
    const time = $('.provenance time');
    expect(time.text()).toBe('2026-01-02');
    expect(time.attr('title')).toBe('2026-01-02T03:04:05.000Z');
  });

  it('shows a report indexed before provenance was recorded with its path and nothing else', async () => {
    const { $ } = await page('legacy');
    const block = $('.provenance');
    expect(block.text()).toContain('未记录');
    expect(block.text()).toContain('2021/legacy.txt');
    expect(block.find('code[title], time')).toHaveLength(0);
  });
});
