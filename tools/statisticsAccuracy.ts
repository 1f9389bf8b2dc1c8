// Compares the statistics parser with hand labels, cell by cell, on the real reports in ../shared.
// For every tools/statistics/labels/FILE.json the report FILE is looked up in ../shared
// (corpus/real, corpus/real/pdf, seeds), read with the product's own extraction, parsed, and each
// labelled cell is scored: correct, WRONG (a number or mark other than the printed one), or
// unfilled (null, with the parser's reason). Failing checks are listed against the label's
// printedErrors (identities the printed table really breaks, verified by hand).
//
//   npx tsc -p tsconfig.json && node dist-tools/tools/statisticsAccuracy.js [-v]
//
// Exits 1 when any cell is WRONG or a check fails that the labels do not explain. Skips (exit 0)
// when ../shared is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/paths.js';
import { parseStatistics } from '../core/statistics/parse.js';
import type { StatisticsCell } from '../core/statistics/types.js';
import { createFormatReader } from '../indexer/formatReader.js';
import { statisticsInput } from './statistics/reportText.js';
import { labelledCells, type Label, type LabelledCell } from './statistics/labelFile.js';

const SHARED = join(PROJECT_ROOT, '..', 'shared');
const SOURCE_DIRS = [join(SHARED, 'corpus', 'real'), join(SHARED, 'corpus', 'real', 'pdf'), join(SHARED, 'seeds')];
const LABELS = join(PROJECT_ROOT, 'tools', 'statistics', 'labels');
const verbose = process.argv.includes('-v');

interface Score {
  file: string;
  labelled: number;
  correct: number;
  wrong: string[];
  unfilled: Map<string, number>;
  failing: string[];
  unexplained: string[];
  missed: string[];
}

async function main(): Promise<void> {
  if (!existsSync(SHARED)) {
    console.log(`statisticsAccuracy: ${SHARED} is absent, nothing to measure`);
    return;
  }
  const reader = createFormatReader();
  const scores: Score[] = [];
  try {
    for (const labelFile of readdirSync(LABELS)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const file = labelFile.slice(0, -'.json'.length);
      const path = SOURCE_DIRS.map((dir) => join(dir, file)).find((p) => existsSync(p));
      if (!path) {
        console.log(`${file}: source not found in ../shared, skipped`);
        continue;
      }
      const label = JSON.parse(readFileSync(join(LABELS, labelFile), 'utf8')) as Label;
      const statistics = parseStatistics(await statisticsInput(readFileSync(path), file, reader));
      const checks = statistics?.checks ?? [];
      const result = score(
        file,
        label,
        statistics?.cells ?? null,
        checks.filter((c) => !c.ok).map((c) => c.id),
      );
      // A printed error the parser could not check (its cells unfilled) is not missed, only unread.
      result.missed = result.missed.filter((id) => checks.some((c) => c.id === id));
      scores.push(result);
    }
  } finally {
    await reader.close();
  }
  report(scores);
}

function score(file: string, label: Label, cells: readonly StatisticsCell[] | null, failing: string[]): Score {
  const byKey = new Map((cells ?? []).map((cell) => [`${cell.table}/${cell.row}/${cell.column}`, cell]));
  const result: Score = { file, labelled: 0, correct: 0, wrong: [], unfilled: new Map(), failing, unexplained: [], missed: [] };
  for (const truth of labelledCells(label)) {
    result.labelled += 1;
    const cell = byKey.get(`${truth.table}/${truth.row}/${truth.column}`);
    const verdict = cells === null ? 'no table' : judge(truth, cell);
    if (verdict === 'correct') result.correct += 1;
    else if (verdict === 'wrong')
      result.wrong.push(`${truth.table}/${truth.row}/${truth.column}: printed ${truth.printed}, parsed ${cell?.value ?? cell?.mark}`);
    else result.unfilled.set(verdict, (result.unfilled.get(verdict) ?? 0) + 1);
  }
  const explained = new Set(label.printedErrors.map((e) => e.split(':')[0]!));
  result.unexplained = failing.filter((id) => !explained.has(id));
  result.missed = [...explained].filter((id) => !failing.includes(id));
  return result;
}

/** correct, wrong, or the reason the cell is unfilled. */
function judge(truth: LabelledCell, cell: StatisticsCell | undefined): string {
  if (!cell) return 'row not output';
  if (cell.mark === 'missing' || cell.mark === 'ambiguous') return cell.mark;
  if (typeof truth.printed === 'number') {
    return cell.value !== null && Math.abs(cell.value - truth.printed) < 1e-9 ? 'correct' : 'wrong';
  }
  return cell.value === null && cell.mark === truth.printed ? 'correct' : 'wrong';
}

function report(scores: readonly Score[]): void {
  const total = { labelled: 0, filled: 0, correct: 0, wrong: 0 };
  for (const s of scores) {
    const unfilled = [...s.unfilled.values()].reduce((a, b) => a + b, 0);
    const filled = s.labelled - unfilled;
    total.labelled += s.labelled;
    total.filled += filled;
    total.correct += s.correct;
    total.wrong += s.wrong.length;
    const reasons = [...s.unfilled].map(([reason, n]) => `${reason} ${n}`).join(', ');
    console.log(
      `${s.file.padEnd(48)} labelled ${String(s.labelled).padStart(4)}  filled ${String(filled).padStart(4)}  correct ${String(s.correct).padStart(4)}  WRONG ${s.wrong.length}` +
        (reasons ? `  unfilled: ${reasons}` : ''),
    );
    for (const w of s.wrong) console.log(`    WRONG ${w}`);
    if (s.failing.length > 0) console.log(`    failing checks: ${s.failing.join(', ')}`);
    for (const id of s.unexplained) console.log(`    UNEXPLAINED failing check ${id} (not a printed error per the labels)`);
    for (const id of s.missed) console.log(`    MISSED printed error ${id}`);
    if (verbose) for (const [reason, n] of s.unfilled) console.log(`    unfilled ${reason}: ${n}`);
  }
  const pct = (n: number): string => (total.labelled === 0 ? '-' : `${((100 * n) / total.labelled).toFixed(1)}%`);
  console.log(
    `\nALL: labelled ${total.labelled}, filled ${total.filled} (${pct(total.filled)}), correct ${total.correct}, WRONG ${total.wrong}`,
  );
  if (total.wrong > 0 || scores.some((s) => s.unexplained.length > 0)) process.exitCode = 1;
}

await main();
