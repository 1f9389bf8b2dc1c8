// The trend against a real Meilisearch: every cell of the year, level × year and province × year
// tables, and what no year holds, equals the totals of the search filtered to it — for one phrase
// (distinct facets) and for an OR query (reportKey facets), with national bodies and undated reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level, Report } from '../core/report.js';
import { indexNames } from '../index/schema.js';
import type { ReportSearch } from '../search/port.js';
import { startTestMeili, type TestMeili } from './helpers/meili.js';
import { publishReports } from './helpers/publishReports.js';

function report(id: string, year: number | null, province: string | null, level: Level | null, texts: string[]): Report {
  return {
    reportId: id,
    source: `${id}.txt`,
    contentHash: id,
    encoding: 'utf-8',
    pages: null,
    ocr: false,
    provenance: { format: 'txt', sourceUrl: null, sourceUrlFrom: null, retrievedAt: null, publisher: null },
    metadata: {
      title: `${id}政府信息公开工作年度报告`,
      organ: `${id}人民政府`,
      year,
      publishedAt: null,
      province,
      city: null,
      county: null,
      level,
      organKind: 'government',
      warnings: [],
    },
    sections: texts.map((text, i) => ({ ordinal: i + 1, heading: `第${i + 1}部分`, text, sectionType: 'overview' })),
    statistics: null,
    legacyMeasures: [],
  };
}

const REPORTS: Report[] = [
  report('a', 2019, '重庆市', 'county', ['落实保密审查。', '政府网站运行平稳。']),
  report('b', 2019, '重庆市', 'township', ['保密审查到位，政府网站集约化。']),
  report('c', 2020, '上海市', 'county', ['无。']),
  report('d', 2020, null, 'national', ['保密审查制度健全。', '保密审查培训。']),
  report('e', 2021, '上海市', null, ['政府网站改版。']),
  report('f', null, '重庆市', 'county', ['保密审查一。', '保密审查二。', '其他。']),
  report('g', null, null, null, ['政府网站。']),
];

let meili: TestMeili;
let search: ReportSearch;

beforeAll(async () => {
  meili = await startTestMeili();
  search = await publishReports(meili.conn, indexNames('trend_'), REPORTS);
});

afterAll(async () => {
  await meili?.stop();
});

const totals = async (q: string, filters: Record<string, string[]>) => {
  const result = await search.search({ q, filters, page: 1, per: 1, sort: 'relevance' });
  return { sections: result.total, reports: result.reportTotal };
};

describe('trend over a real Meilisearch', () => {
  it.each(['保密审查', '保密审查 OR 政府网站'])(
    'counts every province × year and level × year cell as the filtered search does: %s',
    async (q) => {
      const trend = await search.trend({ q, filters: {} });
      expect(Object.keys(trend.byProvince).sort()).toEqual(['none', '上海市', '重庆市']);
      for (const [facet, table] of [
        ['province', trend.byProvince],
        ['level', trend.byLevel],
      ] as const) {
        for (const [value, byYear] of Object.entries(table)) {
          for (const [year, cell] of Object.entries(byYear)) {
            const filters = { [facet]: [value], year: [year] };
            expect({ value, year, reports: cell.reports }).toEqual({ value, year, reports: (await totals(q, filters)).reports });
            expect(cell.reportsIndexed).toBe((await totals('', filters)).reports);
          }
        }
      }
    },
  );

  it.each([
    ['保密审查', { sections: 2, reports: 1 }],
    ['保密审查 OR 政府网站', { sections: 3, reports: 2 }],
  ])('counts the matching sections and reports of undated reports: %s', async (q, undated) => {
    const trend = await search.trend({ q, filters: {} });
    expect(trend.undated).toEqual(undated);
    expect(trend.undated).toEqual(await totals(q, { year: ['none'] }));
  });

  it('puts national bodies in the province none bucket and reports without a level in the level none bucket', async () => {
    const trend = await search.trend({ q: '', filters: {} });
    expect(trend.byProvince['none']).toEqual({ 2020: { reports: 1, reportsIndexed: 1, share: 1 } });
    expect(trend.byLevel['none']).toEqual({ 2021: { reports: 1, reportsIndexed: 1, share: 1 } });
    expect(trend.undated).toEqual({ sections: 4, reports: 2 });
  });
});
