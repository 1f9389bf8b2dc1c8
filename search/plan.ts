// From a parsed query to Meilisearch searches whose results can simply be added up.
//
// Meilisearch has AND (all phrases must match) and NOT (-"phrase") in `q`, and OR only in filters.
// A query with OR is rewritten into disjunctive normal form and then into *disjoint* conjunctions
// (C1, C2 ∧ ¬C1, C3 ∧ ¬C1 ∧ ¬C2, expanded so each is a plain conjunction): no section matches two of
// them, so their totals and facet counts add up to the exact counts of the whole query. A proximity
// clause (a NEAR b) is one term here: searched as both phrases, its false positives excluded by id.
import { quoteFilterValue } from '../index/filters.js';
import { phraseOf, QueryError, type ParsedQuery, type Term } from '../core/query.js';
import { dictionaryPhraseId } from '../core/phraseDictionary.js';

export interface SignedTerm {
  term: Term;
  negated: boolean;
}

/** A set of terms that must all hold (negated ones must not occur). */
export type Conjunction = SignedTerm[];

/** One Meilisearch search: `q` and filter expressions to AND with the user's facet filters. */
export interface MeiliPiece {
  q: string;
  filters: string[];
}

/** Whether a section holds a conjunction, given whether it contains each term (the exact rule). */
export function conjunctionHolds(conjunction: Conjunction, contains: (term: Term) => boolean): boolean {
  return conjunction.every(({ term, negated }) => contains(term) !== negated);
}

export const MAX_PIECES = 32;
/** Meilisearch uses at most 10 query terms; a quoted phrase counts as one. */
const MAX_MEILI_TERMS = 10;

export function toDisjunctiveNormalForm(query: ParsedQuery): Conjunction[] {
  let conjunctions: Conjunction[] = [[]];
  for (const clause of query.clauses) {
    if (clause.kind === 'not') {
      conjunctions = conjunctions.map((c) => [...c, { term: clause.term, negated: true }]);
      continue;
    }
    const next: Conjunction[] = [];
    for (const conjunction of conjunctions) {
      for (const term of clause.terms) next.push([...conjunction, { term, negated: false }]);
    }
    conjunctions = next.map(simplify).filter((c): c is Conjunction => c !== null);
    if (conjunctions.length > MAX_PIECES) throw tooComplex();
  }
  return conjunctions.map(simplify).filter((c): c is Conjunction => c !== null);
}

/** Removes repeated terms; null when the conjunction requires a term and its absence. */
function simplify(conjunction: Conjunction): Conjunction | null {
  const byKey = new Map<string, SignedTerm>();
  for (const signed of conjunction) {
    const seen = byKey.get(signed.term.key);
    if (seen && seen.negated !== signed.negated) return null;
    byKey.set(signed.term.key, signed);
  }
  return [...byKey.values()];
}

/** Rewrites C1 ∨ C2 ∨ … as a union of pairwise disjoint conjunctions (Shannon expansion). */
export function disjointConjunctions(conjunctions: Conjunction[]): Conjunction[] {
  const pieces: Conjunction[] = [];
  conjunctions.forEach((conjunction, i) => {
    let current: Conjunction[] = [conjunction];
    for (const earlier of conjunctions.slice(0, i)) {
      const next: Conjunction[] = [];
      for (const piece of current) {
        // piece ∧ ¬(l1 ∧ … ∧ lk) = ∨m (piece ∧ l1 ∧ … ∧ l(m-1) ∧ ¬lm), pairwise disjoint.
        earlier.forEach((literal, m) => {
          const candidate = simplify([...piece, ...earlier.slice(0, m), { term: literal.term, negated: !literal.negated }]);
          if (candidate) next.push(candidate);
        });
      }
      current = next;
      if (pieces.length + current.length > MAX_PIECES) throw tooComplex();
    }
    pieces.push(...current);
  });
  return pieces;
}

