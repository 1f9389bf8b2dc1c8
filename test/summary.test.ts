// The summary a person reads at the end of an index run.
import { describe, expect, it } from 'vitest';
import type { IndexSummary } from '../indexer/run.js';
import { formatSummary, lastRunOf } from '../indexer/summary.js';

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
  organsRekeyed: null,
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

describe('formatSummary of a re-key', () => {
  it('says how many reports the changed alias list re-keyed', () => {
    expect(formatSummary({ ...EMPTY, organsRekeyed: 3 })).toContain('3 reports re-keyed');
  });

  it('says nothing of aliases when the list is the one the index was keyed with', () => {
    expect(formatSummary(EMPTY)).not.toContain('re-keyed');
  });
});

describe('lastRunOf', () => {
  it('keeps each skipped file with the path the site may show: relative to the folder given, or the name of a file given', () => {
    const run = lastRunOf(
      {
        ...EMPTY,
        files: 2,
        skipped: [
          { path: '/srv/reports/2019/list.html', code: 'not-a-report', reason: 'a list' },
          { path: '/home/me/one.pdf', code: 'encrypted', reason: 'password' },
        ],
      },
      ['/srv/reports', '/home/me/one.pdf'],
      'nianbao_',
      new Date('2026-12-01T08:00:00Z'),
    );
    expect(run.skipped.map((s) => s.source)).toEqual(['2019/list.html', 'one.pdf']);
    expect(run).toMatchObject({ indexPrefix: 'nianbao_', finishedAt: '2026-12-01T08:00:00.000Z', files: 2 });
  });
});
