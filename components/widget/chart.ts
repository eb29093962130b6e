/**
 * The SVG charts of `<atlas-widget>` (line, bar, pie), imported with `import()` only when a chart widget is on screen,
 * so KPI and table widgets never load it (issue 13, SPEC S4). d3-scale and d3-shape compute the geometry; Lit `svg`
 * templates draw it at the plot's real pixel size, measured with a ResizeObserver, so text keeps its CSS font size
 * from a 360 px phone to a 4K wall. Colours, grid and text come from CSS classes (chart.styles.ts) that read
 * `--atlas-chart-1` … `--atlas-chart-8`, `--atlas-border` and `--atlas-text`: a theme change needs no redraw.
 *
 * The chart is one tab stop: the arrow keys (Home, End) move between categories, the tooltip follows, and a live
 * region reads it out; Escape hides it. The pointer shows the category under it (the slice, for a pie).
 */
import {
  html,
  nothing,
  supportsAdoptingStyleSheets,
  svg,
  type ReactiveController,
  type ReactiveElement,
  type TemplateResult,
} from 'lit';
import { scaleBand, scalePoint } from 'd3-scale';
import { arc, line, pie, type PieArcDatum } from 'd3-shape';
import type { ChartModel } from './chart-data.js';
import {
  colour,
  fitText,
  nearestIndex,
  placeTooltip,
  thinLabels,
  tickFormat,
  tooltipRows,
  valueAxis,
} from './chart-layout.js';
import styles from './chart.styles.js';

export type ChartKind = 'line' | 'bar' | 'pie';

/** Size and type of the plot box, as measured. */
interface Frame {
  width: number;
  height: number;
  fontPx: number;
  font: string;
}

/** What a render computed once for a model and a frame, kept while only the active category changes. */
interface Layout {
  key: unknown[];
  /** Everything but the highlight of the active category (an `svg` template). */
  marks: unknown;
  count: number;
  /** Category centres and the plot's horizontal extent, to find the category under the pointer (not for pies). */
  centers: number[];
  left: number;
  right: number;
  /** The highlight of category `i`, and the point the tooltip points at. */
  active: (i: number) => { overlay: unknown; below?: boolean; anchor: { x: number; y: number } };
}

