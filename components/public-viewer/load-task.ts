import type { ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { type AtlasApiClient, AtlasApiError } from '../api/client.js';
import { getPublicDashboard, getPublicWidgetData } from '../api/endpoints.js';
import { activeFilters } from '../internal/session-filters.js';
import { isRetryable } from './backoff.js';
import { isAbort, isInvalidFilters, isPasscodeRequired, isUnavailable } from './errors.js';
import type { FilterChoices } from './filter-choices.js';
import type { PublicDashboard, PublicWidget } from './types.js';
import type { WidgetSlot } from './viewer-state.js';

export interface ViewLoadOptions {
  client: () => AtlasApiClient;
  token: () => string;
  /** The passcode session (Bearer); none: the link's cookie, if any, speaks for it. */
  session: () => string | undefined;
  /** The visitor's choices, read after `onLayout` (locked values are applied by the server). */
  filters: FilterChoices;
  onLayout: (dashboard: PublicDashboard) => void;
  /** A widget's load starts (`slot` undefined) or ends. */
  onWidget: (widgetId: string, slot?: WidgetSlot) => void;
  /** The layout and every widget loaded. */
  onLoaded: () => void;
  /**
   * What concerns the whole viewer (never an abort): unavailable, passcode required, network or busy server,
   * invalid filters. A widget's own failure only goes to its slot.
   */
  onFailed: (err: unknown) => void;
}

const ignore = () => undefined;

const refusedSlot = (code: string, message: string): WidgetSlot =>
  code === 'data_source_not_public' ? { status: 'not-public' } : { status: 'error', message };

/**
 * The viewer's loads of its layout and widget data, through `@lit/task`: a newer run aborts the one in flight, and
 * only the latest run's outcome is reported, so a slow answer never overwrites a newer one.
 */
export class ViewLoadTask {
  #options: ViewLoadOptions;
  #task: Task<readonly unknown[], void>;
  /** The signal of the latest run: a widget's own retry goes with it. */
  #signal?: AbortSignal;

  constructor(host: ReactiveControllerHost, options: ViewLoadOptions) {
    this.#options = options;
    this.#task = new Task(host, {
      autoRun: false,
      task: (_, { signal }) => this.#load(signal),
      onComplete: options.onLoaded,
      onError: (err) => {
        if (!isAbort(err)) options.onFailed(err);
      },
    });
  }

  /** Loads now, or joins the load in flight (unless a disconnect aborted it: that one would end with nothing). */
  refresh(): Promise<void> {
    if (this.#task.status === TaskStatus.PENDING && !this.#signal?.aborted) {
      return this.#task.taskComplete.then(ignore, ignore);
    }
    return this.#task.run();
  }

  /** Loads now, replacing a load in flight (which may use old filter values). */
  reload(): Promise<void> {
    return this.#task.run();
  }

  abort(): void {
    this.#task.abort();
  }

  /** Loads one widget again alone; what concerns the whole viewer is reported as for a full load. */
  retryWidget(widget: PublicWidget): void {
    this.#options.onWidget(widget.id, { status: 'loading' });
    const signal = this.#signal?.aborted === false ? this.#signal : new AbortController().signal;
    this.#loadWidget(widget, signal).catch((err: unknown) => {
      if (!isAbort(err)) this.#options.onFailed(err);
    });
  }

  async #load(signal: AbortSignal): Promise<void> {
    this.#signal = signal;
    const { filters } = this.#options;
    try {
      await this.#loadView(signal);
    } catch (err) {
      if (!isInvalidFilters(err) || !filters.loaded || signal.aborted) throw err;
      // Stored choices that the dashboard no longer accepts (its filters changed): start again from its defaults.
      filters.forget();
      await this.#loadView(signal);
    }
  }

  /** The layout, then every widget; throws (once every widget has settled) what concerns the whole viewer. */
  async #loadView(signal: AbortSignal): Promise<void> {
    const { client, token, session } = this.#options;
    // The layout is fetched on every refresh: it is how a revoked link or an expired session is noticed even on a
    // dashboard without widgets, and how a title or layout change reaches a wall screen.
    const { dashboard } = await getPublicDashboard(client(), { token: token() }, { bearer: session() ?? '', signal });
    signal.throwIfAborted();
    this.#options.onLayout(dashboard);
    const results = await Promise.allSettled(dashboard.widgets.map((w) => this.#loadWidget(w, signal)));
    signal.throwIfAborted();
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /** Loads one widget into its slot. Throws only what concerns the whole viewer. */
  async #loadWidget(widget: PublicWidget, signal: AbortSignal): Promise<void> {
    const { client, token, session, filters, onWidget } = this.#options;
    // The layout already says when a widget's data stays hidden behind this link: no request to be refused.
    if (widget.dataError) return onWidget(widget.id, refusedSlot(widget.dataError.code, widget.dataError.message));
    onWidget(widget.id);
    try {
      const data = await getPublicWidgetData(
        client(),
        { token: token(), widgetId: widget.id },
        { filters: activeFilters(filters.values) },
        { bearer: session() ?? '', signal },
      );
      if (!signal.aborted) onWidget(widget.id, { status: 'ready', data });
    } catch (err) {
      if (signal.aborted || isAbort(err) || isUnavailable(err) || isPasscodeRequired(err)) throw err;
      if (isRetryable(err) || isInvalidFilters(err)) throw err;
      onWidget(
        widget.id,
        err instanceof AtlasApiError && err.status === 403
          ? refusedSlot(err.code, err.message)
          : { status: 'error', message: err instanceof Error ? err.message : 'This widget could not be loaded.' },
      );
    }
  }
}
