import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExportParams, parseKwicParams, parseSearchParams } from '../server/params.js';
import { ParameterError } from '../server/errors.js';
import { startHarness, type Harness } from './helpers/serverHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

interface ErrorBody {
  error: { code: string; message: string };
}

describe('bad parameters are answered with 400 and a message saying what to fix', () => {
  it.each([
    ['an unknown facet-like parameter', 'organ=x', /未知的筛选参数 “organ”.*Unknown filter parameter 'organ'/],
    ['a facet name in the wrong case', 'Province=x', /Unknown filter parameter 'Province'/],
    ['nested filter syntax', 'filter[level]=city', /Unknown filter parameter/],
    ['an unknown level', 'level=mayor', /未知的层级 “mayor”.*Unknown level 'mayor'/],
    ['an unknown section type', 'sectionType=summary', /Unknown sectionType 'summary'/],
    ['a year that is not four digits', 'year=19', /Year must be a 4-digit number/],
    ['a year out of range', 'year=1989', /between 1990 and 2100/],
    ['a year with trailing text', 'year=2019a', /4-digit/],
    ['a year range backwards', 'year=2023-2019', /from the earlier year to the later/],
    ['a year range out of range', 'year=2019-2200', /between 1990 and 2100/],
    ['a year range with a missing end', 'year=2019-', /a range such as 2019-2023/],
    ['a province longer than 40 characters', `province=${'省'.repeat(41)}`, /at most 40/],
    ['per above 100', 'per=101', /per must be at most 100/],
    ['page 0', 'page=0', /page must be at least 1/],
    ['a negative page', 'page=-1', /page must be a positive integer/],
    ['a fractional per', 'per=2.5', /per must be a positive integer/],
    ['a page too deep', 'per=100&page=1001', /page × per must be at most 100000/],
    ['an unknown sort', 'sort=random', /Invalid sort 'random'/],
    ['q given twice', 'q=a&q=b', /may be given only once/],
    ['a query over 500 characters', `q=${'字'.repeat(501)}`, /at most 500 characters/],
    ['a query the search layer cannot read', `q=${encodeURIComponent('OR 保密')}`, /检索式有误：OR 需要两边都有检索词/],
  ])('%s', async (_name, query, message) => {
    const { response, body } = await h.json<ErrorBody>(`/api/search?${query}`);
    expect(response.status).toBe(400);
    expect(body.error.message).toMatch(message);
  });

  it('shows the message on an HTML page for the pages', async () => {
    const { response, $ } = await h.page('/?level=mayor');
    expect(response.status).toBe(400);
    expect($('.error-message').text()).toContain('Unknown level');
  });

  it.each([
    ['/trend?sectionType=x'],
    ['/kwic?q=a&context=9'],
    ['/kwic?q=a&context=201'],
    ['/kwic?q=a&sort=middle'],
    ['/export.csv?q=a&year=3000'],
    ['/export.csv'],
    ['/export.jsonl?q='],
    ['/api/reports?per=1001'],
    ['/api/reports?province=x'],
    ['/reports/bj-dongcheng-2019?level=city'],
    [`/reports/bj-dongcheng-2019?q=${'字'.repeat(501)}`],
  ])('rejects %s', async (path) => {
    const response = await h.get(path);
    await response.arrayBuffer();
    expect(response.status).toBe(400);
  });

  it('accepts a query of exactly 500 characters and per of exactly 100', async () => {
    const response = await h.get(`/api/search?q=${'字'.repeat(500)}&per=100`);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
  });

  it('ignores parameters that do not look like filters', async () => {
    const response = await h.get('/api/search?q=a&utm_source=mail&_=12345');
    await response.arrayBuffer();
    expect(response.status).toBe(200);
  });
});

describe('values reach the search layer as data', () => {
  it.each([
    ['quotes', '北京"市'],
    ['a backslash', '北京\\市'],
    ['OR and AND', '北京市 OR level = "city" AND year'],
    ['brackets and equals', '[北京] = (市)'],
    ['a filter expression', 'x" OR province != "y'],
  ])('passes a province value with %s through unchanged', async (_name, province) => {
    h.search.requests.length = 0;
    const { response, body } = await h.json<{ total: number }>(`/api/search?q=a&province=${encodeURIComponent(province)}`);
    expect(response.status).toBe(200);
    expect(body.total).toBe(0);
    expect(h.search.requests.at(-1)?.filters).toEqual({ province: [province] });
  });

  it('passes repeated facet values as a list, without duplicates or empty values', () => {
    const params = parseSearchParams({ province: ['北京市', '', '广东省', '北京市'], year: '2019', level: ['city', 'county'] });
    expect(params.filters).toEqual({ province: ['北京市', '广东省'], level: ['city', 'county'], year: ['2019'] });
  });

  it('fills defaults for a bare request', () => {
    expect(parseSearchParams({})).toEqual({
      q: '',
      filters: {},
      page: 1,
      per: 20,
      sort: 'relevance',
      group: 'section',
      distinct: 'section',
    });
    expect(parseKwicParams({ q: 'x' })).toMatchObject({ sort: 'year', context: 30, page: 1, per: 50 });
    expect(parseExportParams({ q: 'x' })).toMatchObject({ sort: 'year-desc', context: 30 });
  });

  it('throws a ParameterError, which callers branch on', () => {
    expect(() => parseSearchParams({ level: 'mayor' })).toThrow(ParameterError);
  });
});
