// 表二: small tables, one per 第二十条 item, each row a few cells that no identity ties together
// (except across years). Glued digits are therefore read only where the digits alone decide.
import { readRow, type CellValue } from './cells.js';
import { REGULATION_VOCABULARY, regulationColumns, rowNamedBy, type RegulationRow } from './labels.js';
import { settle } from './settle.js';
import { readTableText } from './tableText.js';
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
  }
  return cells;
}
