import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.js';
import type { Logger } from '../server/logger.js';
import { startServer } from '../server/serve.js';
import { CONTENT_SECURITY_POLICY } from '../server/securityHeaders.js';
import { MemoryReportSearch } from './helpers/memorySearch.js';
import { IMG_TEXT, REPORTS, SCRIPT_TEXT } from './helpers/reports.js';
import { startHarness, type Harness } from './helpers/serverHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const q = encodeURIComponent('保密审查');

/** Nothing from a report may become markup: no <img>, no script but ours, no event handlers. */
function expectInert($: CheerioAPI, html: string): void {
  expect($('img').length).toBe(0);
  expect(
    $('script')
      .toArray()
      .every((el) => $(el).attr('src') === '/static/facets.js'),
  ).toBe(true);
  expect($('script:not([src])').length).toBe(0);
  const attributeNames = $('*')
    .toArray()
    .flatMap((el) => Object.keys($(el).attr() ?? {}));
  expect(attributeNames.filter((name) => name.startsWith('on'))).toEqual([]);
  expect(html).not.toContain('<script>alert');
  expect(html).not.toContain('<img src=x');
}

describe('escaping', () => {
  it.each([
    ['the search page', `/?q=${q}&province=${encodeURIComponent('广东省')}&level=city`, '.hit', SCRIPT_TEXT],
    ['the report page', `/reports/gd-hostile-2020?q=${q}`, '.report-section', SCRIPT_TEXT],
    ['the concordance', `/kwic?q=${encodeURIComponent('alert')}`, 'table.kwic', IMG_TEXT],
  ])('renders hostile report text inert on %s', async (_name, path, container, shownAsText) => {
    const { response, html, $ } = await h.page(path);
    expect(response.status).toBe(200);
    expect($(container).length).toBeGreaterThan(0);
    expectInert($, html);
    // The markup is shown as text, exactly.
    expect($(container).text()).toContain(shownAsText);
  });

  it.each([
    ['snippets', `/?q=${q}&province=${encodeURIComponent('广东省')}&level=city`, '.snippet, .hit-heading a'],
    ['report sections', `/reports/gd-hostile-2020?q=${q}`, '.section-text, .report-section h2'],
  ])('lets only <mark> (and its navigation) through in %s', async (_name, path, selector) => {
    const { $ } = await h.page(path);
    const tags = new Set(
      $(selector)
        .find('*')
        .toArray()
        .map((el) => el.tagName),
    );
    expect([...tags].every((tag) => ['mark', 'sup', 'a', 'span'].includes(tag))).toBe(true);
    expect($(selector).find('mark').first().text()).toBe('保密审查');
    // The only links inside text are occurrence navigation to anchors on the page.
    expect(
      $(selector)
        .find('a')
        .toArray()
        .every((el) => $(el).attr('href')!.startsWith('#occ-')),
    ).toBe(true);
  });

  it.each([
    ['/', 200],
    ['/trend', 200],
    ['/kwic', 200],
    ['/reports/gd-hostile-2020', 200],
  ])('escapes a query that contains markup where %s echoes it', async (path, status) => {
    const hostile = `${SCRIPT_TEXT} '><img src=x onerror=alert(1)>`;
    const { response, html, $ } = await h.page(`${path}?q=${encodeURIComponent(hostile)}`);
    expect(response.status).toBe(status);
    expectInert($, html);
    expect($('input[name=q]').val()).toBe(hostile);
  });

  it('escapes the query offered again on a 400 page', async () => {
    const hostile = 'OR "><script>alert(1)</script>';
    const { response, html, $ } = await h.page(`/?q=${encodeURIComponent(hostile)}`);
    expect(response.status).toBe(400);
    expectInert($, html);
    expect($('input[name=q]').val()).toBe(hostile);
  });

  it('renders every …Html field with triple braces and nothing else', () => {
    const viewsDir = join(import.meta.dirname, '..', 'views');
    const files = ['layouts', 'partials', 'pages'].flatMap((dir) =>
      readdirSync(join(viewsDir, dir)).map((file) => join(viewsDir, dir, file)),
    );
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const [, expression] of source.matchAll(/\{\{\{\s*([^}]*?)\s*\}\}\}/g)) {
        expect(expression, file).toMatch(/Html$/);
      }
      expect(source, file).not.toMatch(/\sstyle=|<style|<script>/);
    }
  });
});

describe('security headers', () => {
  const expectHeaders = (response: Response) => {
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-powered-by')).toBeNull();
  };

  it('forbids inline script and style in the policy', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it.each([
    ['an HTML page', '/', 200],
    ['a JSON response', '/api/search?q=x', 200],
    ['a 404 page', '/nowhere', 404],
    ['a 404 JSON response', '/api/reports/nothing-here', 404],
    ['a 400 response', '/?level=mayor', 400],
    ['the stylesheet', '/static/style.css', 200],
    ['an export', `/export.csv?q=${q}`, 200],
  ])('are on %s', async (_name, path, status) => {
    const response = await h.get(path);
    await response.arrayBuffer();
    expect(response.status).toBe(status);
    expectHeaders(response);
  });

  it('serves the stylesheet and the facet script from static files', async () => {
    const css = await h.get('/static/style.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain('mark');
    const js = await h.get('/static/facets.js');
    expect(js.headers.get('content-type')).toContain('javascript');
    await js.arrayBuffer();
  });
});

describe('unexpected failures', () => {
  it('log the error and show a generic 500 without its details', async () => {
    const logged: string[] = [];
    const logger: Logger = {
      info: () => {},
      warn: () => {},
      error: (message, fields) => logged.push(`${message} ${JSON.stringify(fields)}`),
    };
    const search = new MemoryReportSearch(REPORTS);
    search.search = async () => {
      throw new Error('connect ECONNREFUSED http://meili.internal:7700 masterKey=abc123');
    };
    const server = await startServer({ app: createApp({ search, logger, rateLimit: false }), port: 0 });
    try {
      const page = await fetch(`${server.url}/?q=x`);
      const html = await page.text();
      expect(page.status).toBe(500);
      expect(html).toContain('服务器内部错误');
      expect(html).not.toMatch(/meili\.internal|abc123|ECONNREFUSED|at .*\.ts/);
      const api = await fetch(`${server.url}/api/search?q=x`);
      const body = await api.text();
      expect(api.status).toBe(500);
      expect(body).not.toMatch(/meili\.internal|abc123/);
      expect(JSON.parse(body)).toEqual({ error: { code: 'internal', message: expect.any(String) } });
      expect(logged.join('\n')).toContain('ECONNREFUSED');
    } finally {
      await server.close();
    }
  });
});
