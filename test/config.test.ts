// Configuration from the environment: the site's address and where the data folder is.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'nianbao-config-'));
  // A project whose index nianbao made (data/meili), with a sub-folder of reports.
  await mkdir(join(root, 'project', 'data', 'meili'), { recursive: true });
  await mkdir(join(root, 'project', 'reports', '2019'), { recursive: true });
  await mkdir(join(root, 'elsewhere'), { recursive: true });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('HOST', () => {
  it('listens on loopback unless told otherwise', () => {
    expect(loadConfig({}, root).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }, root).host).toBe('0.0.0.0');
  });
});

describe('the data folder', () => {
  it("run from a project's sub-folder, uses the project's data folder instead of making a second one", () => {
    const config = loadConfig({}, join(root, 'project', 'reports', '2019'));
    expect(config.dataDir).toBe(join(root, 'project', 'data'));
    expect(config.dataDirFrom).toBe('found-above');
  });

  it('is ./data where no nianbao data folder is found above', () => {
    const config = loadConfig({}, join(root, 'elsewhere'));
    expect(config.dataDir).toBe(join(root, 'elsewhere', 'data'));
    expect(config.dataDirFrom).toBe('default');
  });

  it('is DATA_DIR when set, relative to the working folder', () => {
    const config = loadConfig({ DATA_DIR: 'mine' }, join(root, 'project', 'reports'));
    expect(config.dataDir).toBe(join(root, 'project', 'reports', 'mine'));
    expect(config.dataDirFrom).toBe('env');
  });
});

describe('MEILI_SHARDS', () => {
  it('is one instance (no shards) when unset', () => {
    expect(loadConfig({}, root).meiliShards).toBeNull();
  });

  it('pairs each address with its admin key and search key, in order', () => {
    const config = loadConfig(
      { MEILI_SHARDS: 'http://10.0.0.1:7700/, http://10.0.0.2:7700', MEILI_SHARD_KEYS: 'a1,a2', MEILI_SHARD_SEARCH_KEYS: 's1,s2' },
      root,
    );
    expect(config.meiliShards).toEqual([
      { host: 'http://10.0.0.1:7700', apiKey: 'a1', searchKey: 's1' },
      { host: 'http://10.0.0.2:7700', apiKey: 'a2', searchKey: 's2' },
    ]);
  });

  it('refuses a key count that does not match the addresses, saying how many of each', () => {
    expect(() => loadConfig({ MEILI_SHARDS: 'http://a:7700,http://b:7700', MEILI_SHARD_KEYS: 'k' }, root)).toThrow(/2 addresses, 1 keys/);
  });

  it('refuses MEILI_SHARDS together with MEILI_HOST', () => {
    expect(() =>
      loadConfig({ MEILI_SHARDS: 'http://a:7700', MEILI_SHARD_KEYS: 'k', MEILI_HOST: 'http://c:7700', MEILI_API_KEY: 'k' }, root),
    ).toThrow(/not both/);
  });
});

describe('ORGAN_ALIASES_FILE', () => {
  it('is the shipped list alone when unset', () => {
    expect(loadConfig({}, root).organAliasesFile).toBeNull();
  });

  it('names a user’s alias file relative to the working folder', () => {
    expect(loadConfig({ ORGAN_ALIASES_FILE: 'aliases.json' }, join(root, 'elsewhere')).organAliasesFile).toBe(
      join(root, 'elsewhere', 'aliases.json'),
    );
  });
});

describe('CONCURRENT_REQUESTS', () => {
  it("is the site's default when unset and a whole number of requests when set", () => {
    expect(loadConfig({}, root).concurrentRequests).toBeNull();
    expect(loadConfig({ CONCURRENT_REQUESTS: '4' }, root).concurrentRequests).toBe(4);
  });

  it('refuses a number of requests that is not a positive whole number', () => {
    expect(() => loadConfig({ CONCURRENT_REQUESTS: '0' }, root)).toThrow(/CONCURRENT_REQUESTS/);
    expect(() => loadConfig({ CONCURRENT_REQUESTS: '2.5' }, root)).toThrow(/CONCURRENT_REQUESTS/);
  });
});
