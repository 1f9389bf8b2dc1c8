import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/serverHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const q = encodeURIComponent('保密审查');

interface SearchBody {
  q: string;
  total: number;
  reports: number;
  page: number;
  per: number;
  hits: Array<Record<string, unknown>>;
  facets: Record<string, Record<string, number>>;
}

interface GroupedBody {
  total: number;
  reports: number;
  groups: Array<{ reportId: string; hits: Array<{ reportId: string; sectionId: string }> }>;
}

describe('group=report', () => {
  it('gives one entry per report with its matching sections, paged by report, adding up to the totals', async () => {
    const sections = await h.json<SearchBody>(`/api/search?q=${q}&per=100`);
    const seen: string[] = [];
    const reports: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const { body } = await h.json<GroupedBody>(`/api/search?q=${q}&group=report&per=2&page=${page}`);
      expect([body.total, body.reports]).toEqual([sections.body.total, sections.body.reports]);
      expect(body.groups.length).toBeLessThanOrEqual(2);
      for (const group of body.groups) {
        reports.push(group.reportId);
        for (const hit of group.hits) expect(hit.reportId).toBe(group.reportId);
        seen.push(...group.hits.map((hit) => hit.sectionId));
      }
    }
    expect(new Set(reports).size).toBe(sections.body.reports);
    expect(reports).toHaveLength(sections.body.reports);
    expect(seen.sort()).toEqual(sections.body.hits.map((hit) => hit.sectionId as string).sort());
  });

  it('orders reports as their best section ranks', async () => {
    const { body } = await h.json<GroupedBody>(`/api/search?q=${q}&group=report&sort=year-asc`);
    const sections = await h.json<SearchBody>(`/api/search?q=${q}&sort=year-asc&per=100`);
    expect(body.groups.map((g) => g.reportId)).toEqual([...new Set(sections.body.hits.map((hit) => hit.reportId as string))]);
  });
});

describe('place facets', () => {
  it('count city and county with a bucket for sections without one, each adding up to the total', async () => {
    const { body } = await h.json<SearchBody>(`/api/search?q=${q}`);
    for (const facet of ['province', 'city', 'county']) {
      const sum = Object.values(body.facets[facet]!).reduce((n, count) => n + count, 0);
      expect(sum).toBe(body.total);
    }
    expect(body.facets.city!['成都市']).toBe(1);
    expect(body.facets.city!.none).toBeGreaterThan(0);
  });

  it('filter by city and county', async () => {
    const { body } = await h.json<SearchBody>(`/api/search?q=${q}&city=${encodeURIComponent('广州市')}`);
    expect(body.hits.map((hit) => hit.reportId)).toEqual(['gd-hostile-2020']);
  });
});

describe('year ranges', () => {
  it('count every year of year=2019-2020, inclusive, as the sum of the single years', async () => {
    const range = await h.json<SearchBody>(`/api/search?q=${q}&year=2019-2020`);
    const single = await Promise.all(['2019', '2020'].map((year) => h.json<SearchBody>(`/api/search?q=${q}&year=${year}`)));
    expect(range.body.total).toBeGreaterThan(0);
    expect(range.body.total).toBe(single[0]!.body.total + single[1]!.body.total);
    expect(Object.keys(range.body.facets.year!).sort()).toEqual(['2019', '2020']);
    const byProvince = Object.values(range.body.facets.province!).reduce((sum, count) => sum + count, 0);
    expect(byProvince).toBe(range.body.total);
  });

  it('apply to the trend', async () => {
    const { body } = await h.json<{ years: Array<{ year: number }> }>(`/api/trend?q=${q}&year=2019-2020`);
    expect(body.years.map((y) => y.year)).toEqual([2019, 2020]);
  });

  it('apply to exports', async () => {
    const response = await h.get(`/export.jsonl?q=${q}&year=2020-2021`);
    const years = new Set(
      (await response.text())
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => (JSON.parse(line) as { year: number }).year),
    );
    expect([...years].sort()).toEqual([2020, 2021]);
  });
});

