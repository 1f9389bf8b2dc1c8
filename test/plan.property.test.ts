// The planner's exactness claim, for any boolean query: the disjoint pieces it searches never match
// the same section twice, and together they match exactly the sections the query matches. Totals and
// facet counts are sums over the pieces, so this is what makes every count exact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPhraseKey, prepareText } from '../core/match.js';
import { parseQuery, QueryError, queryHolds, type Term } from '../core/query.js';
import { conjunctionHolds, disjointConjunctions, toDisjunctiveNormalForm } from '../search/plan.js';

// Overlapping on purpose: 公开 is inside 依申请公开, 审查 inside 保密审查.
const WORDS = ['保密审查', '审查', '政府网站', '依申请公开', '公开', '行政复议'];

const clause = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((terms) => terms.join(' OR ')),
  fc.constantFrom(...WORDS).map((word) => `-${word}`),
);
const query = fc.array(clause, { minLength: 1, maxLength: 4 }).map((clauses) => clauses.join(' '));
// A section: some of the words in some order, with text between them.
const section = fc.array(fc.constantFrom(...WORDS, '本年度', '，', '\n'), { maxLength: 8 }).map((parts) => parts.join(''));

describe('the planner', () => {
  it('splits any boolean query into pieces that are disjoint and together match exactly what the query matches', () => {
    fc.assert(
      fc.property(query, fc.array(section, { minLength: 1, maxLength: 20 }), (q, sections) => {
        let parsed: ReturnType<typeof parseQuery>;
        let pieces: ReturnType<typeof disjointConjunctions>;
        try {
          parsed = parseQuery(q);
          pieces = disjointConjunctions(toDisjunctiveNormalForm(parsed));
        } catch (error) {
          // A query with too many terms or too complex to split is refused (QueryError), never answered inexactly.
          expect(error).toBeInstanceOf(QueryError);
          return;
        }
        for (const text of sections) {
          const prepared = prepareText(text);
          const contains = (term: Term) => containsPhraseKey(prepared, term.key);
          const piecesHolding = pieces.filter((piece) => conjunctionHolds(piece, contains)).length;
          expect(piecesHolding).toBe(queryHolds(parsed, contains) ? 1 : 0);
        }
      }),
      { numRuns: 2_000, seed: 20261203 },
    );
  });
});
