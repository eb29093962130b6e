import { expect } from '@open-wc/testing';
import { AtlasApiClient } from '../../components/api/client.js';
import { FilterChoices } from '../../components/public-viewer/filter-choices.js';
import { ViewLoadTask } from '../../components/public-viewer/load-task.js';
import { PasscodeExchange, passcodeProblem } from '../../components/public-viewer/passcode-exchange.js';
import { passcodeMessage } from '../../components/public-viewer/viewer-screens.js';
import type { ViewerEvent, WidgetSlot } from '../../components/public-viewer/viewer-state.js';
import type { PublicDashboard } from '../../components/public-viewer/types.js';
import type { StoredSession } from '../../components/public-viewer/link-storage.js';
import { AtlasApiError } from '../../components/api/client.js';
import { FakeHost } from './fake-clock.js';
import { until } from './support.js';

// The public viewer's loads and passcode exchange run through @lit/task (issue 15). Here they talk to a scripted
// fetch, to pin down what the viewer's own tests cannot time: superseded and aborted runs, shared refreshes.

interface Pending {
  path: string;
  search: URLSearchParams;
  headers: Headers;
  answer: (status: number, body: unknown, headers?: Record<string, string>) => void;
  fail: () => void;
}

/** A fetch whose answers the test gives, request by request; it honours the abort signal as the browser's does. */
function scriptedFetch() {
  const pending: Pending[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input), location.href);
      const abort = () => reject(new DOMException('The operation was aborted.', 'AbortError'));
      if (init?.signal?.aborted) return abort();
      init?.signal?.addEventListener('abort', abort);
      pending.push({
        path: url.pathname,
        search: url.searchParams,
        headers: new Headers(init?.headers),
        answer: (status, body, headers = {}) =>
          resolve(
            new Response(JSON.stringify(body), {
              status,
              headers: { 'Content-Type': 'application/json', ...headers },
            }),
          ),
        fail: () => reject(new TypeError('Failed to fetch')),
      });
    });
  /** The oldest unanswered request for `path`, once it has been sent. */
  const next = async (path: string): Promise<Pending> => {
    await until(() => pending.some((p) => p.path === path), `a request for ${path}`, 3000);
    return pending.splice(
      pending.findIndex((p) => p.path === path),
      1,
    )[0]!;
  };
  return { fetch, pending, next };
}

const layout = (widgets: string[], title = 'Sales'): { dashboard: PublicDashboard } => ({
  dashboard: {
    id: 'd1',
    title,
    refreshInterval: 0,
    filters: [{ field: 'channel', type: 'select', label: 'Channel', options: ['Online', 'Retail'] }],
    lockedFilters: {},
    widgets: widgets.map((id, i) => ({ id, title: id, type: 'kpi', position: { x: i, y: 0, w: 1, h: 1 } })),
  } as unknown as PublicDashboard,
});
const rows = (n: number) => ({ columns: [{ name: 'n', label: 'n', type: 'number' }], rows: [[n]] });

function setUp() {
  const server = scriptedFetch();
  const host = new FakeHost();
  const client = new AtlasApiClient({ baseUrl: '/api', fetch: server.fetch });
  const filters = new FilterChoices(host);
  filters.open(`test:${Math.random()}`);
  const log: string[] = [];
  const slots = new Map<string, WidgetSlot | undefined>();
  const failures: unknown[] = [];
  const task = new ViewLoadTask(host, {
    client: () => client,
    token: () => 'TOKEN1234',
    session: () => 'S1',
    filters,
    onLayout: (dashboard) => {
      filters.sync(dashboard);
      log.push(`layout ${dashboard.title}`);
    },
    onWidget: (id, slot) => {
      if (slot) slots.set(id, slot);
      log.push(`${id} ${slot?.status ?? 'pending'}`);
    },
    onLoaded: () => log.push('loaded'),
    onFailed: (err) => failures.push(err),
  });
  host.connect();
  return { server, task, filters, log, slots, failures };
}

