// The planner's exactness claim, for any boolean query: the disjoint pieces it searches never match
// the same section twice, and together they match exactly the sections the query matches. Totals and
// facet counts are sums over the pieces, so this is what makes every count exact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareText } from '../core/match.js';
import { termHolds } from '../core/proximity.js';
import { parseQuery, phraseOf, QueryError, queryHolds, type Term } from '../core/query.js';
import { conjunctionHolds, disjointConjunctions, toDisjunctiveNormalForm, toMeiliPieces, type MeiliPiece } from '../search/plan.js';

// Overlapping on purpose: 公开 is inside 依申请公开, 审查 inside 保密审查.
const WORDS = ['保密审查', '审查', '政府网站', '依申请公开', '公开', '行政复议'];

// A proximity clause, which the planner treats as one term (its negation comes from OR expansion).
const near = fc
  .tuple(fc.constantFrom(...WORDS), fc.constantFrom('NEAR/0', 'NEAR/3', 'NEAR/s', 'NEAR/p'), fc.constantFrom(...WORDS))
  .map((parts) => parts.join(' '));
const clause = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...WORDS), near), { minLength: 1, maxLength: 3 }).map((terms) => terms.join(' OR ')),
  fc.constantFrom(...WORDS).map((word) => `-${word}`),
);
const query = fc.array(clause, { minLength: 1, maxLength: 4 }).map((clauses) => clauses.join(' '));
// A section: some of the words in some order, with text between them.
const section = fc.array(fc.constantFrom(...WORDS, '本年度', '，', '。', '\n'), { maxLength: 8 }).map((parts) => parts.join(''));

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
          const contains = (term: Term) => termHolds(prepared, term);
          const piecesHolding = pieces.filter((piece) => conjunctionHolds(piece, contains)).length;
          expect(piecesHolding).toBe(queryHolds(parsed, contains) ? 1 : 0);
        }
      }),
      { numRuns: 2_000, seed: 20261203 },
    );
  });

  it('writes NEAR clauses as Meilisearch searches that are disjoint and add up to the query, given the rule’s false positives', () => {
    fc.assert(
      fc.property(query, fc.array(section, { minLength: 1, maxLength: 12 }), (q, texts) => {
        let parsed: ReturnType<typeof parseQuery>;
        let conjunctions: ReturnType<typeof disjointConjunctions>;
        try {
          parsed = parseQuery(q);
          conjunctions = disjointConjunctions(toDisjunctiveNormalForm(parsed));
        } catch (error) {
          expect(error).toBeInstanceOf(QueryError);
          return;
        }
        const sections = texts.map((text, i) => ({ id: `s${i}`, prepared: prepareText(text) }));
        // Meilisearch as an ideal phrase matcher: a phrase is found where its units are (the false
        // positives of long phrases are verify.ts's business and tested there).
        const phraseKeys = new Map<string, string>();
        for (const term of parsed.positiveTerms.flatMap((t) => (t.near ? [t.near.left, t.near.right] : [t]))) {
          phraseKeys.set(phraseOf(term), term.key);
        }
        for (const clause of parsed.clauses) if (clause.kind === 'not') phraseKeys.set(phraseOf(clause.term), clause.term.key);
        // What verification finds: the candidates (both phrases present) the rule rejects.
        const wrong = (term: Term) =>
          term.near
            ? sections
                .filter(
                  (s) => termHolds(s.prepared, term.near!.left) && termHolds(s.prepared, term.near!.right) && !termHolds(s.prepared, term),
                )
                .map((s) => s.id)
            : [];
        let pieces: MeiliPiece[];
        try {
          pieces = toMeiliPieces(conjunctions, wrong);
        } catch (error) {
          expect(error).toBeInstanceOf(QueryError);
          return;
        }
        for (const s of sections) {
          const inPiece = (piece: MeiliPiece) =>
            meiliMatches(piece, s.id, (phrase) => termHolds(s.prepared, { key: phraseKeys.get(phrase)! }));
          expect(pieces.filter(inPiece).length).toBe(queryHolds(parsed, (term) => termHolds(s.prepared, term)) ? 1 : 0);
        }
      }),
      { numRuns: 1_000, seed: 20261203 },
    );
  });
});

/** Evaluates a piece as Meilisearch would: every phrase of q (-"…" absent), every id filter. */
function meiliMatches(piece: MeiliPiece, id: string, has: (phrase: string) => boolean): boolean {
  for (const [, minus, phrase] of piece.q.matchAll(/(-?)("[^"]*")/g)) {
    if (has(phrase!) === (minus === '-')) return false;
  }
  return piece.filters.every((filter) => {
    const [, not, list] = /^(NOT )?id IN \[(.*)\]$/.exec(filter) ?? [];
    if (list === undefined) throw new Error(`unexpected filter ${filter}`);
    const ids = list.split(', ').map((quoted) => JSON.parse(quoted) as string);
    return ids.includes(id) !== (not === 'NOT ');
  });
}
