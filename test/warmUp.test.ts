import { describe, expect, it } from 'vitest';
import { warmUp } from '../server/warmUp.js';
import { MemoryReportSearch } from './helpers/memorySearch.js';
import { REPORTS } from './helpers/reports.js';

describe('warmUp', () => {
  it('reads every section with its facets and the trend denominators before the first visitor', async () => {
    const search = new MemoryReportSearch(REPORTS);
    const lines: string[] = [];
    await warmUp(search, (line) => lines.push(line));
    expect(search.requests.map((r) => [r.q, r.filters])).toEqual([
      ['', {}],
      ['', {}],
    ]);
    expect(lines.join('\n')).toMatch(/warmed in \d+ ms/);
  });

  it('only logs when the search is unavailable', async () => {
    const search = new MemoryReportSearch(REPORTS);
    search.unavailable = true;
    const lines: string[] = [];
    await warmUp(search, (line) => lines.push(line));
    expect(lines.join('\n')).toMatch(/warming the index failed/);
  });
});
