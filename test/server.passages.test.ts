// Copied passages and coverage gaps on the pages, over the in-memory search (which keys passages
// with the same core functions as the indexer): the "also in" line, the passage filter's
// validation, the distinct-passage count beside the raw one, and "N 个机关在该年度没有报告".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSAGE_REPORTS as REPORTS } from './helpers/passageReports.js';
import { startHarness, type Harness } from './helpers/serverHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, REPORTS);
});
afterAll(async () => {
  await h.close();
});

const q = (text: string) => encodeURIComponent(text);

describe('copied passages on the search page', () => {
  it('says on a hit where else its passage appears, counting reports and bodies', async () => {
    const { $ } = await h.page(`/?q=${q('政策解读专栏')}&sort=year-asc`);
    const lines = $('.hit .also-in')
      .map((_, el) => $(el).text().trim())
      .get();
    // From 玄武区 2020: 玄武区 2021 and 秦淮区 2020 — 2 reports of 2 bodies; from 秦淮区: 2 reports of 1 body.
    expect(lines).toContain('这段文字也出现在 2 份报告中（2 个机关）');
    expect(lines).toContain('这段文字也出现在 2 份报告中（1 个机关）');
  });

  it('gives the same in the API, with the passage key its link filters on', async () => {
    const { body } = await h.json<{ hits: Array<{ reportId: string; alsoIn: { reports: number; organs: number; passageKey: string } }> }>(
      `/api/search?q=${q('政策解读专栏')}`,
    );
    const hit = body.hits.find((x) => x.reportId === 'b2020');
    expect(hit?.alsoIn).toMatchObject({ reports: 2, organs: 1 });
    const listed = await h.json<{ total: number }>(`/api/search?passage=${hit?.alsoIn.passageKey}`);
    expect(listed.body.total).toBe(3);
  });

  it('labels template wording as such instead of counting it as copied', async () => {
    const { $ } = await h.page(`/?q=${q('办公室编制')}`);
    const lines = $('.hit .also-in')
      .map((_, el) => $(el).text().replace(/\s+/g, ' ').trim())
      .get();
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toBe('模板用语 年报格式要求的文字（不计为抄录）');
  });

  it('refuses a passage key that is not one', async () => {
    const response = await h.get('/api/search?passage=abc');
    expect(response.status).toBe(400);
  });

  it('shows the distinct-passage count beside the raw count when asked', async () => {
    const { $ } = await h.page(`/?q=${q('政策解读专栏')}&distinct=passage`);
    expect($('.summary').text()).toContain('共 3 个章节');
    expect($('.summary .distinct-passages').text()).toBe('1');
  });
});

describe('bodies without a report in a year', () => {
  it('counts them per year on the trend page, linking to the coverage', async () => {
    const { $ } = await h.page(`/trend?q=${q('政府')}`);
    const items = $('.missing-bodies li')
      .map((_, el) => $(el).text().trim())
      .get();
    // 2020: 鼓楼区 has none; 2021: 秦淮区 has none.
    expect(items).toEqual(['2020 年：1 个机关在该年度没有报告（索引中）', '2021 年：1 个机关在该年度没有报告（索引中）']);
    expect($('.missing-bodies a').first().attr('href')).toBe('/coverage');
  });

  it('says the same on the stats page under its filters', async () => {
    const { $ } = await h.page('/stats?measure=requests.newReceived.total&level=county');
    expect($('.missing-bodies li').length).toBe(2);
    expect($('.missing-bodies a').first().attr('href')).toBe('/coverage?level=county');
  });
});