describe('GET /api/search', () => {
  it('answers the documented shape', async () => {
    const { response, body } = await h.json<SearchBody>(`/api/search?q=${q}&province=${encodeURIComponent('四川省')}`);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(body).toEqual({
      q: '保密审查',
      total: 1,
      reports: 1,
      page: 1,
      per: 20,
      hits: [
        {
          reportId: 'sc-township-2018',
          sectionId: 'sc-township-2018-s0',
          title: '四川省某镇人民政府2018年政府信息公开工作年度报告',
          organ: '四川省某镇人民政府',
          province: '四川省',
          level: 'township',
          year: 2018,
          sectionType: 'overview',
          heading: '一、概述',
          snippetHtml: '𠀀𠀁群众笑声哈哈哈，<mark>保密审查</mark>到位。',
          url: `/reports/sc-township-2018?q=${q}#sc-township-2018-s0`,
          keyTerms: expect.any(Array),
          ocr: false,
          // The passage holding the first occurrence, in no other report.
          alsoIn: { reports: 0, organs: 0, passageKey: expect.stringMatching(/^[0-9a-f]{13}$/), template: false, url: expect.any(String) },
        },
      ],
      facets: {
        province: { 四川省: 1 },
        city: { 成都市: 1 },
        county: { 双流区: 1 },
        level: { township: 1 },
        year: { '2018': 1 },
        sectionType: { overview: 1 },
      },
      notices: [],
    });
  });

  it('counts AND typed between two terms as the operator, not as a word', async () => {
    const typed = await h.json<SearchBody>(`/api/search?q=${encodeURIComponent('保密审查 AND 政府网站')}`);
    const plain = await h.json<SearchBody>(`/api/search?q=${encodeURIComponent('保密审查 政府网站')}`);
    expect(typed.body.total).toBe(plain.body.total);
  });

  it('says when part of the query reads like an operator but is searched as text', async () => {
    const { body } = await h.json<SearchBody & { notices: string[] }>(`/api/search?q=${encodeURIComponent('保密*')}`);
    expect(body.notices.join('')).toMatch(/通配符/);
  });

  it('pages with page and per', async () => {
    const { body } = await h.json<SearchBody>(`/api/search?q=${q}&per=2&page=3&sort=year-asc`);
    expect(body.total).toBe(6);
    expect(body.hits.map((hit) => hit['year'])).toEqual([2020, 2021]);
    expect(h.search.requests.at(-1)).toMatchObject({ page: 3, per: 2, sort: 'year-asc' });
  });

  it('ORs values of one facet and ANDs facets', async () => {
    const { body } = await h.json<SearchBody>(`/api/search?q=${q}&level=city&level=county&year=2020`);
    expect(body.hits.map((hit) => hit['reportId']).sort()).toEqual(['bj-dongcheng-2020', 'gd-hostile-2020']);
  });
});

describe('GET /api/trend', () => {
  it('answers the trend result', async () => {
    const { body } = await h.json<{ q: string; years: Array<{ year: number; share: number }> }>(
      `/api/trend?q=${encodeURIComponent('政府网站')}`,
    );
    expect(body.q).toBe('政府网站');
    expect(body.years.map((y) => [y.year, y.share])).toEqual([
      [2018, 0],
      [2019, 1],
      [2020, 0.5],
      [2021, 1],
    ]);
  });
});

describe('GET /api/reports', () => {
  it('lists reports with their summary fields', async () => {
    const { body } = await h.json<{ total: number; reports: Array<Record<string, unknown>> }>('/api/reports?per=2&page=2');
    expect(body.total).toBe(5);
    expect(body.reports).toHaveLength(2);
    expect(Object.keys(body.reports[0]!).sort()).toEqual(['level', 'organ', 'province', 'reportId', 'source', 'title', 'year']);
  });

  it('answers one report with its sections', async () => {
    const { response, body } = await h.json<{ reportId: string; publishedAt: string; sections: Array<Record<string, unknown>> }>(
      '/api/reports/bj-dongcheng-2019',
    );
    expect(response.status).toBe(200);
    expect(body.publishedAt).toBe('2020-01-20');
    expect(body.sections).toHaveLength(5);
    expect(body.sections[1]).toEqual({
      sectionId: 'bj-dongcheng-2019-s1',
      ordinal: 1,
      heading: '一、总体情况',
      sectionType: 'overview',
      text: expect.stringContaining('保密审查'),
    });
  });

  it('answers 404 JSON for a missing report', async () => {
    const { response, body } = await h.json<{ error: { code: string } }>('/api/reports/not-there');
    expect(response.status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('GET /healthz', () => {
  it('is ok while the search answers, and 503 while it does not', async () => {
    const ok = await h.json<{ status: string }>('/healthz');
    expect([ok.response.status, ok.body]).toEqual([200, { status: 'ok' }]);
    h.search.unavailable = true;
    try {
      const down = await h.json<{ status: string }>('/healthz');
      expect([down.response.status, down.body]).toEqual([503, { status: 'unavailable' }]);
    } finally {
      h.search.unavailable = false;
    }
  });
});

describe('when the search service is unavailable', () => {
  it.each([['/'], [`/reports/bj-dongcheng-2019`], [`/trend?q=${q}`], [`/kwic?q=${q}`], [`/export.csv?q=${q}`]])(
    '%s shows a 503 page in Chinese, and works again once it is back',
    async (path) => {
      h.search.unavailable = true;
      try {
        const { response, html, $ } = await h.page(path);
        expect(response.status).toBe(503);
        expect(response.headers.get('content-type')).toContain('text/html');
        expect($('.error-message').text()).toContain('检索服务暂时不可用，请稍后再试');
        expect(html).not.toContain('7700');
        expect(html).not.toContain('secret');
      } finally {
        h.search.unavailable = false;
      }
      const again = await h.get(path);
      await again.arrayBuffer();
      expect(again.status).toBe(200);
    },
  );

  it('answers 503 saying reports are moving between shards, and since when, while a run moves them', async () => {
    h.search.movingSince = '2026-12-05T14:00:00.000Z';
    try {
      const { response, body } = await h.json<{ error: { code: string; message: string } }>(`/api/search?q=${q}`);
      expect(response.status).toBe(503);
      expect(body.error.code).toBe('reports_moving');
      expect(body.error.message).toContain('2026-12-05T14:00:00.000Z');
    } finally {
      h.search.movingSince = null;
    }
  });

  it('answers 503 JSON on the API', async () => {
    h.search.unavailable = true;
    try {
      const { response, body } = await h.json<{ error: { code: string; message: string } }>(`/api/search?q=${q}`);
      expect(response.status).toBe(503);
      expect(body.error.code).toBe('search_unavailable');
      expect(body.error.message).not.toContain('7700');
    } finally {
      h.search.unavailable = false;
    }
  });
});
