// The within-report checks: each identity the printed tables must satisfy, evaluated on the cells
// as read. Only identities whose every number is known are listed; a printed total left blank is
// no total (see types.ts). Inferred cells take part: an identity they were computed from holds by
// construction, any other one still tests them.
import { amount, hasNumber, identityHolds, type CellValue } from './cells.js';
import { requestIdentities } from './identities.js';
import { printedIn, sideSum, type RequestCells } from './requests.js';
import { REVIEW_GROUPS } from './review.js';
import { APPLICANT_COLUMNS, type ProseTotal, type StatisticsCheck } from './types.js';

export function checkRequests(cells: RequestCells): StatisticsCheck[] {
  const checks: StatisticsCheck[] = [];
  for (const identity of requestIdentities(new Set(cells.keys()))) {
    APPLICANT_COLUMNS.forEach((column, c) => {
      const expected = sideSum(identity.lhs, cells, c);
      const found = sideSum(identity.rhs, cells, c);
      const printedTotal = cells.get('total')?.[c];
      if (expected === null || found === null || !printedIn(identity.lhs, cells, c)) return;
      if (identity.id === 'total' && printedTotal && !hasNumber(printedTotal)) return;
      checks.push({
        id: `requests.${identity.id}.${column}`,
        ok: near(expected, found),
        expected,
        found,
        detail: `${identity.lhs.join(' + ')} = ${identity.rhs.join(' + ')} (${column})`,
      });
    });
  }
  for (const [row, values] of cells) {
    const check = rowSum(values, 6);
    if (check) checks.push({ id: `requests.row.${row}`, ...check, detail: `${row}: natural + … + otherOrg = total` });
  }
  return checks;
}

export function checkReview(cells: readonly CellValue[]): StatisticsCheck[] {
  return REVIEW_GROUPS.flatMap((group, g) => {
    const check = rowSum(cells.slice(g * 5, g * 5 + 5), 4);
    return check ? [{ id: `${group}.total`, ...check, detail: `${group}: upheld + corrected + other + pending = total` }] : [];
  });
}

function rowSum(values: readonly CellValue[], totalAt: number): Omit<StatisticsCheck, 'id' | 'detail'> | null {
  const total = values[totalAt];
  const parts = values.slice(0, totalAt).map(amount);
  if (!total || !hasNumber(total) || parts.some((v) => v === null) || !values.slice(0, totalAt).some(hasNumber)) return null;
  const identity = { parts: parts.map((_, i) => i), total: totalAt };
  const expected = (parts as number[]).reduce((a, b) => a + b, 0);
  return { ok: identityHolds(values, identity), expected, found: total.value! };
}

/** A quoted total agrees with 一、本年新收 (or with 一 + 二, which some reports call 受理). */
export function checkProse(prose: readonly ProseTotal[], cells: RequestCells): StatisticsCheck[] {
  const received = sideSum(['newReceived'], cells, 6);
  const withCarried = sideSum(['newReceived', 'carriedOver'], cells, 6);
  if (received === null || !hasNumber(cells.get('newReceived')![6]!)) return [];
  return prose.map((quoted) => ({
    id: 'prose.newReceived',
    ok: quoted.value === received || quoted.value === withCarried,
    expected: quoted.value,
    found: received,
    detail:
      quoted.value === withCarried && quoted.value !== received
        ? 'the prose quotes 本年新收 + 上年结转'
        : `the prose quotes ${quoted.value} requests at offset ${quoted.offset}; 表三 一、本年新收 总计 is ${received}`,
  }));
}

const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;
