// Hard-wrapped PDF text on the site: a section's heading and text are one stream, so a phrase that
// runs from the heading into the text is found, highlighted in both parts and counted once, and a
// heading that keeps the line break of its wrap is shown on one line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemoryReport } from './helpers/memorySearch.js';
import { startHarness, type Harness } from './helpers/serverHarness.js';

const WRAPPED: MemoryReport = {
  reportId: 'js-wrapped-2023',
  title: '江苏省某县人民政府2023年政府信息公开工作年度报告',
  organ: '江苏省某县人民政府',
  province: '江苏省',
  level: 'county',
  year: 2023,
  sections: [
    { heading: '', sectionType: 'preamble', text: '本报告依据条例编制。' },
    // A heading the splitter left cut: 行政 / 诉讼 runs from the heading into the text.
    { heading: '一、因申请公开提起行政复议、提起行政', sectionType: 'review', text: '\n诉讼的情况\n本年度发生行政诉讼1件。' },
    // A wrapped heading the splitter joined: it keeps its line break.
    { heading: '二、政府信息公开工作存在的主要问题及\n改进措施', sectionType: 'problems', text: '\n一是解读不够。' },
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, [WRAPPED]);
});
afterAll(async () => {
  await h.close();
});

const q = (text: string) => encodeURIComponent(text);

describe('a phrase across the heading and the text', () => {
  it('is found, marked in the heading and in the text, and numbered once on the report page', async () => {
    const { $ } = await h.page(`/reports/js-wrapped-2023?q=${q('行政诉讼')}`);
    const section = $('section#js-wrapped-2023-s1');
    expect(section.find('h2 mark').text()).toBe('行政');
    expect(
      section
        .find('.section-text mark')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['诉讼', '行政诉讼']);
    expect(
      $('mark[id]')
        .map((_, el) => $(el).attr('id'))
        .get(),
    ).toEqual(['occ-js-wrapped-2023-s1-0', 'occ-js-wrapped-2023-s1-1']);
    expect($('.occ-summary').text()).toContain('共出现 2 处');
  });

  it('is one hit whose heading and snippet are both marked', async () => {
    const { $ } = await h.page(`/?q=${q('行政诉讼')}`);
    expect($('.hit').length).toBe(1);
    expect($('.hit-heading mark').text()).toBe('行政');
    expect(
      $('.hit mark')
        .map((_, el) => $(el).text())
        .get(),
    ).toContain('诉讼');
  });

  it('is one concordance line and one export row per occurrence, the match read as the phrase', async () => {
    const { $ } = await h.page(`/kwic?q=${q('行政诉讼')}`);
    expect(
      $('td.kwic-match')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['行政诉讼', '行政诉讼']);
    const csv = await (await h.get(`/export.csv?q=${q('行政诉讼')}`)).text();
    const rows = csv.trim().split('\r\n');
    expect(rows.length).toBe(3);
    expect(rows[1]).toContain('heading');
    expect(rows[1]).toContain('"行政\n\n诉讼"');
  });
});

describe('a heading that keeps the line break of its wrap', () => {
  it('is shown on one line and highlighted across the break', async () => {
    const { $ } = await h.page(`/reports/js-wrapped-2023?q=${q('问题及改进')}`);
    expect($('.toc ol li').eq(2).text()).toContain('二、政府信息公开工作存在的主要问题及改进措施');
    expect($('section#js-wrapped-2023-s2 h2 mark').text()).toBe('问题及改进');
  });
});
