// The trend's arithmetic (search/meili/trend.ts), shared by the Meilisearch adapter and the test fake.
import { describe, expect, it } from 'vitest';
import { countReportKeys, trendFigures } from '../search/meili/trend.js';

describe('countReportKeys', () => {
  it('counts reports per year, year|level and year|province from year|level|province|reportId keys', () => {
    expect(countReportKeys(['2019|county|重庆市|a', '2019||重庆市|b', '2020|national||c', '|county|重庆市|d'])).toEqual({
      total: 4,
      byYear: { 2019: 2, 2020: 1 },
      byYearLevel: { '2019|county': 1, '2019|': 1, '2020|national': 1, '|county': 1 },
      byYearProvince: { '2019|重庆市': 2, '2020|': 1, '|重庆市': 1 },
    });
  });
});

describe('trendFigures', () => {
  const indexed = countReportKeys(['2019|county|重庆市|a', '2019|township|重庆市|b', '2020|national||c', '|county|重庆市|d']);
  const matched = countReportKeys(['2019|county|重庆市|a', '2020|national||c', '|county|重庆市|d']);
  const figures = trendFigures({ total: 6, byYear: { 2019: 2, 2020: 1 } }, matched, indexed);

  it('counts what no year holds: sections and reports matched but in no year', () => {
    expect(figures.undated).toEqual({ sections: 3, reports: 1 });
  });

  it('tabulates province × year with an empty province as the none bucket, and leaves undated reports out', () => {
    expect(figures.byProvince).toEqual({
      重庆市: { 2019: { reports: 1, reportsIndexed: 2, share: 0.5 } },
      none: { 2020: { reports: 1, reportsIndexed: 1, share: 1 } },
    });
  });

  it('gives each level × year cell its share', () => {
    expect(figures.byLevel['township']).toEqual({ 2019: { reports: 0, reportsIndexed: 1, share: 0 } });
  });
});
