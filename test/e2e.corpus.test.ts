// The corpus as a whole over the demo corpus in a real Meilisearch: coverage of bodies × years
// against a count made here from the report list, and the year-over-year comparison page, read in a
// real browser (the system's Chromium).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportSummary } from '../core/report.js';
import { everyListedReport } from './helpers/everyListedReport.js';
import { startDemoSite, type DemoSite } from './helpers/e2e.js';

const CHROMIUM = '/usr/bin/chromium';

interface ApiCoverage {
  years: number[];
  groups: Array<{ province: string | null; level: string | null; year: number; bodies: number; withReport: number; withoutReport: number }>;
  parameters: { reports: number; bodies: number };
}

let demo: DemoSite;
let reports: ReportSummary[];

beforeAll(async () => {
  demo = await startDemoSite();
  reports = await everyListedReport(demo.search);
}, 240_000);

afterAll(async () => {
  await demo?.stop();
});

describe('coverage of bodies × years', () => {
  it('counts, each year, the bodies with a report and the bodies the index knows, as the report list does', async () => {
    const { status, body } = await demo.site.json<ApiCoverage>('/api/coverage');
    expect(status).toBe(200);
    const bodyOf = (r: ReportSummary) => r.organKey ?? `?${r.reportId}`;
    const allBodies = new Set(reports.map(bodyOf));
    expect(body.parameters.bodies).toBe(allBodies.size);
    expect(body.parameters.reports).toBe(reports.length);
    for (const year of body.years) {
      const inYear = body.groups.filter((g) => g.year === year);
      const withReport = new Set(reports.filter((r) => r.year === year).map(bodyOf)).size;
      expect(inYear.reduce((n, g) => n + g.withReport, 0)).toBe(withReport);
      // Every body the index knows is expected every year (the default, all-years).
      expect(inYear.reduce((n, g) => n + g.bodies, 0)).toBe(allBodies.size);
      for (const group of inYear) expect(group.withReport + group.withoutReport).toBe(group.bodies);
    }
  });

  it('exports the counts as CSV with its parameters', async () => {
    const text = await (await demo.site.get('/coverage.csv')).text();
    expect(text).toContain('# expected=all-years');
    expect(text).toMatch(/province,level,year,bodies,withReport,withoutReport/);
  });
});

describe('the year-over-year comparison', () => {
  const anji2023 = () => reports.find((r) => r.organ === '安吉县人民政府' && r.year === 2023)!;

  it('compares a report with the same body’s latest earlier report by default', async () => {
    const { response, $ } = await demo.site.page(`/reports/${encodeURIComponent(anji2023().reportId)}/compare`);
    expect(response.status).toBe(200);
    expect($('.compare p').first().text()).toContain('2020');
    expect($('.compare-section').length).toBeGreaterThan(2);
  });

  it('sets the two reports’ statistics side by side, as /api/reports gives them, with the change', async () => {
    const current = anji2023();
    const { $ } = await demo.site.page(`/reports/${encodeURIComponent(current.reportId)}/compare`);
    const previousId = $('.compare p a').eq(1).attr('href')!.split('/').pop()!;
    type Tables = { statistics: { requests: Record<string, Record<string, number | null>> } | null };
    const [now, before] = await Promise.all(
      [current.reportId, decodeURIComponent(previousId)].map(
        async (id) => (await demo.site.json<Tables>(`/api/reports/${encodeURIComponent(id)}`)).body,
      ),
    );
    const row = $('.compare-statistics tr[data-measure="requests.newReceived.total"] td');
    const shown = (value: number | null | undefined) => (typeof value === 'number' ? String(value) : '—');
    expect(now?.statistics ?? before?.statistics).not.toBeNull();
    const p = before?.statistics?.requests['newReceived']?.['total'];
    const c = now?.statistics?.requests['newReceived']?.['total'];
    expect(row.eq(0).text()).toBe(shown(p));
    expect(row.eq(1).text()).toBe(shown(c));
    const change = typeof p === 'number' && typeof c === 'number' ? c - p : null;
    expect(row.eq(2).text()).toBe(change === null ? '' : change > 0 ? `+${change}` : String(change));
  });

  it('says how to choose another report when the body has no earlier one', async () => {
    const first = reports.filter((r) => r.organ === '安吉县人民政府').sort((a, b) => (a.year ?? 0) - (b.year ?? 0))[0]!;
    const response = await demo.site.get(`/reports/${encodeURIComponent(first.reportId)}/compare`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('指定任一报告');
  });

  it.skipIf(!existsSync(CHROMIUM) && !process.env['CI'])('shows aligned sections with their sentences marked in a browser', async () => {
    let browser: Browser | null = null;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) problems.push(message.text());
      });
      await page.goto(`${demo.site.url}/reports/${encodeURIComponent(anji2023().reportId)}`);
      await page.locator('a.compare-link').click();
      await page.waitForURL(/\/compare$/);
      expect(await page.locator('.compare-section h2').count()).toBeGreaterThan(2);
      const marks = await page.locator('.compare-sentences li .change-label').allTextContents();
      expect(new Set(marks).size).toBeGreaterThan(1);
      expect(marks.every((mark) => ['保留', '改写', '新增', '删去'].includes(mark))).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await browser?.close();
    }
  });
});
