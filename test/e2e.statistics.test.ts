// The statistics tables end to end: the demo corpus indexed into a real Meilisearch, each report's
// `statistics` read from /api/reports/:id, and the corpus figures of /api/stats checked against the
// sum over those reports — every report counted once, with a value, with a table but no value, or
// without a table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasureGroup } from '../core/measures.js';
import type { ReportStatistics } from '../core/statistics/types.js';
import { startDemoSite, type DemoSite } from './helpers/e2e.js';

interface ApiReport {
  reportId: string;
  sections: unknown[];
  year: number | null;
  level: string | null;
  province: string | null;
  statistics: ReportStatistics | null;
}
interface ApiStats {
  measure: string;
  by: string;
  reports: number;
  groups: MeasureGroup[];
  indexedReports: number;
}

let demo: DemoSite;
let reports: ApiReport[];

beforeAll(async () => {
  demo = await startDemoSite();
  const ids = [...demo.reportIds.values()];
  reports = await Promise.all(ids.map(async (id) => (await demo.site.json<ApiReport>(`/api/reports/${encodeURIComponent(id)}`)).body));
}, 240_000);

afterAll(async () => {
  await demo?.stop();
});

const groupOf = (report: ApiReport, by: 'year' | 'level' | 'province') => (report[by] === null ? 'none' : String(report[by]));

describe('statistics tables in the index', () => {
  it('gives the tables of a report that has them, in the documented contract, and null for one that has none', () => {
    const withTables = reports.filter((r) => r.statistics !== null);
    const without = reports.filter((r) => r.statistics === null);
    expect(withTables.length).toBeGreaterThan(0);
    expect(without.length).toBeGreaterThan(0);
    for (const { statistics } of withTables) {
      expect(Object.keys(statistics!)).toEqual(
        expect.arrayContaining([
          'template',
          'requests',
          'review',
          'litigationDirect',
          'litigationAfterReview',
          'regulations',
          'cells',
          'checks',
        ]),
      );
      expect(['2019', '2021']).toContain(statistics!.template);
    }
  });

  it.each(['year', 'level', 'province'] as const)(
    'sums a measure by %s exactly as the reports add up, counting every report once',
    async (by) => {
      const measure = 'requests.newReceived.total';
      const { status, body } = await demo.site.json<ApiStats>(`/api/stats?measure=${measure}&by=${by}`);
      expect(status).toBe(200);
      expect(body.reports).toBe(reports.length);
      for (const group of body.groups) {
        const members = reports.filter((r) => groupOf(r, by) === group.group);
        const values = members.flatMap((r) => {
          const value = r.statistics?.requests.newReceived?.total;
          return typeof value === 'number' ? [value] : [];
        });
        expect(group.reports).toBe(members.length);
        expect(group.withoutTable).toBe(members.filter((r) => r.statistics === null).length);
        expect(group.withValue).toBe(values.length);
        expect(group.withValue + group.withoutValue + group.withoutTable).toBe(group.reports);
        expect(group.sum).toBe(values.reduce((n, v) => n + v, 0));
      }
      expect(body.groups.reduce((n, g) => n + g.reports, 0)).toBe(reports.length);
    },
  );

  it('gives 予以公开率 as granted over the total of the reports that print both', async () => {
    const { body } = await demo.site.json<ApiStats>('/api/stats?measure=grantedShare&by=year');
    for (const group of body.groups) {
      const both = reports.filter((r) => {
        const requests = r.statistics?.requests;
        return (
          groupOf(r, 'year') === group.group && typeof requests?.granted?.total === 'number' && typeof requests?.total?.total === 'number'
        );
      });
      const granted = both.reduce((n, r) => n + (r.statistics!.requests.granted!.total as number), 0);
      const total = both.reduce((n, r) => n + (r.statistics!.requests.total!.total as number), 0);
      expect(group.rate).toBe(total === 0 ? null : granted / total);
    }
  });

  it('keeps only the sections of reports whose measure passes a condition, with exact totals', async () => {
    const values = reports.flatMap((r) => {
      const value = r.statistics?.requests.newReceived?.total;
      return typeof value === 'number' ? [value] : [];
    });
    const threshold = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const allowed = reports.filter((r) => {
      const value = r.statistics?.requests.newReceived?.total;
      return typeof value === 'number' && value >= threshold;
    });
    const { body } = await demo.site.json<{ total: number; reports: number }>(
      `/api/search?stat=${encodeURIComponent(`requests.newReceived.total>=${threshold}`)}`,
    );
    expect(allowed.length).toBeGreaterThan(0);
    expect(body.reports).toBe(allowed.length);
    expect(body.total).toBe(allowed.reduce((n, r) => n + r.sections.length, 0));
  });

  it('combines a measure condition with a phrase: the sections of the phrase in the reports that pass, and no other', async () => {
    const condition = encodeURIComponent('requests.newReceived.total>=1');
    const allowed = new Set(
      reports
        .filter((r) => typeof r.statistics?.requests.newReceived?.total === 'number' && r.statistics.requests.newReceived.total >= 1)
        .map((r) => r.reportId),
    );
    const everywhere = (await (await demo.site.get('/export.jsonl?q=公开')).text()).trim().split('\n').slice(1);
    const sections = new Set(
      everywhere
        .map((line) => JSON.parse(line) as { reportId: string; sectionId: string })
        .filter((row) => allowed.has(row.reportId))
        .map((row) => row.sectionId),
    );
    const { body } = await demo.site.json<{ total: number }>(`/api/search?q=公开&stat=${condition}`);
    expect(body.total).toBe(sections.size);
  });

  it('finds the reports whose printed tables do not add up (checks=failed), and only those', async () => {
    const failed = reports.filter((r) => r.statistics?.checks.some((check) => !check.ok));
    const { body } = await demo.site.json<{ reports: number }>('/api/search?checks=failed');
    expect(body.reports).toBe(failed.length);
  });

  it('refuses a condition it cannot read, saying how to write one', async () => {
    const { status, body } = await demo.site.json<{ error: string }>('/api/search?stat=requests.newReceived.total~100');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('requests.newReceived.total>=100');
  });

  it('refuses an unknown measure with a message saying what a measure looks like', async () => {
    const { status, body } = await demo.site.json<{ error: string }>('/api/stats?measure=requests;drop');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('requests.newReceived.total');
  });

  it('exports the figures as CSV with the measure, the filters and the corpus state on every row', async () => {
    const response = await demo.site.get('/stats.csv?measure=review.total&by=level');
    expect(response.status).toBe(200);
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'measure,by,group,reports,with_value,without_value,without_table,sum,median,rate,filters,indexed_reports,exported_at',
    );
    for (const line of lines.slice(1)) expect(line).toMatch(new RegExp(`^review\\.total,level,.*,${reports.length},\\d{4}-`));
  });

  it('shows the tables on the report page, and the /stats page with one row per group', async () => {
    const id = reports.find((r) => r.statistics !== null)!.reportId;
    const { $ } = await demo.site.page(`/reports/${encodeURIComponent(id)}`);
    expect($('table.stats-table caption').first().text()).toContain('表三');
    const stats = await demo.site.page('/stats?by=year');
    expect(stats.response.status).toBe(200);
    expect(stats.$('table.corpus-stats tbody tr').length).toBeGreaterThan(0);
  });
});
