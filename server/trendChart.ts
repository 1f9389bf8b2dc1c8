// The trend chart as geometry. The template turns it into SVG, so the chart is drawn on the server
// and readable without script; every label is a plain string the template escapes. Three charts:
// one query's share of reports per year (bars), several queries' shares (one line each, told apart
// by colour and by dash pattern so they survive grey print, with a legend), and, without a query,
// the reports indexed per year (bars of counts).
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

export interface ChartPoint {
  x: number;
  y: number;
  title: string;
}

/** One query's line: SVG presentation attributes (not inline style, which the CSP forbids). */
export interface ChartLine {
  label: string;
  colour: string;
  /** stroke-dasharray; null for a solid line. */
  dash: string | null;
  /** The polyline's points attribute. */
  points: string;
  markers: ChartPoint[];
}

export interface ChartLegendEntry {
  label: string;
  /** The whole query when the label is shortened. */
  title: string;
  colour: string;
  dash: string | null;
  /** The sample line from x to lineEnd at y, then the label from textX. */
  x: number;
  lineEnd: number;
  textX: number;
  y: number;
}

export interface TrendChart {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** What the vertical axis counts: 占比 or 报告数. */
  axisTitle: string;
  bars: ChartBar[];
  lines: ChartLine[];
  legend: ChartLegendEntry[];
  ticks: ChartTick[];
  yearLabels: ChartYearLabel[];
  description: string;
}

export interface ChartSeries {
  q: string;
  years: readonly TrendYear[];
}

const WIDTH = 720;
const HEIGHT = 300;
const MARGIN = { left: 56, right: 16, top: 32, bottom: 40 };
const SHARE_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1];
const LEGEND_ROW = 20;
const LEGEND_COLUMNS = 3;
const LEGEND_LABEL_CHARS = 14;

/**
 * Okabe–Ito colours (told apart by colour-blind readers) with a dash pattern each, so that every
 * line is also distinct in grey print. params.ts MAX_TREND_QUERIES is their number.
 */
export const SERIES_STYLES: ReadonlyArray<{ colour: string; dash: string | null }> = [
  { colour: '#0072B2', dash: null },
  { colour: '#D55E00', dash: '8 4' },
  { colour: '#009E73', dash: '2 3' },
  { colour: '#CC79A7', dash: '12 4 2 4' },
  { colour: '#E69F00', dash: '5 5' },
  { colour: '#56B4E9', dash: '12 3 3 3 3 3' },
];

const round = (n: number): number => Math.round(n * 10) / 10;

interface Axis {
  top: number;
  ticks: Array<{ value: number; label: string }>;
}

/** Shares: the smallest step that divides [0, max] into at most five intervals, up to 100%. */
function shareAxis(max: number): Axis {
  const step = SHARE_STEPS.find((s) => Math.max(max, 0.01) / s <= 5) ?? 1;
  const top = Math.min(1, Math.ceil(max / step) * step) || step;
  const ticks: Axis['ticks'] = [];
  for (let value = 0; value <= top + 1e-9; value += step) ticks.push({ value, label: `${Math.round(value * 100)}%` });
  return { top, ticks };
}

/** Counts: a step of 1, 2 or 5 × 10ⁿ that divides [0, max] into at most five intervals. */
function countAxis(max: number): Axis {
  let step = 1;
  for (let scale = 1; ; scale *= 10) {
    const found = [1, 2, 5].map((m) => m * scale).find((s) => max / s <= 5);
    if (found !== undefined) {
      step = found;
      break;
    }
  }
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: Axis['ticks'] = [];
  for (let value = 0; value <= top; value += step) ticks.push({ value, label: formatCount(value) });
  return { top, ticks };
}

interface Frame {
  plot: TrendChart['plot'];
  band: number;
  /** The y of a value on the axis. */
  y: (value: number) => number;
  ticks: ChartTick[];
  yearLabels: ChartYearLabel[];
}

function frame(years: readonly number[], axis: Axis): Frame {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: WIDTH - MARGIN.right, bottom: HEIGHT - MARGIN.bottom };
  const y = (value: number) => round(plot.bottom - (value / axis.top) * (plot.bottom - plot.top));
  const band = years.length > 0 ? (plot.right - plot.left) / years.length : 0;
  const labelEvery = Math.ceil(years.length / 16);
  return {
    plot,
    band,
    y,
    ticks: axis.ticks.map((tick) => ({ y: y(tick.value), label: tick.label })),
    yearLabels: years.flatMap((year, i) =>
      i % labelEvery === 0 ? [{ x: round(plot.left + (i + 0.5) * band), y: plot.bottom + 18, label: String(year) }] : [],
    ),
  };
}

interface BarText {
  value: (year: TrendYear) => number;
  /** Above the bar, when there is room. */
  label: (year: TrendYear) => string;
  /** The hover text. */
  title: (year: TrendYear) => string;
}

