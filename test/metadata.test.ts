import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean } from '../indexer/clean.js';
import { decode } from '../indexer/decode.js';
import { extractMetadata } from '../indexer/metadata.js';
import { organKey } from '../indexer/organ.js';
import { LEVELS, ORGAN_KINDS, type CleanedText } from '../core/report.js';
import { SHARED_SEEDS } from './helpers/shared.js';

/** A cleaned report: one paragraph per line. */
function report(...lines: string[]): CleanedText {
  return { text: lines.join('\n'), htmlTitle: null };
}

const BODY = '一、总体情况\n本年度严格落实条例要求，主动公开政府信息。';

function metadataOf(...lines: string[]) {
  return extractMetadata(report(...lines), 'report.txt');
}

describe('title', () => {
  it('takes the line naming the annual report, skipping site furniture above it', () => {
    const metadata = metadataOf('网站首页', '今天是:2023年5月8日 星期一', '平房区2012年政府信息公开工作年度报告', BODY);
    expect(metadata.title).toBe('平房区2012年政府信息公开工作年度报告');
  });

  it('joins a title broken over two lines and drops the layout spaces', () => {
    const metadata = metadataOf('正文', '2022 年上海市民政局政府信息公开工作', '年度报告', BODY);
    expect(metadata.title).toBe('2022年上海市民政局政府信息公开工作年度报告');
    expect(metadata.organ).toBe('上海市民政局');
  });

  it('joins the issuing body printed on the line above the year', () => {
    const metadata = metadataOf('宿迁市人民政府', '2021 年政府信息公开工作年度报告', BODY);
    expect(metadata.organ).toBe('宿迁市人民政府');
    expect(metadata.year).toBe(2021);
  });

  // PDF text hard-wraps a title wherever the line is full, also inside a word.
  it.each([
    {
      wrap: 'inside 年度',
      lines: ['平房区人民政府2023年政府信息公开工作年', '度报告'],
      title: '平房区人民政府2023年政府信息公开工作年度报告',
    },
    {
      wrap: 'before 报告',
      lines: ['平房区人民政府2023年政府信息公开工作年度', '报告'],
      title: '平房区人民政府2023年政府信息公开工作年度报告',
    },
    { wrap: 'inside 年报', lines: ['平房区人民政府2023年政府信息公开年', '报'], title: '平房区人民政府2023年政府信息公开年报' },
    {
      wrap: 'after the body, with layout spaces',
      lines: ['平房区人民政府', '2023 年政府信息公开工作年度报告'],
      title: '平房区人民政府2023年政府信息公开工作年度报告',
    },
    {
      wrap: 'after the body and inside 年度',
      lines: ['平房区人民政府', '2023 年政府信息公开工作年', '度报告'],
      title: '平房区人民政府2023年政府信息公开工作年度报告',
    },
    {
      wrap: 'inside the year',
      lines: ['平房区人民政府20', '23年政府信息公开工作年度报告'],
      title: '平房区人民政府2023年政府信息公开工作年度报告',
    },
    {
      wrap: 'inside the body',
      lines: ['平房区人民', '政府2023年政府信息公开工作年度报告'],
      title: '平房区人民政府2023年政府信息公开工作年度报告',
    },
    {
      wrap: 'inside 年度 after a leading year',
      lines: ['2023年平房区人民政府政府信息公开工作年', '度报告'],
      title: '2023年平房区人民政府政府信息公开工作年度报告',
    },
  ])('reads a title wrapped $wrap', ({ lines, title }) => {
    const metadata = metadataOf(...lines, '本报告由平房区人民政府办公室编制。', BODY);
    expect(metadata).toMatchObject({ title, organ: '平房区人民政府', province: '黑龙江省', level: 'county', year: 2023 });
  });

  it('does not join a line to a sentence that mentions the annual report', () => {
    const metadata = metadataOf('平房区人民政府2023年政府信息公开工作年度报告', '现将年度', '报告公布如下。', BODY);
    expect(metadata.title).toBe('平房区人民政府2023年政府信息公开工作年度报告');
  });

  it('keeps traditional characters as the report writes them', () => {
    const metadata = metadataOf('重慶市九龍坡區人民政府2019年政府信息公開工作年度報告', BODY);
    expect(metadata.title).toBe('重慶市九龍坡區人民政府2019年政府信息公開工作年度報告');
    expect(metadata.organ).toBe('重慶市九龍坡區人民政府');
    expect(metadata.province).toBe('重庆市');
  });

  it('finds a title inside a page flattened onto one line', () => {
    const page = `您的位置： 首页 信息公开 年报 和县人民政府2016年政府信息公开工作年度报告 来源：和县政府办 时间：2017-02-08 09:30 ${'本报告依据条例编制。'.repeat(20)}`;
    const metadata = metadataOf(page);
    expect(metadata.title).toBe('和县人民政府2016年政府信息公开工作年度报告');
    expect(metadata.publishedAt).toBe('2017-02-08');
  });

  it('falls back to the HTML title without the site name after it', () => {
    const metadata = extractMetadata({ text: BODY, htmlTitle: '沭阳县教育局2021年政府信息公开年度报告_沭阳县人民政府' }, 'page.html');
    expect(metadata.title).toBe('沭阳县教育局2021年政府信息公开年度报告');
    expect(metadata.organ).toBe('沭阳县教育局');
  });

  it('reports a missing title as null with a warning', () => {
    const metadata = metadataOf('一、总体情况', '本年度主动公开信息100条。');
    expect(metadata.title).toBeNull();
    expect(metadata.warnings.join()).toMatch(/title/);
  });
});

