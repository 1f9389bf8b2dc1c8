// Exact search against a real Meilisearch: sections are published through the real publisher and
// searched through the real adapter; the truth is computed by scanning the texts with the rule.
import { occurrenceRowStream, queryOccurrences } from '../core/occurrences.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, Section } from '../core/report.js';
import { splitSections } from '../indexer/sections.js';
import { prepareText } from '../core/match.js';
import { termHolds } from '../core/proximity.js';
import { parseQuery } from '../core/query.js';
import { indexNames } from '../index/schema.js';
import type { ReportSearch, SearchRequest } from '../search/port.js';
import { startTestMeili, type TestMeili } from './helpers/meili.js';
import { publishReports } from './helpers/publishReports.js';

function report(id: string, year: number, province: string, level: 'county' | 'township', texts: string[]): Report {
  const sections: Section[] = texts.map((text, i) => ({
    ordinal: i + 1,
    heading: `${'一二三四五六七八九'[i]}、第${i + 1}部分`,
    text,
    sectionType: i === 0 ? 'overview' : 'unclassified',
  }));
  return {
    reportId: id,
    source: `fixtures/${id}.txt`,
    contentHash: id,
    encoding: 'utf-8',
    pages: null,
    ocr: false,
    provenance: { format: 'txt', sourceUrl: null, sourceUrlFrom: null, retrievedAt: null, publisher: null },
    metadata: {
      title: `${province}${year}年政府信息公开工作年度报告`,
      organ: `${province}某${level === 'county' ? '县' : '镇'}人民政府`,
      year,
      publishedAt: null,
      province,
      city: null,
      county: null,
      level,
      organKind: 'government',
      warnings: [],
    },
    sections,
    statistics: null,
    legacyMeasures: [],
  };
}

/** A report whose sections come from the real splitter, over text hard-wrapped like pdftotext's. */
function wrappedReport(id: string, year: number, text: string): Report {
  const base = report(id, year, '江苏省', 'county', []);
  return { ...base, sections: splitSections(text).map((section) => ({ ...section, ordinal: section.ordinal + 1 })) };
}

const REPORTS: Report[] = [
  report('r1', 2019, '重庆市', 'township', ['严格落实保密审查制度。', '市政府网站公开信息123条。', '政府信息公开工作稳步推进。']),
  report('r2', 2019, '重庆市', 'county', ['保密\n审查机制健全，政府网站运行平稳。', '保密，审查分开进行。']),
  report('r3', 2020, '上海市', 'county', ['嚴格落實保密審查，報告如下。', '政府信息公布及时，信息公开渠道畅通。']),
  report('r4', 2020, '上海市', 'township', ['信息,公开 与 互联网＋政务服务。', '哈哈哈哈，AB角互为备份。']),
  report('r5', 2021, '浙江省', 'county', ['区政府网站集约化。', '依申请公开办理及时，保密审查到位。', '报']),
  // A heading cut by a hard wrap and joined by the splitter (r6-3), and one phrase running from a
  // heading into its text (r6-4: 事项 / 本年度).
  wrappedReport(
    'r6',
    2023,
    '某县2023年年度报告\n一、总体情况\n全年平稳。\n二、因申请公开引起的行政复议、提起行政\n诉讼的情况\n' +
      '本年度未发生。\n三、其他需要报告的事项\n本年度无。',
  ),
  // A wrapped heading the splitter left cut: 行政 / 诉讼 runs from the heading into the text.
  {
    ...report('r7', 2023, '江苏省', 'township', []),
    sections: [
      { ordinal: 1, heading: '一、因申请公开提起行政复议、提起行政', text: '\n诉讼的情况\n本年度行政诉讼1件。', sectionType: 'review' },
    ],
  },
];

/** The truth: sections whose heading + "\n" + text contains every positive term and no negative one. */
function truth(q: string): Set<string> {
  const query = parseQuery(q);
  const matching = new Set<string>();
  for (const r of REPORTS) {
    for (const s of r.sections) {
      const stream = prepareText(`${s.heading}\n${s.text}`);
      const ok = query.clauses.every((clause) =>
        clause.kind === 'not' ? !termHolds(stream, clause.term) : clause.terms.some((term) => termHolds(stream, term)),
      );
      if (ok) matching.add(`${r.reportId}-${s.ordinal}`);
    }
  }
  return matching;
}

let meili: TestMeili;
let search: ReportSearch;

beforeAll(async () => {
  meili = await startTestMeili();
  const names = indexNames('test_');
  // One batch per report and report documents written two at a time: the publisher's grouping
  // must still leave every report with exactly its sections.
  search = await publishReports(meili.conn, names, REPORTS, { batchBytes: 1, batchesInFlight: 2, reportsPerWrite: 2 });
});

afterAll(async () => {
  await meili?.stop();
});

const request = (q: string, filters: SearchRequest['filters'] = {}): SearchRequest => ({
  q,
  filters,
  page: 1,
  per: 100,
  sort: 'relevance',
});