describe('ViewLoadTask (the viewer’s loads through @lit/task)', () => {
  afterEach(() => sessionStorage.clear());

  it('loads the layout, then each widget with the session and the filters, and says when all is loaded', async () => {
    const { server, task, log, slots } = setUp();
    const done = task.refresh();
    const first = await server.next('/api/public/TOKEN1234');
    expect(first.headers.get('Authorization')).to.equal('Bearer S1');
    first.answer(200, layout(['a', 'b']));
    (await server.next('/api/public/TOKEN1234/widgets/a/data')).answer(200, rows(1));
    (await server.next('/api/public/TOKEN1234/widgets/b/data')).answer(200, rows(2));
    await done;
    expect(log).to.deep.equal(['layout Sales', 'a pending', 'b pending', 'a ready', 'b ready', 'loaded']);
    expect(slots.get('b')?.data?.rows).to.deep.equal([[2]]);
  });

  it('refresh() while a load is in flight joins it: one request, one outcome', async () => {
    const { server, task, log } = setUp();
    const one = task.refresh();
    const two = task.refresh();
    (await server.next('/api/public/TOKEN1234')).answer(200, layout([]));
    await Promise.all([one, two]);
    expect(server.pending).to.deep.equal([]);
    expect(log).to.deep.equal(['layout Sales', 'loaded']);
  });

  it('reload() replaces a load in flight: the older answer, however late, is never shown', async () => {
    const { server, task, log } = setUp();
    void task.refresh();
    const old = await server.next('/api/public/TOKEN1234');
    const done = task.reload();
    old.answer(200, layout([], 'Old')); // aborted already: the fetch has rejected
    (await server.next('/api/public/TOKEN1234')).answer(200, layout([], 'New'));
    await done;
    await new Promise((r) => setTimeout(r, 50));
    expect(log).to.deep.equal(['layout New', 'loaded']);
  });

  it('abort() (the element left the page) reports nothing; the next refresh() starts a new load', async () => {
    const { server, task, log, failures } = setUp();
    void task.refresh();
    await server.next('/api/public/TOKEN1234');
    task.abort();
    const again = task.refresh();
    (await server.next('/api/public/TOKEN1234')).answer(200, layout([]));
    await again;
    expect(failures).to.deep.equal([]);
    expect(log).to.deep.equal(['layout Sales', 'loaded']);
  });

  it("a widget's own failure goes to its slot; what concerns the viewer is reported once all widgets settled", async () => {
    const { server, task, log, slots, failures } = setUp();
    let done = task.refresh();
    (await server.next('/api/public/TOKEN1234')).answer(200, layout(['a', 'b', 'c']));
    (await server.next('/api/public/TOKEN1234/widgets/a/data')).answer(403, {
      error: { code: 'data_source_not_public', message: 'Not public.' },
    });
    (await server.next('/api/public/TOKEN1234/widgets/b/data')).answer(400, {
      error: { code: 'invalid_query', message: 'Bad query.' },
    });
    (await server.next('/api/public/TOKEN1234/widgets/c/data')).answer(200, rows(3));
    await done;
    expect(slots.get('a')).to.deep.equal({ status: 'not-public' });
    expect(slots.get('b')).to.deep.equal({ status: 'error', message: 'Bad query.' });
    expect(log.at(-1)).to.equal('loaded');

    log.length = 0;
    done = task.refresh();
    (await server.next('/api/public/TOKEN1234')).answer(200, layout(['a', 'b']));
    (await server.next('/api/public/TOKEN1234/widgets/a/data')).fail();
    (await server.next('/api/public/TOKEN1234/widgets/b/data')).answer(200, rows(4));
    await done;
    expect(slots.get('b')?.data?.rows, 'the other widget still loads').to.deep.equal([[4]]);
    expect(log).not.to.include('loaded');
    expect(failures).to.have.length(1);
    expect((failures[0] as AtlasApiError).code).to.equal('network_error');
  });

  it('stored filter choices the dashboard no longer accepts are dropped and the load runs again with its defaults', async () => {
    const { server, task, filters, log, failures } = setUp();
    filters.change({ channel: 'Online' });
    let done = task.refresh();
    (await server.next('/api/public/TOKEN1234')).answer(200, layout(['a']));
    const first = await server.next('/api/public/TOKEN1234/widgets/a/data');
    expect(first.search.get('filters'), 'the stored choice').to.equal('{"channel":"Online"}');
    first.answer(200, rows(1));
    await done;
    // The visitor's stored choice is one the server no longer accepts.
    filters.change({ channel: 'Gone' });
    log.length = 0;
    done = task.refresh();
    (await server.next('/api/public/TOKEN1234')).answer(200, layout(['a']));
    const refused = await server.next('/api/public/TOKEN1234/widgets/a/data');
    expect(refused.search.get('filters')).to.equal('{"channel":"Gone"}');
    refused.answer(400, { error: { code: 'invalid_filters', message: 'Unknown channel.' } });
    (await server.next('/api/public/TOKEN1234')).answer(200, layout(['a']));
    const retried = await server.next('/api/public/TOKEN1234/widgets/a/data');
    expect(retried.search.get('filters')).to.equal(null);
    retried.answer(200, rows(5));
    await done;
    expect(failures).to.deep.equal([]);
    expect(log.at(-1)).to.equal('loaded');
  });

  it('retryWidget() reloads one widget alone, showing it loading meanwhile', async () => {
    const { server, task, slots } = setUp();
    const done = task.refresh();
    (await server.next('/api/public/TOKEN1234')).answer(200, layout(['a']));
    (await server.next('/api/public/TOKEN1234/widgets/a/data')).answer(500, { error: { code: 'x', message: 'x' } });
    await done;
    task.retryWidget(layout(['a']).dashboard.widgets[0]!);
    expect(slots.get('a')).to.deep.equal({ status: 'loading' });
    (await server.next('/api/public/TOKEN1234/widgets/a/data')).answer(200, rows(6));
    await until(() => slots.get('a')?.status === 'ready', 'the widget');
    expect(slots.get('a')?.data?.rows).to.deep.equal([[6]]);
  });
});