describe('title label', () => {
  it("drops the 标题 label of a page's table of fields, spaced and without a colon", () => {
    const metadata = metadataOf('发布机构 教育局 发文日期 2026-01-15', '标 题 连云区教育局政府信息公开工作2025年度报告', BODY);
    expect(metadata).toMatchObject({ title: '连云区教育局政府信息公开工作2025年度报告', organ: '连云区教育局', year: 2025 });
  });
});

describe('report year', () => {
  it.each([
    ['洪泽区人民政府2019年政府信息公开工作年度报告', 2019],
    ['洪泽区人民政府2014年度政府信息公开工作年度报告', 2014],
    ['洪泽区人民政府政府信息公开工作年度报告（２０１６年度）', 2016],
    ['洪泽区人民政府二〇一九年政府信息公开工作年度报告', 2019],
    ['洪泽区人民政府二零二一年度政府信息公开工作年度报告', 2021],
    ['2022年洪泽区人民政府政府信息公开工作年度报告', 2022],
  ])('reads the year from the title %s', (title, year) => {
    expect(metadataOf(title, BODY).year).toBe(year);
  });

  it('takes the year the report covers, not the year it was published', () => {
    const metadata = metadataOf('洪泽区人民政府2019年政府信息公开工作年度报告', '发布日期：2020-01-03', BODY);
    expect(metadata.year).toBe(2019);
    expect(metadata.publishedAt).toBe('2020-01-03');
  });

  it('does not take the year of a date above the title', () => {
    const metadata = metadataOf('今天是:2024年4月23日', '洪泽区人民政府2017年信息公开工作年度报告', BODY);
    expect(metadata.year).toBe(2017);
  });

  it('reads the statistics period when the title has no year', () => {
    const metadata = metadataOf(
      '洪泽区人民政府政府信息公开工作年度报告',
      '本报告所列数据的统计期限自2018年1月1日起至2018年12月31日止。',
      BODY,
    );
    expect(metadata.year).toBe(2018);
  });

  it.each([
    [['一、总体情况', '一年来，区教育局不断建立健全信息公开制度。', '2023年，区教育局累计主动公开政府信息120条。']],
    [['一、总体情况 2020年,我局严格遵照《条例》要求，高度重视信息公开工作。']],
  ])('takes the year the first section starts its account with, with a warning, when the title and the period give none', (lines) => {
    const metadata = metadataOf('湘桥区教育局政府信息公开工作年度报告', '发布日期：2024-01-23', ...lines);
    expect(metadata.year).toBe(Number(lines.join().match(/20\d\d/)![0]));
    expect(metadata.warnings.join()).toMatch(/first section/);
  });

  it('does not take a year from the second section as the opening', () => {
    const metadata = metadataOf(
      '湘桥区教育局政府信息公开工作年度报告',
      '一、总体情况',
      '本年度主动公开信息。',
      '二、主动公开政府信息情况',
      '2019年以来累计公开。',
    );
    expect(metadata.year).toBeNull();
  });

  it('takes the year before publication, with a warning, when nothing else states it', () => {
    const metadata = metadataOf('洪泽区人民政府政府信息公开工作年度报告', '发布日期：2021-03-01', BODY);
    expect(metadata.year).toBe(2020);
    expect(metadata.warnings.join()).toMatch(/year/);
  });

  it('leaves the year null with a warning when there is no clue', () => {
    const metadata = metadataOf('洪泽区人民政府政府信息公开工作年度报告', BODY);
    expect(metadata.year).toBeNull();
    expect(metadata.warnings.join()).toMatch(/year/);
  });
});

describe('publication date', () => {
  const TITLE = '洪泽区人民政府2019年政府信息公开工作年度报告';
  it.each([
    ['发布日期：2020-01-03', '2020-01-03'],
    ['发文日期: | 2020年01月22日 | 主题分类: | 政府信息公开年报 |', '2020-01-22'],
    ["浏览:318次'时间:2020年3月23日", '2020-03-23'],
    ['日期:2020-01-20 来源: 访问量:', '2020-01-20'],
    ['公开日期：2020/02/05', '2020-02-05'],
    ['发布时间: 2020-04-18 00:00', '2020-04-18'],
  ])('reads the labelled date in %s', (line, date) => {
    expect(metadataOf(TITLE, line, BODY).publishedAt).toBe(date);
  });

  it.each([
    [['洪泽区人民政府', '二〇二〇年一月三日'], '2020-01-03'],
    [['洪泽区人民政府', '2020年2月18日', '', '-5-'], '2020-02-18'],
    [['洪泽区人民政府', '（二〇二〇年十二月三十一日）'], '2020-12-31'],
  ])('reads the dated signature at the end: %j', (signature, date) => {
    expect(metadataOf(TITLE, BODY, ...signature).publishedAt).toBe(date);
  });

  it('ignores the date a crawler saved the page', () => {
    expect(metadataOf('采集时间：2025-12-30', TITLE, BODY).publishedAt).toBeNull();
  });

  it('ignores a date before the year the report covers', () => {
    expect(metadataOf(TITLE, '发布日期：2015-06-01', BODY).publishedAt).toBeNull();
  });

  it('rejects a date that does not exist', () => {
    expect(metadataOf(TITLE, '发布日期：2020-02-31', BODY).publishedAt).toBeNull();
  });
});

