import { describe, expect, it } from 'vitest';
import { findPlaces, fullPlaceName, lookupPlace, resolvePlace } from '../indexer/divisions.js';

describe('lookupPlace', () => {
  it.each([
    ['平房区', '黑龙江省', '哈尔滨市', 'county'],
    ['沭阳县', '江苏省', '宿迁市', 'county'],
    ['桦甸市', '吉林省', '吉林市', 'county'],
    ['淮安市', '江苏省', '淮安市', 'city'],
    ['辽宁省', '辽宁省', null, 'province'],
    ['红石砬子镇', '吉林省', '吉林市', 'township'],
    ['新成路街道', '上海市', '上海市', 'township'],
  ])('places %s in %s %s at level %s', (name, province, city, level) => {
    const [division, ...others] = lookupPlace(name);
    expect(others).toEqual([]);
    expect(division).toMatchObject({ province, city, level });
  });

  it('knows both 朝阳区: Beijing and Changchun', () => {
    expect(lookupPlace('朝阳区').map(fullPlaceName).sort()).toEqual(['北京市朝阳区', '吉林省长春市朝阳区']);
  });

  it('makes a municipality a province and its districts counties of that municipality', () => {
    expect(lookupPlace('重庆市')).toMatchObject([{ level: 'province', province: '重庆市', city: null }]);
    expect(lookupPlace('九龙坡区')).toMatchObject([{ level: 'county', province: '重庆市', city: '重庆市' }]);
  });

  it('finds a province by its short name', () => {
    expect(lookupPlace('福建')).toMatchObject([{ name: '福建省', level: 'province' }]);
  });

  it('lists a city without counties once, as a city', () => {
    expect(lookupPlace('东莞市')).toMatchObject([{ level: 'city', county: null }]);
  });

  it('finds a place under the spelling traditional→simplified conversion gives it', () => {
    expect(lookupPlace('干安县')).toMatchObject([{ name: '乾安县', province: '吉林省' }]);
  });

  it('knows 平潭综合实验区 as a city-level zone of Fujian, which the dataset does not list', () => {
    expect(lookupPlace('平潭综合实验区')).toMatchObject([{ province: '福建省', level: 'city', county: null }]);
  });

  it.each(['开发区', '城区', '市辖区', '街道', '城南'])('does not treat the generic name %s as a place', (name) => {
    expect(lookupPlace(name)).toEqual([]);
  });
});

describe('findPlaces', () => {
  it('reads a chain of place names, longest first', () => {
    expect(findPlaces('黑龙江省哈尔滨市平房区人民政府').map((m) => m.name)).toEqual(['黑龙江省', '哈尔滨市', '平房区']);
  });

  it('prefers the longer name where a shorter one starts at the same place', () => {
    expect(findPlaces('吉林市人民政府').map((m) => m.name)).toEqual(['吉林市']);
  });

  it('gives offsets into the text', () => {
    const [mention] = findPlaces('关于沭阳县的报告');
    expect(mention).toMatchObject({ name: '沭阳县', start: 2, end: 5 });
  });

  it('finds nothing in text without place names', () => {
    expect(findPlaces('本报告所列数据的统计期限')).toEqual([]);
  });
});

describe('resolvePlace', () => {
  it('resolves an ambiguous township through the district before it', () => {
    const resolution = resolvePlace(findPlaces('新抚区站前街道'));
    expect(resolution?.division).toMatchObject({ name: '站前街道', province: '辽宁省', city: '抚顺市', county: '新抚区' });
  });

  it.each([
    ['北京市', '北京市'],
    ['吉林省长春市', '吉林省'],
  ])('resolves 朝阳区 from the report mentioning %s', (context, province) => {
    const resolution = resolvePlace(findPlaces('朝阳区'), findPlaces(`本报告由${context}朝阳区编制`));
    expect(resolution?.province).toBe(province);
    expect(resolution?.division).not.toBeNull();
  });

  it('leaves an ambiguous name unresolved but keeps what its readings agree on', () => {
    const resolution = resolvePlace(findPlaces('朝阳区'), []);
    expect(resolution).toMatchObject({ division: null, province: null, level: 'county' });
    expect(resolution?.candidates).toHaveLength(2);
  });

  it('returns null for no place names', () => {
    expect(resolvePlace([])).toBeNull();
  });
});

describe('fullPlaceName', () => {
  it.each([
    ['平房区', '黑龙江省哈尔滨市平房区'],
    ['嘉定区', '上海市嘉定区'],
    ['上海市', '上海市'],
    ['平潭综合实验区', '福建省平潭综合实验区'],
  ])('writes %s as %s', (name, full) => {
    expect(fullPlaceName(lookupPlace(name)[0]!)).toBe(full);
  });
});
