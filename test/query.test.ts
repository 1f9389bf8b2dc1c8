import { describe, expect, it } from 'vitest';
import { disjointConjunctions, toDisjunctiveNormalForm, toMeiliPieces } from '../search/plan.js';
import { parseQuery, QueryError } from '../core/query.js';
import { literalNeedle } from '../search/verify.js';

const shape = (q: string) =>
  parseQuery(q).clauses.map((c) => (c.kind === 'not' ? `-${c.term.text}` : c.terms.map((t) => t.text).join('|')));

describe('query syntax', () => {
  it.each([
    ['保密审查', ['保密审查']],
    ['"保密 审查"', ['保密 审查']],
    ['“政府网站”', ['政府网站']],
    ['保密审查 政府网站', ['保密审查', '政府网站']],
    ['保密审查 OR 保密检查 政府网站', ['保密审查|保密检查', '政府网站']],
    ['保密审查 -政府网站', ['保密审查', '-政府网站']],
    ['-"政府 网站"', ['-政府 网站']],
    ['', []],
    ['   ', []],
  ])('parses %j', (q, expected) => {
    expect(shape(q)).toEqual(expected);
  });

  it.each(['OR 保密', '保密 OR', '保密 OR -审查', 'x'.repeat(501)])('rejects %j with a QueryError', (q) => {
    expect(() => parseQuery(q)).toThrow(QueryError);
  });

  it.each([
    ['保密审查 AND 政府网站', ['保密审查', '政府网站']],
    ['保密审查 and 政府网站', ['保密审查', '政府网站']],
    ['保密审查 ＡＮＤ 政府网站', ['保密审查', '政府网站']],
    ['保密审查 & 政府网站', ['保密审查', '政府网站']],
    ['+保密审查 +政府网站', ['保密审查', '政府网站']],
    ['保密审查 or 保密检查', ['保密审查|保密检查']],
    ['保密审查 ＯＲ 保密检查', ['保密审查|保密检查']],
    ['保密审查 ｜ 保密检查', ['保密审查|保密检查']],
    ['＂保密 审查＂', ['保密 审查']],
    ['保密审查 －政府网站', ['保密审查', '-政府网站']],
    ['保密审查 - 政府网站', ['保密审查', '-政府网站']],
    ['保密审查 NOT 政府网站', ['保密审查', '-政府网站']],
    ['"OR" 保密审查', ['OR', '保密审查']],
    ['互联网+政务服务', ['互联网+政务服务']],
  ])('accepts the operator form people type: %j', (q, expected) => {
    expect(shape(q)).toEqual(expected);
    expect(parseQuery(q).notices).toEqual([]);
  });

  it.each([['政府*', /通配符/]])('says when %j reads like an operator but is searched as text', (q, notice) => {
    expect(parseQuery(q).notices.join(' ')).toMatch(notice);
  });

  it.each(['保密审查 -', '保密审查 NOT', 'NOT OR 保密'])('rejects %j, an exclusion without its term', (q) => {
    expect(() => parseQuery(q)).toThrow(QueryError);
  });

  it('treats a traditional term as its simplified form', () => {
    expect(parseQuery('報告').positiveTerms[0]!.key).toBe(parseQuery('报告').positiveTerms[0]!.key);
  });
});

describe('query plan', () => {
  // False positives are given for the long phrase 政府信息公开 only, as verification would.
  const pieces = (q: string, falsePositives: string[] = []) =>
    toMeiliPieces(disjointConjunctions(toDisjunctiveNormalForm(parseQuery(q))), (term) =>
      term.text === '政府信息公开' ? falsePositives : [],
    );

  it('runs one search for a conjunction', () => {
    expect(pieces('保密审查 政府网站')).toHaveLength(1);
  });

  it('splits an OR into disjoint searches: a, then b and not a', () => {
    const [first, second] = pieces('保密审查 OR 保密检查');
    expect(first!.q.split('" "')).toHaveLength(1);
    expect(second!.q).toMatch(/^"[a-z ]+" -"[a-z ]+"$/);
  });

  it('searches a one-unit term as its code word, which only unitTerms holds', () => {
    const [piece] = pieces('报');
    expect(piece!.q).toMatch(/^"[a-w]{2,4}"$/);
    expect(piece!.filters).toEqual([]);
  });

  it('turns a phrase the index records per section into a filter on phrases', () => {
    const recorded = toMeiliPieces(
      disjointConjunctions(toDisjunctiveNormalForm(parseQuery('政府信息公开'))),
      () => [],
      () => true,
    );
    expect(recorded).toEqual([{ q: '', filters: ['phrases = "p0"'] }]);
  });

  it('excludes known false positives of a positive term by id', () => {
    const [piece] = pieces('政府信息公开', ['r-1']);
    expect(piece!.filters).toEqual(['NOT id IN ["r-1"]']);
  });

  it('adds the false positives of an excluded term back as a second, disjoint search', () => {
    const result = pieces('保密审查 -政府信息公开', ['r-1']);
    expect(result).toHaveLength(2);
    expect(result[1]!.filters).toEqual(['id IN ["r-1"]']);
    expect(result[1]!.q).not.toContain('-');
  });
});

describe('verification shortcut', () => {
  it.each([
    ['政府信息公开', '政府信息公开'],
    ['政府信息 公开', '政府信息 公开'],
    ['AB角', null],
    ['保密，', null],
    ['報(bào)告', null],
  ])('%s is proven by a verbatim occurrence: %s', (text, expected) => {
    expect(literalNeedle(parseQuery(`"${text}"`).positiveTerms[0]!)).toBe(expected);
  });
});
