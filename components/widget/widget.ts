import type * as ChartModuleNamespace from './chart.js';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AtlasApiError } from '../api/client.js';
import { keepPreUpgradeValues } from '../internal/pre-upgrade.js';
import { Backoff, isRetryable, retryAfterMs } from '../public-viewer/backoff.js';
import type { WidgetQuery, WidgetType } from '../api/contract.js';
import type { ChartKind, ChartView } from './chart.js';
import { describeChart, toChartModel, type ChartModel } from './chart-data.js';
import { columnLabel, formatCell, formatNumber } from './format.js';
import { AtlasWidgetRetryEvent } from './retry-event.js';
import type { WidgetData, WidgetLoader, WidgetState } from './types.js';
import styles from './widget.styles.js';

/** The part of a widget definition the renderer reads (a full `WidgetDefinition` fits). */
export interface WidgetLike {
  id?: string;
  title: string;
  type: WidgetType;
  query?: Partial<WidgetQuery>;
}

export const FORBIDDEN_MESSAGE = "You don't have access to this widget's data source";
export const NOT_PUBLIC_MESSAGE = "This widget's data source does not allow public access";

type ChartModule = typeof ChartModuleNamespace;

// One shared import for every chart on the page; the chart code (with d3) is fetched the first time a chart is on screen.
let chartModule: Promise<ChartModule> | undefined;
const loadChartModule = () => (chartModule ??= import('./chart.js'));

const isChart = (type: WidgetType | undefined): type is ChartKind =>
  type === 'line' || type === 'bar' || type === 'pie';

/**
 * @summary Renders one dashboard widget — a KPI, a table, or a line, bar or pie chart — from `{ columns, rows }`,
 * with loading, empty, error, no-access and stale states. The signed-in dashboard and the public viewer both use it.
 * @tag atlas-widget
 *
 * @event {AtlasWidgetRetryEvent} atlas-widget-retry - The user pressed Retry on a failed widget. `detail.widgetId`. With a `loader` the element
 * also reloads by itself, and after a failure that time can cure (the network, a 503 from a server shedding load) it
 * tries again on its own, with backoff and never before the server's Retry-After.
 *
 * @csspart base - The widget card.
 * @csspart header - The title row.
 * @csspart title - The widget title.
 * @csspart stale - The "not up to date" marker.
 * @csspart body - The area below the title.
 * @csspart kpi - A KPI figure with its label.
 * @csspart kpi-value - The KPI number.
 * @csspart table - The data table of a table widget.
 * @csspart chart - The chart figure: an SVG drawn at its real size, its legend and tooltip. Its `font-size` is the
 * chart's type size (by default 0.8em of the widget's, at least 0.7rem, growing with the widget's width), so
 * `::part(chart)` can set it.
 * @csspart chart-legend - The chart's legend (a list; shown for several series and for pies): at the bottom of a narrow
 * widget, at the top otherwise, at the right of a wide pie.
 * @csspart chart-tooltip - The tooltip of the category under the pointer or keyboard focus ("Series (label): value").
 * @csspart notice - The empty, forbidden and not-public messages.
 * @csspart error - The error message.
 * @csspart retry-button - The Retry button.
 *
 * @cssproperty --atlas-surface - Card background.
 * @cssproperty --atlas-text - Text colour.
 * @cssproperty --atlas-text-muted - Secondary text colour.
 * @cssproperty --atlas-border - Card border and chart grid line colour.
 * @cssproperty --atlas-radius - Card corner radius.
 * @cssproperty [--atlas-chart-1=#2557d6] - First series colour (slice colour for pies). The SVG fills and strokes use
 * `--atlas-chart-1` … `--atlas-chart-8` directly: changing them (or the theme) restyles a chart without a redraw.
 * @cssproperty [--atlas-chart-2=#e8743b] - Second series colour.
 * @cssproperty [--atlas-chart-3=#19a979] - Third series colour.
 * @cssproperty [--atlas-chart-4=#ed4a7b] - Fourth series colour.
 * @cssproperty [--atlas-chart-5=#945ecf] - Fifth series colour.
 * @cssproperty [--atlas-chart-6=#13a4b4] - Sixth series colour.
 * @cssproperty [--atlas-chart-7=#bf399e] - Seventh series colour.
 * @cssproperty [--atlas-chart-8=#6c8893] - Eighth series colour.
 * @cssproperty [--atlas-widget-min-height=12rem] - Least height of a chart.
 */
