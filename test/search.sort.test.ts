// A requested order is strict: sorting by year orders every hit by year, whether the phrase is in a
// heading or in a text, on every page and in exports — not heading matches first, then text matches.
import { occurrenceRowStream } from '../core/occurrences.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../core/report.js';
import { indexNames } from '../index/schema.js';
import type { ReportSearch, SortOrder } from '../search/port.js';
import { startTestMeili, type TestMeili } from './helpers/meili.js';
import { publishReports } from './helpers/publishReports.js';

function report(year: number, heading: string, text: string): Report {
  return {
    reportId: `r${year}`,
    source: `r${year}.txt`,
    contentHash: `r${year}`,
    encoding: 'utf-8',
    pages: null,
    ocr: false,
    provenance: { format: 'txt', sourceUrl: null, sourceUrlFrom: null, retrievedAt: null, publisher: null },
    metadata: {
      title: `某县${year}年政府信息公开工作年度报告`,
      organ: '某县人民政府',
      year,
      publishedAt: null,
      province: '浙江省',
      city: null,
      county: null,
      level: 'county',
      organKind: 'government',
      warnings: [],
    },
    sections: [{ ordinal: 1, heading, text, sectionType: 'overview' }],
    statistics: null,
    legacyMeasures: [],
  };
}

// The oldest report has the phrase in its heading, which relevance ranks first.
const REPORTS = [
  report(2016, '一、保密审查工作', '全年平稳。'),
  report(2021, '一、总体情况', '严格落实保密审查制度。'),
  report(2019, '一、总体情况', '保密审查到位。'),
  report(2023, '一、总体情况', '坚持保密审查。'),
];

let meili: TestMeili;
let search: ReportSearch;

beforeAll(async () => {
  meili = await startTestMeili();
  const names = indexNames('sort_');
  search = await publishReports(meili.conn, names, REPORTS);
});

afterAll(async () => {
  await meili?.stop();
});

const years = async (sort: SortOrder, per: number): Promise<Array<number | null>> => {
  const seen: Array<number | null> = [];
  for (let page = 1; page <= REPORTS.length / per; page++) {
    seen.push(...(await search.search({ q: '保密审查', filters: {}, page, per, sort })).hits.map((hit) => hit.year));
  }
  return seen;
};

describe('sorting by year', () => {
  it('puts a heading match first by relevance', async () => {
    expect((await years('relevance', 4))[0]).toBe(2016);
  });

  it.each([1, 2, 4])('orders every hit newest first with year-desc, %i per page', async (per) => {
    expect(await years('year-desc', per)).toEqual([2023, 2021, 2019, 2016]);
  });

  it.each([1, 2, 4])('orders every hit oldest first with year-asc, %i per page', async (per) => {
    expect(await years('year-asc', per)).toEqual([2016, 2019, 2021, 2023]);
  });

  it('exports occurrences in the requested order', async () => {
    const rows: Array<number | null> = [];
    for await (const row of occurrenceRowStream(search.matchingSections({ q: '保密审查', filters: {}, sort: 'year-desc' }), 5))
      rows.push(row.hit.year);
    expect(rows).toEqual([2023, 2021, 2019, 2016]);
  });
});
