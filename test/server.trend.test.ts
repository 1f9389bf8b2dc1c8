// /trend and /api/trend: comparing queries, the index without a query, what has no year, the
// province × year table and the CSV export (over the in-memory search, whose arithmetic is trend.ts's).
import type { CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TrendResult } from '../search/port.js';
import { parseCsv } from './helpers/csv.js';
import type { MemoryReport } from './helpers/memorySearch.js';
import { REPORTS } from './helpers/reports.js';
import { startHarness, type Harness } from './helpers/serverHarness.js';

// Besides the usual reports: a national body (no province) and a report whose year is unknown.
const EXTRA: MemoryReport[] = [
  {
    reportId: 'national-2020',
    title: '国家某局2020年政府信息公开工作年度报告',
    organ: '国家某局',
    province: null,
    level: 'national',
    year: 2020,
    sections: [{ heading: '一、总体情况', sectionType: 'overview', text: '做好保密审查，维护政府网站。' }],
  },
  {
    reportId: 'bj-undated',
    title: '北京市某区政府信息公开工作年度报告',
    organ: '北京市某区人民政府',
    province: '北京市',
    level: 'county',
    year: null,
    sections: [
      { heading: '一、总体情况', sectionType: 'overview', text: '落实保密审查制度。' },
      { heading: '二、存在的问题', sectionType: 'problems', text: '保密审查仍需加强。' },
    ],
  },
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: () => new Date('2024-05-01T08:00:00Z') }, [...REPORTS, ...EXTRA]);
});
afterAll(async () => {
  await h.close();
});

const q = (text: string) => encodeURIComponent(text);
const texts = ($: CheerioAPI, selector: string) =>
  $(selector)
    .map((_, el) => $(el).text().trim())
    .get();

describe('/trend comparing several queries', () => {
  it('draws one line per query, each in its own colour and dash pattern, with a legend naming each', async () => {
    const { $ } = await h.page(`/trend?q=${q('保密审查')}&q=${q('政府网站')}`);
    const lines = $('svg.trend-chart polyline.series-line');
    expect(lines).toHaveLength(2);
    const styles = lines.map((_, el) => `${$(el).attr('stroke')} ${$(el).attr('stroke-dasharray') ?? 'solid'}`).get();
    expect(new Set(styles).size).toBe(2);
    expect(new Set(lines.map((_, el) => $(el).attr('stroke-dasharray') ?? 'solid').get()).size).toBe(2);
    expect(texts($, 'svg.trend-chart .legend-label')).toEqual(['保密审查', '政府网站']);
    expect($('svg.trend-chart rect.bar-rect')).toHaveLength(0);
  });

  it('puts each query in its own column of the year table, and keeps both queries in its links', async () => {
    const { $ } = await h.page(`/trend?q=${q('保密审查')}&q=${q('政府网站')}&level=county`);
    expect(texts($, '.comparison-table thead th')).toEqual(['年度', '收录报告', '“保密审查”', '“政府网站”']);
    const row2020 = $('.comparison-table tbody tr').filter((_, el) => $(el).find('th').text() === '2020');
    expect(
      row2020
        .find('td')
        .map((_, el) => $(el).text().replace(/\s+/g, ' ').trim())
        .get(),
    ).toEqual(['1', '1 100.0%', '1 100.0%']);
    expect(
      $('input[name=q]')
        .map((_, el) => $(el).val())
        .get(),
    ).toEqual(['保密审查', '政府网站', '']);
    const remove = $('.active-filters .chip').attr('href');
    expect(remove).toBe(`/trend?q=${q('保密审查')}&q=${q('政府网站')}`);
  });

  it('answers /api/trend with one series per repeated q, each the single-query answer', async () => {
    const { body } = await h.json<{ queries: string[]; series: TrendResult[] }>(`/api/trend?q=${q('保密审查')}&q=${q('政府网站')}`);
    expect(body.queries).toEqual(['保密审查', '政府网站']);
    const single = await h.json<TrendResult>(`/api/trend?q=${q('政府网站')}`);
    expect(body.series[1]).toEqual(single.body);
    expect(body.series.map((s) => s.q)).toEqual(['保密审查', '政府网站']);
  });

  it('keeps the single-query answer of /api/trend as it was, with the new tables added', async () => {
    const { body } = await h.json<Record<string, unknown>>(`/api/trend?q=${q('政府网站')}`);
    expect(Object.keys(body).sort()).toEqual(['byLevel', 'byProvince', 'q', 'undated', 'years']);
  });
});

