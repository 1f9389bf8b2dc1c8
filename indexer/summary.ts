// The end-of-run summary a person reads (the JSON form is the IndexSummary itself).
import type { IndexSummary } from './run.js';

export function formatSummary(summary: IndexSummary): string {
  const lines = [
    `files: ${summary.files}  new: ${summary.new.length}  updated: ${summary.updated.length}  unchanged: ${summary.unchanged.length}  skipped: ${summary.skipped.length}`,
    `sections written: ${summary.sections}  warnings: ${summary.warnings.length}  time: ${(summary.elapsedMs / 1000).toFixed(1)} s`,
  ];
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