/** Adds the chart styles to the widget's shadow root (once), next to the styles Lit adopted for the element. */
function adoptChartStyles(root: ParentNode) {
  if (!(root instanceof ShadowRoot)) return;
  if (supportsAdoptingStyleSheets && styles.styleSheet) {
    if (!root.adoptedStyleSheets.includes(styles.styleSheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet];
  } else if (!root.querySelector('style[data-atlas-chart]')) {
    // As Lit does where sheets cannot be adopted: a <style> element, with the page's nonce when it set one.
    const style = document.createElement('style');
    const nonce = (globalThis as { litNonce?: string }).litNonce;
    if (nonce) style.setAttribute('nonce', nonce);
    style.dataset.atlasChart = '';
    style.textContent = styles.cssText;
    root.append(style);
  }
}

let context: CanvasRenderingContext2D | null | undefined;
/**
 * Width of a text in the plot's font, measured on a detached canvas (estimated where there is none). For use at once:
 * the canvas is shared by every chart.
 */
function measurer(frame: Frame): (text: string) => number {
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return (text) => text.length * frame.fontPx * 0.6;
  const ctx = context;
  ctx.font = frame.font;
  return (text) => ctx.measureText(text).width;
}

/**
 * Draws a widget's chart into the widget's own render (a reactive controller of the element): `render()` returns the
 * legend, the SVG and the tooltip for the figure.
 */
export class ChartView implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #observer: ResizeObserver;
  #plot?: HTMLElement;
  #kind?: ChartKind;
  #frame: Frame = { width: 0, height: 0, fontPx: 12, font: '' };
  #layout?: Layout;
  #active = -1;
  /**
   * What chose the active category: the keyboard (the live region reads it; blur hides it), a mouse or pen (leaving
   * hides it) or a touch (the tooltip stays after the finger lifts, until the chart loses focus).
   */
  #source: 'key' | 'mouse' | 'touch' = 'mouse';
  #anchor?: { x: number; y: number };

  constructor(host: ReactiveElement) {
    this.#host = host;
    this.#observer = new ResizeObserver(() => this.#measure());
    host.addController(this);
    adoptChartStyles(host.renderRoot);
  }

  hostDisconnected() {
    this.#observer.disconnect();
    this.#plot = undefined;
  }

  hostUpdated() {
    const plot = this.#host.renderRoot.querySelector<HTMLElement>('.plot') ?? undefined;
    if (plot !== this.#plot) {
      this.#observer.disconnect();
      this.#plot = plot;
      if (plot) this.#observer.observe(plot);
    } else {
      // A font change alone (a container query, a kiosk's type scale) resizes nothing: look again after each render.
      this.#measure();
    }
    this.#placeTooltip();
  }

  #measure() {
    const plot = this.#plot;
    if (!plot) return;
    // A wide pie has its legend at its right (a row, chart.styles.ts): a plot no wider than tall keeps the two together.
    // Resized in the next frame, not while the ResizeObserver delivers (that would be a loop).
    const square = this.#kind === 'pie' && getComputedStyle(plot.parentElement!).flexDirection === 'row';
    const maxWidth = square ? `${plot.clientHeight}px` : '';
    if (plot.style.maxInlineSize !== maxWidth) requestAnimationFrame(() => (plot.style.maxInlineSize = maxWidth));
    const style = getComputedStyle(plot);
    const frame: Frame = {
      width: Math.floor(plot.clientWidth),
      height: Math.floor(plot.clientHeight),
      fontPx: parseFloat(style.fontSize) || 12,
      font: `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`,
    };
    const old = this.#frame;
    if (frame.width === old.width && frame.height === old.height && frame.font === old.font) return;
    this.#frame = frame;
    this.#host.requestUpdate();
  }

  /** Positions the tooltip through the CSSOM (no `style` attribute, so a strict `style-src-attr` is fine). */
  #placeTooltip() {
    const tip = this.#plot?.querySelector<HTMLElement>('.tooltip');
    if (!tip || tip.hidden || !this.#anchor) return;
    const gap = this.#frame.fontPx * 0.6;
    const { left, top } = placeTooltip(
      this.#anchor,
      { width: tip.offsetWidth, height: tip.offsetHeight },
      this.#frame,
      gap,
    );
    tip.style.left = `${left}px`;
    tip.style.top = `${top}px`;
  }

  #show(index: number, source: 'key' | 'mouse' | 'touch') {
    if (index === this.#active && source === this.#source) return;
    this.#active = index;
    this.#source = source;
    this.#host.requestUpdate();
  }

  #onPointer = (e: PointerEvent) => {
    const layout = this.#layout;
    if (!layout) return;
    let index = -1;
    if (!layout.centers.length) {
      const slice = (e.target as Element).closest?.('[data-index]');
      index = slice ? Number(slice.getAttribute('data-index')) : -1;
    } else {
      const x = e.clientX - (e.currentTarget as Element).getBoundingClientRect().left;
      if (x >= layout.left && x <= layout.right) index = nearestIndex(layout.centers, x);
    }
    this.#show(index, e.pointerType === 'touch' ? 'touch' : 'mouse');
  };

  #onLeave = () => {
    if (this.#source === 'mouse') this.#show(-1, 'mouse');
  };

  #onKey = (e: KeyboardEvent) => {
    const n = this.#layout?.count ?? 0;
    const i = this.#active;
    let next: number;
    if (!n) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = i < 0 ? 0 : Math.min(n - 1, i + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = i < 0 ? n - 1 : Math.max(0, i - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    else if (e.key === 'Escape' && i >= 0) next = -1;
    else return;
    e.preventDefault();
    this.#show(next, 'key');
  };

  #onFocus = (e: FocusEvent) => {
    // Focus from the keyboard shows the first category; a click already shows the one under the pointer.
    if ((e.currentTarget as Element).matches(':focus-visible') && this.#active < 0) this.#show(0, 'key');
  };

  #onBlur = () => {
    if (this.#source !== 'mouse') this.#show(-1, 'mouse');
  };

  /** The legend, the SVG (role="group", labelled `label`) and the tooltip, for the widget's chart figure. */
  render(kind: ChartKind, model: ChartModel, label: string, locale?: string): TemplateResult {
    this.#kind = kind;
    const { width, height } = this.#frame;
    const key = [kind, model, locale, width, height, this.#frame.font];
    let layout = this.#layout;
    if (width > 0 && height > 0 && (!layout || key.some((k, i) => k !== layout!.key[i]))) {
      layout = this.#layout = kind === 'pie' ? this.#pie(model, key) : this.#cartesian(kind, model, locale, key);
    }
    if (width <= 0 || height <= 0) layout = undefined;
    const active = layout && this.#active < layout.count ? this.#active : -1;
    const highlight = layout && active >= 0 ? layout.active(active) : undefined;
    this.#anchor = highlight?.anchor;
    const rows = active >= 0 ? tooltipRows(kind, model, active, locale) : [];
    const legend = kind === 'pie' ? model.labels : model.series.length > 1 ? model.series.map((s) => s.label) : [];
    return html`${
        legend.length
          ? html`<ul class="legend" part="chart-legend" aria-label="Legend">
              ${legend.map((text, i) => html`<li><span class="swatch ${colour(i)}"></span>${text}</li>`)}
            </ul>`
          : nothing
      }
      <div class="plot">
        <svg
          role="group"
          aria-label=${label}
          tabindex="0"
          width=${width}
          height=${height}
          @pointermove=${this.#onPointer}
          @pointerdown=${this.#onPointer}
          @pointerleave=${this.#onLeave}
          @keydown=${this.#onKey}
          @focus=${this.#onFocus}
          @blur=${this.#onBlur}
        >
          ${highlight?.below ? highlight.overlay : nothing}${layout ? layout.marks : nothing}${highlight && !highlight.below ? highlight.overlay : nothing}
        </svg>
        <div class="tooltip" part="chart-tooltip" aria-hidden="true" ?hidden=${!rows.length}>
          ${rows.map(
            (row) =>
              html`<div class="row">
                <span class="swatch ${row.colour}"></span
                ><span
                  >${row.text}<b>${row.value}</b>${row.share ? html` <span class="share">${row.share}</span>` : nothing}</span
                >
              </div>`,
          )}
        </div>
        <div class="visually-hidden" aria-live="polite">
          ${this.#source === 'key' ? rows.map((row) => `${row.text}${row.value}${row.share ? ` (${row.share})` : ''}`).join('; ') : ''}
        </div>
      </div>`;
  }

  #cartesian(kind: 'line' | 'bar', model: ChartModel, locale: string | undefined, key: unknown[]): Layout {
    const { width, height, fontPx: fs } = this.#frame;
    const measure = measurer(this.#frame);
    const n = model.labels.length;
    const top = Math.ceil(fs * 0.7);
    const bottom = Math.max(top + 1, height - Math.ceil(fs * 1.8));
    const { scale: y, ticks } = valueAxis(
      model.series.flatMap((s) => s.values),
      top,
      bottom,
      fs,
    );
    const tickText = tickFormat(ticks, locale);
    const left = Math.ceil(Math.max(0, ...tickText.map(measure)) + fs * 0.6);
    const right = Math.max(left + 1, width - Math.ceil(fs * 0.5));
    const indices = model.labels.map((_, i) => i);
    let centers: number[];
    let band = 0;
    if (kind === 'bar') {
      const x = scaleBand<number>().domain(indices).range([left, right]).paddingInner(0.2).paddingOuter(0.1);
      band = x.bandwidth();
      centers = indices.map((i) => x(i)! + band / 2);
    } else {
      const x = scalePoint<number>().domain(indices).range([left, right]).padding(0.5);
      centers = indices.map((i) => x(i)!);
    }
    const step = n > 1 ? centers[1]! - centers[0]! : right - left;
    const gap = fs * (kind === 'bar' ? 0.5 : 0.8);
    // Category names of bars are cut to their bar's width before labels are skipped; dates along a line are skipped.
    const maxLabel = Math.min(kind === 'bar' ? Math.max(step - gap, fs * 2.5) : fs * 16, width);
    const texts = model.labels.map((l) => fitText(l, maxLabel, measure));
    const placed = thinLabels(centers, texts.map(measure), gap, 0, width);
    const crisp = (v: number) => Math.round(v) + 0.5;
    const zero = y(0);
    const labelY = bottom + fs * 1.25;

    const grid = svg`<g class="grid" aria-hidden="true">
      ${ticks.map((t, i) => {
        const ty = crisp(y(t));
        return svg`<line class=${t === 0 ? 'zero' : ''} x1=${left} x2=${right} y1=${ty} y2=${ty}></line>
          <text class="tick" x=${left - fs * 0.5} y=${ty} dy="0.35em" text-anchor="end">${tickText[i]}</text>`;
      })}
    </g>`;
    const xAxis = svg`<g class="axis" aria-hidden="true">
      ${placed.map(
        ({ index, x }) =>
          svg`<text x=${x} y=${labelY} text-anchor="middle">${texts[index]}${texts[index] !== model.labels[index] ? svg`<title>${model.labels[index]}</title>` : nothing}</text>`,
      )}
    </g>`;

    let marks: unknown;
    const r = Math.max(2.5, fs * 0.22);
    if (kind === 'bar') {
      const inner = scaleBand<number>()
        .domain(model.series.map((_, i) => i))
        .range([0, band])
        .paddingInner(model.series.length > 1 ? 0.08 : 0);
      const w = inner.bandwidth();
      marks = model.series.map((s, si) =>
        s.values.map((v, i) => {
          if (v === null) return nothing;
          const y1 = y(v);
          const h = Math.max(Math.abs(y1 - zero), v === 0 ? 0 : 1);
          return svg`<rect class="bar ${colour(si)}" x=${centers[i]! - band / 2 + inner(si)!} y=${v >= 0 ? zero - h : zero} width=${w} height=${h} rx=${Math.min(2, w / 4)}></rect>`;
        }),
      );
    } else {
      const path = line<number | null>()
        .defined((v) => v !== null)
        .x((_, i) => centers[i]!)
        .y((v) => y(v!));
      const isolated = (vs: (number | null)[], i: number) => vs[i - 1] == null && vs[i + 1] == null;
      marks = model.series.map(
        (s, si) => svg`<path class="line ${colour(si)}" d=${path(s.values) ?? ''}></path>
          ${s.values.map((v, i) =>
            v !== null && (n <= 60 || isolated(s.values, i))
              ? svg`<circle class="point ${colour(si)}" cx=${centers[i]} cy=${y(v)} r=${r}></circle>`
              : nothing,
          )}`,
      );
    }

    const active = (i: number) => {
      const values = model.series.map((s) => s.values[i] ?? null);
      const tops = values.filter((v): v is number => v !== null).map((v) => y(Math.max(v, 0)));
      const anchor = { x: centers[i]!, y: tops.length ? Math.min(...tops) : top };
      const overlay =
        kind === 'bar'
          ? svg`<rect class="hover-band" aria-hidden="true" x=${centers[i]! - step / 2} y=${top} width=${step} height=${bottom - top}></rect>`
          : svg`<g class="highlight" aria-hidden="true"><line class="guide" x1=${crisp(centers[i]!)} x2=${crisp(centers[i]!)} y1=${top} y2=${bottom}></line>
            ${values.map((v, si) => (v === null ? nothing : svg`<circle class="point active ${colour(si)}" cx=${centers[i]} cy=${y(v)} r=${r * 1.8}></circle>`))}</g>`;
      return { overlay, anchor, below: kind === 'bar' };
    };
    return {
      key,
      count: n,
      centers,
      left,
      right,
      active,
      marks: svg`${grid}${xAxis}<g class="marks ${kind}" aria-hidden="true">${marks}</g>`,
    };
  }

  #pie(model: ChartModel, key: unknown[]): Layout {
    const { width, height, fontPx: fs } = this.#frame;
    const radius = Math.max(0, Math.min(width, height) / 2 - fs * 0.5);
    const values = model.series[0]?.values ?? [];
    const arcs = pie<number | null>()
      .value((v) => (v !== null && v > 0 ? v : 0))
      .sort(null)(values);
    const slice = arc<PieArcDatum<number | null>>().innerRadius(0).outerRadius(radius);
    const grown = arc<PieArcDatum<number | null>>()
      .innerRadius(0)
      .outerRadius(radius + fs * 0.4);
    const middle = arc<PieArcDatum<number | null>>()
      .innerRadius(radius * 0.65)
      .outerRadius(radius * 0.65);
    const transform = `translate(${width / 2} ${height / 2})`;
    const marks = svg`<g class="marks pie" aria-hidden="true" transform=${transform}>
      ${arcs.map((a) =>
        a.endAngle > a.startAngle
          ? svg`<path class="slice ${colour(a.index)}" data-index=${a.index} d=${slice(a) ?? ''}></path>`
          : nothing,
      )}
    </g>`;
    const active = (i: number) => {
      const a = arcs[i]!;
      const [dx, dy] = a.endAngle > a.startAngle ? middle.centroid(a) : [0, 0];
      return {
        overlay: svg`<g aria-hidden="true" transform=${transform}><path class="slice active ${colour(i)}" data-index=${i} d=${grown(a) ?? ''}></path></g>`,
        anchor: { x: width / 2 + dx, y: height / 2 + dy },
      };
    };
    return { key, count: model.labels.length, centers: [], left: 0, right: width, active, marks };
  }
}
