import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodejieba from 'nodejieba';
import { describe, expect, it } from 'vitest';
import { createKeyTermExtractor, prunedDictionary } from '../indexer/keyTerms.js';

const lines = (buffer: Buffer): string[] => buffer.toString('utf8').split('\n').filter(Boolean);

describe('prunedDictionary', () => {
  it('keeps the words seen at least the minimum number of times, in their order', () => {
    const dictionary = Buffer.from('信息 12256 n\n年报 3 n\n部门 16543 n\n结转 21 v\n');
    expect(lines(prunedDictionary(dictionary, 21))).toEqual(['信息 12256 n', '部门 16543 n', '结转 21 v']);
  });

  it('reads the last line without a line break', () => {
    expect(lines(prunedDictionary(Buffer.from('年报 3 n\n部门 16543 n'), 4))).toEqual(['部门 16543 n']);
  });

  it('reads a frequency that ends the line, or ends before a carriage return', () => {
    expect(lines(prunedDictionary(Buffer.from('部门 16543\n年报 3\r\n信息 12256\r\n'), 4))).toEqual(['部门 16543', '信息 12256\r']);
  });

  it('leaves out a line without a frequency', () => {
    expect(lines(prunedDictionary(Buffer.from('部门\n年报 n\n\n信息 12256 n\n'), 0))).toEqual(['信息 12256 n']);
  });
});

describe('key terms with the pruned dictionary', () => {
  const keyTerms = createKeyTermExtractor();

  it('keeps disclosure vocabulary whole', () => {
    const text =
      '本机关认真做好年度报告编制工作，严格落实保密审查制度。年度报告所列数据截至12月31日。发布前开展保密审查，年度报告经领导审定后公开。';
    expect(keyTerms(text)).toEqual(expect.arrayContaining(['年度报告', '保密审查']));
  });

  it('gives no terms for blank text', () => {
    expect(keyTerms('  \n ')).toEqual([]);
  });
});

describe('loading the pruned dictionary', () => {
  // A process killed while jieba loads (about a second) must not leave the dictionary behind.
  it('has removed its temp folder before jieba reads the dictionary', () => {
    const temp = mkdtempSync(join(tmpdir(), 'keyterms-test-'));
    const { TMPDIR } = process.env;
    const load = nodejieba.load;
    const seenWhileLoading: string[][] = [];
    process.env.TMPDIR = temp;
    nodejieba.load = (dicts) => {
      seenWhileLoading.push(readdirSync(temp));
      return load(dicts);
    };
    try {
      const keyTerms = createKeyTermExtractor();
      expect(seenWhileLoading).toEqual([[]]);
      expect(readdirSync(temp)).toEqual([]);
      expect(keyTerms('发布前开展保密审查。严格落实保密审查制度，保密审查工作。')).toContain('保密审查');
    } finally {
      nodejieba.load = load;
      if (TMPDIR === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = TMPDIR;
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
