// The search syntax (README "Search syntax"):
//   保密审查            a bare term: matched exactly like a phrase
//   "政府 信息公开"      a quoted phrase (whitespace inside is ignored, as everywhere)
//   保密审查 政府网站    several terms: all must match (AND)
//   保密审查 OR 保密检查  either (OR binds tighter than AND: a OR b c = (a OR b) AND c)
//   -政府网站            excludes sections containing the term
//   保密审查 NEAR/20 网站  both within 20 units of each other; NEAR/s in one sentence, NEAR/p in one
//                        paragraph (proximity.ts gives the rule); NEAR alone is NEAR/10
// Quotes may be ASCII "…", full-width ＂…＂ or Chinese “…” / 「…」. The forms people type are
// accepted as the same operators: OR, or, ＯＲ, | and ｜; AND, and, ＆, & and a leading + (AND is the
// default anyway); NOT, - and － before a term, with or without a space after; NEAR/n also as
// NEAR/句 (= /s) and NEAR/段 (= /p), in any case and width. What looks like an operator but is
// searched as text (a wildcard *) is said in `notices`.
import { bigramTerms, unitCodes } from './grams.js';
import { MAX_NEAR_DISTANCE, scopeLabel, type Proximity, type ProximityScope } from './proximity.js';
import { toUnits, unitKey } from './units.js';

/** A term of the query, normalised. */
/** The longest phrase, in units, a query may hold (the gram attributes overlap by as much: index/schema.ts). */
export const PHRASE_MAX_UNITS = 1_000;

/** The query cannot be run as written: the message says how to fix it. Maps to HTTP 400. */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface Term {
  /** As typed (without quotes or the minus sign). */
  text: string;
  /** Unit key (units.ts): identity of the term and the needle for exact matching. */
  key: string;
  /** Unit codes (grams.ts), one per unit (a long word: one per chunk); empty for a proximity clause. */
  codes: string[];
  /** Set when the term is a proximity clause (a NEAR b): it holds by proximity.ts, not as a phrase. */
  near?: Proximity;
}

/** Conjunctive normal form as typed: every clause must hold; a clause is an OR of terms or one exclusion. */
export type Clause = { kind: 'any'; terms: Term[] } | { kind: 'not'; term: Term };

export interface ParsedQuery {
  clauses: Clause[];
  /** Positive terms, deduplicated, for highlighting. */
  positiveTerms: Term[];
  /** What the user typed that reads like an operator but is searched as text, in Chinese. */
  notices: string[];
}

/**
 * What a query means, given whether a section contains a term (by the exact rule, match.ts): every
 * clause holds. The definition the planner's disjoint pieces must add up to (search/plan.ts).
 */
export function queryHolds(query: ParsedQuery, contains: (term: Term) => boolean): boolean {
  return query.clauses.every((clause) => (clause.kind === 'any' ? clause.terms.some(contains) : !contains(clause.term)));
}

export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 10;

const OPEN_QUOTES: Record<string, string> = { '"': '"', '＂': '＂', '“': '”', '「': '」', '”': '”' };
const MINUS = new Set(['-', '－']);
/** Operator words and signs, compared after NFKC (ＯＲ → OR) and upper-casing. */
const OR_WORDS = new Set(['OR', '|', '||']);
const AND_WORDS = new Set(['AND', '&', '&&', '+']);
const NOT_WORDS = new Set(['NOT', '-']);