function bars(years: readonly TrendYear[], f: Frame, text: BarText): ChartBar[] {
  const barWidth = Math.max(2, f.band * 0.7);
  return years.map((year, i): ChartBar => {
    const top = f.y(text.value(year));
    const x = f.plot.left + i * f.band + (f.band - barWidth) / 2;
    return {
      x: round(x),
      y: top,
      width: round(barWidth),
      height: round(f.plot.bottom - top),
      title: text.title(year),
      valueLabel: years.length <= 12 ? text.label(year) : null,
      valueX: round(x + barWidth / 2),
      valueY: round(top - 4),
    };
  });
}

const span = (years: readonly { year: number }[]): string => `${years[0]!.year}–${years[years.length - 1]!.year} 年`;

/** One query: a bar per year for the share of indexed reports that match. */
export function trendChart(years: readonly TrendYear[]): TrendChart {
  const f = frame(
    years.map((y) => y.year),
    shareAxis(Math.max(0, ...years.map((y) => y.share))),
  );
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: f.plot,
    axisTitle: '占比',
    bars: bars(years, f, {
      value: (year) => year.share,
      label: (year) => formatShare(year.share),
      title: (year) =>
        `${year.year} 年：${formatCount(year.reports)} / ${formatCount(year.reportsIndexed)} 份报告` +
        `（${formatShare(year.share)}），${formatCount(year.sections)} 个章节`,
    }),
    lines: [],
    legend: [],
    ticks: f.ticks,
    yearLabels: f.yearLabels,
    description: years.length === 0 ? '没有可显示的年度。' : `按年度统计的命中报告占比，${span(years)}。`,
  };
}

/** No query: a bar per year for the reports indexed. */
export function indexedChart(years: readonly TrendYear[]): TrendChart {
  const f = frame(
    years.map((y) => y.year),
    countAxis(Math.max(0, ...years.map((y) => y.reportsIndexed))),
  );
  const chart = bars(years, f, {
    value: (year) => year.reportsIndexed,
    label: (year) => formatCount(year.reportsIndexed),
    title: (year) => `${year.year} 年：收录 ${formatCount(year.reportsIndexed)} 份报告，${formatCount(year.sections)} 个章节`,
  });
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: f.plot,
    axisTitle: '报告数',
    bars: chart,
    lines: [],
    legend: [],
    ticks: f.ticks,
    yearLabels: f.yearLabels,
    description: years.length === 0 ? '没有可显示的年度。' : `按年度统计的收录报告数，${span(years)}。`,
  };
}

const shorten = (text: string): string =>
  [...text].length > LEGEND_LABEL_CHARS ? `${[...text].slice(0, LEGEND_LABEL_CHARS - 1).join('')}…` : text;

/** Several queries: a line per query of the share of indexed reports that match, with a legend below. */
export function comparisonChart(series: readonly ChartSeries[]): TrendChart {
  // Every query is counted under the same filters, so the years (those with reports indexed) agree;
  // their union still places a year only one of them has.
  const years = [...new Set(series.flatMap((s) => s.years.map((y) => y.year)))].sort((a, b) => a - b);
  const legendRows = Math.ceil(series.length / LEGEND_COLUMNS);
  const height = HEIGHT + legendRows * LEGEND_ROW + 8;
  const f = frame(years, shareAxis(Math.max(0, ...series.flatMap((s) => s.years.map((y) => y.share)))));
  const xOf = (year: number) => round(f.plot.left + (years.indexOf(year) + 0.5) * f.band);
  const lines = series.map((s, i): ChartLine => {
    const style = SERIES_STYLES[i % SERIES_STYLES.length]!;
    const markers = s.years.map((year) => ({
      x: xOf(year.year),
      y: f.y(year.share),
      title:
        `“${s.q}” ${year.year} 年：${formatCount(year.reports)} / ${formatCount(year.reportsIndexed)} 份报告` +
        `（${formatShare(year.share)}），${formatCount(year.sections)} 个章节`,
    }));
    return { label: s.q, ...style, points: markers.map((m) => `${m.x},${m.y}`).join(' '), markers };
  });
  const columnWidth = (f.plot.right - f.plot.left) / LEGEND_COLUMNS;
  const legend = series.map((s, i): ChartLegendEntry => {
    const style = SERIES_STYLES[i % SERIES_STYLES.length]!;
    const x = round(f.plot.left + (i % LEGEND_COLUMNS) * columnWidth);
    return {
      label: shorten(s.q),
      title: s.q,
      ...style,
      x,
      lineEnd: x + 32,
      textX: x + 40,
      y: HEIGHT + Math.floor(i / LEGEND_COLUMNS) * LEGEND_ROW + 12,
    };
  });
  return {
    width: WIDTH,
    height,
    plot: f.plot,
    axisTitle: '占比',
    bars: [],
    lines,
    legend,
    ticks: f.ticks,
    yearLabels: f.yearLabels,
    description:
      years.length === 0
        ? '没有可显示的年度。'
        : `按年度统计的命中报告占比，${years[0]}–${years[years.length - 1]} 年，比较 ${series.map((s) => `“${s.q}”`).join('、')}。`,
  };
}
