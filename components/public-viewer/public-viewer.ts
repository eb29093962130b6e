import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { AtlasApiClient, AtlasApiError } from '../api/client.js';
import {
  exportPublicDashboard,
  getPublicDashboard,
  getPublicWidgetData,
  startPublicSession,
} from '../api/endpoints.js';
import { RefreshTimerController } from '../controllers/refresh-timer.js';
import { downloadFile, fileSafe } from '../internal/download.js';
import { emit } from '../internal/emit.js';
import { keepPreUpgradeValues } from '../internal/pre-upgrade.js';
import { icons } from '../internal/icons.js';
import { activeFilters, loadSessionFilters, saveSessionFilters } from '../internal/session-filters.js';
import type { FilterDefinition, FilterValue, FilterValues } from '../internal/types.js';
import { renderFilterBar } from '../dashboard/filter-bar.js';
import { AtlasFiltersChangeEvent } from '../events/filters-change.js';
import { Backoff, isRetryable, retryAfterMs } from './backoff.js';
import { LinkStorage, linkKey } from './link-storage.js';
import { hostStyles } from '../styles/host.js';
import styles, { themeStyles } from './public-viewer.styles.js';
import { AtlasPublicStatusEvent, type PublicViewerStatus } from '../events/public-status.js';
import type { WidgetData } from '../widget/types.js';
import type { PublicDashboard, PublicWidget } from './types.js';

/** Per-widget state on screen. `not-public`: the widget's data source does not allow public access (SPEC L7). */
interface WidgetSlot {
  status: 'loading' | 'ready' | 'error' | 'not-public';
  data?: WidgetData;
  message?: string;
}

const isUnavailable = (err: unknown) =>
  err instanceof AtlasApiError && err.status === 403 && err.code === 'link_unavailable';
const isPasscodeRequired = (err: unknown) => err instanceof AtlasApiError && err.status === 401;
const isAbort = (err: unknown) => (err as Error)?.name === 'AbortError';

/** The token in a `/public/<token>` page address (the served embed page, SPEC V5). */
function tokenFromLocation(): string {
  const match = /\/public\/([A-Za-z0-9_-]{8,})\/?$/.exec(globalThis.location?.pathname ?? '');
  return match ? match[1] : '';
}

/**
 * @summary A read-only dashboard opened through a public link: no sign-in, works inside third-party iframes, and on
 * wall screens refreshes and recovers by itself.
 * @tag atlas-public-viewer
 *
 * @event {AtlasFiltersChangeEvent} atlas-filters-change - The viewer changed a global filter (kept in this tab's session,
 *   never saved). `detail: { dashboardId, filters }`.
 * @event {AtlasPublicStatusEvent} atlas-public-status - The viewer's state changed (`detail.status`: loading, passcode, ready, offline,
 *   unavailable, error; `detail.stale`: true while the data on screen is the last known).
 *
 * @csspart base - The viewer's outer wrapper.
 * @csspart header - The top bar (title, filters, export, last updated); absent in kiosk mode.
 * @csspart title - The dashboard title.
 * @csspart filters - The filter bar.
 * @csspart locked-filter - A filter value fixed by the link, shown as a chip.
 * @csspart export-button - The XLSX export button; absent in kiosk mode.
 * @csspart status - The "last updated" / offline indicator.
 * @csspart grid - The widget grid.
 * @csspart widget - Each widget cell.
 * @csspart passcode-form - The passcode prompt.
 * @csspart unavailable - The "This link is no longer available" screen.
 *
 * @cssproperty [--atlas-public-row-height=5.5rem] - Height of one grid row outside kiosk mode.
 * @cssproperty [--atlas-public-gap=0.875rem] - Space between widgets.
 * @cssproperty [--atlas-public-kiosk-font-size=clamp(1rem, 1.15vw, 3rem)] - Base type size in kiosk mode, readable across a room.
 * @cssproperty [--atlas-public-kiosk-height=100dvh] - Height of the viewer in kiosk mode.
 * @cssproperty --atlas-surface - Widget and bar background (see the design tokens).
 * @cssproperty --atlas-accent - Accent colour of buttons and focus rings.
 */
@keepPreUpgradeValues
export class AtlasPublicViewer extends LitElement {
  static override styles = [hostStyles, themeStyles, styles];

