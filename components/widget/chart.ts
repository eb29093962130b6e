/**
 * The Chart.js part of `<atlas-widget>`, imported with `import()` only when a line, bar or pie widget renders.
 * Only what those three types draw is registered, so the bundler leaves the rest of Chart.js out (issue 13):
 * line (LineController, LineElement, PointElement), bar (BarController, BarElement), pie (PieController, ArcElement),
 * the category and linear axes of line and bar, and the Legend and Tooltip plugins. Not Filler: no dataset sets
 * `fill`, so its area plugin would draw nothing; not Title, Subtitle, Colors or Decimation, nor the time, log and
 * radial scales.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type TooltipItem,
} from 'chart.js';
import type { ChartModel } from './chart-data.js';

Chart.register(
  LineController,
  BarController,
  PieController,
  LineElement,
  BarElement,
  ArcElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export type ChartKind = 'line' | 'bar' | 'pie';
export interface ChartTheme {
  palette: string[];
  text: string;
  grid: string;
  font: string;
  /** Tick and legend type size for a chart this many CSS pixels wide (see chart-font.ts). */
  fontSizeFor: (width: number) => number;
  /** The canvas width when the chart is (re)drawn, for the first layout. */
  width: number;
  reducedMotion: boolean;
  compact: boolean;
  format: (n: number) => string;
}

function config(kind: ChartKind, model: ChartModel, theme: ChartTheme): ChartConfiguration {
  const colour = (i: number) => theme.palette[i % theme.palette.length]!;
  const pie = kind === 'pie';
  const datasets = pie
    ? model.series.slice(0, 1).map((s) => ({
        label: s.label,
        data: s.values,
        backgroundColor: model.labels.map((_, i) => colour(i)),
        borderColor: theme.grid,
        borderWidth: 1,
      }))
    : model.series.map((s, i) => ({
        label: s.label,
        data: s.values,
        backgroundColor: colour(i),
        borderColor: colour(i),
        borderWidth: kind === 'line' ? 2 : 0,
        pointRadius: kind === 'line' && model.labels.length > 60 ? 0 : 2,
        tension: 0.25,
        spanGaps: true,
      }));
  const multi = pie || model.series.length > 1;
  // Chart.js ignores a top-level `font` for ticks and legend labels, so each gets its own; ticks are scriptable and
  // follow the chart's width on every layout, the legend is updated in onResize (plugin options are not scriptable).
  const tickFont = (ctx: { chart: { width: number } }) => ({
    family: theme.font,
    size: theme.fontSizeFor(ctx.chart.width || theme.width),
  });
  const legendFont = (width: number) => {
    const size = theme.fontSizeFor(width);
    return { font: { family: theme.font, size }, boxWidth: size, padding: Math.round(size * 0.8) };
  };
  return {
    type: kind,
    data: { labels: model.labels, datasets: datasets as never },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: theme.reducedMotion ? false : { duration: 300 },
      color: theme.text,
      onResize: (chart: Chart, size: { width: number }) => {
        const legend = chart.options.plugins?.legend;
        if (legend?.labels) Object.assign(legend.labels, legendFont(size.width));
      },
      plugins: {
        legend: {
          display: multi,
          position: theme.compact ? 'bottom' : pie ? 'right' : 'top',
          labels: { color: theme.text, ...legendFont(theme.width) },
        },
        tooltip: {
          callbacks: {
            label: (ctx: TooltipItem<ChartKind>) =>
              `${ctx.dataset.label ?? ''}${pie ? ` (${ctx.label})` : ''}: ${theme.format(Number(ctx.parsed && typeof ctx.parsed === 'object' ? (ctx.parsed as { y: number }).y : ctx.parsed))}`,
          },
        },
      },
      scales: pie
        ? {}
        : {
            x: {
              ticks: { color: theme.text, font: tickFont, maxRotation: 0, autoSkip: true },
              grid: { display: false },
            },
            y: {
              beginAtZero: true,
              ticks: { color: theme.text, font: tickFont, callback: (v: string | number) => theme.format(Number(v)) },
              grid: { color: theme.grid },
            },
          },
    } as never,
  };
}

/** Draws (or redraws in place) a chart on the canvas; returns the handle to update or destroy it. */
export function drawChart(
  canvas: HTMLCanvasElement,
  kind: ChartKind,
  model: ChartModel,
  theme: ChartTheme,
  existing?: Chart,
): Chart {
  if (existing && (existing.config as { type?: string }).type === kind && existing.canvas === canvas) {
    const next = config(kind, model, theme);
    existing.data = next.data as never;
    existing.options = next.options as never;
    existing.update();
    return existing;
  }
  existing?.destroy();
  return new Chart(canvas, config(kind, model, theme));
}

export type { Chart };