@keepPreUpgradeValues
export class AtlasWidget extends LitElement {
  static override styles = styles;

  #abort?: AbortController;
  #backoff = new Backoff();
  #retryTimer?: ReturnType<typeof setTimeout>;
  #chart?: ChartView;
  #chartLoading = false;
  #model?: { data: WidgetData; widget?: WidgetLike; locale?: string; model: ChartModel };
  #observer?: IntersectionObserver;
  #onScreen = false;

  /** State and data of the element's own loads (when `loader` is set). */
  @state() private own: {
    state: WidgetState;
    data?: WidgetData;
    message?: string;
    stale: boolean;
    refreshing?: boolean;
  } = {
    state: 'loading',
    stale: false,
  };

  /** The widget definition: `title`, `type` and (for date labels) `query`. */
  @property({ attribute: false }) widget?: WidgetLike;

  /** The widget's data, when the host loads it. Ignored while a `loader` is set. */
  @property({ attribute: false }) data?: WidgetData;

  /**
   * What to show, when the host loads the data: `loading`, `ready`, `error`, `forbidden` or `not-public`. Unset, it is
   * `ready` once `data` is set and `loading` before.
   */
  @property() state?: WidgetState;

  /** The error text shown in the `error` state. */
  @property() message = '';

  /** Lets the element load its own data (see `apiWidgetLoader`); it reloads whenever a new loader is set. */
  @property({ attribute: false }) loader?: WidgetLoader;

  /** Marks the data shown as not up to date (the last refresh failed). */
  @property({ type: Boolean, reflect: true }) stale = false;

  /** Wall-display mode: no Retry button (nobody is there to press it; the host retries). */
  @property({ type: Boolean, reflect: true }) kiosk = false;

  /** Locale for numbers and dates; defaults to the browser's. */
  @property() locale?: string;

