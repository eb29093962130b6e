/**
 * Issue 16's matrix, on both stores through the real app: each link state (expired, paused, rotated-old,
 * rotated-grace, subset-hidden widget, export off, capped export) on every public route (page, layout, widget data,
 * export, session), with the audit outcome each records. The per-feature files (link-expiry, link-pause, link-rotate,
 * link-subset, link-export-policy) test the details on SQLite; this one proves PostgreSQL answers the same.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seededBackends } from './store-backends.js';
import { bodyWithoutRequestId, json, startTestServer, type TestServer } from './helpers.js';

type Route = 'page' | 'dashboard' | 'widget_data' | 'export' | 'session';
const ROUTES: Route[] = ['page', 'dashboard', 'widget_data', 'export', 'session'];
const request = (token: string, route: Route, widgetId = 'revenue'): [string, RequestInit & { json?: unknown }] =>
  ({
    page: [`/public/${token}`, {}],
    dashboard: [`/api/public/${token}`, {}],
    widget_data: [`/api/public/${token}/widgets/${widgetId}/data`, {}],
    export: [`/api/public/${token}/export.xlsx`, {}],
    session: [`/api/public/${token}/session`, { method: 'POST', json: { passcode: 'ABCDEFGHJK' } }],
  })[route] as [string, RequestInit & { json?: unknown }];

const VARYING = ['date', 'content-length', 'etag', 'connection', 'keep-alive', 'x-request-id'];
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const LINKS = '/api/dashboards/sales-overview/public-links';

for (const backend of seededBackends) {
  describe(`public link states on every public route: ${backend.name} (issue 16)`, { skip: backend.skip }, () => {
    let server: TestServer;
    let cleanup: () => Promise<void>;
    let alice: string;
    let clock = Date.now();

    before(async () => {
      const opened = await backend.open();
      cleanup = opened.cleanup;
      server = await startTestServer({ store: opened.store, now: () => new Date(clock) });
      alice = await server.token('alice');
    });
    after(async () => {
      await server?.close();
      await cleanup?.();
    });

    const create = async (body: unknown = {}) => {
      const res = await server.request(LINKS, { method: 'POST', token: alice, json: body });
      assert.equal(res.status, 201, await res.clone().text());
      return (await json(res)).link as { id: string; token: string; passcode: string };
    };
    const ok = async (path: string, init: RequestInit & { json?: unknown }, status = 200) => {
      const res = await server.request(path, { token: alice, ...init });
      assert.equal(res.status, status, await res.clone().text());
      return res;
    };
    const answer = async (token: string, route: Route, widgetId?: string, session?: string) => {
      const [path, init] = request(token, route, widgetId);
      const auth: Record<string, string> = session ? { authorization: `Bearer ${session}` } : {};
      const res = await server.request(path, { ...init, headers: auth });
      const headers = Object.fromEntries([...res.headers].filter(([h]) => !VARYING.includes(h)));
      const text = res.headers.get('content-type')?.startsWith('application/vnd.openxmlformats')
        ? '(xlsx)'
        : bodyWithoutRequestId(await res.text());
      return { route, status: res.status, headers, body: text };
    };
    const audit = async (linkId: string) =>
      ((await json(await ok(`${LINKS}/${linkId}/audit`, {}))).events as { route: string; outcome: string }[])
        .map((e) => [e.route, e.outcome])
        .reverse();

    /**
     * The links of the matrix, each put into its state before the clock moves a day on. The revoked-like ones are
     * passcode links, so the session route is asked of a link that has one (with a wrong passcode: a refused link
     * must say unavailable before it checks any passcode).
     */
    let links: Record<string, { id: string; token: string; passcode: string }>;
    let revokedAnswers: Awaited<ReturnType<typeof answer>>[];

    test('setup: each link is put into its state through the owner API', async () => {
      const start = clock;
      const revoked = await create({ label: 'Revoked', passcode: true });
      await ok(`${LINKS}/${revoked.id}`, { method: 'DELETE' }, 204);
      const expired = await create({
        label: 'Expired',
        passcode: true,
        expiresAt: new Date(start + DAY).toISOString(),
      });
      const paused = await create({ label: 'Paused', passcode: true });
      await ok(`${LINKS}/${paused.id}/paused`, { method: 'PUT', json: { paused: true } });
      const rotatedOld = await create({ label: 'Rotated, no grace', passcode: true });
      await ok(`${LINKS}/${rotatedOld.id}/rotate`, { method: 'POST', json: { graceSeconds: 0 } });
      const rotatedGrace = await create({ label: 'Rotated, grace over', passcode: true });
      await ok(`${LINKS}/${rotatedGrace.id}/rotate`, { method: 'POST', json: { graceSeconds: 3600 } });
      // Within its grace the old token still asks for the passcode (not refused as unavailable).
      assert.equal((await answer(rotatedGrace.token, 'dashboard')).status, 401);

      const layout = await json(await ok('/api/dashboards/sales-overview', {}));
      const widgetIds = (layout.dashboard.widgets as { id: string }[]).map((w) => w.id);
      assert.ok(widgetIds.includes('revenue') && widgetIds.length > 1, JSON.stringify(widgetIds));
      const subset = await create({
        label: 'Subset',
        passcode: true,
        widgetIds: widgetIds.filter((id) => id !== 'revenue'),
      });
      const exportOff = await create({ label: 'Export off', passcode: true, exportPolicy: { mode: 'off' } });
      const capped = await create({ label: 'Capped', passcode: true, exportPolicy: { mode: 'capped', rowCap: 3 } });

      clock = start + DAY; // expiry reached, the grace long over
      links = { revoked, expired, paused, rotatedOld, rotatedGrace, subset, exportOff, capped };
      revokedAnswers = [];
      for (const route of ROUTES) revokedAnswers.push(await answer(revoked.token, route));
      for (const a of revokedAnswers) assert.equal(a.status, 403, a.route);
      assert.match(revokedAnswers[0]!.body, /This link is no longer available/);
      for (const a of revokedAnswers.slice(1)) assert.equal(JSON.parse(a.body).error.code, 'link_unavailable');
      assert.deepEqual(
        await audit(revoked.id),
        ROUTES.map((route) => [route, 'unavailable']),
      );
    });

    // States that must answer exactly like a revoked link, and the outcome each request records.
    const revokedLike: [state: string, key: string, outcome: string][] = [
      ['expired', 'expired', 'expired'],
      ['paused', 'paused', 'paused'],
      ['rotated-old (no grace)', 'rotatedOld', 'rotated'],
      ['rotated-grace (after the grace)', 'rotatedGrace', 'rotated'],
    ];
    for (const [state, key, outcome] of revokedLike) {
      test(`${state}: every public route answers like a revoked link; audited ${outcome}`, async () => {
        const link = links[key]!;
        const before = (await audit(link.id)).length;
        const answers = [];
        for (const route of ROUTES) answers.push(await answer(link.token, route));
        assert.deepEqual(answers, revokedAnswers);
        assert.deepEqual(
          (await audit(link.id)).slice(before),
          ROUTES.map((route) => [route, outcome]),
        );
      });
    }

    /** The session route of a passcode link in a live state: the right passcode opens a session (audited ok). */
    const openSession = async (link: { token: string; passcode: string }) => {
      const res = await server.request(`/api/public/${link.token}/session`, {
        method: 'POST',
        json: { passcode: link.passcode },
      });
      assert.equal(res.status, 200, await res.clone().text());
      return (await json(res)).session as string;
    };
    const layoutOf = async (token: string, session: string) => {
      const res = await server.request(`/api/public/${token}`, { headers: { authorization: `Bearer ${session}` } });
      assert.equal(res.status, 200, await res.clone().text());
      return (await json(res)).dashboard as { widgets: { id: string }[]; exportPolicy: unknown };
    };

    test('subset-hidden widget: the layout leaves it out; its data answers like an unknown widget', async () => {
      const link = links.subset!;
      assert.equal((await answer(link.token, 'page')).status, 200);
      const session = await openSession(link);
      const shown = (await layoutOf(link.token, session)).widgets.map((w) => w.id);
      assert.ok(shown.length > 0 && !shown.includes('revenue'), JSON.stringify(shown));
      assert.equal((await answer(link.token, 'widget_data', shown[0], session)).status, 200);
      const hidden = await answer(link.token, 'widget_data', 'revenue', session);
      const unknown = await answer(link.token, 'widget_data', 'no-such-widget', session);
      assert.equal(hidden.status, 404);
      assert.deepEqual(hidden, unknown, 'the same answer as an unknown widget');
      assert.equal((await answer(link.token, 'export', undefined, session)).status, 200);
      const outcomes = await audit(link.id);
      assert.ok(
        outcomes.every(([, o]) => o === 'ok'),
        JSON.stringify(outcomes),
      );
      assert.deepEqual(
        outcomes.filter(([route]) => route !== 'widget_data'),
        [
          ['page', 'ok'],
          ['session', 'ok'],
          ['dashboard', 'ok'],
          ['export', 'ok'],
        ],
      );
    });

    test('export off: the export answers 403 export_disabled (audited), the other routes work', async () => {
      const link = links.exportOff!;
      assert.equal((await answer(link.token, 'page')).status, 200);
      const session = await openSession(link);
      assert.deepEqual((await layoutOf(link.token, session)).exportPolicy, { mode: 'off', rowCap: null });
      assert.equal((await answer(link.token, 'widget_data', undefined, session)).status, 200);
      const exported = await answer(link.token, 'export', undefined, session);
      assert.equal(exported.status, 403);
      assert.equal(JSON.parse(exported.body).error.code, 'export_disabled');
      assert.deepEqual(await audit(link.id), [
        ['page', 'ok'],
        ['session', 'ok'],
        ['dashboard', 'ok'],
        ['widget_data', 'ok'],
        ['export', 'export_disabled'],
      ]);
    });

    test('capped export: every route works, the export is an xlsx, audited ok', async () => {
      const link = links.capped!;
      assert.equal((await answer(link.token, 'page')).status, 200);
      const session = await openSession(link);
      assert.deepEqual((await layoutOf(link.token, session)).exportPolicy, { mode: 'capped', rowCap: 3 });
      assert.equal((await answer(link.token, 'widget_data', undefined, session)).status, 200);
      const exported = await answer(link.token, 'export', undefined, session);
      assert.equal(exported.status, 200);
      assert.equal(exported.body, '(xlsx)');
      assert.deepEqual(await audit(link.id), [
        ['page', 'ok'],
        ['session', 'ok'],
        ['dashboard', 'ok'],
        ['widget_data', 'ok'],
        ['export', 'ok'],
      ]);
    });
  });
}