describe('place and level', () => {
  it.each([
    ['平房区2009年政府信息公开工作年度报告', '黑龙江省', '哈尔滨市', '平房区', 'county'],
    ['洪泽区人民政府2023年政府信息公开工作年度报告', '江苏省', '淮安市', '洪泽区', 'county'],
    ['红石砬子镇人民政府2019年政府信息公开工作年度报告', '吉林省', '吉林市', '桦甸市', 'township'],
    ['新成路街道2020年政府信息公开工作年度报告', '上海市', '上海市', '嘉定区', 'township'],
    ['沭阳县2020年政府信息公开工作年度报告', '江苏省', '宿迁市', '沭阳县', 'county'],
  ])('resolves the body named only by its own place: %s', (title, province, city, county, level) => {
    expect(metadataOf(title, BODY)).toMatchObject({ province, city, county, level, warnings: [] });
  });

  it.each([
    ['北京市', '北京市', '北京市'],
    ['吉林省长春市', '吉林省', '长春市'],
  ])('resolves 朝阳区 from the report mentioning %s', (place, province, city) => {
    const metadata = metadataOf('朝阳区人民政府2019年政府信息公开工作年度报告', `根据${place}人民政府办公厅的要求，编制本报告。`, BODY);
    expect(metadata).toMatchObject({ province, city, county: '朝阳区', level: 'county' });
  });

  it('leaves the province of 朝阳区 empty, with a warning, when the report names no other place', () => {
    const metadata = metadataOf('朝阳区人民政府2019年政府信息公开工作年度报告', BODY);
    expect(metadata.province).toBeNull();
    expect(metadata.level).toBe('county');
    expect(metadata.warnings.join()).toMatch(/朝阳区/);
  });

  it.each([
    ['云岭县人民政府', 'government'],
    ['云岭县人武部', 'department'],
  ])('leaves the unknown place of %s empty with a warning, taking only the level its suffix states', (organ, organKind) => {
    const metadata = metadataOf(`${organ}2025年政府信息公开工作年度报告`, BODY);
    expect(metadata).toMatchObject({ province: null, city: null, county: null, level: 'county', organKind });
    expect(metadata.warnings.join()).toMatch(/云岭县/);
  });

  it('leaves province and level empty, with a warning, for a body with no place at all', () => {
    const metadata = metadataOf('某某开发区管委会2019年政府信息公开工作年度报告', BODY);
    expect(metadata).toMatchObject({ province: null, level: null });
    expect(metadata.warnings).not.toEqual([]);
  });

  it.each([
    ['the compiler', ['本报告由抚顺市新抚区站前街道办事处编制。']],
    ['the compiler, across a PDF line wrap', ['本报告由抚顺市新抚区站前', '街道办事处根据条例编制。']],
    ['a labelled field', ['发布机构：抚顺市新抚区站前街道办事处']],
    ['the signature', [BODY, '抚顺市新抚区站前街道办事处', '2018年3月23日']],
  ])('resolves a short name through the full name given by %s', (_where, lines) => {
    const metadata = metadataOf('站前街道2017年政府信息公开工作年度报告', ...lines, BODY);
    expect(metadata).toMatchObject({ province: '辽宁省', city: '抚顺市', county: '新抚区', level: 'township' });
    expect(metadata.organ).toBe('站前街道');
  });

  it.each([
    ['上海市人民政府2019年政府信息公开工作年度报告', 'province'],
    ['重庆市九龙坡区人民政府2019年政府信息公开工作年度报告', 'county'],
    ['天津市和平区2019年政府信息公开工作年度报告', 'county'],
  ])('treats a municipality as a province and its districts as counties: %s', (title, level) => {
    expect(metadataOf(title, BODY).level).toBe(level);
  });

  it('treats 平潭综合实验区 as a city-level body of Fujian', () => {
    expect(metadataOf('平潭综合实验区2019年度政府信息公开工作年度报告', BODY)).toMatchObject({
      province: '福建省',
      level: 'city',
      organKind: 'government',
    });
  });
});

