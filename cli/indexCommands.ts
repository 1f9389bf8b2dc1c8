// The pure parts of `nianbao list`, `nianbao remove` and `nianbao aliases`: which indexed reports a
// path names, and the overview and the alias list as a person reads them.
import { resolve, sep } from 'node:path';
import type { LastRun } from '../config/lastRun.js';
import type { IndexedReport } from '../indexer/indexedReports.js';
import { SHIPPED_ORGAN_ALIASES, type OrganAliasesInForce } from '../indexer/organAliases.js';
import type { IndexOverview } from '../search/port.js';

/** The indexed reports whose files are these paths or lie under these folders, and the paths that name none. */
export function reportsUnder(
  indexed: readonly IndexedReport[],
  paths: readonly string[],
  cwd: string = process.cwd(),
): { matched: IndexedReport[]; unmatched: string[] } {
  const matched = new Set<IndexedReport>();
  const unmatched: string[] = [];
  for (const path of paths) {
    const root = resolve(cwd, path);
    const prefix = root.endsWith(sep) ? root : root + sep;
    // A report without a file record ('' path, an older index) cannot be named by a path.
    const hits = indexed.filter((r) => r.absolutePath !== '' && (r.absolutePath === root || r.absolutePath.startsWith(prefix)));
    if (hits.length === 0) unmatched.push(path);
    for (const hit of hits) matched.add(hit);
  }
  return { matched: [...matched], unmatched };
}

const byCountThenName = (counts: Record<string, number>): Array<[string, number]> =>
  Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

export function formatOverview(dataDir: string, overview: IndexOverview, lastRun: LastRun | null): string {
  const lines = [`index in ${dataDir}: ${overview.reports} report${overview.reports === 1 ? '' : 's'}`];
  if (overview.reports === 0) lines.push('add reports with: npx nianbao index path/to/reports');
  const levels = [...new Set(Object.values(overview.byYearLevel).flatMap((row) => Object.keys(row)))].sort();
  const years = Object.keys(overview.byYearLevel).sort();
  if (years.length > 0) {
    lines.push('', `year\t${levels.join('\t')}\ttotal`);
    for (const year of years) {
      const row = overview.byYearLevel[year] ?? {};
      const total = Object.values(row).reduce((a, b) => a + b, 0);
      lines.push(`${year}\t${levels.map((level) => row[level] ?? 0).join('\t')}\t${total}`);
    }
    lines.push(
      '',
      `by format: ${byCountThenName(overview.byFormat)
        .map(([format, n]) => `${format} ${n}`)
        .join(', ')}`,
    );
  }
  if (lastRun) {
    lines.push(
      '',
      `last run ${lastRun.finishedAt}: files ${lastRun.files}, new ${lastRun.new}, updated ${lastRun.updated}, unchanged ${lastRun.unchanged}, skipped ${lastRun.skipped.length}`,
    );
    for (const s of lastRun.skipped) lines.push(`  ${s.path}  [${s.code}] ${s.reason}`);
  } else {
    lines.push('', 'no index run recorded in this data folder');
  }
  return lines.join('\n');
}

/** `nianbao aliases`: each alias in force with where it comes from, and the list's fingerprint. */
export function formatAliases(aliases: OrganAliasesInForce): string {
  const lines = [
    `organ aliases in force: ${aliases.entries.length} (shipped ${SHIPPED_ORGAN_ALIASES}; user ${aliases.userFile ?? 'none — set ORGAN_ALIASES_FILE to add yours'})`,
    `fingerprint: ${aliases.fingerprint}`,
  ];
  for (const a of aliases.entries) {
    const since = a.since === undefined ? '' : ` (since ${a.since})`;
    lines.push(`  ${a.source} ${a.entry}\t${a.kind}\t${a.from} → ${a.to}${since}${a.note ? `\t${a.note}` : ''}`);
  }
  return lines.join('\n');
}
