// The end-of-run summary a person reads (the JSON form is the IndexSummary itself).
import { basename, relative, resolve, sep } from 'node:path';
import type { LastRun } from '../config/lastRun.js';
import type { IndexSummary } from './run.js';

/**
 * A path as the site may show it: relative to the folder given that holds it (`/` separators), or the
 * file's name when it was given directly — never where it is on this machine.
 */
export function publicSourceOf(path: string, inputs: readonly string[], cwd: string = process.cwd()): string {
  const absolute = resolve(cwd, path);
  for (const input of inputs) {
    const root = resolve(cwd, input);
    if (absolute.startsWith(root.endsWith(sep) ? root : root + sep)) return relative(root, absolute).split(sep).join('/');
  }
  return basename(absolute);
}

/** What DATA_DIR keeps of a run (config/lastRun.ts). */
export function lastRunOf(summary: IndexSummary, inputs: readonly string[], indexPrefix: string, finishedAt: Date): LastRun {
  return {
    indexPrefix,
    finishedAt: finishedAt.toISOString(),
    elapsedMs: summary.elapsedMs,
    files: summary.files,
    new: summary.new.length,
    updated: summary.updated.length,
    unchanged: summary.unchanged.length,
    stale: summary.stale.length,
    sections: summary.sections,
    skipped: summary.skipped.map((s) => ({ path: s.path, source: publicSourceOf(s.path, inputs), code: s.code, reason: s.reason })),
  };
}

export function formatSummary(summary: IndexSummary): string {
  const lines = [
    `files: ${summary.files}  new: ${summary.new.length}  updated: ${summary.updated.length}  unchanged: ${summary.unchanged.length}  skipped: ${summary.skipped.length}`,
    `sections written: ${summary.sections}  warnings: ${summary.warnings.length}  time: ${(summary.elapsedMs / 1000).toFixed(1)} s`,
  ];
  if (summary.organsRekeyed !== null) {
    lines.push(`organ aliases changed since the last run: ${summary.organsRekeyed} reports re-keyed (no file read for it)`);
  }
  for (const manifest of summary.manifests) {
    lines.push(
      `manifest ${manifest.path}: ${manifest.rows} file${manifest.rows === 1 ? '' : 's'} described${manifest.warnings.length > 0 ? `, ${manifest.warnings.length} warning${manifest.warnings.length === 1 ? '' : 's'}:` : ''}`,
    );
    for (const warning of manifest.warnings) lines.push(`  ${warning}`);
  }
  if (summary.skipped.length > 0) {
    lines.push('skipped:');
    for (const s of summary.skipped) lines.push(`  ${s.path}  [${s.code}] ${s.reason}`);
  }
  if (summary.stale.length > 0) {
    lines.push(summary.pruned ? 'removed (file gone):' : 'stale (file gone or unreadable; run with --prune to remove):');
    for (const path of summary.stale) lines.push(`  ${path}`);
  }
  if (summary.warnings.length > 0) {
    lines.push('warnings:');
    for (const w of summary.warnings) lines.push(`  ${w.path}: ${w.warning}`);
  }
  return lines.join('\n');
}