describe('how many queries /trend compares', () => {
  it('drops empty and repeated boxes', async () => {
    const { body } = await h.json<{ queries: string[] }>(`/api/trend?q=${q('保密审查')}&q=&q=${q('政府网站')}&q=${q('保密审查')}`);
    expect(body.queries).toEqual(['保密审查', '政府网站']);
  });

  it('refuses more than six, saying so', async () => {
    const many = ['甲', '乙', '丙', '丁', '戊', '己', '庚'].map((text) => `q=${q(text)}`).join('&');
    const { response, body } = await h.json<{ error: string }>(`/api/trend?${many}`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(body)).toContain('最多可比较 6 个检索式');
  });
});

describe('/trend without a query', () => {
  it('shows the reports and sections indexed per year instead of a share of 100%', async () => {
    const { $ } = await h.page('/trend');
    expect($('h1').text()).toBe('各年度收录的报告');
    expect(`${$('.trend-table').text()} ${$('svg.trend-chart').text()}`).not.toContain('%');
    expect(texts($, '.trend-table thead th')).toEqual(['年度', '收录报告', '收录章节']);
    const row2020 = $('.trend-table tbody tr').filter((_, el) => $(el).find('th').text() === '2020');
    expect(
      row2020
        .find('td')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['3', '4']);
    expect($('svg.trend-chart .axis-title').first().text()).toBe('报告数');
    expect($('svg.trend-chart rect.bar-rect').eq(2).find('title').text()).toBe('2020 年：收录 3 份报告，4 个章节');
  });

  it('counts the reports indexed per level and year, with their share of that year’s reports', async () => {
    const { $ } = await h.page('/trend');
    const county = $('.level-table tbody tr').filter((_, el) => $(el).find('th').text() === '县级');
    const cells = county
      .find('td')
      .map((_, el) => `${$(el).find('.ratio').text()} ${$(el).find('.share').text()}`.trim())
      .get();
    expect(cells).toEqual(['—', '1 100.0%', '1 33.3%', '—']);
  });

  it('offers a second box to add a query to compare', async () => {
    const { $ } = await h.page('/trend');
    expect(
      $('input[name=q]')
        .map((_, el) => $(el).attr('id'))
        .get(),
    ).toEqual(['q', 'q2']);
  });
});

describe('what has no year', () => {
  it('says under the chart how many matching sections it left out for an unknown year', async () => {
    const { $ } = await h.page(`/trend?q=${q('保密审查')}`);
    expect($('.undated-note').text()).toBe('另有 2 个匹配章节年度不详（来自 1 份报告），未计入上表。');
  });

  it('counts them in the API', async () => {
    const { body } = await h.json<TrendResult>(`/api/trend?q=${q('保密审查')}`);
    expect(body.undated).toEqual({ sections: 2, reports: 1 });
    const none = await h.json<TrendResult>(`/api/trend?q=${q('政府网站')}`);
    expect(none.body.undated).toEqual({ sections: 0, reports: 0 });
  });
});

