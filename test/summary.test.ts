// The summary a person reads at the end of an index run.
import { describe, expect, it } from 'vitest';
import type { IndexSummary } from '../indexer/run.js';
import { formatSummary } from '../indexer/summary.js';

const EMPTY: IndexSummary = {
  files: 0,
  new: [],
  updated: [],
  unchanged: [],
  skipped: [],
  stale: [],
  pruned: false,
  sections: 0,
  orphansRemoved: 0,
  warnings: [],
  manifests: [],
  elapsedMs: 0,
};

describe('formatSummary', () => {
  it('lists each manifest read with its rows and, below it, its warnings', () => {
    const text = formatSummary({
      ...EMPTY,
      manifests: [
        { path: 'reports/manifest.csv', rows: 12, warnings: ['line 3: missing.txt does not exist'] },
        { path: 'reports/2019/manifest.tsv', rows: 1, warnings: [] },
      ],
    });
    expect(text.split('\n').slice(2)).toEqual([
      'manifest reports/manifest.csv: 12 files described, 1 warning:',
      '  line 3: missing.txt does not exist',
      'manifest reports/2019/manifest.tsv: 1 file described',
    ]);
  });
});
