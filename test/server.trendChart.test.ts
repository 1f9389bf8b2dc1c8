import { describe, expect, it } from 'vitest';
import { trendChart } from '../server/trendChart.js';
import type { TrendYear } from '../search/port.js';

const year = (y: number, share: number): TrendYear => ({
  year: y,
  sections: 3,
  reports: Math.round(share * 10),
  reportsIndexed: 10,
  share,
});

describe('trendChart', () => {
  it.each([
    [[0.5], ['0%', '10%', '20%', '30%', '40%', '50%']],
    [
      [0.03, 0.07],
      ['0%', '2%', '4%', '6%', '8%'],
    ],
    [
      [1, 0.2],
      ['0%', '20%', '40%', '60%', '80%', '100%'],
    ],
    [
      [0, 0],
      ['0%', '1%'],
    ],
  ])('scales the axis to the largest share %j', (shares, ticks) => {
    const chart = trendChart(shares.map((share, i) => year(2019 + i, share)));
    expect(chart.ticks.map((tick) => tick.label)).toEqual(ticks);
  });

  it('draws the largest bar to the top of the axis and a zero bar flat', () => {
    const chart = trendChart([year(2019, 0.5), year(2020, 0)]);
    expect(chart.bars[0]!.y).toBe(chart.plot.top);
    expect(chart.bars[0]!.height).toBe(chart.plot.bottom - chart.plot.top);
    expect(chart.bars[1]!.height).toBe(0);
  });

  it('keeps every bar inside the plot, in year order', () => {
    const chart = trendChart(Array.from({ length: 30 }, (_, i) => year(1995 + i, (i % 7) / 7)));
    const xs = chart.bars.map((bar) => bar.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    for (const bar of chart.bars) {
      expect(bar.x).toBeGreaterThanOrEqual(chart.plot.left);
      expect(bar.x + bar.width).toBeLessThanOrEqual(chart.plot.right + 0.1);
    }
    // Thirty years leave room for a label on every second one.
    expect(chart.yearLabels.length).toBe(15);
  });

  it('puts every number of the year in the bar title', () => {
    expect(trendChart([year(2020, 0.5)]).bars[0]!.title).toBe('2020 年：5 / 10 份报告（50.0%），3 个章节');
  });

  it('draws nothing for no years', () => {
    expect(trendChart([]).bars).toEqual([]);
  });
});
