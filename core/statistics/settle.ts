// From the readings that survived to one value per cell: a cell every reading agrees on is
// filled, any other is ambiguous. Invariant: a filled cell holds the value of every surviving
// reading, so no choice between readings is ever made here.
import type { CellValue } from './cells.js';

export function settle(readings: readonly CellValue[][], syntactic: readonly CellValue[][], width: number): CellValue[] {
  return Array.from({ length: width }, (_, i): CellValue => {
    const first = readings[0]?.[i];
    if (!first || readings.some((r) => !same(r[i]!, first))) return { value: null, raw: null, mark: 'ambiguous' };
    // A cut of glued digits keeps its characters; a value computed by an identity has none.
    if (readings.some((r) => r[i]!.mark === 'inferred'))
      return { value: first.value, raw: readings.every((r) => r[i]!.raw === first.raw) ? first.raw : null, mark: 'inferred' };
    const plain = syntactic.length > 0 && syntactic.every((r) => same(r[i]!, first));
    return plain ? first : { ...first, mark: 'inferred' };
  });
}

const same = (a: CellValue, b: CellValue): boolean => a.value === b.value && (a.value !== null || a.mark === b.mark);
