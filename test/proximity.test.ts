// The proximity rule (core/proximity.ts) and its syntax (core/query.ts): when a NEAR clause holds,
// which occurrences take part, and how it is written.
import { describe, expect, it } from 'vitest';
import { prepareText } from '../core/match.js';
import { queryOccurrences } from '../core/occurrences.js';
import { termHolds, termOccurrences } from '../core/proximity.js';
import { parseQuery, QueryError, type Term } from '../core/query.js';

/** The one term of a query holding a single NEAR clause. */
function nearTerm(q: string): Term {
  const { clauses } = parseQuery(q);
  const clause = clauses[0];
  if (clauses.length !== 1 || clause?.kind !== 'any' || !clause.terms[0]?.near) throw new Error(`not one NEAR clause: ${q}`);
  return clause.terms[0];
}

const holds = (q: string, text: string) => termHolds(prepareText(text), nearTerm(q));

describe('NEAR/n counts units between the two phrases, in either order', () => {
  it.each([
    ['保密审查 NEAR/3 网站', '保密审查一二三网站', true],
    ['保密审查 NEAR/2 网站', '保密审查一二三网站', false],
    ['网站 NEAR/3 保密审查', '保密审查一二三网站', true],
    ['保密审查 NEAR/0 网站', '保密审查网站', true],
    // Whitespace is no unit; a run of punctuation is one; a run of digits is one.
    ['保密审查 NEAR/1 网站', '保密审查 \n ，。网站', true],
    ['保密审查 NEAR/1 网站', '保密审查2019网站', true],
    // After traditional → simplified.
    ['保密审查 NEAR/1 网站', '保密審查的網站', true],
    ['保密审查 NEAR/5 网站', '只有保密审查', false],
    // The same phrase twice must be two occurrences.
    ['审查 NEAR/5 审查', '一次审查', false],
    ['审查 NEAR/5 审查', '审查又审查', true],
    // Overlapping occurrences are at distance 0.
    ['保密审查 NEAR/0 审查', '保密审查', true],
  ])('%s in %j: %s', (q, text, expected) => {
    expect(holds(q, text)).toBe(expected);
  });
});

describe('NEAR/s and NEAR/p: one sentence, one paragraph', () => {
  it.each([
    ['保密审查 NEAR/s 网站', '落实保密审查，加强网站管理。', true],
    ['保密审查 NEAR/s 网站', '落实保密审查。加强网站管理。', false],
    ['保密审查 NEAR/句 网站', '落实保密审查！加强网站管理', false],
    ['保密审查 NEAR/s 网站', '落实保密审查\n加强网站管理', false],
    ['保密审查 NEAR/p 网站', '落实保密审查。加强网站管理。', true],
    ['保密审查 NEAR/段 网站', '落实保密审查。\n加强网站管理。', false],
    ['保密审查 near/P 网站', '网站。保密审查', true],
  ])('%s in %j: %s', (q, text, expected) => {
    expect(holds(q, text)).toBe(expected);
  });
});

describe('the occurrences that take part', () => {
  it('are both phrases’ occurrences that have a partner, and no other', () => {
    const text = '保密审查甲。网站乙乙乙乙乙乙乙乙乙乙乙乙保密审查';
    const found = termOccurrences(prepareText(text), nearTerm('保密审查 NEAR/3 网站')).map((o) => text.slice(o.start, o.end));
    expect(found).toEqual(['保密审查', '网站']);
  });

  it('are what the report page highlights for a NEAR query', () => {
    const section = { heading: '一、概况', text: '保密审查甲网站。其他网站。' };
    const found = queryOccurrences('保密审查 NEAR/2 网站', section).text.map((o) => section.text.slice(o.start, o.end));
    expect(found).toEqual(['保密审查', '网站']);
  });
});

describe('NEAR syntax', () => {
  it.each([
    ['保密审查 NEAR/20 网站', '保密审查 NEAR/20 网站'],
    ['保密审查 ＮＥＡＲ／２０ 网站', '保密审查 NEAR/20 网站'],
    ['保密审查 NEAR 网站', '保密审查 NEAR/10 网站'],
    ['保密审查 NEAR/句 网站', '保密审查 NEAR/s 网站'],
    ['保密审查 NEAR/段 网站', '保密审查 NEAR/p 网站'],
  ])('reads %j as %j', (q, text) => {
    expect(nearTerm(q).text).toBe(text);
  });

  it('is one AND clause among others, and may be OR-ed after', () => {
    const { clauses } = parseQuery('保密审查 NEAR/5 网站 OR 依申请 -复议');
    expect(clauses.map((c) => (c.kind === 'not' ? `-${c.term.text}` : c.terms.map((t) => t.text).join('|')))).toEqual([
      '保密审查 NEAR/5 网站|依申请',
      '-复议',
    ]);
  });

  it('means the same in either order', () => {
    expect(nearTerm('保密审查 NEAR/5 网站').key).toBe(nearTerm('网站 NEAR/5 保密审查').key);
  });

  it('searches a quoted "NEAR" as text', () => {
    expect(parseQuery('保密审查 "NEAR" 网站').clauses).toHaveLength(3);
  });

  it.each(['NEAR 网站', '保密审查 NEAR', '保密审查 NEAR -网站', '甲 OR 乙 NEAR 丙', '甲 NEAR 乙 NEAR 丙', '甲 NEAR/1001 乙'])(
    'refuses %j with a QueryError that says how to write it',
    (q) => {
      expect(() => parseQuery(q)).toThrow(QueryError);
    },
  );
});