  override connectedCallback() {
    super.connectedCallback();
    if (typeof IntersectionObserver === 'undefined') {
      this.#onScreen = true;
    } else {
      this.#observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting) && !this.#onScreen) {
          this.#onScreen = true;
          void this.#loadChart();
        }
      });
      this.#observer.observe(this);
    }
    if (this.loader && this.hasUpdated) void this.reload();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#cancelRetry();
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#onScreen = false;
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('loader') && this.loader) {
      this.#backoff.reset();
      void this.reload();
    }
  }

  override updated() {
    void this.#loadChart();
  }

  get #effective(): { state: WidgetState; data?: WidgetData; message: string; stale: boolean; refreshing: boolean } {
    if (this.loader)
      return {
        ...this.own,
        message: this.own.message ?? '',
        stale: this.own.stale || this.stale,
        refreshing: !!this.own.refreshing,
      };
    return {
      state: this.state ?? (this.data ? 'ready' : 'loading'),
      data: this.data,
      message: this.message,
      stale: this.stale,
      refreshing: false,
    };
  }

  /** Loads the chart module once a chart widget with data is on screen; its controller then draws in `render`. */
  async #loadChart() {
    const { state, data } = this.#effective;
    if (
      this.#chart ||
      this.#chartLoading ||
      !isChart(this.widget?.type) ||
      state !== 'ready' ||
      !data?.rows.length ||
      !this.#onScreen
    )
      return;
    this.#chartLoading = true;
    try {
      const { ChartView } = await loadChartModule();
      this.#chart = new ChartView(this);
      this.requestUpdate();
    } finally {
      this.#chartLoading = false;
    }
  }

  /** The chart model of `data`, kept while data, widget and locale stay the same (hover re-renders reuse it). */
  #chartModel(data: WidgetData): ChartModel {
    const m = this.#model;
    if (m && m.data === data && m.widget === this.widget && m.locale === this.locale) return m.model;
    const model = toChartModel(data, this.widget?.query, this.locale);
    this.#model = { data, widget: this.widget, locale: this.locale, model };
    return model;
  }

  #handleRetry() {
    /** @ignore Documented by the class's `@event atlas-widget-retry` (the analyzer cannot name the event here). */
    this.dispatchEvent(new AtlasWidgetRetryEvent(this.widget?.id));
    if (this.loader) void this.reload();
  }

  /**
   * After a failure a retry can cure, load again by itself (SPEC V4): with backoff, not before the Retry-After of a
   * server shedding load (503 `server_busy` / `query_timeout`, SPEC S2), and not while the page is hidden.
   */
  #scheduleRetry(err: unknown): void {
    this.#retryTimer = setTimeout(
      () => {
        this.#retryTimer = undefined;
        this.#retryWhenVisible();
      },
      this.#backoff.next(retryAfterMs(err)),
    );
  }

  #retryWhenVisible = () => {
    document.removeEventListener('visibilitychange', this.#retryWhenVisible);
    if (document.visibilityState === 'hidden') document.addEventListener('visibilitychange', this.#retryWhenVisible);
    else void this.reload();
  };

  #cancelRetry(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    document.removeEventListener('visibilitychange', this.#retryWhenVisible);
  }

  /** Loads again through `loader` (keeping the data on screen, marked stale, if this attempt fails). */
  async reload(): Promise<void> {
    const loader = this.loader;
    if (!loader) return;
    this.#cancelRetry();
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    // Data already on screen stays there (dimmed, aria-busy) until the new answer arrives: no flash on refresh.
    this.own = this.own.data ? { ...this.own, refreshing: true } : { state: 'loading', stale: false };
    try {
      const data = await loader({ signal: abort.signal });
      if (abort.signal.aborted) return;
      this.own = { state: 'ready', data, stale: false };
      this.#backoff.reset();
    } catch (err) {
      if (abort.signal.aborted || (err as Error)?.name === 'AbortError') return;
      const code = err instanceof AtlasApiError ? err.code : '';
      if (code === 'data_source_forbidden') this.own = { state: 'forbidden', stale: false };
      else if (code === 'data_source_not_public') this.own = { state: 'not-public', stale: false };
      else if (this.own.data)
        this.own = { ...this.own, stale: true, refreshing: false, message: (err as Error).message };
      else
        this.own = {
          state: 'error',
          stale: false,
          message: (err as Error)?.message || 'This widget could not be loaded.',
        };
      if (isRetryable(err) && this.isConnected) this.#scheduleRetry(err);
    }
  }

  #renderBody(state: WidgetState, data: WidgetData | undefined, message: string): TemplateResult | typeof nothing {
    const title = this.widget?.title ?? 'Widget';
    switch (state) {
      case 'loading':
        return html`<div class="loading" role="status">
          <span class="visually-hidden">Loading ${title}…</span>
          <div class="skeleton block" aria-hidden="true"></div>
        </div>`;
      case 'error':
        return html`<div class="notice error" part="error" role="alert">
          <p><strong>This widget could not be loaded.</strong> ${message}</p>
          ${this.kiosk ? nothing : html`<button class="button" part="retry-button" type="button" @click=${this.#handleRetry}>Retry</button>`}
        </div>`;
      case 'forbidden':
        return this.#notice(FORBIDDEN_MESSAGE, 'lock');
      case 'not-public':
        return this.#notice(NOT_PUBLIC_MESSAGE, 'lock');
      case 'ready':
        if (!data || data.rows.length === 0) return this.#notice('No data for the current filters.', 'empty');
        return this.#renderData(data);
    }
  }

  #notice(text: string, kind: 'lock' | 'empty') {
    return html`<div class="notice ${kind}" part="notice" role="note">
      ${
        kind === 'lock'
          ? html`<svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2">
              <rect x="5" y="11" width="14" height="10" rx="2"></rect>
              <path d="M8 11V7a4 4 0 0 1 8 0v4"></path>
            </svg>`
          : nothing
      }
      <p>${text}</p>
    </div>`;
  }

  #renderData(data: WidgetData) {
    const type = this.widget?.type ?? 'table';
    if (type === 'kpi') return this.#renderKpi(data);
    if (type === 'table')
      return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="title">
        ${this.#renderTable(data, false)}
      </div>`;
    return this.#renderChart(type, data);
  }

  #renderKpi(data: WidgetData) {
    const row = data.rows[0]!;
    const figures = data.columns.map((c, i) => ({ c, v: row[i] })).filter(({ c }) => c.type === 'number');
    const shown = figures.length ? figures : data.columns.map((c, i) => ({ c, v: row[i] }));
    return html`<div class="kpis">
      ${shown.map(
        ({ c, v }) =>
          html`<div class="kpi" part="kpi">
            <data
              class="kpi-value"
              part="kpi-value"
              value=${v ?? ''}
              title=${typeof v === 'number' ? formatNumber(v, this.locale) : nothing}
              >${typeof v === 'number' ? formatNumber(v, this.locale, true) : formatCell(v ?? null, c, this.widget?.query, this.locale)}</data
            >
            <span class="kpi-label">${columnLabel(c)}</span>
          </div>`,
      )}
    </div>`;
  }

  #renderTable(data: WidgetData, hidden: boolean) {
    const q = this.widget?.query;
    const numeric = data.columns.map((c) => c.type === 'number');
    return html`<table part=${hidden ? nothing : 'table'}>
      <caption class="visually-hidden">
        ${this.widget?.title ?? 'Widget data'}
      </caption>
      <thead>
        <tr>
          ${data.columns.map((c, i) => html`<th scope="col" class=${numeric[i] ? 'num' : ''}>${columnLabel(c)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${data.rows.map(
          (row) =>
            html`<tr>
              ${data.columns.map((c, i) => html`<td class=${numeric[i] ? 'num' : ''}>${formatCell(row[i] ?? null, c, q, this.locale)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #renderChart(type: ChartKind, data: WidgetData) {
    const title = this.widget?.title ?? 'Widget';
    const model = this.#chartModel(data);
    const kind = type === 'line' ? 'Line' : type === 'bar' ? 'Bar' : 'Pie';
    const label = describeChart(kind, title, model, this.locale);
    return html`<figure class="chart ${type}" part="chart">
      ${this.#chart?.render(type, model, label, this.locale) ?? html`<div class="plot"></div>`}
      <!-- The box, not the table, is what hides: a table ignores overflow and widens to its content. -->
      <div class="visually-hidden sr-table">${this.#renderTable(data, true)}</div>
    </figure>`;
  }

  override render() {
    const { state, data, message, stale, refreshing } = this.#effective;
    return html`<article
      class="base ${this.widget?.type ?? ''} ${refreshing ? 'refreshing' : ''}"
      part="base"
      aria-labelledby="title"
      aria-busy=${state === 'loading' || refreshing ? 'true' : 'false'}
    >
      <header part="header">
        <h2 id="title" part="title">${this.widget?.title ?? ''}</h2>
        ${
          stale && state === 'ready'
            ? html`<span
                class="stale"
                part="stale"
                role="status"
                title=${message || 'The last refresh failed; retrying.'}
                >Not up to date</span
              >`
            : nothing
        }
      </header>
      <div class="body" part="body">${this.#renderBody(state, data, message)}</div>
    </article>`;
  }
}