describe('a place renamed since the division data', () => {
  // The division data names places as in 2020; a report of an earlier year names them as they were.
  it.each([
    ['密云县人民政府', '北京市', '北京市', '密云区'],
    ['北京市密云县人民政府', '北京市', '北京市', '密云区'],
    ['潼南县人民政府', '重庆市', '重庆市', '潼南区'],
    ['重庆市潼南县教育委员会', '重庆市', '重庆市', '潼南区'],
    ['龙岩市永定县人民政府', '福建省', '龙岩市', '永定区'],
    ['福建省永定县人民政府', '福建省', '龙岩市', '永定区'],
    ['平泉县人民政府', '河北省', '承德市', '平泉市'],
    ['蓟县人民政府', '天津市', '天津市', '蓟州区'],
    ['开县人民政府办公室', '重庆市', '重庆市', '开州区'],
    ['彬县人民政府', '陕西省', '咸阳市', '彬州市'],
  ])('places a county by the division it became: %s', (organ, province, city, county) => {
    const metadata = metadataOf(`${organ}2013年政府信息公开工作年度报告`, BODY);
    expect(metadata).toMatchObject({ province, city, county, level: 'county' });
    expect(metadata.warnings.join()).toMatch(/rename/);
  });

  it.each([
    ['密云县人民政府', 'government'],
    ['龙岩市永定县人民政府', 'government'],
    ['重庆市潼南县教育委员会', 'department'],
    ['铜仁地区行政公署', 'government'],
  ])('tells the government of a renamed place from its departments: %s', (organ, organKind) => {
    expect(metadataOf(`${organ}2013年政府信息公开工作年度报告`, BODY).organKind).toBe(organKind);
  });

  it('places a prefecture 地区 by the city it became, at city level', () => {
    expect(metadataOf('铜仁地区行政公署2010年政府信息公开工作年度报告', BODY)).toMatchObject({
      province: '贵州省',
      city: '铜仁市',
      level: 'city',
    });
  });

  it.each(['即墨市人民政府', '莱芜市财政局'])(
    'keeps only the province of a 市 that is now a 区, as it was a county-level city or a prefecture: %s',
    (organ) => {
      const metadata = metadataOf(`${organ}2013年政府信息公开工作年度报告`, BODY);
      expect(metadata).toMatchObject({ province: '山东省', city: null, county: null, level: null });
      expect(metadata.warnings.join()).toMatch(/only the province/);
    },
  );

  it('chooses between two divisions of the renamed name by the places the report names', () => {
    const title = '永定县人民政府2012年政府信息公开工作年度报告';
    expect(metadataOf(title, BODY).province).toBeNull();
    expect(metadataOf(title, '根据龙岩市人民政府办公室的要求，编制本报告。', BODY)).toMatchObject({
      province: '福建省',
      city: '龙岩市',
      county: '永定区',
    });
  });

  it.each([
    ['和县人民政府', '安徽省', '和县'],
    ['国家税务总局和县税务局', '安徽省', '和县'],
  ])('still reads a two-character county that stands on its own: %s', (organ, province, county) => {
    expect(metadataOf(`${organ}2013年政府信息公开工作年度报告`, BODY)).toMatchObject({ province, county });
  });

  it('places a county below the known places when no division of today fits it, with the level its suffix states', () => {
    const metadata = metadataOf('宿迁市云岭县人民政府2025年政府信息公开工作年度报告', BODY);
    expect(metadata).toMatchObject({ province: '江苏省', city: '宿迁市', county: null, level: 'county', organKind: 'government' });
    expect(metadata.warnings.join()).toMatch(/云岭县/);
  });

  it.each([
    ['上海市卢湾区人民政府', '上海市', '上海市', 'government'],
    ['北京市崇文区教育委员会', '北京市', '北京市', 'department'],
    ['杭州市下城区人民政府', '浙江省', '杭州市', 'government'],
    ['重庆市双桥区人民政府', '重庆市', '重庆市', 'government'],
    ['攀枝花市东区人民政府', '四川省', '攀枝花市', 'government'],
  ])('places %s, a district the data lacks there, in the places before it at county level', (organ, province, city, organKind) => {
    const metadata = metadataOf(`${organ}2010年政府信息公开工作年度报告`, BODY);
    expect(metadata).toMatchObject({ province, city, county: null, level: 'county', organKind });
    expect(metadata.warnings.join()).toMatch(/not in the division dataset under/);
  });

  it('places a district the data lacks, named alone, in the only city its report names', () => {
    const metadata = metadataOf('卢湾区人民政府2009年政府信息公开工作年度报告', '根据上海市人民政府办公厅的要求，编制本报告。', BODY);
    expect(metadata).toMatchObject({ province: '上海市', city: '上海市', county: null, level: 'county', organKind: 'government' });
  });

  it('leaves a district the data lacks, named alone, unplaced when its report names two cities', () => {
    const metadata = metadataOf('卢湾区人民政府2009年政府信息公开工作年度报告', '学习上海市和杭州市的经验。', BODY);
    expect(metadata).toMatchObject({ province: null, level: null });
  });

  it('keeps a district the data lists in its own city (承德市双桥区)', () => {
    const metadata = metadataOf('河北省承德市双桥区人民政府2010年政府信息公开工作年度报告', BODY);
    expect(metadata).toMatchObject({ province: '河北省', city: '承德市', county: '双桥区', level: 'county', warnings: [] });
  });

  it('does not read a word ending in 区 after a city as a district (城区管理局)', () => {
    expect(metadataOf('宿迁市城区管理局2010年政府信息公开工作年度报告', BODY)).toMatchObject({ level: 'city', organKind: 'department' });
  });

  it.each([
    ['襄樊市人民政府', '湖北省', '襄阳市', null, 'city'],
    ['沐阳县人民政府', '江苏省', '宿迁市', '沭阳县', 'county'],
    ['东陵区人民政府', '辽宁省', '沈阳市', '浑南区', 'county'],
    ['淮安市楚州区教育局', '江苏省', '淮安市', '淮安区', 'county'],
    ['上饶县人民政府', '江西省', '上饶市', '广信区', 'county'],
  ])('places a name the shipped alias list renames: %s', (organ, province, city, county, level) => {
    const metadata = metadataOf(`${organ}2009年政府信息公开工作年度报告`, BODY);
    expect(metadata).toMatchObject({ province, city, county, level });
  });
});

