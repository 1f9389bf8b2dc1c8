import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOrganKeyer, maskTermsFor, OrganAliasError, parseOrganAliases, type OrganAlias } from '../core/corpus/organKey.js';

const shipped = parseOrganAliases(JSON.parse(readFileSync(new URL('../core/corpus/organAliases.json', import.meta.url), 'utf8')));

describe('organ keys', () => {
  const key = (organ: string, aliases: readonly OrganAlias[] = shipped): string => createOrganKeyer({ aliases })(organ).key;

  it.each([
    ['某县人民政府办公室', '某县'],
    ['某县政府办公室', '某县'],
    ['某县人民政府', '某县'],
    ['某综合实验区管委会办公室', '某综合实验区'],
    ['某市人民政府国有资产监督管理委员会', '某市国有资产监督管理委员会'],
    ['某市 交通运输局', '某市交通运输局'],
    ['某县人民政府（某县人民政府办公室编制）', '某县'],
  ])('folds %s into %s', (organ, expected) => {
    expect(key(organ)).toBe(expected);
  });

  it('follows a county that became a district through a place alias', () => {
    expect(key('洪泽县人民政府')).toBe(key('洪泽区人民政府'));
    expect(createOrganKeyer({ aliases: shipped })('洪泽县人民政府').applied.map((a) => a.to)).toEqual(['洪泽区']);
  });

  it('applies a whole-body alias after folding', () => {
    expect(key('上海市科委')).toBe('上海市科学技术委员会');
  });

  it('hands the folded name to the caller’s division data', () => {
    const keyer = createOrganKeyer({ placeKey: (name) => name.replace(/^洪泽区/, '江苏省淮安市洪泽区') });
    expect(keyer('洪泽区人民政府办公室').key).toBe('江苏省淮安市洪泽区');
  });

  it('keeps keys as fixed points', () => {
    for (const organ of ['洪泽县人民政府', '上海市科委', '某市人民政府国有资产监督管理委员会']) expect(key(key(organ))).toBe(key(organ));
  });

  it('refuses a cycle of organ aliases', () => {
    const cyclic: OrganAlias[] = [
      { kind: 'organ', from: '甲委', to: '乙委' },
      { kind: 'organ', from: '乙委', to: '甲委' },
    ];
    expect(() => createOrganKeyer({ aliases: cyclic })).toThrow(OrganAliasError);
  });

  it('names the entry of a malformed alias file', () => {
    expect(() => parseOrganAliases({ aliases: [{ kind: 'place', from: '甲县', to: '' }] })).toThrow(/alias 0/);
    expect(() => parseOrganAliases([])).toThrow(OrganAliasError);
  });
});

describe('maskTermsFor', () => {
  it('masks the name, its folded form and its places', () => {
    expect(maskTermsFor('淮安市洪泽区人民政府')).toEqual(['淮安市洪泽区人民政府', '淮安市洪泽区', '淮安市', '洪泽区']);
  });
});
