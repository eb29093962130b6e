import { LitElement, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AtlasApiClient, AtlasApiError } from '../api/client.js';
import { exportPublicDashboard, getPublicDashboard } from '../api/endpoints.js';
import { AlarmController } from '../controllers/alarm.js';
import { RefreshTimerController } from '../controllers/refresh-timer.js';
import { downloadFile, fileSafe } from '../internal/download.js';
import { emit } from '../internal/emit.js';
import { keepPreUpgradeValues } from '../internal/pre-upgrade.js';
import { activeFilters } from '../internal/session-filters.js';
import type { FilterValue, FilterValues } from '../internal/types.js';
import { AtlasFiltersChangeEvent } from '../events/filters-change.js';
import { AtlasPublicStatusEvent, type PublicViewerStatus } from '../events/public-status.js';
import { hostStyles } from '../styles/host.js';
import { isRetryable, retryAfterMs } from './backoff.js';
import { FilterChoices } from './filter-choices.js';
import { LinkStorage, linkKey, type StoredSession } from './link-storage.js';
import { PasscodeExchange } from './passcode-exchange.js';
import styles, { themeStyles } from './public-viewer.styles.js';
import { RetryController } from './retry-controller.js';
import { ViewLoadTask } from './load-task.js';
import { isPasscodeRequired, isUnavailable } from './errors.js';
import { renderDashboard } from './viewer-dashboard.js';
import { renderError, renderLoading, renderOffline, renderPasscode, renderUnavailable } from './viewer-screens.js';
import {
  canLoad,
  initialViewerState,
  isShowing,
  publicStatus,
  secondsUntil,
  transition,
  type ViewerEvent,
  type ViewerState,
} from './viewer-state.js';

/** The token in a `/public/<token>` page address (the served embed page, SPEC V5). */
function tokenFromLocation(): string {
  const match = /\/public\/([A-Za-z0-9_-]{8,})\/?$/.exec(globalThis.location?.pathname ?? '');
  return match ? match[1] : '';
}

