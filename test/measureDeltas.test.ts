// The compare page's 统计表对照: two reports' measures side by side, a missing number never taken as 0.
import { describe, expect, it } from 'vitest';
import { parseStatistics } from '../core/statistics/parse.js';
import { flattenMeasures, measureDeltas } from '../core/measures.js';
import { parserInput, statisticsFixture } from './helpers/statistics.js';

const tables = (name: string, isHtml = false) => parseStatistics(parserInput(statisticsFixture(name).toString('utf8'), isHtml));

describe('measureDeltas', () => {
  it('gives each measure of both years and the change', () => {
    const before = tables('yunxi-2019.pipes.txt');
    const now = tables('yunxi-2021.html', true);
    const [delta] = measureDeltas(before, now, ['requests.newReceived.total']);
    const p = flattenMeasures(before!)['requests.newReceived.total']!;
    const c = flattenMeasures(now!)['requests.newReceived.total']!;
    expect(delta).toEqual({ key: 'requests.newReceived.total', previous: p, current: c, change: c - p });
  });

  it('gives no number and no change for a year without tables', () => {
    const [delta] = measureDeltas(null, tables('yunxi-2021.html', true), ['requests.newReceived.total']);
    expect(delta?.previous).toBeNull();
    expect(delta?.change).toBeNull();
  });
});