describe('exact search over a real Meilisearch', () => {
  it.each([
    '保密审查',
    '"保密审查"',
    '保密審查',
    '政府网站',
    '信息公开',
    '政府信息公开',
    '互联网+政务服务',
    '保密，审查',
    '哈哈哈',
    'AB角',
    'ab',
    'A',
    '报',
    '，',
    '保密审查 政府网站',
    '保密审查 OR 政府网站',
    '保密审查 -政府网站',
    '-保密审查',
    '政府网站 OR 信息公开 -保密',
    '依申请公开 OR 报告',
    '行政诉讼',
    '诉讼的情况',
    '事项本年度',
    '复议、提起行政诉讼',
    // Proximity: 保密审查 and 政府网站 are 5 units apart in r2-1 (机制健全，); 信息,公开 in r4-1 has both
    // phrases one unit apart, a candidate NEAR/0 must reject.
    '保密审查 NEAR/5 政府网站',
    '保密审查 NEAR/4 政府网站',
    '政府网站 NEAR/s 保密审查',
    '保密审查 NEAR/p 政府网站',
    '信息 NEAR/0 公开',
    '信息 NEAR/1 公开',
    '信息 NEAR/0 公开 OR 保密审查',
    '保密审查 NEAR/20 报告',
    '-信息 公开 NEAR/s 政务',
  ])('%s returns exactly the sections that contain it, with an exact total', async (q) => {
    const result = await search.search(request(q));
    const expected = truth(q);
    expect(new Set(result.hits.map((h) => h.sectionId))).toEqual(expected);
    expect(result.total).toBe(expected.size);
    const reports = new Set([...expected].map((id) => id.split('-')[0]));
    expect(result.reportTotal).toBe(reports.size);
  });

  it('pages through a result with the same exact totals on every page and in every order', async () => {
    const expected = truth('保密审查');
    for (const sort of ['relevance', 'year-desc', 'year-asc'] as const) {
      const seen: string[] = [];
      for (let page = 1; page <= expected.size; page++) {
        const result = await search.search({ ...request('保密审查'), page, per: 1, sort });
        expect([result.total, result.reportTotal]).toEqual([expected.size, 4]);
        seen.push(...result.hits.map((h) => h.sectionId));
      }
      expect(seen.sort()).toEqual([...expected].sort());
    }
  });

  it('removes a section that has every piece of a long phrase but not the phrase', async () => {
    // r3-2 holds 政府信息公布 and 信息公开: Meilisearch's pairwise check accepts it for 府信息公开
    // (not a dictionary phrase, so it goes through verification).
    const result = await search.search(request('府信息公开'));
    expect(result.hits.map((h) => h.sectionId)).toEqual(['r1-3']);
    expect((await search.search(request('府信息公开 OR 哈哈'))).total).toBe(2);
    expect((await search.search(request('信息 -府信息公开'))).hits.map((h) => h.sectionId)).toContain('r3-2');
  });

  it('answers a dictionary phrase from the per-section record, exactly', async () => {
    const result = await search.search(request('政府信息公开'));
    expect(result.hits.map((h) => h.sectionId)).toEqual(['r1-3']);
  });

  it('counts facets exactly, following the filters', async () => {
    const result = await search.search(request('保密审查', { province: ['重庆市', '浙江省'] }));
    expect(result.total).toBe(3);
    expect(result.facets.province).toEqual({ 重庆市: 2, 浙江省: 1 });
    expect(result.facets.level).toEqual({ township: 1, county: 2 });
    expect(result.facets.year).toEqual({ 2019: 2, 2021: 1 });
  });

  it.each(['保密审查', '政府网站 OR 信息公开 -保密', '保密审查 NEAR/5 政府网站 OR 信息'])(
    'groups %s by report: every matching section once, under its report, paged by report',
    async (q) => {
      const expected = truth(q);
      const reportIds = new Set([...expected].map((id) => id.split('-')[0]));
      const seenReports: string[] = [];
      const seenSections: string[] = [];
      for (let page = 1; page <= reportIds.size; page++) {
        const result = await search.search({ ...request(q), group: 'report', page, per: 1 });
        expect([result.total, result.reportTotal]).toEqual([expected.size, reportIds.size]);
        expect(result.groups).toHaveLength(1);
        const [group] = result.groups!;
        seenReports.push(group!.report.reportId);
        for (const hit of group!.hits) expect(hit.reportId).toBe(group!.report.reportId);
        seenSections.push(...group!.hits.map((hit) => hit.sectionId));
      }
      expect(new Set(seenReports)).toEqual(reportIds);
      expect(seenReports).toHaveLength(reportIds.size);
      expect(new Set(seenSections)).toEqual(expected);
    },
  );

  it('counts place facets city and county with a none bucket that is filterable and adds up', async () => {
    const result = await search.search(request('保密审查'));
    expect(result.facets.city).toEqual({ none: result.total });
    expect(result.facets.county).toEqual({ none: result.total });
    expect((await search.search(request('保密审查', { city: ['none'], county: ['none'] }))).total).toBe(result.total);
  });

  it('counts a year range as every year in it, inclusive, with facets that add up', async () => {
    const range = await search.search(request('保密审查', { year: ['2019-2020'] }));
    const single = await Promise.all(['2019', '2020'].map((year) => search.search(request('保密审查', { year: [year] }))));
    expect(range.total).toBe(single[0]!.total + single[1]!.total);
    expect(range.total).toBeGreaterThan(0);
    expect(range.facets.year).toEqual({ 2019: single[0]!.total, 2020: single[1]!.total });
    expect(range.reportTotal).toBe(single[0]!.reportTotal + single[1]!.reportTotal);
    expect((await search.search(request('保密审查', { year: ['2022-2023'] }))).total).toBe(0);
  });

  it('places occurrences at the traditional characters of the original text', async () => {
    const result = await search.search(request('报告'));
    const hit = result.hits.find((h) => h.sectionId === 'r3-1')!;
    const [occurrence] = hit.textOccurrences;
    expect(hit.text.slice(occurrence!.start, occurrence!.end)).toBe('報告');
  });

  it('treats a value with quotes, backslashes and operators as data', async () => {
    const result = await search.search(request('保密审查', { province: ['" OR province = "重庆市', 'a\\" OR 1=1 ('] }));
    expect(result.total).toBe(0);
  });

  it('gives per-year trend numbers that match filtered searches', async () => {
    const trend = await search.trend({ q: '保密审查', filters: {} });
    for (const year of trend.years) {
      const filtered = await search.search(request('保密审查', { year: [String(year.year)] }));
      expect(year.sections).toBe(filtered.total);
      expect(year.reports).toBe(filtered.reportTotal);
    }
    expect(trend.years.find((y) => y.year === 2019)).toMatchObject({ reports: 2, reportsIndexed: 2, share: 1 });
  });

  it('divides each trend by the reports indexed under its own filters, for every query', async () => {
    const indexedByYear = (province?: string) => {
      const counts: Record<number, number> = {};
      for (const r of REPORTS)
        if (!province || r.metadata.province === province) counts[r.metadata.year!] = (counts[r.metadata.year!] ?? 0) + 1;
      return counts;
    };
    for (const q of ['保密审查', '政府网站', '保密审查']) {
      for (const province of [undefined, '上海市', undefined]) {
        const trend = await search.trend({ q, filters: province ? { province: [province] } : {} });
        expect(Object.fromEntries(trend.years.map((y) => [y.year, y.reportsIndexed]))).toEqual(indexedByYear(province));
      }
    }
  });

  it('streams one occurrence row per occurrence', async () => {
    const rows = [];
    for await (const row of occurrenceRowStream(search.matchingSections({ q: '哈哈', filters: {}, sort: 'relevance' }), 5)) rows.push(row);
    expect(rows.map((r) => r.match)).toEqual(['哈哈', '哈哈', '哈哈']);
  });

  it('finds 行政诉讼 across a heading the splitter joined, counted once and highlighted in the heading', async () => {
    const result = await search.search(request('行政诉讼'));
    expect(result.hits.map((h) => h.sectionId).sort()).toEqual(['r6-3', 'r7-1']);
    const joined = result.hits.find((h) => h.sectionId === 'r6-3')!;
    expect(joined.heading).toContain('提起行政\n诉讼的情况');
    expect(joined.headingOccurrences.map((o) => joined.heading.slice(o.start, o.end))).toEqual(['行政\n诉讼']);
    expect(joined.textOccurrences).toEqual([]);
  });

  it('finds a phrase that runs from a heading into its text, highlighted in both and counted once', async () => {
    const result = await search.search(request('行政诉讼'));
    const cut = result.hits.find((h) => h.sectionId === 'r7-1')!;
    expect(cut.headingOccurrences.map((o) => cut.heading.slice(o.start, o.end))).toEqual(['行政']);
    expect(cut.textOccurrences.map((o) => cut.text.slice(o.start, o.end))).toEqual(['诉讼', '行政诉讼']);
    const rows = [];
    for await (const row of occurrenceRowStream(
      search.matchingSections({ q: '行政诉讼', filters: { year: ['2023'] }, sort: 'relevance' }),
      3,
    ))
      rows.push(row);
    const ofCut = rows.filter((row) => row.hit.sectionId === 'r7-1');
    expect(ofCut.map((row) => [row.field, row.index, row.match])).toEqual([
      ['heading', 0, '行政\n\n诉讼'],
      ['text', 1, '行政诉讼'],
    ]);
    expect(ofCut[0]).toMatchObject({ left: '、提起', right: '的情况' });
    const marked = queryOccurrences('行政诉讼', cut);
    expect(marked.heading.map((o) => o.split)).toEqual(['head']);
    expect(marked.text.map((o) => o.split)).toEqual(['tail', undefined]);

    const intoText = await search.search(request('事项本年度'));
    expect(intoText.hits.map((h) => h.sectionId)).toEqual(['r6-4']);
    expect((await search.search(request('其他需要报告的事项本年度无'))).total).toBe(1);
  });

  it('lists reports and returns one with its sections in order', async () => {
    const page = await search.listReports(1, 10);
    expect(page.total).toBe(REPORTS.length);
    const detail = await search.getReport('r2');
    expect(detail?.sections.map((s) => s.ordinal)).toEqual([1, 2]);
    expect(await search.getReport('missing')).toBeNull();
  });
});
