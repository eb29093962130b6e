import { expect } from '@open-wc/testing';
import {
  NO_TOKEN_MESSAGE,
  canLoad,
  initialViewerState,
  isShowing,
  publicStatus,
  secondsUntil,
  transition,
  type ViewerEvent,
  type ViewerState,
  type WidgetSlot,
} from '../../components/public-viewer/viewer-state.js';
import type { PublicDashboard } from '../../components/public-viewer/types.js';

// The public viewer's state (issue 15) is a pure function of the events: no DOM, no timers, no server here.

const dashboard = (title = 'Sales'): PublicDashboard =>
  ({
    id: 'd1',
    title,
    refreshInterval: 30,
    filters: [],
    lockedFilters: {},
    widgets: [],
  }) as unknown as PublicDashboard;

const data = { columns: [], rows: [[42]] } as unknown as WidgetSlot['data'];
const at = new Date('2026-01-15T09:00:00Z');

/** Plays events from a state, freezing every state on the way: a transition must never modify the one it is given. */
function play(state: ViewerState, ...events: ViewerEvent[]): ViewerState {
  for (const event of events) state = transition(deepFreeze(state), event);
  return state;
}
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (!(value instanceof Map) && !(value instanceof Date)) for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const loading: ViewerState = { kind: 'loading' };
const ready = play(
  loading,
  { type: 'layout-loaded', dashboard: dashboard() },
  { type: 'widget-loaded', widgetId: 'w1', slot: { status: 'ready', data } },
  { type: 'loaded', at },
);
const stale = play(ready, { type: 'unreachable', retryAt: 5000 });
const passcode: ViewerState = { kind: 'passcode' };
const unavailable: ViewerState = { kind: 'unavailable' };
const everyState: ViewerState[] = [
  initialViewerState,
  loading,
  passcode,
  ready,
  stale,
  { kind: 'offline', retryAt: 1 },
  unavailable,
  { kind: 'error', message: 'x', canRetry: true },
];