describe('a development zone the division data does not list', () => {
  // Named after the place it lies in, and run one level below it.
  it.each([
    ['天津经济技术开发区管理委员会', '天津市', '天津市', null, 'county'],
    ['成都高新技术产业开发区管理委员会', '四川省', '成都市', null, 'county'],
    ['西安高新区管委会', '陕西省', '西安市', null, 'county'],
    ['青岛西海岸新区管委会', '山东省', '青岛市', null, 'county'],
    ['武汉东湖新技术开发区管委会', '湖北省', '武汉市', null, 'county'],
    ['贵州贵安新区管理委员会', '贵州省', null, null, 'city'],
    ['长丰县经济开发区管委会', '安徽省', '合肥市', '长丰县', 'township'],
  ])('places %s in the place it is named after, one level below it, as a government', (organ, province, city, county, level) => {
    const metadata = metadataOf(`${organ}2020年政府信息公开工作年度报告`, BODY);
    expect(metadata).toMatchObject({ province, city, county, level, organKind: 'government' });
    expect(metadata.warnings.join()).toMatch(/development zone/);
  });

  it("gives a zone's bureau the zone's level, as a department", () => {
    const metadata = metadataOf('天津经济技术开发区财政局2020年政府信息公开工作年度报告', BODY);
    expect(metadata).toMatchObject({ province: '天津市', level: 'county', organKind: 'department' });
  });

  it('keeps the reading of a zone the division data lists', () => {
    const metadata = metadataOf('苏州工业园区管理委员会2021年政府信息公开工作年度报告', BODY);
    expect(metadata).toMatchObject({ province: '江苏省', city: '苏州市', county: '苏州工业园区', level: 'county', warnings: [] });
  });

  it("does not read a bureau's branch office named after a zone as the zone", () => {
    const metadata = metadataOf('宿迁市公安局经济技术开发区分局2020年政府信息公开工作年度报告', BODY);
    expect(metadata).toMatchObject({ province: '江苏省', city: '宿迁市', level: 'city', organKind: 'department' });
  });

  it('places a zone named after no known place nowhere, with a warning', () => {
    const metadata = metadataOf('雄安新区管理委员会2020年政府信息公开工作年度报告', BODY);
    expect(metadata).toMatchObject({ province: null, level: null, organKind: 'government' });
    expect(metadata.warnings.join()).toMatch(/雄安新区 is a development zone/);
  });
});

describe('government or department', () => {
  it.each([
    ['淮安市人民政府', 'city', 'government'],
    ['淮安市人民政府办公室', 'city', 'government'],
    ['上海市人民政府办公厅', 'province', 'government'],
    ['重庆市九龙坡区人民政府石桥铺街道办事处', 'township', 'government'],
    ['平潭综合实验区管委会办公室', 'city', 'government'],
    ['桦甸市红石砬子镇人民政府', 'township', 'government'],
    ['沭阳县发展和改革局', 'county', 'department'],
    ['上海市科委', 'province', 'department'],
    ['上海市嘉定区教育局', 'county', 'department'],
    ['平潭综合实验区地方税务局', 'city', 'department'],
    ['淮安市人民政府国有资产监督管理委员会', 'city', 'department'],
  ])('%s is a %s-level %s', (organ, level, organKind) => {
    expect(metadataOf(`${organ}2019年政府信息公开工作年度报告`, BODY)).toMatchObject({ organ, level, organKind });
  });
});

