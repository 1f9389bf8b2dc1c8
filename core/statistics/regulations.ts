// 表二: small tables, one per 第二十条 item, each row a few cells that no identity ties together
// (except across years). Glued digits are therefore read only where the digits alone decide.
import { readRow, type CellValue } from './cells.js';
import { REGULATION_VOCABULARY, regulationColumns, rowNamedBy, type RegulationRow } from './labels.js';
import { settle } from './settle.js';
import { readLines, readTableText } from './tableText.js';
import type { Template } from './types.js';

export type RegulationCells = Map<RegulationRow, CellValue[]>;

/** The rows of 表二 from its text (from the first 第二十条 to 表三). */
export function readRegulations(text: string, template: Template): RegulationCells {
  const cells: RegulationCells = new Map();
  for (const item of text.split(/(?=第二十条\s*第)/)) {
    const table = readTableText(item);
    let seenRow = false;
    let scrambled = false;
    for (const row of table.rows) {
      const named = rowNamedBy(row.label, REGULATION_VOCABULARY);
      const key = named === 'several' ? rowNamedBy(row.sameLineLabel, REGULATION_VOCABULARY) : named;
      if (key === null || key === 'several') {
        // Numbers before the item's first label: this layout prints numbers apart from labels.
        if (!seenRow && !row.piped) scrambled = true;
        continue;
      }
      seenRow = true;
      const width = regulationColumns(template, key).length;
      if (width === 0) continue;
      const readings = readRow(row.pieces, {
        width,
        identities: [],
        glued: row.mayBeGlued,
        padBlank: table.keepsEmptyCells && !row.interrupted,
        brokenOff: row.brokenOff,
      });
      const settled = settle(readings.consistent, readings.syntactic, width);
      cells.set(key, scrambled || cells.has(key) ? settled.map(() => ({ value: null, raw: null, mark: 'ambiguous' })) : settled);
    }
    const lone = scrambled ? loneRow(item, template) : null;
    if (lone) cells.set(lone.key, lone.cells);
  }
  return cells;
}

/**
 * An item whose numbers print apart from its label, when the item has one row: its numbers are
 * that row's, in order, if there are exactly as many as the row has columns and no line mixes a
 * number with words (2021 (五) 行政许可 and (八) 行政事业性收费 are one cell each). Marked 'placed'.
 */
function loneRow(item: string, template: Template): { key: RegulationRow; cells: CellValue[] } | null {
  const lines = readLines(item);
  // A label may wrap ("行政许\n可"): each label line is read alone and joined with the next.
  const labels = lines.filter((l) => l.pieces.length === 0).map((l) => l.label);
  const keys = new Set(
    labels.flatMap((label, i) => [label, label + (labels[i + 1] ?? '')].map((t) => rowNamedBy(t, REGULATION_VOCABULARY))),
  );
  keys.delete(null);
  const key = keys.size === 1 ? [...keys][0]! : null;
  if (key === null || key === 'several') return null;
  if (lines.some((l) => l.pieces.length > 1 || (l.pieces.length === 1 && l.label !== ''))) return null;
  const pieces = lines.flatMap((l) => l.pieces);
  if (pieces.length !== regulationColumns(template, key).length) return null;
  return {
    key,
    cells: pieces.map(
      (p): CellValue => (p.kind === 'number' ? { value: p.value, raw: p.raw, mark: 'placed' } : { value: null, raw: p.raw, mark: p.mark }),
    ),
  };
}