describe('public viewer state', () => {
  it('opens a link from any state with nothing of the previous one; without a token, an error with no retry', () => {
    for (const state of everyState) {
      expect(play(state, { type: 'opened' })).to.deep.equal({ kind: 'loading' });
      expect(play(state, { type: 'no-token' })).to.deep.equal({
        kind: 'error',
        message: NO_TOKEN_MESSAGE,
        canRetry: false,
      });
    }
  });

  it('layout loaded: shows the dashboard, widgets loading; a refresh keeps the data on screen', () => {
    const first = play(loading, { type: 'layout-loaded', dashboard: dashboard() });
    expect(first.kind).to.equal('ready');
    expect(isShowing(first) && first.slots.size).to.equal(0);
    const pending = play(first, { type: 'widget-pending', widgetId: 'w1' });
    expect(isShowing(pending) && pending.slots.get('w1')).to.deep.equal({ status: 'loading' });

    // A refresh: the new layout (a new title) with the previous data until the new data arrives.
    const refreshed = play(
      ready,
      { type: 'layout-loaded', dashboard: dashboard('Sales 2026') },
      { type: 'widget-pending', widgetId: 'w1' },
    );
    expect(refreshed.kind).to.equal('ready');
    if (!isShowing(refreshed)) throw new Error('not showing');
    expect(refreshed.dashboard.title).to.equal('Sales 2026');
    expect(refreshed.slots.get('w1')).to.deep.equal({ status: 'ready', data });
    expect(refreshed.lastUpdated).to.equal(at);
  });

  it('network error or busy server: the data stays, marked stale, with the retry time; with no data, offline', () => {
    expect(stale.kind).to.equal('stale');
    if (stale.kind !== 'stale') throw new Error('not stale');
    expect(stale.retryAt).to.equal(5000);
    expect(stale.slots.get('w1')).to.deep.equal({ status: 'ready', data });
    expect(stale.lastUpdated).to.equal(at);
    expect(publicStatus(stale)).to.deep.equal({ status: 'ready', stale: true });

    const again = play(stale, { type: 'unreachable', retryAt: 9000 });
    expect(again.kind === 'stale' && again.retryAt).to.equal(9000);
    // A retry that gets the layout but not yet the data stays stale until everything is back.
    const layoutBack = play(stale, { type: 'layout-loaded', dashboard: dashboard() });
    expect(layoutBack.kind === 'stale' && layoutBack.retryAt).to.equal(5000);

    for (const nothingShown of [initialViewerState, loading, { kind: 'offline', retryAt: 1 } as ViewerState]) {
      expect(play(nothingShown, { type: 'unreachable', retryAt: 7000 })).to.deep.equal({
        kind: 'offline',
        retryAt: 7000,
      });
    }
    expect(play({ kind: 'error', message: 'x', canRetry: true }, { type: 'unreachable', retryAt: 1 }).kind).to.equal(
      'offline',
    );
  });

  it('recovered: everything loaded again is fresh, with its time, and no retry', () => {
    const later = new Date('2026-01-15T09:05:00Z');
    const recovered = play(stale, { type: 'loaded', at: later });
    expect(recovered).to.deep.equal({
      kind: 'ready',
      dashboard: dashboard(),
      slots: new Map([['w1', { status: 'ready', data }]]),
      lastUpdated: later,
    });
    expect(publicStatus(recovered)).to.deep.equal({ status: 'ready', stale: false });
    const fromOffline = play(
      { kind: 'offline', retryAt: 1 },
      { type: 'layout-loaded', dashboard: dashboard() },
      { type: 'loaded', at: later },
    );
    expect(fromOffline.kind).to.equal('ready');
  });

  it('passcode required (no session, session expired, passcode changed): the data goes', () => {
    for (const state of everyState.filter((s) => s.kind !== 'unavailable')) {
      expect(play(state, { type: 'passcode-required' })).to.deep.equal({ kind: 'passcode' });
    }
    expect(play(unavailable, { type: 'passcode-required' })).to.equal(unavailable);
  });

  it('the passcode prompt: wrong, empty, locked out until the lockout ends, then a session', () => {
    const wrong = play(passcode, { type: 'passcode-refused', problem: { kind: 'wrong' } });
    expect(wrong).to.deep.equal({ kind: 'passcode', problem: { kind: 'wrong' } });
    expect(play(wrong, { type: 'passcode-submitted' }), 'the message goes while the server is asked').to.deep.equal(
      passcode,
    );
    expect(play(wrong, { type: 'lockout-ended' }), 'only a lockout ends').to.equal(wrong);

    const locked = play(passcode, {
      type: 'passcode-refused',
      problem: { kind: 'locked', seconds: 900, until: 900_000 },
    });
    expect(locked.kind === 'passcode' && locked.problem?.kind).to.equal('locked');
    expect(play(locked, { type: 'lockout-ended' })).to.deep.equal(passcode);

    expect(play(wrong, { type: 'session-started' })).to.deep.equal(loading);
    // Outside the prompt these events change nothing.
    for (const type of ['passcode-submitted', 'lockout-ended', 'session-started'] as const) {
      expect(play(ready, { type }), type).to.equal(ready);
    }
    expect(play(ready, { type: 'passcode-refused', problem: { kind: 'wrong' } })).to.equal(ready);
  });

  it('link unavailable (revoked or unknown): from any state, with no data left and nothing to retry', () => {
    for (const state of everyState) {
      expect(play(state, { type: 'unavailable' })).to.deep.equal({ kind: 'unavailable' });
    }
  });

  it('late answers never bring data back behind the passcode prompt or the unavailable screen', () => {
    const late: ViewerEvent[] = [
      { type: 'layout-loaded', dashboard: dashboard() },
      { type: 'widget-pending', widgetId: 'w1' },
      { type: 'widget-loaded', widgetId: 'w1', slot: { status: 'ready', data } },
      { type: 'loaded', at },
      { type: 'unreachable', retryAt: 1 },
      { type: 'failed', message: 'late' },
      { type: 'retried' },
    ];
    for (const state of [passcode, unavailable]) {
      for (const event of late) expect(play(state, event), `${state.kind} + ${event.type}`).to.equal(state);
    }
    expect(canLoad(passcode)).to.equal(false);
    expect(canLoad(unavailable)).to.equal(false);
    expect(canLoad(stale)).to.equal(true);
  });

  it('widget slots change only while a dashboard is on screen', () => {
    const offline: ViewerState = { kind: 'offline', retryAt: 1 };
    expect(play(offline, { type: 'widget-loaded', widgetId: 'w1', slot: { status: 'not-public' } })).to.equal(offline);
    const failed = play(stale, { type: 'widget-loaded', widgetId: 'w2', slot: { status: 'error', message: 'No' } });
    expect(failed.kind).to.equal('stale');
    expect(isShowing(failed) && [...failed.slots.keys()]).to.deep.equal(['w1', 'w2']);
    expect(isShowing(stale) && stale.slots.size, 'the previous state is untouched').to.equal(1);
  });

  it('other failures: an error that can be tried again', () => {
    const error = play(ready, { type: 'failed', message: 'Boom' });
    expect(error).to.deep.equal({ kind: 'error', message: 'Boom', canRetry: true });
    expect(publicStatus(error)).to.deep.equal({ status: 'error', stale: false });
    expect(play(error, { type: 'retried' })).to.deep.equal(loading);
    const noToken = play(loading, { type: 'no-token' });
    expect(play(noToken, { type: 'retried' })).to.equal(noToken);
  });

  it('status for the host page and the countdown', () => {
    expect(everyState.map((s) => publicStatus(s).status)).to.deep.equal([
      'idle',
      'loading',
      'passcode',
      'ready',
      'ready',
      'offline',
      'unavailable',
      'error',
    ]);
    expect(secondsUntil(10_500, 10_000)).to.equal(1);
    expect(secondsUntil(12_000, 10_000)).to.equal(2);
    expect(secondsUntil(9000, 10_000)).to.equal(0);
  });
});