describe('a report without a title line', () => {
  // A web page's title is often the report's only title; the text saved from the page then names
  // the report, and its body, in the first sentence.
  it.each([
    ['根据《条例》要求，特编制桃江县松木塘镇人民政府2022年政府信息公开工作年度报告。', '桃江县松木塘镇人民政府', '湖南省', 'township'],
    ['现发布《临洮县新添镇2022年政府信息公开工作年度报告》。本报告由总体情况等六部分组成。', '临洮县新添镇', '甘肃省', 'township'],
    ['根据《条例》规定，特向社会公布螺洋街道2021年度信息公开年度报告。', '螺洋街道', '浙江省', 'township'],
    ['根据有关通知要求，现公布西秀区东街街道办事处2021年政府信息公开工作年度报告。', '西秀区东街街道办事处', '贵州省', 'township'],
    ['大竹县2009年政府信息公开工作年度报告(以下简称年报)根据《条例》进行编制。', '大竹县', '四川省', 'county'],
    ['根据《条例》的规定，编制大理白族自治州2023年政府信息公开工作年度报告。', '大理白族自治州', '云南省', 'city'],
    [
      '结合本年度工作实际，特编制杭州市余杭区仁和街道2022年度政府信息公开工作报告，并向社会公布。',
      '杭州市余杭区仁和街道',
      '浙江省',
      'township',
    ],
  ])('takes the body and the title from the sentence that publishes the report: %s', (preamble, organ, province, level) => {
    const metadata = metadataOf(preamble, BODY);
    expect(metadata).toMatchObject({ organ, province, level });
    expect(metadata.title).toMatch(new RegExp(`^${organ}20\\d\\d年度?.*报告$`));
  });

  it('takes the body named after the year, in a page flattened onto one line that starts with its first heading', () => {
    const metadata = metadataOf(
      '一、總體情況 根據《條例》和市人民政府有關要求，特向社會公布2020年開平市農業農村局政府信息公開工作年度報告。如對本報告有任何疑問，請與開平市農業農村局辦公室聯系。 二、主動公開政府信息情況',
    );
    expect(metadata).toMatchObject({
      organ: '開平市農業農村局',
      province: '广东省',
      county: '开平市',
      level: 'county',
      organKind: 'department',
    });
    expect(metadata.title).toBe('2020年開平市農業農村局政府信息公開工作年度報告');
  });

  it.each([
    ['编制本机关2022年度政府信息公开年度报告并向社会公布。'],
    ['特向社会公布 2012年度本级政府(机关)信息公开工作年度报告。'],
    ['现将我局2022年政府信息公开工作年度报告公布如下。'],
    ['根据《关于印发江苏省2021年政府信息公开工作年度报告格式的通知》要求编制。'],
    ['按照省里统一发布江苏省2021年度政府信息公开工作年度报告编制要求。'],
  ])("does not take the report's word for itself as its body: %s", (preamble) => {
    expect(metadataOf(preamble, BODY).organ).toBeNull();
  });

  it('takes the body from a signature dated by month only, which gives no publication date', () => {
    const metadata = metadataOf(
      '2020年政府信息公开工作年度报告',
      '现将我镇2020年政府信息公开工作情况报告如下。',
      BODY,
      '湘潭县花石镇人民政府',
      '2021年1月',
    );
    expect(metadata).toMatchObject({
      organ: '湘潭县花石镇人民政府',
      province: '湖南省',
      county: '湘潭县',
      level: 'township',
      publishedAt: null,
    });
  });

  it('takes title, year and body from the name of a file whose text names no title', () => {
    const cleaned = report('一、总体情况', '2020年，我局认真贯彻落实条例。');
    const metadata = extractMetadata(cleaned, '下载/湘潭县财政局2020年政府信息公开工作年度报告.pdf');
    expect(metadata).toMatchObject({ organ: '湘潭县财政局', year: 2020, province: '湖南省', county: '湘潭县', level: 'county' });
    expect(metadata.warnings.join()).toMatch(/file name/);
  });

  it("takes the body from the folder's name when the text names none and the file is page.txt", () => {
    const cleaned = report('2020年政府信息公开工作年度报告', '一、总体情况', '2020年，我局认真贯彻落实条例。');
    const metadata = extractMetadata(cleaned, '80678_湘潭县财政局2020年政府信息公开工作年度报告/page.txt');
    expect(metadata).toMatchObject({ title: '2020年政府信息公开工作年度报告', organ: '湘潭县财政局', level: 'county' });
  });

  it('prefers a body the text names to the file name', () => {
    const cleaned = report('湘潭县人民政府2020年政府信息公开工作年度报告', BODY);
    const metadata = extractMetadata(cleaned, '湘潭县财政局2020年政府信息公开工作年度报告.txt');
    expect(metadata.organ).toBe('湘潭县人民政府');
  });

  it('reads nothing from a file name that names no report', () => {
    const cleaned = report('一、总体情况', '2020年，我局认真贯彻落实条例。');
    expect(extractMetadata(cleaned, '湘潭县财政局.txt')).toMatchObject({ title: null, organ: null });
  });

  it.each([
    ['我局', '2020年，我局认真贯彻落实条例，湘潭县财政局政府信息公开工作领导小组负责日常工作。', '湘潭县财政局', 'county', 'department'],
    ['我镇', '2020年，我镇认真贯彻落实条例，湘潭县花石镇政务公开办公室负责日常工作。', '湘潭县花石镇', 'township', 'government'],
    ['我委', '湘潭市卫生健康委是主管全市卫生健康事业的职能部门。2020年，我委认真贯彻落实条例。', '湘潭市卫生健康委', 'city', 'department'],
  ])('takes the body a report calling itself %s names in its sentences about its own work', (_self, sentence, organ, level, organKind) => {
    const metadata = metadataOf('2020年政府信息公开工作年度报告', '一、总体情况', sentence, '二、主动公开政府信息情况');
    expect(metadata).toMatchObject({ organ, province: '湖南省', level, organKind });
    expect(metadata.warnings.join()).toMatch(/sentences/);
  });

  it('does not take the superior a report calling itself 我局 names as directing it', () => {
    const sentence = '2020年，按照湘潭市财政局政府信息公开工作要求，我局认真贯彻落实条例。';
    const metadata = metadataOf('2020年政府信息公开工作年度报告', '一、总体情况', sentence, '二、主动公开政府信息情况');
    expect(metadata).toMatchObject({ organ: null, province: null });
  });

  it("does not take a bureau's place for its body when it also calls itself 我局", () => {
    const sentence = '2020年，我局围绕我市中心工作，湘潭市政务公开办公室统一部署，推进公开。';
    const metadata = metadataOf('2020年政府信息公开工作年度报告', '一、总体情况', sentence, '二、主动公开政府信息情况');
    expect(metadata.organ).toBeNull();
  });

  it('takes the body on the line under a title that names none', () => {
    const metadata = metadataOf('2022年政府信息公开工作年度报告', '桃江县松木塘镇人民政府', '2022年政府信息公开工作年度报告', BODY);
    expect(metadata).toMatchObject({ organ: '桃江县松木塘镇人民政府', province: '湖南省', county: '桃江县', level: 'township' });
  });

  it('takes a body named alone on the first line of a report without a title line', () => {
    const metadata = metadataOf('浑南区国资局', '根据《条例》相关要求，现公布区政府国资局2022年政府信息公开工作年度报告。', BODY);
    expect(metadata).toMatchObject({ organ: '浑南区国资局', province: '辽宁省', city: '沈阳市', county: '浑南区' });
  });

  it("does not take a site's banner on the first line as the body", () => {
    expect(metadataOf('宿迁市人民政府门户网站', '现将我局2022年政府信息公开工作年度报告公布如下。', BODY).organ).toBeNull();
  });

  it('takes the report printed under its covering letter, not the letter, as the title', () => {
    const metadata = metadataOf(
      '广东省生态环境厅关于报送2020年政府信息公开工作年度报告的函',
      '省政府办公厅：',
      '现报送我厅2020年政府信息公开工作年度报告。',
      '广东省生态环境厅2020年政府信息公开工作年度报告',
      BODY,
    );
    expect(metadata).toMatchObject({
      title: '广东省生态环境厅2020年政府信息公开工作年度报告',
      organ: '广东省生态环境厅',
      level: 'province',
    });
  });

  it('files the report under the bureau whose office is the contact', () => {
    const metadata = metadataOf('本报告根据《条例》编制。如对本报告有任何疑问，请与无锡市锡山区教育局办公室联系。', BODY);
    expect(metadata).toMatchObject({ organ: '无锡市锡山区教育局', county: '锡山区', level: 'county', organKind: 'department' });
  });

  it('reads the contact introduced by 可与 as by 请与', () => {
    const metadata = metadataOf('本报告根据《条例》编制。如对本报告有疑问，可与内江市隆昌生态环境局联系。', BODY);
    expect(metadata).toMatchObject({ organ: '内江市隆昌生态环境局', province: '四川省', city: '内江市' });
  });

  it.each([
    [['一、概述', '2015年，眉山市按照国务院、省政府工作要求，认真贯彻执行《条例》。'], '眉山市', '四川省'],
    [['一、总体情况', '2020年，杨陵区统计局以习近平新时代中国特色社会主义思想为指导，加强统计监测服务。'], '杨陵区统计局', '陕西省'],
    [['一、总体情况 2022年以来，两板桥镇高度重视政府信息公开工作。'], '两板桥镇', '四川省'],
  ])('takes the body the first section starts its account with: %s', (lines, organ, province) => {
    const metadata = metadataOf('根据《条例》要求，编制此报告。报告所列数据的统计期限自2015年1月1日起至2015年12月31日止。', ...lines);
    expect(metadata).toMatchObject({ organ, province });
  });

  it.each([
    ['2022年，我镇持续强化组织领导。'],
    ['2014年，全省各级行政机关按照中央决策部署，深入实施《条例》。'],
    ['2015年，湖南省各级各部门深入贯彻落实党的十八大精神。'],
  ])('does not take the opening sentence of %s as a body', (opening) => {
    expect(metadataOf('根据《条例》要求，编制此报告。', '一、总体情况', opening).organ).toBeNull();
  });

  it('does not take a date or a heading under the title as the body', () => {
    expect(metadataOf('2022年政府信息公开工作年度报告', '(2023年1月20日)', BODY).organ).toBeNull();
    expect(metadataOf('2022年政府信息公开工作年度报告', '一、总体情况', '本年度主动公开信息32条。').organ).toBeNull();
  });

  it('files the report under the body to contact when nothing else names one, without the office inside it', () => {
    const metadata = metadataOf(
      '特向社会公布 2012年度本级政府(机关)信息公开工作年度报告。如对本报告有任何疑问，请与平度市政府办公室政府信息公开领导小组办公室联系。',
      BODY,
    );
    expect(metadata).toMatchObject({
      organ: '平度市政府办公室',
      province: '山东省',
      county: '平度市',
      level: 'county',
      organKind: 'government',
    });
  });

  it('places a street office the division data does not know by the longer name the contact gives', () => {
    const metadata = metadataOf(
      '东城街街道办事处2021年政府信息公开工作年度报告',
      '一、总体情况',
      '如对本年度报告有任何疑问，请与高平市东城街街道办事处政务信息公开办公室联系。',
    );
    expect(metadata).toMatchObject({
      organ: '东城街街道办事处',
      province: '山西省',
      city: '晋城市',
      county: '高平市',
      level: 'township',
      organKind: 'government',
    });
  });

  it('keeps the body the title names when the contact is another office', () => {
    const metadata = metadataOf('沭阳县发展和改革局2023年政府信息公开工作年度报告', '如有疑问，请与宿迁市人民政府办公室联系。', BODY);
    expect(metadata).toMatchObject({ organ: '沭阳县发展和改革局', county: '沭阳县', level: 'county' });
  });
});

