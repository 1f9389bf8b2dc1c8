// The trend chart as geometry: one bar per year for the share of indexed reports that match. The
// template turns it into SVG, so the chart is drawn on the server and readable without script;
// every label is a plain string the template escapes.
import type { TrendYear } from '../search/port.js';
import { formatCount, formatShare } from './present.js';

export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The hover text (<title>): every number of the year. */
  title: string;
  valueLabel: string | null;
  valueX: number;
  valueY: number;
}

export interface ChartTick {
  y: number;
  label: string;
}

export interface ChartYearLabel {
  x: number;
  y: number;
  label: string;
}

export interface TrendChart {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  bars: ChartBar[];
  ticks: ChartTick[];
  yearLabels: ChartYearLabel[];
  description: string;
}

const WIDTH = 720;
const HEIGHT = 300;
const MARGIN = { left: 56, right: 16, top: 32, bottom: 40 };
const TICK_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1];

/** The smallest step that divides [0, max] into at most five intervals. */
function niceStep(max: number): number {
  return TICK_STEPS.find((step) => max / step <= 5) ?? 1;
}

const round = (n: number): number => Math.round(n * 10) / 10;

export function trendChart(years: readonly TrendYear[]): TrendChart {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: WIDTH - MARGIN.right, bottom: HEIGHT - MARGIN.bottom };
  const plotHeight = plot.bottom - plot.top;
  const maxShare = Math.max(0, ...years.map((y) => y.share));
  const step = niceStep(Math.max(maxShare, 0.01));
  const top = Math.min(1, Math.ceil(maxShare / step) * step) || step;
  const ticks: ChartTick[] = [];
  for (let value = 0; value <= top + 1e-9; value += step) {
    ticks.push({ y: round(plot.bottom - (value / top) * plotHeight), label: `${Math.round(value * 100)}%` });
  }
  const band = years.length > 0 ? (plot.right - plot.left) / years.length : 0;
  const barWidth = Math.max(2, band * 0.7);
  const labelEvery = Math.ceil(years.length / 16);
  const bars = years.map((year, i): ChartBar => {
    const height = (year.share / top) * plotHeight;
    const x = plot.left + i * band + (band - barWidth) / 2;
    return {
      x: round(x),
      y: round(plot.bottom - height),
      width: round(barWidth),
      height: round(height),
      title:
        `${year.year} 年：${formatCount(year.reports)} / ${formatCount(year.reportsIndexed)} 份报告` +
        `（${formatShare(year.share)}），${formatCount(year.sections)} 个章节`,
      valueLabel: years.length <= 12 ? formatShare(year.share) : null,
      valueX: round(x + barWidth / 2),
      valueY: round(plot.bottom - height - 4),
    };
  });
  const yearLabels = years.flatMap((year, i) =>
    i % labelEvery === 0 ? [{ x: round(plot.left + (i + 0.5) * band), y: plot.bottom + 18, label: String(year.year) }] : [],
  );
  const description =
    years.length === 0 ? '没有可显示的年度。' : `按年度统计的命中报告占比，${years[0]!.year}–${years[years.length - 1]!.year} 年。`;
  return { width: WIDTH, height: HEIGHT, plot, bars, ticks, yearLabels, description };
}
