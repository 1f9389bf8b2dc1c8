// /index: what the index holds and what the last run skipped; and the search page of an empty index.
import { describe, expect, it } from 'vitest';
import type { LastRun } from '../config/lastRun.js';
import { startHarness } from './helpers/serverHarness.js';
import { REPORTS } from './helpers/reports.js';

const LAST_RUN: LastRun = {
  indexPrefix: 'nianbao_',
  finishedAt: '2026-12-01T08:30:00.000Z',
  elapsedMs: 1200,
  files: 7,
  new: 5,
  updated: 0,
  unchanged: 0,
  stale: 0,
  sections: 30,
  skipped: [
    {
      path: '/home/someone/reports/2019/list.html',
      source: '2019/list.html',
      code: 'not-a-report',
      reason: '/home/someone/reports/2019/list.html is a list',
    },
  ],
};

describe('/index', () => {
  it('counts the reports by year × level, by format and by province', async () => {
    const h = await startHarness({}, [
      { ...REPORTS[0]!, provenance: { format: 'pdf' } },
      ...REPORTS.slice(1).map((r) => ({ ...r, provenance: { format: 'txt' as const } })),
    ]);
    try {
      const { response, $ } = await h.page('/index');
      expect(response.status).toBe(200);
      expect($('.summary').text()).toContain(`共收录 ${REPORTS.length} 份报告`);
      const first = REPORTS[0]!;
      const sameYearLevel = REPORTS.filter((r) => r.year === first.year && r.level === first.level).length;
      const row = $('.year-level-table tbody tr').filter((_, tr) => $(tr).find('th').text() === `${first.year} 年`);
      const headers = $('.year-level-table thead th')
        .map((_, th) => $(th).text())
        .get();
      expect(first.level).toBe('county');
      const column = headers.indexOf('县级');
      expect(column).toBeGreaterThan(0);
      expect(
        row
          .find('td')
          .eq(column - 1)
          .text(),
      ).toBe(String(sameYearLevel));
      const formats = $('.format-table tbody tr')
        .map((_, tr) =>
          $(tr)
            .children()
            .map((_, c) => $(c).text())
            .get()
            .join(' '),
        )
        .get();
      expect(formats).toEqual([`TXT ${REPORTS.length - 1}`, 'PDF 1']);
      expect($('.province-table tbody tr').length).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });

  it("lists the last run's skipped files by their relative path, never the server path", async () => {
    const h = await startHarness({ lastRun: () => Promise.resolve(LAST_RUN) });
    try {
      const { html, $ } = await h.page('/index');
      expect($('.skipped-table tbody tr').text()).toContain('2019/list.html');
      expect($('.skipped-table tbody tr').text()).toContain('不是年度报告');
      expect($('.last-run time').text()).toBe('2026-12-01 08:30:00 UTC');
      expect(html).not.toContain('/home/someone');
    } finally {
      await h.close();
    }
  });
});

describe('the search page of an empty index', () => {
  it('says how to add reports instead of "nothing found"', async () => {
    const h = await startHarness({}, []);
    try {
      const { $ } = await h.page('/');
      expect($('.results').text()).not.toContain('没有找到');
      expect($('.results .empty-index').text()).toContain('npx nianbao index');
    } finally {
      await h.close();
    }
  });
});
