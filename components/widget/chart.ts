/**
 * The Chart.js part of `<atlas-widget>`, imported with `import()` only when a line, bar or pie widget renders.
 * Only the controllers, elements and plugins those three types need are registered (tree-shaken build).
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
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

Chart.register(LineController, BarController, PieController, LineElement, BarElement, ArcElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip, Filler);

export type ChartKind = 'line' | 'bar' | 'pie';
export interface ChartTheme {
  palette: string[];
  text: string;
  grid: string;
  font: string;
  fontSize: number;
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
  return {
    type: kind,
    data: { labels: model.labels, datasets: datasets as never },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: theme.reducedMotion ? false : { duration: 300 },
      color: theme.text,
      font: { family: theme.font, size: theme.fontSize },
      plugins: {
        legend: { display: multi, position: theme.compact ? 'bottom' : pie ? 'right' : 'top', labels: { color: theme.text, boxWidth: 12 } },
        tooltip: { callbacks: { label: (ctx: TooltipItem<ChartKind>) => `${ctx.dataset.label ?? ''}${pie ? ` (${ctx.label})` : ''}: ${theme.format(Number(ctx.parsed && typeof ctx.parsed === 'object' ? (ctx.parsed as { y: number }).y : ctx.parsed))}` } },
      },
      scales: pie
        ? {}
        : {
            x: { ticks: { color: theme.text, maxRotation: 0, autoSkip: true }, grid: { display: false } },
            y: { beginAtZero: true, ticks: { color: theme.text, callback: (v: string | number) => theme.format(Number(v)) }, grid: { color: theme.grid } },
          },
    } as never,
  };
}

/** Draws (or redraws in place) a chart on the canvas; returns the handle to update or destroy it. */
export function drawChart(canvas: HTMLCanvasElement, kind: ChartKind, model: ChartModel, theme: ChartTheme, existing?: Chart): Chart {
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