  #client?: AtlasApiClient;
  #storage?: LinkStorage;
  #session?: string;
  #abort?: AbortController;
  #cycle?: Promise<void>;
  #backoff = new Backoff();
  #retryTimer?: ReturnType<typeof setTimeout>;
  #retryAt = 0;
  #countdownTimer?: ReturnType<typeof setInterval>;
  #lockoutTimer?: ReturnType<typeof setTimeout>;
  #expiryTimer?: ReturnType<typeof setTimeout>;
  #resolvedToken = '';
  #filtersScope = '';
  #filtersLoaded = false;
  #refreshTimer = new RefreshTimerController(this, {
    interval: () => (this.status === 'ready' && !this.stale ? (this.dashboard?.refreshInterval ?? 0) : 0),
    onTick: () => void this.refresh(),
  });

  @query('#passcode') private passcodeInput?: HTMLInputElement;

  /**
   * What the viewer shows: loading, the passcode prompt, the dashboard, offline, unavailable or an error. Set by the
   * viewer (read it, or listen to `atlas-public-status`).
   * @readonly
   */
  @state() status: PublicViewerStatus = 'idle';
  @state() private dashboard?: PublicDashboard;
  @state() private slots = new Map<string, WidgetSlot>();
  @state() private filters: FilterValues = {};
  @state() private openMulti: string | null = null;
  /**
   * True while the data on screen is the last known because the server could not be reached. Set by the viewer.
   * @readonly
   */
  @state() stale = false;
  @state() private lastUpdated?: Date;
  @state() private retryInSeconds = 0;
  @state() private errorMessage = '';
  @state() private passcodeError = '';
  @state() private passcodeBusy = false;
  @state() private lockedUntil = 0;
  @state() private exporting = false;
  @state() private exportError = '';

  /** The link token. When empty, it is read from the page address `/public/<token>`. */
  @property() token = '';

  /** Base URL of the Atlas API, e.g. `/api` or `https://atlas.example.com/api`. */
  @property({ attribute: 'api-base' }) apiBase = '/api';

  /** Wall-display mode: no top bar, no export; the grid fills the screen with large type. */
  @property({ type: Boolean, reflect: true }) kiosk = false;

  /** `light`, `dark` or `auto` (follows the operating system). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    // Reconnected after a move in the DOM: pick up where it stopped.
    if (this.hasUpdated && this.#resolvedToken && this.status !== 'unavailable') void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#abort?.abort();
    this.#clearRetry();
    clearTimeout(this.#lockoutTimer);
    clearTimeout(this.#expiryTimer);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase') || !this.#client) {
      // No user token: a link authorizes by its token, a passcode link by its session too (Bearer, or same-origin cookie).
      this.#client = new AtlasApiClient({
        baseUrl: this.apiBase,
        token: () => this.#session,
        credentials: 'same-origin',
        // Layout and data carry ETags: a refresh that changes nothing costs a 304, not the whole body.
        cache: 'no-cache',
      });
    }
    // Resolved here (not in updated) so the reset of the screen for a new link is part of this update.
    const token = this.token || tokenFromLocation();
    if (token !== this.#resolvedToken) {
      this.#resolvedToken = token;
      void this.#open(token);
    }
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('status') || changed.has('stale')) {
      emit(this, new AtlasPublicStatusEvent({ status: this.status, stale: this.stale }));
    }
  }

  /** Starts over for a (new) link: its stored session and filters, then the first load. */
  async #open(token: string): Promise<void> {
    this.#abort?.abort();
    this.#clearRetry();
    this.#backoff.reset();
    this.dashboard = undefined;
    this.slots = new Map();
    this.lastUpdated = undefined;
    this.stale = false;
    if (!token) {
      this.status = 'error';
      this.errorMessage = 'This page needs a public link token: open it through the link you were given.';
      return;
    }
    this.status = 'loading';
    const key = await linkKey(token);
    if (token !== this.#resolvedToken) return;
    this.#storage = new LinkStorage(key);
    const stored = this.#storage.getSession();
    this.#session = stored?.session;
    this.#watchExpiry(stored?.expiresAt);
    this.#filtersScope = `public:${key}`;
    this.#filtersLoaded = false;
    this.filters = {};
    await this.refresh();
  }

  /**
   * L5: when the session's 5 days are over, load once more so the server's passcode_required brings the prompt back,
   * even on a dashboard that does not refresh by itself.
   */
  #watchExpiry(expiresAt: string | undefined): void {
    clearTimeout(this.#expiryTimer);
    this.#expiryTimer = undefined;
    const ms = expiresAt ? Date.parse(expiresAt) - Date.now() : NaN;
    // setTimeout holds at most about 24.8 days; a session lasts 5.
    if (ms > 0 && ms < 2_000_000_000) this.#expiryTimer = setTimeout(() => void this.refresh(), ms + 1000);
  }

  /** The link's path parameter. */
  get #link(): { token: string } {
    return { token: this.#resolvedToken };
  }

  /** The `filters` query parameter: only the viewer's own choices (locked values are applied by the server). */
  get #filtersParam(): { filters: FilterValues } {
    return { filters: activeFilters(this.filters) };
  }

  /** One load of the layout and every widget's data; concurrent calls share the run in flight. */
  async #load(): Promise<void> {
    const client = this.#client!;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const signal = abort.signal;
    try {
      // The layout is fetched on every refresh: it is how a revoked link or an expired session is noticed even on a
      // dashboard without widgets, and how a title or layout change reaches a wall screen.
      const { dashboard } = await getPublicDashboard(client, this.#link, { bearer: this.#session ?? '', signal });
      if (signal.aborted) return;
      this.dashboard = dashboard;
      this.#syncFilters(dashboard);
      if (this.status !== 'ready') this.status = 'ready';
      const results = await Promise.allSettled(dashboard.widgets.map((w) => this.#loadWidget(w, signal)));
      if (signal.aborted) return;
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
      this.stale = false;
      this.lastUpdated = new Date();
      this.#backoff.reset();
      this.#clearRetry();
      this.#refreshTimer.restart();
    } catch (err) {
      if (signal.aborted || isAbort(err)) return;
      this.#fail(err);
    }
  }

  /** Loads one widget into its slot. Throws only what concerns the whole viewer (unavailable, passcode, network). */
  async #loadWidget(widget: PublicWidget, signal: AbortSignal): Promise<void> {
    // The layout already says when a widget's data stays hidden behind this link: no request to be refused.
    if (widget.dataError) {
      this.#setSlot(widget.id, this.#refusedSlot(widget.dataError.code, widget.dataError.message));
      return;
    }
    const previous = this.slots.get(widget.id);
    if (!previous) this.#setSlot(widget.id, { status: 'loading' });
    try {
      const data = await getPublicWidgetData(
        this.#client!,
        { ...this.#link, widgetId: widget.id },
        this.#filtersParam,
        {
          bearer: this.#session ?? '',
          signal,
        },
      );
      if (!signal.aborted) this.#setSlot(widget.id, { status: 'ready', data });
    } catch (err) {
      const viewerWide = err instanceof AtlasApiError && err.code === 'invalid_filters';
      if (isAbort(err) || isUnavailable(err) || isPasscodeRequired(err) || isRetryable(err) || viewerWide) throw err;
      if (err instanceof AtlasApiError && err.status === 403) {
        this.#setSlot(widget.id, this.#refusedSlot(err.code, err.message));
      } else {
        this.#setSlot(widget.id, {
          status: 'error',
          message: err instanceof Error ? err.message : 'This widget could not be loaded.',
        });
      }
    }
  }

  #refusedSlot(code: string, message: string): WidgetSlot {
    return code === 'data_source_not_public' ? { status: 'not-public' } : { status: 'error', message };
  }

  #setSlot(id: string, slot: WidgetSlot): void {
    const next = new Map(this.slots);
    next.set(id, slot);
    this.slots = next;
  }

  #fail(err: unknown): void {
    if (isUnavailable(err)) {
      this.#becomeUnavailable();
    } else if (isPasscodeRequired(err)) {
      // No session yet, or it expired, or the owner changed the passcode (which ends every session): ask again, and
      // take the dashboard off the screen: what it showed was only for holders of the old passcode.
      this.#session = undefined;
      this.#storage?.clearSession();
      this.#watchExpiry(undefined);
      this.dashboard = undefined;
      this.slots = new Map();
      this.stale = false;
      this.status = 'passcode';
    } else if (isRetryable(err)) {
      // Keep what is on screen, visibly marked stale, and try again later (SPEC V4), not before the Retry-After of a
      // server that sheds load (503 server_busy or query_timeout, SPEC S2).
      if (this.dashboard) this.stale = true;
      else this.status = 'offline';
      this.#scheduleRetry(retryAfterMs(err));
    } else if (err instanceof AtlasApiError && err.code === 'invalid_filters' && this.#filtersLoaded) {
      // Stored choices that the dashboard no longer accepts (its filters changed): start again from its defaults.
      saveSessionFilters(this.#filtersScope, {});
      this.#filtersLoaded = false;
      // After this load has settled (refresh() would otherwise join it).
      setTimeout(() => void this.refresh(), 0);
    } else {
      this.status = 'error';
      this.errorMessage = err instanceof Error ? err.message : 'Something went wrong.';
    }
  }

  /** L3: nothing of the dashboard may stay on screen, and nothing is left to retry. */
  #becomeUnavailable(): void {
    this.#abort?.abort();
    this.#clearRetry();
    this.#storage?.clearSession();
    this.#session = undefined;
    this.#watchExpiry(undefined);
    this.dashboard = undefined;
    this.slots = new Map();
    this.filters = {};
    saveSessionFilters(this.#filtersScope, {});
    this.stale = false;
    this.lastUpdated = undefined;
    this.status = 'unavailable';
    this.#refreshTimer.restart();
  }

  #scheduleRetry(retryAfter = 0): void {
    this.#clearRetry();
    const delay = this.#backoff.next(retryAfter);
    this.#retryAt = Date.now() + delay;
    this.retryInSeconds = Math.ceil(delay / 1000);
    this.#countdownTimer = setInterval(() => {
      this.retryInSeconds = Math.max(0, Math.ceil((this.#retryAt - Date.now()) / 1000));
    }, 1000);
    if (document.visibilityState !== 'hidden') this.#retryTimer = setTimeout(() => this.#retryNow(), delay);
  }

  #retryNow(): void {
    this.#retryTimer = undefined;
    void this.refresh();
  }

  #clearRetry(): void {
    clearTimeout(this.#retryTimer);
    clearInterval(this.#countdownTimer);
    this.#retryTimer = undefined;
    this.#countdownTimer = undefined;
    this.#retryAt = 0;
    this.retryInSeconds = 0;
  }

  /** Retries pause with the refresh while nobody sees the page, and resume (at once if overdue) when it shows. */
  #onVisibility = () => {
    if (!this.#retryAt) return;
    if (document.visibilityState === 'hidden') {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = undefined;
    } else if (this.#retryTimer === undefined) {
      this.#retryTimer = setTimeout(() => this.#retryNow(), Math.max(0, this.#retryAt - Date.now()));
    }
  };

  /** The filters a viewer may change: the dashboard's, minus those the link has locked. */
  #freeFilters(dashboard: PublicDashboard): FilterDefinition[] {
    const locked = dashboard.lockedFilters;
    return dashboard.filters.filter((f) => !Object.hasOwn(locked, f.field));
  }

  /**
   * The first layout of a link brings this tab's stored choices (or the defaults); later layouts drop choices for
   * filters that the dashboard no longer has or that the link has locked since.
   */
  #syncFilters(dashboard: PublicDashboard): void {
    const definitions = this.#freeFilters(dashboard);
    if (!this.#filtersLoaded) {
      this.filters = loadSessionFilters(this.#filtersScope, definitions);
      this.#filtersLoaded = true;
      return;
    }
    const allowed = new Set(definitions.map((d) => d.field));
    if (Object.keys(this.filters).some((field) => !allowed.has(field))) {
      this.filters = Object.fromEntries(Object.entries(this.filters).filter(([field]) => allowed.has(field)));
      saveSessionFilters(this.#filtersScope, this.filters);
    }
  }

  /** A viewer's change: kept for this tab only (V3), announced, and the data reloaded with it at once. */
  #changeFilters(filters: FilterValues): void {
    this.filters = filters;
    saveSessionFilters(this.#filtersScope, filters);
    if (this.dashboard) emit(this, new AtlasFiltersChangeEvent({ dashboardId: this.dashboard.id, filters }));
    void this.#reloadNow();
  }

  async #submitPasscode(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = this.passcodeInput;
    const passcode = input?.value.trim() ?? '';
    if (!passcode) {
      this.passcodeError = 'Enter the passcode you were given with the link.';
      input?.focus();
      return;
    }
    this.passcodeBusy = true;
    this.passcodeError = '';
    try {
      const issued = await startPublicSession(this.#client!, this.#link, { passcode }, { bearer: '' });
      this.#session = issued.session;
      this.#storage?.setSession(issued);
      this.#watchExpiry(issued.expiresAt);
      this.status = 'loading';
      await this.refresh();
    } catch (err) {
      if (isUnavailable(err)) {
        this.#becomeUnavailable();
      } else if (err instanceof AtlasApiError && err.status === 429) {
        this.#lockOut(err.retryAfterSeconds ?? 60);
      } else if (err instanceof AtlasApiError && err.status === 401) {
        this.passcodeError = 'That passcode is not correct. Check it and try again.';
        if (input) input.select();
      } else {
        this.passcodeError =
          err instanceof AtlasApiError && err.transient
            ? 'Cannot reach the server. Check your connection and try again.'
            : (err as Error)?.message || 'Something went wrong.';
      }
    } finally {
      this.passcodeBusy = false;
    }
  }

  /** L6: after too many wrong passcodes the server answers 429 with Retry-After; say when to try again. */
  #lockOut(seconds: number): void {
    this.lockedUntil = Date.now() + seconds * 1000;
    const at = new Date(this.lockedUntil);
    const minutes = Math.ceil(seconds / 60);
    const wait = seconds < 90 ? `${seconds} seconds` : `${minutes} minutes`;
    this.passcodeError = `Too many attempts. Try again in ${wait} (at ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}).`;
    clearTimeout(this.#lockoutTimer);
    this.#lockoutTimer = setTimeout(() => {
      this.lockedUntil = 0;
      this.passcodeError = '';
    }, seconds * 1000);
  }

  async #export(): Promise<void> {
    if (!this.dashboard || this.exporting) return;
    this.exporting = true;
    this.exportError = '';
    try {
      await downloadFile(
        exportPublicDashboard(this.#client!, this.#link, this.#filtersParam),
        `${fileSafe(this.dashboard.title)}.xlsx`,
      );
    } catch (err) {
      if (isUnavailable(err) || isPasscodeRequired(err)) this.#fail(err);
      else
        this.exportError =
          err instanceof AtlasApiError && err.transient
            ? 'Export failed: the server cannot be reached.'
            : 'Export failed. Try again.';
    } finally {
      this.exporting = false;
    }
  }

  /** Retry on one failed widget: reload it alone (a failure that concerns the whole viewer is handled as usual). */
  #onWidgetRetry = (event: Event) => {
    const id = (event as CustomEvent<{ widgetId?: string }>).detail?.widgetId;
    const widget = this.dashboard?.widgets.find((w) => w.id === id);
    if (!widget) return;
    this.#setSlot(widget.id, { status: 'loading' });
    const signal = (this.#abort ??= new AbortController()).signal;
    this.#loadWidget(widget, signal).catch((err) => {
      if (!isAbort(err)) this.#fail(err);
    });
  };

  /**
   * Loads the layout and data again now (the refresh timer and the retries call this too). Resolves when done;
   * concurrent calls share one load.
   */
  refresh(): Promise<void> {
    if (!this.#resolvedToken || this.status === 'unavailable' || this.status === 'passcode') return Promise.resolve();
    if (!this.#cycle) {
      this.#cycle = this.#load().finally(() => {
        this.#cycle = undefined;
      });
    }
    return this.#cycle;
  }

  /** Sets one global filter as a viewer would (kept in sessionStorage for this tab only) and reloads the data. */
  setFilter(field: string, value: FilterValue | undefined): void {
    const next = { ...this.filters };
    if (value === undefined) delete next[field];
    else next[field] = value;
    this.#changeFilters(next);
  }

  /** Filter changes must not wait for a load in flight with the old values. */
  async #reloadNow(): Promise<void> {
    this.#abort?.abort();
    await this.#cycle?.catch(() => undefined);
    await this.refresh();
  }

  // ─── rendering ────────────────────────────────────────────────────────────────────────────────────────────────

  #timeText(date: Date): string {
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  #renderStatus() {
    if (this.stale) {
      const since = this.lastUpdated ? ` Showing data from ${this.#timeText(this.lastUpdated)}.` : '';
      const retry = this.retryInSeconds > 0 ? ` Retrying in ${this.retryInSeconds} s.` : ' Retrying…';
      return html`<p class="status stale" part="status" role="status">
        <span class="dot" aria-hidden="true"></span><strong>Offline.</strong>${since}${retry}
      </p>`;
    }
    if (!this.lastUpdated) return html`<p class="status" part="status" role="status">Loading…</p>`;
    return html`<p class="status" part="status" role="status">
      <span class="dot ok" aria-hidden="true"></span>Last updated
      <time datetime=${this.lastUpdated.toISOString()}>${this.#timeText(this.lastUpdated)}</time>
    </p>`;
  }

  #valueText(value: FilterValue): string {
    if (Array.isArray(value)) return value.join(', ');
    if (typeof value === 'object') {
      if (value.from && value.to) return `${value.from} – ${value.to}`;
      return value.from ? `from ${value.from}` : `until ${value.to}`;
    }
    return String(value);
  }

  #renderLocked(dashboard: PublicDashboard) {
    const locked = Object.entries(dashboard.lockedFilters);
    if (!locked.length) return nothing;
    return html`<ul class="locked" aria-label="Fixed by this link">
      ${locked.map(([field, value]) => {
        const def = dashboard.filters.find((f) => f.field === field);
        return html`<li class="chip" part="locked-filter">
          ${icons.lock}<span class="chip-label">${def?.label ?? field}:</span> ${this.#valueText(value)}
          <span class="visually-hidden">(fixed by this link, cannot be changed)</span>
        </li>`;
      })}
    </ul>`;
  }

  #renderFilters(dashboard: PublicDashboard) {
    const definitions = this.#freeFilters(dashboard);
    if (!definitions.length && !Object.keys(dashboard.lockedFilters).length) return nothing;
    return html`<div class="filters" part="filters">
      ${renderFilterBar({
        definitions,
        values: this.filters,
        openMulti: this.openMulti,
        onChange: (field, value) => this.setFilter(field, value),
        onToggleMulti: (field) => (this.openMulti = field),
        onReset: () => this.#changeFilters({}),
      })}
      ${this.#renderLocked(dashboard)}
    </div>`;
  }

  #renderHeader(dashboard: PublicDashboard) {
    if (this.kiosk) return nothing;
    return html`<header class="header" part="header">
      <div class="title-row">
        <span class="globe" title="Public link: everyone with the link can view">${icons.globe}</span>
        <h1 class="title" part="title">${dashboard.title}</h1>
        <div class="actions">
          ${this.#renderStatus()}
          <button
            class="button"
            part="export-button"
            type="button"
            ?disabled=${this.exporting}
            @click=${() => this.#export()}
          >
            ${icons.download}<span>${this.exporting ? 'Exporting…' : 'Export XLSX'}</span>
          </button>
        </div>
      </div>
      ${this.exportError ? html`<p class="export-error" role="alert">${this.exportError}</p>` : nothing}
      ${this.#renderFilters(dashboard)}
    </header>`;
  }

  #renderWidget(widget: PublicWidget) {
    const slot = this.slots.get(widget.id) ?? { status: 'loading' };
    const p = widget.position;
    const style = `--x:${p.x + 1};--y:${p.y + 1};--w:${p.w};--h:${p.h}`;
    return html`<div class="cell" part="widget" style=${style}>
      <atlas-widget
        .widget=${widget}
        .data=${slot.data}
        .state=${slot.status}
        .message=${slot.message ?? ''}
        ?stale=${this.stale}
        ?kiosk=${this.kiosk}
      ></atlas-widget>
    </div>`;
  }

  #renderGrid(dashboard: PublicDashboard) {
    if (!dashboard.widgets.length) {
      return html`<div class="message" part="grid">
        <strong>No widgets yet</strong>This dashboard has nothing to show.
      </div>`;
    }
    const rows = Math.max(...dashboard.widgets.map((w) => w.position.y + w.position.h));
    return html`<div
      class="grid ${this.stale ? 'is-stale' : ''}"
      part="grid"
      style="--rows:${rows}"
      @atlas-widget-retry=${this.#onWidgetRetry}
    >
      ${dashboard.widgets.map((w) => this.#renderWidget(w))}
    </div>`;
  }

  #renderPasscode() {
    const locked = this.lockedUntil > Date.now();
    return html`<div class="center">
      <form
        class="card passcode"
        part="passcode-form"
        @submit=${this.#submitPasscode}
        novalidate
        aria-labelledby="passcode-title"
      >
        <span class="card-icon" aria-hidden="true">${icons.lock}</span>
        <h1 id="passcode-title">This dashboard is protected</h1>
        <p>Enter the passcode you received with the link.</p>
        <label for="passcode">Passcode</label>
        <input
          id="passcode"
          name="passcode"
          type="password"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          required
          autofocus
          aria-invalid=${this.passcodeError ? 'true' : 'false'}
          aria-describedby="passcode-error"
          ?disabled=${locked}
        />
        <p id="passcode-error" class="form-error" role="alert">${this.passcodeError}</p>
        <button class="button primary" type="submit" ?disabled=${this.passcodeBusy || locked}>
          ${this.passcodeBusy ? 'Checking…' : 'View dashboard'}
        </button>
      </form>
    </div>`;
  }

  #renderUnavailable() {
    return html`<div class="center">
      <div class="card unavailable" part="unavailable" role="alert">
        <span class="card-icon" aria-hidden="true">${icons.link}</span>
        <h1>This link is no longer available</h1>
        <p>It may have been revoked by its owner. Ask the person who shared it for a new link.</p>
      </div>
    </div>`;
  }

  #renderOffline() {
    return html`<div class="center">
      <div class="card" role="status">
        <span class="card-icon" aria-hidden="true">${icons.refresh}</span>
        <h1>Cannot reach the server</h1>
        <p>
          The dashboard will appear as soon as the server answers.
          ${this.retryInSeconds > 0 ? html`Retrying in ${this.retryInSeconds} s.` : 'Retrying…'}
        </p>
        <button class="button" type="button" @click=${() => this.refresh()}>Retry now</button>
      </div>
    </div>`;
  }

  #renderError() {
    return html`<div class="center">
      <div class="card error" role="alert">
        <h1>This dashboard could not be loaded</h1>
        <p>${this.errorMessage}</p>
        ${
          this.#resolvedToken
            ? html`<button
                class="button"
                type="button"
                @click=${() => {
                  this.status = 'loading';
                  void this.refresh();
                }}
              >
                Try again
              </button>`
            : nothing
        }
      </div>
    </div>`;
  }

  #renderLoading() {
    return html`<div class="loading" role="status" aria-label="Loading the dashboard">
      ${this.kiosk ? nothing : html`<div class="skeleton bar"></div>`}
      <div class="grid skeleton-grid">${[0, 1, 2, 3].map(() => html`<div class="skeleton tile"></div>`)}</div>
    </div>`;
  }

  #renderDashboard(dashboard: PublicDashboard) {
    return html`${this.#renderHeader(dashboard)}
      <section class="main" aria-label=${dashboard.title}>
        ${this.kiosk ? html`<h1 class="visually-hidden">${dashboard.title}</h1>` : nothing}
        ${this.#renderGrid(dashboard)}
      </section>
      ${this.kiosk ? html`<div class="kiosk-status">${this.#renderStatus()}</div>` : nothing}`;
  }

  #renderBody() {
    switch (this.status) {
      case 'passcode':
        return this.#renderPasscode();
      case 'unavailable':
        return this.#renderUnavailable();
      case 'offline':
        return this.#renderOffline();
      case 'error':
        return this.#renderError();
      case 'ready':
        return this.dashboard ? this.#renderDashboard(this.dashboard) : this.#renderLoading();
      default:
        return this.#renderLoading();
    }
  }

  override render() {
    return html`<div class="base" part="base">${this.#renderBody()}</div>`;
  }
}