describe('national bodies', () => {
  it.each([
    ['国务院办公厅', 'government'],
    ['教育部', 'department'],
    ['生态环境部', 'department'],
    ['国家统计局', 'department'],
    ['海关总署', 'department'],
    ['住房和城乡建设部', 'department'],
  ])('%s is a national %s', (organ, organKind) => {
    expect(metadataOf(`${organ}2019年政府信息公开工作年度报告`, BODY)).toMatchObject({
      organ,
      level: 'national',
      organKind,
      province: null,
    });
  });
});

describe('robustness', () => {
  it('never throws and returns only known levels and kinds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.option(fc.string({ maxLength: 50 })), (text, htmlTitle) => {
        const metadata = extractMetadata({ text, htmlTitle }, 'any.txt');
        expect([null, ...LEVELS]).toContain(metadata.level);
        expect([null, ...ORGAN_KINDS]).toContain(metadata.organKind);
      }),
    );
  });

  it('reads only the start and the end of a very large report', () => {
    const filler = '本年度主动公开政府信息，做好依申请公开工作。\n'.repeat(1_000_000);
    const started = performance.now();
    const metadata = metadataOf('洪泽区人民政府2019年政府信息公开工作年度报告', filler, '洪泽区人民政府', '2020年1月10日');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(metadata).toMatchObject({ year: 2019, publishedAt: '2020-01-10', level: 'county' });
  });
});