describe('PasscodeExchange (the passcode prompt through @lit/task)', () => {
  function setUp() {
    const server = scriptedFetch();
    const host = new FakeHost();
    const client = new AtlasApiClient({ baseUrl: '/api', fetch: server.fetch });
    const events: ViewerEvent[] = [];
    const sessions: StoredSession[] = [];
    let unavailable = 0;
    const exchange = new PasscodeExchange(host, {
      client: () => client,
      token: () => 'TOKEN1234',
      onEvent: (e) => events.push(e),
      onSession: (s) => sessions.push(s),
      onUnavailable: () => (unavailable += 1),
    });
    host.connect();
    const form = document.createElement('form');
    form.innerHTML = '<input name="passcode" />';
    form.addEventListener('submit', exchange.submit);
    document.body.append(form);
    const submit = (value: string) => {
      form.querySelector('input')!.value = value;
      form.dispatchEvent(new SubmitEvent('submit', { cancelable: true }));
    };
    return { server, exchange, events, sessions, submit, form, unavailable: () => unavailable };
  }

  it('says an empty passcode is missing without asking the server', () => {
    const { server, events, form, submit } = setUp();
    submit('   ');
    expect(events).to.deep.equal([{ type: 'passcode-refused', problem: { kind: 'empty' } }]);
    expect(server.pending).to.deep.equal([]);
    form.remove();
  });

  it('is busy while the server checks; a right passcode gives the session, a wrong one says so', async () => {
    const { server, exchange, events, sessions, submit, form } = setUp();
    submit(' ABC123 ');
    expect(exchange.busy).to.equal(true);
    expect(events).to.deep.equal([{ type: 'passcode-submitted' }]);
    const wrong = await server.next('/api/public/TOKEN1234/session');
    wrong.answer(401, { error: { code: 'wrong_passcode', message: 'Wrong.' } });
    await until(() => events.length === 2, 'the refusal');
    expect(exchange.busy).to.equal(false);
    // The server's sentence travels with it (issue 17: it says how many tries are left).
    expect(events.at(-1)).to.deep.equal({ type: 'passcode-refused', problem: { kind: 'wrong', message: 'Wrong.' } });

    submit('RIGHT1');
    const issued = { session: 'S2', expiresAt: '2026-01-20T09:00:00Z' };
    (await server.next('/api/public/TOKEN1234/session')).answer(200, issued);
    await until(() => sessions.length === 1, 'the session');
    expect(sessions).to.deep.equal([issued]);
    form.remove();
  });

  it('a revoked link goes to the unavailable screen', async () => {
    const { server, submit, form, unavailable } = setUp();
    submit('ABC123');
    (await server.next('/api/public/TOKEN1234/session')).answer(403, {
      error: { code: 'link_unavailable', message: 'Gone.' },
    });
    await until(() => unavailable() === 1, 'the unavailable screen');
    form.remove();
  });

  it('what a refusal means for the prompt, and what the prompt then says', () => {
    const now = Date.UTC(2026, 0, 15, 9, 0, 0);
    const locked = passcodeProblem(new AtlasApiError(429, 'too_many_attempts', 'Slow down.', 120), now);
    expect(locked).to.deep.equal({ kind: 'locked', seconds: 120, until: now + 120_000 });
    expect(passcodeMessage(locked)).to.match(/^Too many attempts\. Try again in 2 minutes \(at .+\)\.$/);
    expect(passcodeMessage(passcodeProblem(new AtlasApiError(429, 'too_many_attempts', 'x', 30), now))).to.contain(
      'in 30 seconds',
    );
    expect(passcodeProblem(new AtlasApiError(429, 'too_many_attempts', 'x'), now)).to.deep.include({ seconds: 60 });
    expect(passcodeProblem(new AtlasApiError(0, 'network_error', 'x'))).to.deep.equal({ kind: 'unreachable' });
    expect(passcodeProblem(new AtlasApiError(400, 'invalid_request', 'Too long.'))).to.deep.equal({
      kind: 'failed',
      message: 'Too long.',
    });
    expect(passcodeMessage(undefined)).to.equal('');
    expect(passcodeMessage({ kind: 'wrong' })).to.equal('That passcode is not correct. Check it and try again.');
    // Issue 17: the server's sentence, with the tries left, when it gave one.
    expect(
      passcodeMessage({ kind: 'wrong', message: 'That passcode is not correct. 2 tries left before a lockout.' }),
    ).to.equal('That passcode is not correct. 2 tries left before a lockout.');
  });
});
