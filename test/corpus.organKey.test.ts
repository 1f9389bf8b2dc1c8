import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createOrganKeyer,
  maskTermsFor,
  mergeOrganAliases,
  OrganAliasError,
  parseOrganAliases,
  type OrganAlias,
} from '../core/corpus/organKey.js';

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

describe('the shipped list extended by a user’s list', () => {
  const user = (aliases: OrganAlias[]) => mergeOrganAliases(shipped, aliases);

  it('puts the user’s entries after the shipped ones, each saying where it comes from', () => {
    const merged = user([{ kind: 'organ', from: '南京市白下区', to: '南京市秦淮区' }]);
    expect(merged.length).toBe(shipped.length + 1);
    expect(merged.at(-1)).toMatchObject({ source: 'user', entry: 0, from: '南京市白下区' });
    expect(merged[0]).toMatchObject({ source: 'shipped', entry: 0 });
  });

  it('lets a user entry with the same kind and name replace a shipped one', () => {
    const merged = user([{ kind: 'organ', from: '上海市科委', to: '上海市科学技术局' }]);
    expect(merged.filter((a) => a.from === '上海市科委')).toEqual([
      { kind: 'organ', from: '上海市科委', to: '上海市科学技术局', source: 'user', entry: 0 },
    ]);
    expect(createOrganKeyer({ aliases: merged })('上海市科委').key).toBe('上海市科学技术局');
  });

  it('lets a user withdraw a shipped alias by mapping a name to itself', () => {
    const merged = user([{ kind: 'organ', from: '上海市科委', to: '上海市科委' }]);
    expect(createOrganKeyer({ aliases: merged })('上海市科委').key).toBe('上海市科委');
  });

  it('lets a user entry replace a shipped one that names the same body another way', () => {
    // 上海市人民政府科委 is keyed as 上海市科委 (the government's infix is folded).
    const merged = user([{ kind: 'organ', from: '上海市人民政府科委', to: '上海市科学技术局' }]);
    expect(createOrganKeyer({ aliases: merged })('上海市科委').key).toBe('上海市科学技术局');
  });

  it('refuses two user entries giving one name two targets, naming the second', () => {
    const conflicting: OrganAlias[] = [
      { kind: 'organ', from: '甲县水利局', to: '甲县水务局' },
      { kind: 'organ', from: '甲县 水利局', to: '甲县农业农村局' },
    ];
    expect(() => user(conflicting)).toThrow(/user alias 1 .*user alias 0/);
  });

  it('names the user entry that closes a cycle through the shipped list', () => {
    let error: unknown;
    try {
      createOrganKeyer({ aliases: user([{ kind: 'organ', from: '上海市科学技术委员会', to: '上海市科委' }]) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OrganAliasError);
    expect(error).toMatchObject({ source: 'user', entry: 0 });
    expect((error as Error).message).toMatch(/user alias 0/);
  });

  it('keys an alias’s names as it keys a body’s, so the division data’s full names match', () => {
    const placeKey = (name: string) => name.replace(/^(南京市)/, '江苏省$1');
    const keyer = createOrganKeyer({ aliases: user([{ kind: 'organ', from: '南京市白下区', to: '南京市秦淮区' }]), placeKey });
    expect(keyer('南京市白下区人民政府').key).toBe('江苏省南京市秦淮区');
  });
});