describe('organKey', () => {
  it.each([
    [['平潭综合实验区管委会办公室', '平潭综合实验区管委会', '平潭综合实验区']],
    [['淮安市洪泽区人民政府', '洪泽区人民政府', '洪泽区人民政府办公室', '洪泽区']],
    [['重慶市九龍坡區人民政府', '重庆市九龙坡区人民政府', '重庆市 九龙坡区 人民政府']],
    [['平潭综合实验区地方税务局（正文亦称平潭县地税局）', '平潭综合实验区地方税务局']],
    [['重庆市九龙坡区人民政府石桥铺街道办事处', '石桥铺街道办事处', '九龙坡区石桥铺街道']],
    [['沐阳县人民政府办公室', '沐阳县人民政府']],
    [['淮安市人民政府国有资产监督管理委员会', '淮安市国有资产监督管理委员会']],
    [['龙岩市永定县人民政府', '龙岩市永定区人民政府', '福建省龙岩市永定区人民政府办公室']],
    [['密云县人民政府', '北京市密云区人民政府']],
    [['成都高新区管委会', '成都市高新区管理委员会', '四川省成都市高新区']],
    [['东陵区人民政府', '沈阳市东陵区人民政府', '沈阳市浑南区人民政府']],
    [['天津经济技术开发区管理委员会', '天津市经济技术开发区管委会', '天津经济技术开发区']],
  ])('gives one key to the names of one body: %j', (names) => {
    expect(new Set(names.map(organKey)).size).toBe(1);
  });

  it.each([
    ['洪泽区人民政府办公室', '江苏省淮安市洪泽区'],
    ['平潭综合实验区管委会办公室', '福建省平潭综合实验区'],
    ['重庆市九龙坡区人民政府石桥铺街道办事处', '重庆市九龙坡区石桥铺街道'],
    ['沭阳县发展和改革局', '江苏省宿迁市沭阳县发展和改革局'],
    ['淮安市人民政府国有资产监督管理委员会', '江苏省淮安市国有资产监督管理委员会'],
    ['雄安新区管理委员会', '雄安新区'],
    ['朝阳区人民政府', '朝阳区'],
    ['国务院办公厅', '国务院办公厅'],
  ])('keys %s as %s', (organ, key) => {
    expect(organKey(organ)).toBe(key);
  });

  it.each([
    ['上海市科委', '上海市人民政府'],
    ['淮安市国有资产监督管理委员会', '淮安市人民政府'],
    ['沭阳县发展和改革局', '沭阳县人民政府'],
    ['平潭县人民政府', '平潭综合实验区管委会'],
    ['北京市朝阳区人民政府', '长春市朝阳区人民政府'],
    ['密云县人民政府', '云县人民政府'],
    ['莱芜市人民政府', '济南市莱芜区人民政府'],
    ['天津经济技术开发区管理委员会', '天津市人民政府'],
    ['成都高新区管委会', '成都市人民政府'],
    ['重庆市双桥区人民政府', '承德市双桥区人民政府'],
    ['上海市卢湾区人民政府', '上海市人民政府'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(organKey(a)).not.toBe(organKey(b));
  });
});

const SEEDS = SHARED_SEEDS;

describe.skipIf(!existsSync(SEEDS))('seed reports', () => {
  it.each([
    ['000', '重庆市', 'township', 2019],
    ['001', '辽宁省', 'township', 2017],
    ['002', '黑龙江省', 'county', 2009],
    ['003', '吉林省', 'township', 2019],
    ['004', '上海市', 'township', 2020],
  ])('reads seed %s as %s, %s, %i', (prefix, province, level, year) => {
    const file = readdirSync(SEEDS).find((name) => name.startsWith(`${prefix}_`));
    expect(file).toBeDefined();
    const decoded = decode(readFileSync(join(SEEDS, file!)), file!);
    const metadata = extractMetadata(clean(decoded), file!);
    expect(metadata).toMatchObject({ province, level, year });
  });
});