/**
 * Meilisearch searches for disjoint conjunctions. `falsePositives(term)` gives, for a term whose
 * phrase the index cannot certify, the ids of sections Meilisearch returns for it that do not
 * contain it (found by verification); a term's exact set is then candidates ∖ falsePositives.
 */
export function toMeiliPieces(
  conjunctions: Conjunction[],
  falsePositives: (term: Term) => readonly string[],
  /** Whether the index records this term per section (phraseDictionary.ts): then it is a filter. */
  recorded: (term: Term) => boolean = () => false,
): MeiliPiece[] {
  const pieces: MeiliPiece[] = [];
  for (const conjunction of conjunctions) {
    // Each negated term with false positives doubles the piece: not a candidate at all, or a
    // false positive (a candidate that does not really contain it) — disjoint alternatives.
    let variants: Array<{ phrases: string[]; filters: string[] }> = [{ phrases: [], filters: [] }];
    for (const { term, negated } of conjunction) {
      if (term.near) {
        variants = variants.flatMap((variant) => nearVariants(variant, term, negated, falsePositives(term)));
        continue;
      }
      // A recorded phrase is a filter; every other term (one unit: its code word) is a phrase in q.
      const asFilter = recorded(term);
      const wrong = asFilter ? [] : falsePositives(term);
      const expression = asFilter ? `phrases = ${quoteFilterValue(dictionaryPhraseId(term.key))}` : phraseOf(term);
      variants = variants.flatMap((variant) => {
        if (!negated) {
          const filters = wrong.length > 0 ? [...variant.filters, `NOT id IN ${idList(wrong)}`] : variant.filters;
          return [asFilter ? { ...variant, filters: [...filters, expression] } : { phrases: [...variant.phrases, expression], filters }];
        }
        const absent = asFilter
          ? { ...variant, filters: [...variant.filters, `NOT ${expression}`] }
          : { ...variant, phrases: [...variant.phrases, `-${expression}`] };
        return wrong.length > 0 ? [absent, { ...variant, filters: [...variant.filters, `id IN ${idList(wrong)}`] }] : [absent];
      });
    }
    for (const variant of variants) {
      if (variant.phrases.length > MAX_MEILI_TERMS) {
        throw new QueryError(`一组条件中最多 ${MAX_MEILI_TERMS} 个检索词 (at most ${MAX_MEILI_TERMS} terms per alternative)`);
      }
      pieces.push({ q: variant.phrases.join(' '), filters: variant.filters });
    }
  }
  if (pieces.length > MAX_PIECES) throw tooComplex();
  return pieces;
}

interface Variant {
  phrases: string[];
  filters: string[];
}

/**
 * A proximity clause (a NEAR b) as Meilisearch searches. Its candidates are the sections holding
 * both phrases ("a" "b"); `wrong` are the candidates the rule rejects (verify.ts). Present: both
 * phrases, minus `wrong`. Absent: the complement, as disjoint alternatives — not a; a but not b;
 * or one of `wrong`.
 */
function nearVariants(variant: Variant, term: Term, negated: boolean, wrong: readonly string[]): Variant[] {
  const { left, right } = term.near!;
  const [a, b] = [phraseOf(left), phraseOf(right)];
  if (!negated) {
    const filters = wrong.length > 0 ? [...variant.filters, `NOT id IN ${idList(wrong)}`] : variant.filters;
    return [{ phrases: [...variant.phrases, a, b], filters }];
  }
  return [
    { ...variant, phrases: [...variant.phrases, `-${a}`] },
    ...(a === b ? [] : [{ ...variant, phrases: [...variant.phrases, a, `-${b}`] }]),
    ...(wrong.length > 0 ? [{ ...variant, filters: [...variant.filters, `id IN ${idList(wrong)}`] }] : []),
  ];
}

function idList(ids: readonly string[]): string {
  return `[${ids.map(quoteFilterValue).join(', ')}]`;
}

function tooComplex(): QueryError {
  return new QueryError(`查询过于复杂：OR 组合最多展开为 ${MAX_PIECES} 组 (too many OR combinations; simplify the query)`);
}