/** A second after the session ends: the load then gets the server's passcode_required. */
const sessionEnd = (session: StoredSession | undefined) => (session ? Date.parse(session.expiresAt) + 1000 : 0);

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
  /** The link's stored session; undefined until the link's storage key is known (then its first load starts). */
  #storage?: LinkStorage;
  #session?: string;
  #resolvedToken = '';
  /** What `atlas-public-status` said last. */
  #announced = '';
  readonly #filters = new FilterChoices(this);

  // Timers, each owned by a controller that clears it when the element leaves the page.
  readonly #refreshTimer = new RefreshTimerController(this, {
    interval: () => (this.viewerState.kind === 'ready' ? this.viewerState.dashboard.refreshInterval : 0),
    onTick: () => void this.refresh(),
  });
  readonly #retry = new RetryController(this, { onRetry: () => void this.refresh() });
  /** The last known refresh interval: how often an unavailable link is asked whether it is back (issue 16). */
  #probeSeconds = 60;
  readonly #probeTimer = new RefreshTimerController(this, {
    interval: () => (this.viewerState.kind === 'unavailable' ? this.#probeSeconds : 0),
    onTick: () => void this.#probe(),
  });
  /**
   * L5: when the session's 5 days are over, load once more so the server's passcode_required brings the prompt back,
   * even on a dashboard that does not refresh by itself.
   */
  readonly #sessionEnd = new AlarmController(this, () => void this.refresh());

  /** The layout and every widget's data. */
  readonly #load = new ViewLoadTask(this, {
    client: () => this.#client!,
    token: () => this.#resolvedToken,
    session: () => this.#session,
    filters: this.#filters,
    onLayout: (dashboard) => {
      if (dashboard.refreshInterval > 0) this.#probeSeconds = dashboard.refreshInterval;
      this.#filters.sync(dashboard);
      // Only a page that is the viewer (set-title): an embedding site keeps its own title.
      if (this.setTitle) document.title = dashboard.title;
      this.#dispatch({ type: 'layout-loaded', dashboard });
    },
    onWidget: (widgetId, slot) =>
      this.#dispatch(slot ? { type: 'widget-loaded', widgetId, slot } : { type: 'widget-pending', widgetId }),
    onLoaded: () => {
      this.#retry.reset();
      this.#dispatch({ type: 'loaded', at: new Date() });
    },
    onFailed: (err) => this.#fail(err),
  });

  /** The passcode exchanged for a session (SPEC L5). */
  readonly #passcode = new PasscodeExchange(this, {
    client: () => this.#client!,
    token: () => this.#resolvedToken,
    onEvent: (event) => this.#dispatch(event),
    onSession: (issued) => this.#startSession(issued),
    onUnavailable: () => this.#becomeUnavailable(),
  });

  /** Everything the viewer shows follows from this one state (see viewer-state.ts). */
  @state() private viewerState: ViewerState = initialViewerState;
  @state() private openMulti: string | null = null;
  @state() private exporting = false;
  @state() private exportError = '';

  /**
   * What the viewer shows: loading, the passcode prompt, the dashboard, offline, unavailable or an error. Set by the
   * viewer (read it, or listen to `atlas-public-status`).
   * @readonly
   */
  get status(): PublicViewerStatus {
    return publicStatus(this.viewerState).status;
  }

  /**
   * True while the data on screen is the last known because the server could not be reached. Set by the viewer.
   * @readonly
   */
  get stale(): boolean {
    return this.viewerState.kind === 'stale';
  }

  /** The link token. When empty, it is read from the page address `/public/<token>`. */
  @property() token = '';

  /** Base URL of the Atlas API, e.g. `/api` or `https://atlas.example.com/api`. */
  @property({ attribute: 'api-base' }) apiBase = '/api';

  /** Wall-display mode: no top bar, no export; the grid fills the screen with large type. */
  @property({ type: Boolean, reflect: true }) kiosk = false;

  /** `light`, `dark` or `auto` (follows the operating system). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  /**
   * Set when the viewer is the page's main content (the served `/public/<token>` page has it): once the layout has
   * loaded (after the passcode, if any) `document.title` becomes the dashboard's title. Without it the viewer never
   * changes its host page's title.
   */
  @property({ type: Boolean, attribute: 'set-title' }) setTitle = false;

  override connectedCallback(): void {
    super.connectedCallback();
    // Reconnected after a move in the DOM: pick up where it stopped.
    if (this.hasUpdated) void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#load.abort();
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

  override updated(): void {
    const { status, stale } = publicStatus(this.viewerState);
    const said = `${status} ${stale}`;
    if (said !== this.#announced) {
      this.#announced = said;
      emit(this, new AtlasPublicStatusEvent({ status, stale }));
    }
  }

  /**
   * Loads the layout and data again now (the refresh timer and the retries call this too). Resolves when done;
   * concurrent calls share one load.
   */
  refresh(): Promise<void> {
    return this.#storage && canLoad(this.viewerState) ? this.#load.refresh() : Promise.resolve();
  }

  /** Sets one global filter as a viewer would (kept in sessionStorage for this tab only) and reloads the data. */
  setFilter(field: string, value: FilterValue | undefined): void {
    const next = { ...this.#filters.values };
    if (value === undefined) delete next[field];
    else next[field] = value;
    this.#changeFilters(next);
  }

  #dispatch(event: ViewerEvent): void {
    const previous = this.viewerState;
    this.viewerState = transition(previous, event);
    // The refresh interval runs only while fresh data is on screen, counted from the last full load.
    if (this.viewerState.kind !== previous.kind || event.type === 'loaded') this.#refreshTimer.restart();
    if (this.viewerState.kind !== previous.kind) this.#probeTimer.restart();
    // A retry belongs to the stale and offline states: leaving them ends it.
    if (!('retryAt' in this.viewerState)) this.#retry.cancel();
  }

  /** Starts over for a (new) link: its stored session and filters, then the first load. */
  async #open(token: string): Promise<void> {
    this.#load.abort();
    this.#retry.reset();
    this.#storage = undefined;
    this.#dispatch(token ? { type: 'opened' } : { type: 'no-token' });
    if (!token) return;
    const key = await linkKey(token);
    if (token !== this.#resolvedToken) return;
    this.#storage = new LinkStorage(key);
    const stored = this.#storage.getSession();
    this.#session = stored?.session;
    this.#sessionEnd.set(sessionEnd(stored));
    this.#filters.open(`public:${key}`);
    await this.refresh();
  }

  /** What a failed load means for the whole viewer. */
  #fail(err: unknown): void {
    if (isUnavailable(err)) {
      this.#becomeUnavailable();
    } else if (isPasscodeRequired(err)) {
      // No session yet, or it expired, or the owner changed the passcode (which ends every session): ask again.
      this.#forgetSession();
      this.#dispatch({ type: 'passcode-required' });
    } else if (isRetryable(err)) {
      // Try again later (SPEC V4), not before the Retry-After of a server that sheds load (503 server_busy or
      // query_timeout, SPEC S2).
      this.#dispatch({ type: 'unreachable', retryAt: this.#retry.schedule(retryAfterMs(err)) });
    } else {
      this.#dispatch({ type: 'failed', message: err instanceof Error ? err.message : 'Something went wrong.' });
    }
  }

  #forgetSession(): void {
    this.#session = undefined;
    this.#storage?.clearSession();
    this.#sessionEnd.set(0);
  }

  /**
   * L3: nothing of the dashboard may stay on screen (the state keeps none), and nothing is left to retry. The passcode
   * session is kept: the server refuses it for a revoked link, and a paused link that is resumed accepts it again.
   */
  #becomeUnavailable(): void {
    this.#load.abort();
    this.#filters.forget();
    this.#dispatch({ type: 'unavailable' });
  }

  /**
   * Issue 16: a paused link can be resumed. While unavailable, the viewer asks for the layout once per refresh
   * interval, showing nothing meanwhile; any answer but link_unavailable (the layout, or passcode_required) opens
   * the link afresh, so a wall screen recovers by itself.
   */
  async #probe(): Promise<void> {
    const token = this.#resolvedToken;
    if (this.viewerState.kind !== 'unavailable' || !token || !this.#client) return;
    try {
      await getPublicDashboard(this.#client, { token });
    } catch (err) {
      if (!isPasscodeRequired(err)) return;
    }
    if (token === this.#resolvedToken && this.viewerState.kind === 'unavailable') void this.#open(token);
  }

  /** A viewer's change: kept for this tab only (V3), announced, and the data reloaded with it at once. */
  #changeFilters(filters: FilterValues): void {
    this.#filters.change(filters);
    if (isShowing(this.viewerState)) {
      emit(this, new AtlasFiltersChangeEvent({ dashboardId: this.viewerState.dashboard.id, filters }));
    }
    // Not refresh(): a load in flight has the old values, so a new one replaces it.
    if (this.#storage && canLoad(this.viewerState)) void this.#load.reload();
  }

  #startSession(issued: StoredSession): void {
    this.#session = issued.session;
    this.#storage?.setSession(issued);
    this.#sessionEnd.set(sessionEnd(issued));
    this.#dispatch({ type: 'session-started' });
    void this.refresh();
  }

  async #export(): Promise<void> {
    if (!isShowing(this.viewerState) || this.exporting) return;
    const { title } = this.viewerState.dashboard;
    this.exporting = true;
    this.exportError = '';
    try {
      const filters = activeFilters(this.#filters.values);
      await downloadFile(
        exportPublicDashboard(this.#client!, { token: this.#resolvedToken }, { filters }),
        `${fileSafe(title)}.xlsx`,
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
  #onWidgetRetry = (event: Event): void => {
    const id = (event as CustomEvent<{ widgetId?: string }>).detail?.widgetId;
    const widget = isShowing(this.viewerState) && this.viewerState.dashboard.widgets.find((w) => w.id === id);
    if (!widget) return;
    this.#load.retryWidget(widget);
  };

  // ─── rendering ────────────────────────────────────────────────────────────────────────────────────────────────

  override render() {
    return html`<div class="base" part="base">${this.#renderBody()}</div>`;
  }

  #renderBody() {
    const state = this.viewerState;
    switch (state.kind) {
      case 'passcode':
        return renderPasscode({
          problem: state.problem,
          busy: this.#passcode.busy,
          onSubmit: this.#passcode.submit,
        });
      case 'unavailable':
        return renderUnavailable();
      case 'offline':
        return renderOffline(secondsUntil(state.retryAt), () => void this.refresh());
      case 'error':
        return renderError(
          state.message,
          state.canRetry
            ? () => {
                this.#dispatch({ type: 'retried' });
                void this.refresh();
              }
            : undefined,
        );
      case 'ready':
      case 'stale':
        return renderDashboard({
          shown: state,
          kiosk: this.kiosk,
          exporting: this.exporting,
          exportError: this.exportError,
          onExport: () => void this.#export(),
          filters: this.#filters.values,
          openMulti: this.openMulti,
          onFilter: (field, value) => this.setFilter(field, value),
          onToggleMulti: (field) => (this.openMulti = field),
          onResetFilters: () => this.#changeFilters({}),
          onWidgetRetry: this.#onWidgetRetry,
        });
      default:
        return renderLoading(this.kiosk);
    }
  }
}
