// Checks between two consecutive reports of the same organ: what one year carries forward the
// next carries over, and 表二's 现行有效件数 moves by what was issued and repealed.
// The caller decides that the two reports are the same organ's, one year apart.
import { APPLICANT_COLUMNS, type ReportStatistics, type StatisticsCheck } from './types.js';

export function checkAcrossYears(previous: ReportStatistics, current: ReportStatistics): StatisticsCheck[] {
  const checks: StatisticsCheck[] = [];
  const forward = previous.requests.carriedForward;
  const over = current.requests.carriedOver;
  for (const column of APPLICANT_COLUMNS) {
    const expected = forward?.[column] ?? null;
    const found = over?.[column] ?? null;
    if (expected === null || found === null) continue;
    checks.push({
      id: `acrossYears.carriedOver.${column}`,
      ok: expected === found,
      expected,
      found,
      detail: `last year's carriedForward = this year's carriedOver (${column})`,
    });
  }
  if (previous.template !== '2021' || current.template !== '2021') return checks;
  for (const row of ['rules', 'normativeDocuments'] as const) {
    const before = previous.regulations[row]?.inForce ?? null;
    const now = current.regulations[row];
    if (before === null || !now || now.issued === null || now.repealed === null || now.inForce === null) continue;
    const expected = before + (now.issued ?? 0) - (now.repealed ?? 0);
    checks.push({
      id: `acrossYears.inForce.${row}`,
      ok: expected === now.inForce,
      expected,
      found: now.inForce!,
      detail: `${row}: last year's inForce + issued − repealed = inForce`,
    });
  }
  return checks;
}
