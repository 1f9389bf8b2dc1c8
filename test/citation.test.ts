import { describe, expect, it } from 'vitest';
import { citationsOf, type CitedSection } from '../server/citation.js';

const TODAY = new Date('2026-12-03T08:00:00Z');
const SECTION: CitedSection = {
  organ: '淮安市人民政府',
  title: '淮安市人民政府2024年政府信息公开工作年度报告',
  heading: '一、总体情况',
  year: 2024,
  publishedAt: '2025-01-20',
  publisher: '淮安市人民政府办公室',
  sourceUrl: 'https://www.huaian.gov.cn/art/2025/1/20/art_1.html',
  permalink: 'https://nianbao.example/reports/r1#r1-1',
  retrievedAt: '2025-03-02',
  key: 'r1-1',
};

describe('citations', () => {
  it('writes GB/T 7714-2015 for an electronic document: [EB/OL], publication and citation dates, the original address', () => {
    expect(citationsOf(SECTION, TODAY).gbt7714).toBe(
      '淮安市人民政府. 淮安市人民政府2024年政府信息公开工作年度报告: 一、总体情况[EB/OL]. (2025-01-20)[2025-03-02]. https://www.huaian.gov.cn/art/2025/1/20/art_1.html.',
    );
  });

  it('cites the site’s permalink and today when neither an original address nor a download date is recorded', () => {
    const cited = { ...SECTION, sourceUrl: null, retrievedAt: null, publishedAt: null };
    expect(citationsOf(cited, TODAY).gbt7714).toBe(
      '淮安市人民政府. 淮安市人民政府2024年政府信息公开工作年度报告: 一、总体情况[EB/OL]. [2026-12-03]. https://nianbao.example/reports/r1#r1-1.',
    );
  });

  it('writes a BibTeX entry with the organ as one name and braces escaped', () => {
    const bibtex = citationsOf({ ...SECTION, heading: '一、{总体}情况' }, TODAY).bibtex;
    expect(bibtex).toMatch(/^@misc\{r1-1,\n/);
    expect(bibtex).toContain('author = {{淮安市人民政府}}');
    expect(bibtex).toContain('title = {淮安市人民政府2024年政府信息公开工作年度报告: 一、\\{总体\\}情况}');
    expect(bibtex).toContain('year = {2025}');
    expect(bibtex).toContain('urldate = {2025-03-02}');
  });

  it('writes RIS that Zotero imports: one tag a line, ending in ER', () => {
    const ris = citationsOf(SECTION, TODAY).ris;
    const lines = ris.trim().split('\r\n');
    expect(lines[0]).toBe('TY  - GOVDOC');
    expect(lines).toContain('AU  - 淮安市人民政府');
    expect(lines).toContain('T2  - 一、总体情况');
    expect(lines).toContain('UR  - https://www.huaian.gov.cn/art/2025/1/20/art_1.html');
    expect(lines.at(-1)).toBe('ER  -');
  });
});
