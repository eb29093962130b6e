/**
 * Pure geometry and text of `<atlas-widget>`'s SVG charts (no DOM): the value axis and its tick labels, which category
 * labels fit, the category under the pointer, where the tooltip goes and what it says. Only the lazily loaded chart
 * module (chart.ts) imports it, so none of this, nor d3, is in the eager viewer (chart-data.ts, which the widget
 * imports eagerly for the text alternative, stays free of it).
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { ChartModel } from './chart-data.js';
import { formatNumber } from './format.js';

/** The class that gives a series (or a pie's slice) its colour, `--atlas-chart-1` … `--atlas-chart-8` in turn. */
export const colour = (i: number) => `c${i % 8}`;

export interface ValueAxis {
  scale: ScaleLinear<number, number>;
  ticks: number[];
}

/**
 * The value axis from `bottom` (pixels, the zero end when all values are positive) up to `top`: it always includes
 * zero, ends on nice numbers and has about one tick per three lines of text (at most about eight).
 */
export function valueAxis(values: Iterable<number | null>, top: number, bottom: number, fontPx: number): ValueAxis {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) hi = 1;
  const count = Math.max(2, Math.min(8, Math.floor((bottom - top) / (fontPx * 3))));
  const scale = scaleLinear().domain([lo, hi]).range([bottom, top]).nice(count);
  return { scale, ticks: scale.ticks(count) };
}

/** `text`, cut with an ellipsis so that it measures at most `max` pixels. */
export function fitText(text: string, max: number, measure: (s: string) => number): string {
  if (measure(text) <= max) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${chars.slice(0, mid).join('').trimEnd()}…`) <= max) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}

export interface PlacedLabel {
  index: number;
  /** Centre of the label, kept inside [min, max]. */
  x: number;
}

/**
 * Which category labels to draw: every label when they fit, otherwise every second, third… (always from the first)
 * so that no two overlap with at least `gap` pixels between them. `centers` are the categories' positions, `widths`
 * the labels' measured widths; labels are moved inwards to stay within [min, max].
 */
export function thinLabels(centers: number[], widths: number[], gap: number, min: number, max: number): PlacedLabel[] {
  const n = centers.length;
  const place = (i: number): PlacedLabel => {
    const half = widths[i]! / 2;
    return {
      index: i,
      x: max - min < 2 * half ? (min + max) / 2 : Math.min(Math.max(centers[i]!, min + half), max - half),
    };
  };
  for (let step = 1; step <= n; step++) {
    const shown: PlacedLabel[] = [];
    let fits = true;
    for (let i = 0; i < n && fits; i += step) {
      const label = place(i);
      const last = shown.at(-1);
      if (last && label.x - widths[i]! / 2 < last.x + widths[last.index]! / 2 + gap) fits = false;
      shown.push(label);
    }
    if (fits) return shown;
  }
  return n ? [place(0)] : [];
}

/** The index of the category whose centre is nearest to `x`, or -1 when there are none. */
export function nearestIndex(centers: number[], x: number): number {
  let best = -1;
  let distance = Infinity;
  centers.forEach((c, i) => {
    const d = Math.abs(c - x);
    if (d < distance) {
      best = i;
      distance = d;
    }
  });
  return best;
}

/**
 * Top-left corner of a `tip`-sized tooltip pointing at `anchor` inside a `box`: centred above the anchor, below it
 * when there is no room above, and moved sideways (or up) to stay inside the box.
 */
export function placeTooltip(
  anchor: { x: number; y: number },
  tip: { width: number; height: number },
  box: { width: number; height: number },
  gap: number,
): { left: number; top: number } {
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi));
  const left = clamp(anchor.x - tip.width / 2, 0, Math.max(0, box.width - tip.width));
  const above = anchor.y - gap - tip.height;
  const top = above >= 0 ? above : clamp(anchor.y + gap, 0, Math.max(0, box.height - tip.height));
  return { left, top };
}

/** Share of each value in the total of the positive ones (pie slices), 0 for the rest. */
export function shares(values: (number | null)[]): number[] {
  const total = values.reduce<number>((sum, v) => sum + (v !== null && v > 0 ? v : 0), 0);
  return values.map((v) => (total > 0 && v !== null && v > 0 ? v / total : 0));
}

/**
 * Tick labels in the widget's number format, all in one notation: compact ("250K") when the largest is 100,000 or
 * more (as `formatNumber(n, locale, true)` writes such numbers), plain otherwise.
 */
export function tickFormat(ticks: number[], locale?: string): string[] {
  const compact = ticks.some((t) => Math.abs(t) >= 100_000);
  const f = compact ? new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }) : undefined;
  return ticks.map((t) => (f ? f.format(t) : formatNumber(t, locale)));
}

/** The tooltip's lines for category `i`: "Series (label): value", one per series (the slice's share for a pie). */
export function tooltipRows(kind: 'line' | 'bar' | 'pie', model: ChartModel, i: number, locale?: string) {
  const label = model.labels[i] ?? '';
  const value = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v, locale));
  if (kind === 'pie') {
    const series = model.series[0];
    if (!series) return [];
    const share = shares(series.values)[i] ?? 0;
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
    return [
      { colour: colour(i), text: `${series.label} (${label}): `, value: value(series.values[i]), share: percent },
    ];
  }
  return model.series.map((s, si) => ({
    colour: colour(si),
    text: `${s.label} (${label}): `,
    value: value(s.values[i]),
    share: '',
  }));
}