interface Token {
  kind: 'term' | 'or' | 'and' | 'not' | 'near';
  text: string;
  negated: boolean;
  /** Written in quotes: always text, never an operator. */
  quoted: boolean;
}

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const char = q[i]!;
    if (/\s/u.test(char)) {
      i++;
      continue;
    }
    let negated = false;
    if (MINUS.has(char) && i + 1 < q.length && !/\s/u.test(q[i + 1]!)) {
      negated = true;
      i++;
    } else if (char === '+' && i + 1 < q.length && !/\s/u.test(q[i + 1]!)) {
      // A leading + asks for the term to be present, which every term is.
      i++;
    }
    const close = OPEN_QUOTES[q[i]!];
    if (close) {
      const end = q.indexOf(close, i + 1);
      const stop = end < 0 ? q.length : end;
      tokens.push({ kind: 'term', text: q.slice(i + 1, stop), negated, quoted: true });
      i = stop + 1;
      continue;
    }
    let end = i;
    while (end < q.length && !/\s/u.test(q[end]!) && !(end > i && OPEN_QUOTES[q[end]!])) end++;
    const text = q.slice(i, end);
    i = end;
    tokens.push({ kind: negated ? 'term' : operatorOf(text), text, negated, quoted: false });
  }
  return tokens;
}

/** NEAR, NEAR/20, NEAR/s, NEAR/p, NEAR/句, NEAR/段 (after NFKC and upper-casing). */
const NEAR_OPERATOR = /^NEAR(?:\/(\d+|S|P|句|段))?$/u;
const DEFAULT_NEAR: ProximityScope = { kind: 'units', distance: 10 };

function operatorOf(text: string): Token['kind'] {
  const word = text.normalize('NFKC').toUpperCase();
  if (NEAR_OPERATOR.test(word)) return 'near';
  if (OR_WORDS.has(word)) return 'or';
  if (AND_WORDS.has(word)) return 'and';
  if (NOT_WORDS.has(word)) return 'not';
  return 'term';
}

/** Notices for a term that looks like an operator the syntax does not have. */
function noticesFor(token: Token): string[] {
  if (token.quoted) return [];
  const notices: string[] = [];
  const text = token.text.normalize('NFKC');
  if (/[*?]/.test(text)) notices.push(`“${token.text}”中的 * 或 ? 按文字检索：不支持通配符，请写出完整的词`);
  return notices;
}

export function makeTerm(text: string): Term | null {
  const units = toUnits(text);
  if (units.kinds.length === 0) return null;
  if (units.kinds.length > PHRASE_MAX_UNITS) {
    throw new QueryError(`查询词过长：一个词最多 ${PHRASE_MAX_UNITS} 个字 (a term may have at most ${PHRASE_MAX_UNITS} units)`);
  }
  return { text: text.trim(), key: unitKey(units), codes: unitCodes(units) };
}

const NEAR_NEEDS_TERMS =
  'NEAR 两边各需要一个检索词（如 保密审查 NEAR/20 网站），不能用于排除词，与 OR 合用时请把 NEAR 写在 OR 前面 ' +
  '(NEAR needs one term on each side; it cannot be negated; with OR write the NEAR first)';

function nearScope(operator: string): ProximityScope {
  const written = NEAR_OPERATOR.exec(operator.normalize('NFKC').toUpperCase())?.[1];
  if (written === undefined) return DEFAULT_NEAR;
  if (written === 'S' || written === '句') return { kind: 'sentence' };
  if (written === 'P' || written === '段') return { kind: 'paragraph' };
  const distance = Number(written);
  if (distance > MAX_NEAR_DISTANCE) {
    throw new QueryError(`NEAR 的距离最多 ${MAX_NEAR_DISTANCE} 个字 (NEAR/n allows n up to ${MAX_NEAR_DISTANCE})`);
  }
  return { kind: 'units', distance };
}

/**
 * A proximity clause as one term of the query, so the planner splits, negates and counts it like
 * any term. Its key names the scope and both phrases (in a fixed order: a NEAR b = b NEAR a) and
 * starts with a character no unit key holds, so it never equals a phrase's key.
 */
export function makeNearTerm(left: Term, right: Term, scope: ProximityScope): Term {
  const label = scopeLabel(scope);
  const [first, second] = [left.key, right.key].sort();
  return {
    text: `${left.text} NEAR/${label} ${right.text}`,
    key: `\u0000near/${label}\u0000${first}\u0000${second}`,
    codes: [],
    near: { left, right, scope },
  };
}

