import { growthFactor, repeatedTo } from './helpers/growth.js';
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { splitSections } from '../indexer/sections.js';
import { classifySection } from '../indexer/sectionType.js';
import { clean } from '../indexer/clean.js';
import type { Section } from '../core/report.js';
import { SHARED_REAL, SHARED_SEEDS } from './helpers/shared.js';

const headingsOf = (text: string): string[] =>
  splitSections(text)
    .filter((section) => section.ordinal > 0)
    .map((section) => section.heading.trim());

const typesOf = (text: string): string[] => splitSections(text).map((section) => section.sectionType);

const joined = (sections: Section[]): string => sections.map((section) => section.heading + section.text).join('');

describe('splitSections', () => {
  it.each([
    {
      behaviour: 'splits on headings on their own lines',
      input: '某区2020年政府信息公开工作年度报告\n一、总体情况\n本年度我区……\n二、主动公开政府信息情况\n全年公开……',
      headings: ['一、总体情况', '二、主动公开政府信息情况'],
    },
    {
      behaviour: 'splits on a heading that follows a sentence on the same line',
      input: '现将年度报告公布如下。一、概述 本年度工作有序推进。二、主动公开政府信息情况 全年公开文件12件。',
      headings: ['一、概述', '二、主动公开政府信息情况'],
    },
    {
      behaviour: 'ends a run-on heading where a template title meets its body',
      input: '报告如下。一、总体情况2020年，我区稳步推进。二、主动公开政府信息情况（一）公开数量全年120条。',
      headings: ['一、总体情况', '二、主动公开政府信息情况'],
    },
    {
      behaviour: 'ends a run-on template title even when body words follow without a break',
      input: '工作平稳。一、总体情况本年度平稳。二、存在的主要问题及改进情况存在的问题主要有以下方面：一是不够。',
      headings: ['一、总体情况', '二、存在的主要问题及改进情况'],
    },
    {
      behaviour: 'ends a free-form run-on title at the first space after it',
      input: '前言。一、审批事项及处理情况 我局实行一个窗口受理。二、工作人员情况 全局共有兼职人员2名。',
      headings: ['一、审批事项及处理情况', '二、工作人员情况'],
    },
    {
      behaviour: 'accepts the ．, . and ， separators and full-width spaces',
      input: '标题\n一．总体情况\n甲\n二.主动公开政府信息情况\n乙\n三，依申请公开政府信息情况\n丙\n四、\u3000其他需要报告的事项\n丁',
      headings: ['一．总体情况', '二.主动公开政府信息情况', '三，依申请公开政府信息情况', '四、\u3000其他需要报告的事项'],
    },
    {
      behaviour: 'keeps the markdown marks of a markdown heading',
      input: '# 某县2025年报告\n\n## 一、总体情况\n\n正文\n\n## 二、主动公开政府信息情况\n\n| 信息内容 | 件数 |\n',
      headings: ['## 一、总体情况', '## 二、主动公开政府信息情况'],
    },
    {
      behaviour: 'splits on 第一部分 headings and not on the numbered items inside them',
      input: '报告\n第一部分 总体情况\n一、加强领导\n正文\n二、完善制度\n正文\n第二部分 主动公开情况\n一、公开数量\n正文',
      headings: ['第一部分 总体情况', '第二部分 主动公开情况'],
    },
    {
      behaviour: 'accepts a template heading glued to the numbers of a flattened table',
      input: '工作如下。一、总体情况 甲。二、主动公开政府信息情况 行政事业性收费总额12.5元三、收到和处理政府信息公开申请情况（本列数据）',
      headings: ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况'],
    },
    {
      behaviour: 'jumps a number when the heading after the gap has a template title',
      input: '一、总体情况\n甲\n二、主动公开政府信息情况\n乙\n四、政府信息公开行政复议、行政诉讼情况\n丙',
      headings: ['一、总体情况', '二、主动公开政府信息情况', '四、政府信息公开行政复议、行政诉讼情况'],
    },
    {
      behaviour: 'restarts at 一 for a template heading on its own line',
      input: '一、总体情况\n甲\n二、工作机制保障\n乙\n一、主动公开政府信息情况\n丙\n二、收到和处理政府信息公开申请情况\n丁',
      headings: ['一、总体情况', '二、工作机制保障', '一、主动公开政府信息情况', '二、收到和处理政府信息公开申请情况'],
    },
    {
      behaviour: 'takes a short own-line title whole, commas and all',
      input: '一、加强组织领导，为政务公开提供保障\n正文。\n二、加大宣传力度，扩大知晓面\n正文。',
      headings: ['一、加强组织领导，为政务公开提供保障', '二、加大宣传力度，扩大知晓面'],
    },
    {
      behaviour: 'ends a title at the first full stop of a short paragraph',
      input: '一、加强组织领导。成立了工作专班。\n正文\n二、完善工作制度\n正文',
      headings: ['一、加强组织领导。', '二、完善工作制度'],
    },
    {
      behaviour: 'keeps a pinyin gloss inside and after a heading',
      input: '年度報(bào)告\n一、總體情況\n甲。 二、其他需要報(bào)告的事項(xiàng) 無',
      headings: ['一、總體情況', '二、其他需要報(bào)告的事項(xiàng)'],
    },
  ])('$behaviour', ({ input, headings }) => {
    expect(headingsOf(input)).toEqual(headings);
  });

  it.each([
    {
      behaviour: '一是…二是… inside a paragraph',
      input: '一、总体情况\n我们一是加强领导，二是完善制度，三是强化监督。\n二、主动公开政府信息情况\n正文',
    },
    {
      behaviour: 'an enumeration like 一、二、三级',
      input: '一、总体情况\n全区一、二、三级政务公开目录已建成。\n二、主动公开政府信息情况\n正文',
    },
    {
      behaviour: 'an ordinal like 第一、二季度',
      input: '一、总体情况\n第一、二季度公开信息共30条。\n二、主动公开政府信息情况\n正文',
    },
    {
      behaviour: 'a list after a colon inside a paragraph',
      input: '报告包括：一、总体情况；二、主动公开政府信息情况；三、其他事项。\n一、总体情况\n正文\n二、主动公开政府信息情况\n正文',
    },
    {
      behaviour: 'numbered rows of a table that restart at 一',
      input:
        '一、总体情况\n正文\n二、主动公开政府信息情况\n| 一、本年新收政府信息公开申请数量 | 3 |\n| 二、上年结转政府信息公开申请数量 | 0 |\n' +
        '四、结转下年度继续办理 | 0 | 0 |\n三、其他需要报告的事项\n无',
      headings: ['一、总体情况', '二、主动公开政府信息情况', '三、其他需要报告的事项'],
    },
    {
      behaviour: 'a numbered table row that continues the sequence',
      input: '一、总体情况\n正文\n二、主动公开政府信息情况\n信息内容 | 件数 |\n三、合计 | 5 |\n',
    },
    {
      behaviour: 'numbered rows of a flattened table glued to their numbers',
      input:
        '报告。一、总体情况 正文。二、收到和处理政府信息公开申请情况 机构其他一、本年新收政府信息公开申请数量230二、上年结转数量00' +
        '三、本年度办理结果（一）予以公开7 0 0 四、结转下年度继续办理 0 0 三、政府信息公开行政复议、行政诉讼情况 维持0',
      headings: ['一、总体情况', '二、收到和处理政府信息公开申请情况', '三、政府信息公开行政复议、行政诉讼情况'],
    },
    {
      behaviour: 'words that end in a numeral, like 统一、 and 不一,',
      input: '一、总体情况\n做到统一、规范管理，素材质量层次不一,影响采编。\n二、主动公开政府信息情况\n正文',
    },
    {
      behaviour: 'sub-headings such as （一）, 1. and 第一条',
      input: '一、总体情况\n（一）加强领导\n1.健全机构\n第一条 总则\n(二)完善制度\n二、主动公开政府信息情况\n正文',
    },
    {
      behaviour: 'a hard-wrapped line that happens to begin with 一、',
      input: '一、总体情况\n上线数字公报，集中、统\n一、权威、动态发布政策文件。\n二、主动公开政府信息情况\n正文',
    },
    {
      behaviour: 'an ordinal whose 第 was hard-wrapped onto the line before',
      input: '一、总体情况\n考核位列全市第\n二、获得表彰。',
      headings: ['一、总体情况'],
    },
    {
      behaviour: 'an own-line item numbered out of sequence',
      input: '一、总体情况\n正文\n五、加强培训\n正文\n二、主动公开政府信息情况\n正文',
    },
  ])('does not split on $behaviour', ({ input, headings }) => {
    expect(headingsOf(input)).toEqual(headings ?? ['一、总体情况', '二、主动公开政府信息情况']);
  });

  it.each([
    {
      behaviour: 'a template title cut inside a word',
      input: '报告\n一、总体情况\n甲\n二、因政府信息公开申请行政复议、提起行政\n诉讼的情况\n本年度未发生。\n三、其他需要报告的事项\n无',
      heading: '二、因政府信息公开申请行政复议、提起行政\n诉讼的情况',
      type: 'review',
    },
    {
      behaviour: 'a template title whose last characters are on the next line',
      input: '报告\n一、总体情况\n甲\n二、收到和处理政府信息公开申\n请情况\n| 申请人情况 |\n',
      heading: '二、收到和处理政府信息公开申\n请情况',
      type: 'requests',
    },
    {
      behaviour: 'a long title ended by a title word on the next line',
      input: '报告\n一、总体情况\n甲\n二、政府信息公开工作存在的主要问题及\n改进措施\n一是解读不够。',
      heading: '二、政府信息公开工作存在的主要问题及\n改进措施',
      type: 'problems',
    },
    {
      behaviour: 'a wrapped traditional title, with spaces around the wrap',
      input: '一、總體情況\n甲\n二、因政府信息公開申請提起行政復議、行政 \n  訴訟的情況\n無',
      heading: '二、因政府信息公開申請提起行政復議、行政 \n  訴訟的情況',
      type: 'review',
    },
    {
      behaviour: 'a title cut before a continuation the classifier needs',
      input: '一、总体情况\n甲\n二、本机关政府信息公开工作依申请公开\n政府信息情况\n乙',
      heading: '二、本机关政府信息公开工作依申请公开\n政府信息情况',
      type: 'requests',
    },
    {
      behaviour: 'a short title broken by a soft line break before 及 (Word shift+enter)',
      input: '一、总体情况\n甲\n二、\u3000存在的主要问题\n及改进情况\n一是解读不够。',
      heading: '二、\u3000存在的主要问题\n及改进情况',
      type: 'problems',
    },
    {
      behaviour: 'a short title broken by a soft line break after 及',
      input: '一、总体情况\n甲\n二、存在的主要问题及\n整改措施\n一是解读不够。',
      heading: '二、存在的主要问题及\n整改措施',
      type: 'problems',
    },
  ])('joins a heading cut by a hard wrap: $behaviour', ({ input, heading, type }) => {
    const sections = splitSections(input);
    const found = sections.find((section) => section.ordinal === 2);
    expect(found?.heading.trim()).toBe(heading);
    expect(found?.sectionType).toBe(type);
    expect(joined(sections)).toBe(input);
  });

  it.each([
    {
      behaviour: 'a short heading followed by a short line',
      input: '一、总体情况\n甲\n二、主动公开\n政府信息情况\n乙',
      heading: '二、主动公开',
    },
    {
      behaviour: 'a finished title',
      input: '一、总体情况\n甲\n二、政府信息公开行政复议、行政诉讼情况\n无诉讼情况\n乙',
      heading: '二、政府信息公开行政复议、行政诉讼情况',
    },
    {
      behaviour: 'a sentence that ends in a title word',
      input: '一、总体情况\n甲\n二、加强组织领导，为政务公开提供保障\n全年无特殊情况\n乙',
      heading: '二、加强组织领导，为政务公开提供保障',
    },
    {
      behaviour: 'body text with punctuation',
      input: '一、总体情况\n甲\n二、因政府信息公开申请提起行政复议、行政\n诉讼，本年度没有情况\n乙',
      heading: '二、因政府信息公开申请提起行政复议、行政',
    },
    {
      behaviour: 'a numbered line',
      input: '一、总体情况\n甲\n二、因政府信息公开申请提起行政复议、行政\n（一）行政诉讼情况\n乙',
      heading: '二、因政府信息公开申请提起行政复议、行政',
    },
    {
      behaviour: 'a finished title followed by a sentence starting with 及',
      input: '一、总体情况\n甲\n二、存在的主要问题\n及时公开不够，解读不足。\n乙',
      heading: '二、存在的主要问题',
    },
  ])('does not join the next line to $behaviour', ({ input, heading }) => {
    const sections = splitSections(input);
    expect(sections.find((section) => section.ordinal === 2)?.heading.trim()).toBe(heading);
    expect(joined(sections)).toBe(input);
  });

  it.each([
    { traditional: '一、總體情況', type: 'overview' },
    { traditional: '二、主動公開政府信息情況', type: 'proactive' },
    { traditional: '三、收到和處理政府信息公開申請情況', type: 'requests' },
    { traditional: '四、政府信息公開行政復議、行政訴訟情況', type: 'review' },
  ])('classifies the traditional heading $traditional as $type', ({ traditional, type }) => {
    const sections = splitSections(`報告\n${traditional}\n正文`);
    expect(sections.map((section) => section.sectionType)).toEqual(['preamble', type]);
  });

  it('returns one preamble section for a report with no headings', () => {
    const report =
      '某街道2009年政务公开工作总结\n今年我们做了很多工作，一是加强领导，二是完善制度。一、二、三级目录均已公开，' +
      '第一、二季度做到统一、规范。\n（一）存在问题\n人手不足。';
    expect(splitSections(report)).toEqual([{ ordinal: 0, heading: '', text: report, sectionType: 'preamble' }]);
  });

  it('returns no sections for empty input', () => {
    expect(splitSections('')).toEqual([]);
  });

  it('keeps whitespace-only input as a preamble so that nothing is lost', () => {
    expect(splitSections(' \n\u3000')).toEqual([{ ordinal: 0, heading: '', text: ' \n\u3000', sectionType: 'preamble' }]);
  });

  it('omits a blank preamble and keeps its whitespace with the first heading', () => {
    const sections = splitSections('\n  一、总体情况\n正文\n二、主动公开政府信息情况\n正文');
    expect(sections.map((section) => section.ordinal)).toEqual([1, 2]);
    expect(sections[0]?.heading).toBe('\n  一、总体情况');
  });

  it('numbers the preamble 0 and the sections 1, 2, 3 in order', () => {
    const sections = splitSections('标题\n一、总体情况\n甲\n二、主动公开政府信息情况\n乙\n三、其他需要报告的事项\n丙');
    expect(sections.map((section) => [section.ordinal, section.sectionType])).toEqual([
      [0, 'preamble'],
      [1, 'overview'],
      [2, 'proactive'],
      [3, 'other'],
    ]);
    expect(sections.map((section) => section.text)).toEqual(['标题\n', '\n甲\n', '\n乙\n', '\n丙']);
  });

  // Strings built from heading material hit the splitting paths far more often than random text.
  const reportLike = fc
    .array(
      fc.constantFrom(
        '一、',
        '二、',
        '三．',
        '四.',
        '十一，',
        '第一部分',
        '第二章',
        '## ',
        '#',
        '总体情况',
        '主動公開政府信息情況',
        '其他需要报告的事项',
        '审批事项',
        '(bào)',
        '一是',
        '第',
        '统',
        '\n',
        '\n\n',
        ' ',
        '\u3000',
        '。',
        '：',
        '|',
        '12',
        '正文',
        '因政府信息公开申请提起行政',
        '诉讼的情况',
        '存在的主要问题及',
        '改进措施',
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));

  it.each([
    { strings: 'arbitrary strings', arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
    { strings: 'report-like strings', arbitrary: reportLike },
  ])('gives back the input when headings and texts are joined, for $strings', ({ arbitrary }) => {
    fc.assert(
      fc.property(arbitrary, (input) => {
        const sections = splitSections(input);
        expect(joined(sections)).toBe(input);
        const firstOrdinal = sections[0]?.sectionType === 'preamble' ? 0 : 1;
        expect(sections.map((section) => section.ordinal)).toEqual(sections.map((_, index) => firstOrdinal + index));
        expect(sections.slice(1).every((section) => section.sectionType !== 'preamble' && section.heading !== '')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('splits a 5 MB single-line report, in time proportional to its length', () => {
    const report =
      '某区2020年政府信息公开工作年度报告 本报告依据条例编制。一、总体情况2020年，我区深入推进政务公开，一是加强领导，二是完善制度。' +
      '我区坚持以公开为常态、不公开为例外，围绕重点领域和群众关切，完善工作机制，规范发布流程，拓展公开渠道，' +
      '加强政策解读和回应关切，推动政务公开工作提质增效，全年未发生因信息公开引起的重大舆情，群众满意度持续提升。' +
      '（一）主动公开 全年公开信息1200条。二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数12 0 3 ' +
      '行政事业性收费总额12.5元三、收到和处理政府信息公开申请情况（本列数据的勾稽关系）一、本年新收政府信息公开申请数量230 ' +
      '四、结转下年度继续办理 0 0 四、政府信息公开行政复议、行政诉讼情况 维持0纠正0。五、存在的主要问题及改进情况存在的问题主要有：' +
      '一是解读不够。六、其他需要报告的事项 无。';
    const input = repeatedTo(report, 5_000_000);
    expect(joined(splitSections(input))).toBe(input);
    expect(growthFactor(splitSections, repeatedTo(report, 500_000), input)).toBeLessThan(30);
  });
});

describe('classifySection', () => {
  it.each([
    ['一、总体情况', 'overview'],
    ['一、 概述', 'overview'],
    ['一、概况', 'overview'],
    ['一、站前街道政府信息总体公开工作的基本情况', 'overview'],
    ['二、主动公开政府信息情况', 'proactive'],
    ['二、重点领域政府信息公开情况', 'proactive'],
    ['三、收到和处理政府信息公开申请情况', 'requests'],
    ['三、依申请公开政府信息情况', 'requests'],
    ['三、政府信息依申请公开工作情况', 'requests'],
    ['四、政府信息公开的收费及减免情况', 'fees'],
    ['四、政府信息公开行政复议、行政诉讼情况', 'review'],
    ['五、因政府信息公开申请提起行政复议、行政诉讼的情况', 'review'],
    ['五、存在的主要问题及改进情况', 'problems'],
    ['六、存在的主要问题和改进措施', 'problems'],
    ['五、存在的主要问题及整改措施', 'problems'],
    ['六、其他需要报告的事项', 'other'],
    ['十、其他应报告的情况', 'other'],
    ['四、开展政策解读情况', 'interpretation'],
    ['五、政务舆情处置回应情况', 'response'],
    ['五、回应社会关切情况', 'response'],
    ['三、建议提案办理结果公开情况', 'proposals'],
    ['六、政府信息公开平台建设', 'platform'],
    ['二、网站建设情况', 'platform'],
    ['八、制度建设情况', 'organization'],
    ['一、加强组织领导，为政务公开工作提供有力保障', 'organization'],
    ['一、總體情況', 'overview'],
    ['三、收到和處理政府信息公開申請情況', 'requests'],
    ['六、其他需要報告的事項', 'other'],
    ['六、其他需要報(bào)告的事項(xiàng)', 'other'],
    ['## 五、政府信息公开工作存在的主要问题及改进情况', 'problems'],
    ['第二部分：主动公开情况', 'proactive'],
    ['一、本年新收政府信息公开申请数量', 'unclassified'],
    ['四、结转下年度继续办理', 'unclassified'],
    ['四、审批事项及处理情况', 'unclassified'],
    ['', 'unclassified'],
  ])('classifies %s as %s', (heading, sectionType) => {
    expect(classifySection(heading)).toBe(sectionType);
  });
});

// The real reports under ../shared are not part of the project; these tests run where they exist.
const SEEDS = SHARED_SEEDS;
const REAL = SHARED_REAL;
const SEED_004 = `${SEEDS}/004_71de1068338dadc3.txt`;
const SEED_000 = `${SEEDS}/000_cb99b50f1015c244.txt`;
const reportFiles = [SEEDS, REAL]
  .filter((dir) => existsSync(dir))
  .flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.txt') || name.endsWith('.html'))
      .sort()
      .map((name) => ({ name, path: `${dir}/${name}` })),
  );

// The stage's real input is cleaned text; the raw .txt files check that it copes without
// cleaning too (crawler pages on one line, pdftotext hard wraps, markdown, pinyin glosses).
const reportInputs = reportFiles.flatMap((file) => [
  ...(file.name.endsWith('.txt') ? [{ ...file, form: 'raw' as const }] : []),
  { ...file, form: 'cleaned' as const },
]);

describe('splitSections on the real reports', () => {
  it.skipIf(!existsSync(SEED_004))('finds the six template sections of seed 004 in order', () => {
    const types = typesOf(readFileSync(SEED_004, 'utf8')).filter((type) => type !== 'preamble');
    expect(types).toEqual(['overview', 'proactive', 'requests', 'review', 'problems', 'other']);
  });

  it.skipIf(!existsSync(SEED_000))('splits seed 000 on its inline traditional headings', () => {
    const types = typesOf(readFileSync(SEED_000, 'utf8'));
    expect(types).toEqual(['preamble', 'overview', 'proactive', 'requests', 'review', 'problems', 'other']);
  });

  it.skipIf(reportInputs.length === 0).for(reportInputs)(
    'splits $form $name losslessly into at least three sections',
    ({ name, path, form }) => {
      const raw = readFileSync(path, 'utf8');
      const text = form === 'raw' ? raw : clean({ text: raw, isHtml: name.endsWith('.html') }).text;
      const sections = splitSections(text);
      // Set SECTIONS_TABLE=1 to eyeball what was found.
      if (process.env['SECTIONS_TABLE']) {
        console.log(`${form} ${name}`);
        console.table(sections.map((section) => ({ heading: section.heading.trim(), type: section.sectionType })));
      }
      expect(joined(sections)).toBe(text);
      const headed = sections.filter((section) => section.ordinal > 0);
      expect(headed.length).toBeGreaterThanOrEqual(3);
      for (const section of headed) expect(section.sectionType).toBe(classifySection(section.heading));
    },
  );
});