describe('province × year', () => {
  it('tabulates matching / indexed reports per province and year, national bodies in the none bucket', async () => {
    const { $ } = await h.page(`/trend?q=${q('政府网站')}`);
    const rows = $('.province-table tbody tr');
    expect(rows.map((_, el) => $(el).find('th').text()).get()).toEqual(['北京市', '广东省', '四川省', '无省份（中央或未识别）']);
    const cell = (label: string) =>
      rows
        .filter((_, el) => $(el).find('th').text() === label)
        .find('td')
        .map((_, el) => `${$(el).find('.ratio').text()} ${$(el).find('.share').text()}`.trim())
        .get();
    expect(cell('无省份（中央或未识别）')).toEqual(['—', '—', '1 / 1 100.0%', '—']);
    expect(cell('广东省')).toEqual(['—', '—', '0 / 1 0.0%', '1 / 1 100.0%']);
  });

  it('gives the same cells in the API, with their shares', async () => {
    const { body } = await h.json<TrendResult>(`/api/trend?q=${q('政府网站')}`);
    expect(body.byProvince['none']).toEqual({ 2020: { reports: 1, reportsIndexed: 1, share: 1 } });
    expect(body.byLevel['county']!['2020']).toEqual({ reports: 1, reportsIndexed: 1, share: 1 });
  });
});

describe('GET /trend.csv', () => {
  it('writes one row per query × year × breakdown, with the query, filters and corpus state on every row', async () => {
    const response = await h.get(`/trend.csv?q=${q('保密审查')}&q=${q('政府网站')}&year=2020&year=2021`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="nianbao-trend-20240501T080000Z.csv"');
    const [header, ...rows] = parseCsv((await response.text()).replace(/^\uFEFF/, ''));
    expect(header).toEqual([
      'query',
      'breakdown',
      'value',
      'value_label',
      'year',
      'sections',
      'reports',
      'reports_indexed',
      'share',
      'filters',
      'exported_at',
      'reports_in_index',
    ]);
    const record = (row: string[]) => Object.fromEntries(header!.map((name, i) => [name, row[i]]));
    const all = rows.map(record);
    for (const row of all) {
      expect(row['filters']).toBe('{"year":["2020","2021"]}');
      expect(row['exported_at']).toBe('2024-05-01T08:00:00.000Z');
      expect(row['reports_in_index']).toBe('7');
    }
    expect(new Set(all.map((row) => row['query']))).toEqual(new Set(['保密审查', '政府网站']));
    expect(all.find((row) => row['query'] === '政府网站' && row['breakdown'] === 'all' && row['year'] === '2020')).toMatchObject({
      sections: '2',
      reports: '2',
      reports_indexed: '3',
      share: String(2 / 3),
    });
    expect(all.find((row) => row['query'] === '政府网站' && row['breakdown'] === 'province' && row['value'] === 'none')).toMatchObject({
      value_label: '无省份（中央或未识别）',
      year: '2020',
      reports: '1',
      reports_indexed: '1',
      share: '1',
    });
    expect(
      all.find((row) => row['query'] === '保密审查' && row['breakdown'] === 'level' && row['value'] === 'county' && row['year'] === '2020'),
    ).toMatchObject({
      value_label: '县级',
      reports: '1',
      reports_indexed: '1',
    });
  });

  it('writes what has no year as a row of its own', async () => {
    const rows = parseCsv((await (await h.get(`/trend.csv?q=${q('保密审查')}`)).text()).replace(/^\uFEFF/, ''));
    expect(rows.find((row) => row[4] === 'none')?.slice(0, 9)).toEqual(['保密审查', 'all', '', '', 'none', '2', '1', '', '']);
  });

  it('reads every report once per index generation for the bodies without a report, however many trend pages ask', async () => {
    // Those figures depend on the filters only; at 1M sections reading every report took 10 s a page.
    const read = vi.spyOn(h.search, 'reportPlaces');
    try {
      const pages = await Promise.all(['保密审查', '政府网站', '保密审查'].map((phrase) => h.page(`/trend?q=${q(phrase)}&level=province`)));
      await h.page(`/trend?q=${q('政务公开')}&level=province`);
      expect(read).toHaveBeenCalledTimes(1);
      const missing = pages.map(({ $ }) => $('a[href^="/coverage"]').text());
      expect(new Set(missing).size).toBe(1);
      await h.page(`/trend?q=${q('保密审查')}&level=national`);
      expect(read).toHaveBeenCalledTimes(2);
    } finally {
      read.mockRestore();
    }
  });
});