/** Parses the query; an empty or whitespace-only query gives no clauses (browse everything). */
export function parseQuery(q: string): ParsedQuery {
  if (q.length > MAX_QUERY_LENGTH) {
    throw new QueryError(`查询过长：最多 ${MAX_QUERY_LENGTH} 个字符 (the query may have at most ${MAX_QUERY_LENGTH} characters)`);
  }
  const clauses: Clause[] = [];
  const notices: string[] = [];
  const tokens = tokenize(q);
  let pendingOr = false;
  let pendingNot = false;
  let pendingNear: { left: Term; scope: ProximityScope } | null = null;
  for (const token of tokens) {
    if (token.kind === 'or') {
      const last = clauses[clauses.length - 1];
      if (last?.kind !== 'any' || pendingNot) throw new QueryError('OR 需要两边都有检索词 (OR needs a term on each side)');
      pendingOr = true;
      continue;
    }
    if (token.kind === 'and') continue;
    if (token.kind === 'not') {
      pendingNot = true;
      continue;
    }
    if (token.kind === 'near') {
      const last = clauses[clauses.length - 1];
      if (pendingOr || pendingNot || pendingNear || last?.kind !== 'any' || last.terms.length !== 1 || last.terms[0]!.near) {
        throw new QueryError(NEAR_NEEDS_TERMS);
      }
      pendingNear = { left: last.terms[0]!, scope: nearScope(token.text) };
      clauses.pop();
      continue;
    }
    const made = makeTerm(token.text);
    if (!made) continue;
    notices.push(...noticesFor(token));
    const negated = token.negated || pendingNot;
    pendingNot = false;
    let term = made;
    if (pendingNear) {
      if (negated) throw new QueryError(NEAR_NEEDS_TERMS);
      term = makeNearTerm(pendingNear.left, made, pendingNear.scope);
      pendingNear = null;
    }
    if (negated) {
      if (pendingOr) throw new QueryError('排除词不能用在 OR 中 (an exclusion cannot be part of OR)');
      clauses.push({ kind: 'not', term });
    } else if (pendingOr) {
      const last = clauses[clauses.length - 1] as Extract<Clause, { kind: 'any' }>;
      if (!last.terms.some((t) => t.key === term.key)) last.terms.push(term);
    } else {
      clauses.push({ kind: 'any', terms: [term] });
    }
    pendingOr = false;
  }
  if (pendingOr) throw new QueryError('OR 需要两边都有检索词 (OR needs a term on each side)');
  if (pendingNot) throw new QueryError('排除符号后面需要检索词 (NOT or - needs a term after it)');
  if (pendingNear) throw new QueryError(NEAR_NEEDS_TERMS);
  // A proximity clause searches both its phrases.
  const weight = (term: Term) => (term.near ? 2 : 1);
  const termCount = clauses.reduce((n, c) => n + (c.kind === 'any' ? c.terms.reduce((m, t) => m + weight(t), 0) : 1), 0);
  if (termCount > MAX_TERMS) {
    throw new QueryError(`检索词过多：最多 ${MAX_TERMS} 个 (at most ${MAX_TERMS} terms)`);
  }
  const positiveTerms: Term[] = [];
  for (const clause of clauses) {
    if (clause.kind !== 'any') continue;
    for (const term of clause.terms) if (!positiveTerms.some((t) => t.key === term.key)) positiveTerms.push(term);
  }
  return { clauses, positiveTerms, notices };
}

/**
 * The Meilisearch phrase for a term: its bigram codes in quotes, or for a one-unit term its code,
 * which only the unitTerms attribute holds (bigram words always contain a 'z').
 */
export function phraseOf(term: Pick<Term, 'codes'>): string {
  return term.codes.length === 1 ? `"${term.codes[0]}"` : `"${bigramTerms(term.codes).join(' ')}"`;
}
