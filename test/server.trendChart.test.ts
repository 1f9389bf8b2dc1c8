import { describe, expect, it } from 'vitest';
import { comparisonChart, indexedChart, trendChart } from '../server/trendChart.js';
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

describe('comparisonChart', () => {
  const series = (q: string, shares: number[]) => ({ q, years: shares.map((share, i) => year(2019 + i, share)) });

  it('draws a line per query, through one point per year, on one share axis', () => {
    const chart = comparisonChart([series('保密审查', [0.5, 0.2]), series('政府网站', [0.1, 0.25])]);
    expect(chart.lines.map((line) => line.label)).toEqual(['保密审查', '政府网站']);
    expect(chart.ticks.at(-1)!.label).toBe('50%');
    const [first, second] = chart.lines;
    expect(first!.markers[0]!.y).toBe(chart.plot.top);
    expect(first!.markers.map((m) => m.x)).toEqual(second!.markers.map((m) => m.x));
    expect(first!.points).toBe(first!.markers.map((m) => `${m.x},${m.y}`).join(' '));
    expect(chart.bars).toEqual([]);
  });

  it('tells six lines apart by colour and by dash pattern alike (grey print), and names each in the legend', () => {
    const chart = comparisonChart(['甲', '乙', '丙', '丁', '戊', '己'].map((q) => series(q, [0.1])));
    expect(new Set(chart.lines.map((line) => line.colour)).size).toBe(6);
    expect(new Set(chart.lines.map((line) => line.dash ?? 'solid')).size).toBe(6);
    expect(chart.legend.map((entry) => [entry.label, entry.colour, entry.dash])).toEqual(
      chart.lines.map((line) => [line.label, line.colour, line.dash]),
    );
    // The legend sits below the plot and its year labels, inside the picture.
    for (const entry of chart.legend) {
      expect(entry.y).toBeGreaterThan(chart.plot.bottom + 20);
      expect(entry.y).toBeLessThan(chart.height);
    }
  });

  it('shortens a long query in the legend and keeps it whole in the title', () => {
    const long = '政府信息公开工作年度报告编制与发布情况说明';
    const [entry] = comparisonChart([series(long, [0.1]), series('乙', [0.2])]).legend;
    expect(entry!.label).toBe('政府信息公开工作年度报告编…');
    expect(entry!.title).toBe(long);
  });

  it('puts every number of the year in each point title', () => {
    const chart = comparisonChart([series('甲', [0.5]), series('乙', [0.2])]);
    expect(chart.lines[0]!.markers[0]!.title).toBe('“甲” 2019 年：5 / 10 份报告（50.0%），3 个章节');
  });
});

describe('indexedChart', () => {
  it('draws the reports indexed per year on a count axis', () => {
    const chart = indexedChart([year(2019, 0), { ...year(2020, 0), reportsIndexed: 37 }]);
    expect(chart.axisTitle).toBe('报告数');
    expect(chart.ticks.map((tick) => tick.label)).toEqual(['0', '10', '20', '30', '40']);
    expect(chart.bars.map((bar) => bar.valueLabel)).toEqual(['10', '37']);
    expect(chart.bars[1]!.title).toBe('2020 年：收录 37 份报告，3 个章节');
  });
});
