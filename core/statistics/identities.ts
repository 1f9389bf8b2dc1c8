// The arithmetic 表三 obeys, per applicant column, as data: the solver uses it to choose between
// readings of glued digits and to fill a lost row, the checks to report what does not add up.
import { OUTCOME_GROUPS } from './labels.js';
import type { RequestRow } from './types.js';

/** Σ lhs = Σ rhs in every column. `rhs` holds the printed total(s). */
export interface ColumnIdentity {
  id: 'balance' | 'total';
  lhs: readonly RequestRow[];
  rhs: readonly RequestRow[];
}

/**
 * 一 + 二 = （七） + 四, and （七） = the outcome rows: a group counts through its parent row when
 * the report printed one, else through the sub-rows it printed (a group none of whose rows are
 * printed makes the identity unusable: `rows` lacks them and the caller skips it).
 */
export function requestIdentities(printed: ReadonlySet<RequestRow>): ColumnIdentity[] {
  const outcomes: RequestRow[] = [];
  for (const group of OUTCOME_GROUPS) {
    if (group.children.length === 0 || printed.has(group.parent)) outcomes.push(group.parent);
    else {
      // A group counts through all its sub-rows: one lost makes the identity unknown, not smaller.
      const some = group.children.some((row) => printed.has(row));
      outcomes.push(...(some ? group.children : [group.parent]));
    }
  }
  return [
    { id: 'balance', lhs: ['newReceived', 'carriedOver'], rhs: ['total', 'carriedForward'] },
    { id: 'total', lhs: outcomes, rhs: ['total'] },
  ];
}

/** The sub-rows a template prints for a group whose rows are all lost, for inference. */
export function expectedRows(printed: ReadonlySet<RequestRow>): RequestRow[] {
  const rows: RequestRow[] = ['newReceived', 'carriedOver', 'total', 'carriedForward'];
  for (const group of OUTCOME_GROUPS) {
    if (group.children.length === 0) rows.push(group.parent);
    else if (printed.has(group.parent)) continue;
    // （六） is one row in the 2019 template and three in 2021: expect the three only if one is printed.
    else if (group.parent !== 'otherHandling' || group.children.some((row) => printed.has(row))) rows.push(...group.children);
  }
  return rows;
}
