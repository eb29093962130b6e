/**
 * What the public viewer shows, as one explicit state, and how each event moves it (pure: no DOM, no timers, no
 * requests). The element performs the requests and owns the timers; it reports what happened here and renders the
 * state it gets back. Keeping the rules in one place is what guarantees, by construction, that a revoked link or a
 * changed passcode leaves no old data on screen, and that a late answer never brings it back.
 */
import type { PublicViewerStatus } from '../events/public-status.js';
import type { WidgetData } from '../widget/types.js';
import type { PublicDashboard } from './types.js';

/** Per-widget state on screen. `not-public`: the widget's data source does not allow public access (SPEC L7). */
export interface WidgetSlot {
  status: 'loading' | 'ready' | 'error' | 'not-public';
  data?: WidgetData;
  message?: string;
}

/** Why the passcode prompt says something under its field. */
export type PasscodeProblem =
  | { kind: 'empty' }
  | { kind: 'wrong'; message?: string }
  /** Too many wrong passcodes (429, SPEC L6): the form stays disabled until `until` (ms since the epoch). */
  | { kind: 'locked'; seconds: number; until: number }
  | { kind: 'unreachable' }
  | { kind: 'failed'; message: string };

/** A dashboard on screen: its layout, each widget's data, and when all of it was last loaded. */
export interface ShownDashboard {
  dashboard: PublicDashboard;
  slots: ReadonlyMap<string, WidgetSlot>;
  lastUpdated?: Date;
}

export type ViewerState =
  /** Before the element's first update. */
  | { kind: 'idle' }
  /** The first load of a link (or after a passcode), nothing to show yet. */
  | { kind: 'loading' }
  /** The link wants a passcode; no data of the dashboard is kept. */
  | { kind: 'passcode'; problem?: PasscodeProblem }
  | ({ kind: 'ready' } & ShownDashboard)
  /** The server could not be reached: the last data stays, marked stale, until the retry at `retryAt`. */
  | ({ kind: 'stale'; retryAt: number } & ShownDashboard)
  /** The server could not be reached before any data arrived; the retry is at `retryAt`. */
  | { kind: 'offline'; retryAt: number }
  /** Revoked or unknown link (SPEC L3): nothing of the dashboard stays, nothing is retried. */
  | { kind: 'unavailable' }
  | { kind: 'error'; message: string; canRetry: boolean };

export type ViewerEvent =
  /** A (new) link to load: everything of the previous one goes. */
  | { type: 'opened' }
  /** No token in the attribute or the page address. */
  | { type: 'no-token' }
  /** The layout arrived (every refresh loads it: that is how a revoke, a new title or layout is noticed). */
  | { type: 'layout-loaded'; dashboard: PublicDashboard }
  /** A widget's load started: it shows a placeholder unless it already shows data (a refresh keeps it). */
  | { type: 'widget-pending'; widgetId: string }
  /** A widget's slot, as loaded (or refused, or failed, or `loading` again for a retry of that widget alone). */
  | { type: 'widget-loaded'; widgetId: string; slot: WidgetSlot }
  /** The layout and every widget loaded: fresh data (a stale view recovers). */
  | { type: 'loaded'; at: Date }
  /** 401 passcode_required: no session yet, the session expired, or the owner changed the passcode. */
  | { type: 'passcode-required' }
  /** The visitor sent a passcode: the previous message goes while the server is asked. */
  | { type: 'passcode-submitted' }
  /** The passcode was refused (empty, wrong, too many attempts) or could not be checked. */
  | { type: 'passcode-refused'; problem: PasscodeProblem }
  /** The lockout after too many attempts is over. */
  | { type: 'lockout-ended' }
  /** The passcode opened a session: load the dashboard. */
  | { type: 'session-started' }
  /** 403 link_unavailable. */
  | { type: 'unavailable' }
  /** Network error, 5xx (503 with Retry-After when the server sheds load) or 429: a retry is set for `retryAt`. */
  | { type: 'unreachable'; retryAt: number }
  /** Anything else that stops the whole view. */
  | { type: 'failed'; message: string }
  /** "Try again" after an error. */
  | { type: 'retried' };

