/**
 * Turns `{ columns, rows }` into chart series without the chart module or d3 (so it runs before the chart code loads
 * and feeds the text alternative too). The first non-number column gives the labels; a second one, when present, splits
 * the first metric into one series per value (e.g. temperature per machine); otherwise each metric is a series.
 */
import type { WidgetQuery } from '../api/contract.js';
import { columnLabel, formatCell, formatNumber } from './format.js';
import type { WidgetData } from './types.js';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
}
export interface ChartModel {
  labels: string[];
  series: ChartSeries[];
  /** Label of the value axis (the metric), for the text alternative. */
  valueLabel: string;
}

export function toChartModel(data: WidgetData, query?: Partial<WidgetQuery>, locale?: string): ChartModel {
  const { columns, rows } = data;
  const dims = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.type !== 'number');
  const metrics = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.type === 'number');
  const label = dims[0];
  const split = dims[1];
  const num = (v: unknown) => (typeof v === 'number' ? v : v === null || v === undefined ? null : Number(v));
  const labelOf = (row: unknown[]) => (label ? formatCell(row[label.i] as never, label.c, query, locale) : '');

  if (split && metrics[0]) {
    const labels: string[] = [];
    const seen = new Map<string, number>();
    const byKey = new Map<string, Map<number, number | null>>();
    for (const row of rows) {
      const x = labelOf(row);
      if (!seen.has(x)) {
        seen.set(x, labels.length);
        labels.push(x);
      }
      const key = formatCell(row[split.i] ?? null, split.c, query, locale);
      if (!byKey.has(key)) byKey.set(key, new Map());
      byKey.get(key)!.set(seen.get(x)!, num(row[metrics[0].i]));
    }
    const series = [...byKey].map(([key, points]) => ({
      label: key,
      values: labels.map((_, i) => points.get(i) ?? null),
    }));
    return { labels, series, valueLabel: columnLabel(metrics[0].c) };
  }
  return {
    labels: rows.map(labelOf),
    series: metrics.map(({ c, i }) => ({ label: columnLabel(c), values: rows.map((r) => num(r[i])) })),
    valueLabel: metrics.map(({ c }) => columnLabel(c)).join(', '),
  };
}

/** A one-sentence description of a chart for assistive technology. */
export function describeChart(kind: string, title: string, model: ChartModel, locale?: string): string {
  const values = model.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (!values.length) return `${title}: ${kind} chart with no data.`;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const n = model.labels.length;
  const span = n > 1 ? `, from ${model.labels[0]} to ${model.labels[n - 1]}` : '';
  const series = model.series.length > 1 ? ` in ${model.series.length} series` : '';
  return `${title}: ${kind} chart of ${model.valueLabel}${series}, ${n} ${n === 1 ? 'point' : 'points'}${span}; values range from ${formatNumber(min, locale)} to ${formatNumber(max, locale)}. The data table follows.`;
}
