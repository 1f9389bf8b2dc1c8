// The alias list in force: the shipped list extended by a user's file, its fingerprint, and the
// messages that name the file and the entry to fix when the file is broken.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganAliasError, type OrganAlias } from '../core/corpus/organKey.js';
import { organAliasesInForce, organAliasFingerprint } from '../indexer/organAliases.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'nianbao-aliases-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const userFile = async (name: string, content: unknown): Promise<string> => {
  const path = join(folder, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const BAIXIA: OrganAlias = { kind: 'organ', from: '南京市白下区', to: '南京市秦淮区', since: 2013 };

describe('organAliasFingerprint', () => {
  it('is the same for the same entries, whatever their notes and years', () => {
    expect(organAliasFingerprint([BAIXIA])).toBe(organAliasFingerprint([{ ...BAIXIA, since: 2012, note: '合并' }]));
  });

  it('changes when a target changes', () => {
    expect(organAliasFingerprint([BAIXIA])).not.toBe(organAliasFingerprint([{ ...BAIXIA, to: '南京市玄武区' }]));
  });

  it('changes with the order of the entries (place aliases apply in order)', () => {
    const other: OrganAlias = { kind: 'place', from: '甲县', to: '甲区' };
    expect(organAliasFingerprint([BAIXIA, other])).not.toBe(organAliasFingerprint([other, BAIXIA]));
  });
});

describe('organAliasesInForce', () => {
  it('joins two bodies a user’s file maps together, in the organ keys of their reports', async () => {
    const shipped = organAliasesInForce(null);
    expect(shipped.reportOrganKey('南京市白下区人民政府', '江苏省')).not.toBe(shipped.reportOrganKey('南京市秦淮区人民政府', '江苏省'));
    const user = organAliasesInForce(await userFile('join.json', { aliases: [BAIXIA] }));
    expect(user.reportOrganKey('南京市白下区人民政府', '江苏省')).toBe(user.reportOrganKey('南京市秦淮区人民政府', '江苏省'));
    expect(user.fingerprint).not.toBe(shipped.fingerprint);
    expect(user.entries.at(-1)).toMatchObject({ source: 'user', entry: 0 });
  });

  it('refuses a cyclic file, naming the file and the entry', async () => {
    const path = await userFile('cycle.json', { aliases: [BAIXIA, { kind: 'organ', from: '南京市秦淮区', to: '南京市白下区' }] });
    expect(() => organAliasesInForce(path)).toThrow(OrganAliasError);
    expect(() => organAliasesInForce(path)).toThrow(new RegExp(`^${path}: .*cycle.*user alias 1`));
  });

  it('refuses a malformed entry, naming the file and the entry', async () => {
    const path = await userFile('bad.json', { aliases: [BAIXIA, { kind: 'body', from: '甲', to: '乙' }] });
    expect(() => organAliasesInForce(path)).toThrow(new RegExp(`^${path}: alias 1: "kind"`));
  });

  it('refuses a file that is not JSON, naming it', async () => {
    const path = await userFile('broken.json', '{ "aliases": [');
    expect(() => organAliasesInForce(path)).toThrow(new RegExp(`^${path}: not JSON`));
  });

  it('refuses a file that is not there, naming it', () => {
    expect(() => organAliasesInForce(join(folder, 'missing.json'))).toThrow(/missing\.json: cannot be read \(ENOENT\)/);
  });
});