export const NO_TOKEN_MESSAGE = 'This page needs a public link token: open it through the link you were given.';

export const initialViewerState: ViewerState = { kind: 'idle' };

/** A state with a dashboard on screen (fresh or stale). */
export type ShowingState = Extract<ViewerState, { kind: 'ready' | 'stale' }>;

/** Whether a dashboard is on screen. */
export function isShowing(state: ViewerState): state is ShowingState {
  return state.kind === 'ready' || state.kind === 'stale';
}

/** Whether a load may run: not while the passcode is asked (it would only be refused) nor for a dead link. */
export function canLoad(state: ViewerState): boolean {
  return state.kind !== 'passcode' && state.kind !== 'unavailable';
}

/** What `status` and `atlas-public-status` say: a stale view is still `ready`, with `stale` set. */
export function publicStatus(state: ViewerState): { status: PublicViewerStatus; stale: boolean } {
  if (state.kind === 'stale') return { status: 'ready', stale: true };
  return { status: state.kind, stale: false };
}

/** Whole seconds until `at`, 0 once it is due. */
export function secondsUntil(at: number, now = Date.now()): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** The next state: every event has a rule; an event that does not apply to the current state leaves it as is. */
export function transition(state: ViewerState, event: ViewerEvent): ViewerState {
  const shown = isShowing(state) ? state : undefined;
  switch (event.type) {
    case 'opened':
      return { kind: 'loading' };
    case 'no-token':
      return { kind: 'error', message: NO_TOKEN_MESSAGE, canRetry: false };
    case 'layout-loaded':
      // A late answer must not bring a dashboard back behind the passcode prompt or the unavailable screen.
      if (!canLoad(state)) return state;
      return shown
        ? { ...shown, dashboard: event.dashboard }
        : { kind: 'ready', dashboard: event.dashboard, slots: new Map() };
    case 'widget-pending':
      if (!shown || shown.slots.has(event.widgetId)) return state;
      return withSlot(shown, event.widgetId, { status: 'loading' });
    case 'widget-loaded':
      return shown ? withSlot(shown, event.widgetId, event.slot) : state;
    case 'loaded':
      return shown ? { kind: 'ready', dashboard: shown.dashboard, slots: shown.slots, lastUpdated: event.at } : state;
    case 'passcode-required':
      // What was on screen was only for holders of the old passcode: it goes.
      return state.kind === 'unavailable' ? state : { kind: 'passcode' };
    case 'passcode-submitted':
      return state.kind === 'passcode' ? { kind: 'passcode' } : state;
    case 'passcode-refused':
      return state.kind === 'passcode' ? { kind: 'passcode', problem: event.problem } : state;
    case 'lockout-ended':
      return state.kind === 'passcode' && state.problem?.kind === 'locked' ? { kind: 'passcode' } : state;
    case 'session-started':
      return state.kind === 'passcode' ? { kind: 'loading' } : state;
    case 'unavailable':
      return { kind: 'unavailable' };
    case 'unreachable':
      // Keep what is on screen, visibly marked stale (SPEC V4); with nothing on screen, say the server is away.
      if (!canLoad(state)) return state;
      return shown
        ? {
            kind: 'stale',
            dashboard: shown.dashboard,
            slots: shown.slots,
            lastUpdated: shown.lastUpdated,
            retryAt: event.retryAt,
          }
        : { kind: 'offline', retryAt: event.retryAt };
    case 'failed':
      return canLoad(state) ? { kind: 'error', message: event.message, canRetry: true } : state;
    case 'retried':
      return state.kind === 'error' && state.canRetry ? { kind: 'loading' } : state;
  }
}

function withSlot(shown: ShowingState, widgetId: string, slot: WidgetSlot): ShowingState {
  const slots = new Map(shown.slots);
  slots.set(widgetId, slot);
  return { ...shown, slots };
}
