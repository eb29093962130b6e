/** V1, V5, L3, L7 and locked filters: what an anonymous viewer can (and cannot) reach through a link. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { createLink, json, seededTemplate, startTestServer, tempDir, type TestServer } from './helpers.js';

/** Every public route of a token, as [name, path, init]. */
const publicRoutes = (token: string): [string, string, RequestInit & { json?: unknown }][] => [
  ['dashboard', `/api/public/${token}`, {}],
  ['widget data', `/api/public/${token}/widgets/revenue/data`, {}],
  ['export', `/api/public/${token}/export.xlsx`, {}],
  ['session', `/api/public/${token}/session`, { method: 'POST', json: { passcode: 'ABCDEFGHJK' } }],
];

describe('public access', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('V1: the dashboard loads with the token alone, in public mode, and says nothing of its owner or shares', async () => {
    const link = await createLink(server, 'sales-overview');
    const res = await server.request(`/api/public/${link.token}`);
    assert.equal(res.status, 200);
    const { dashboard } = await json(res);
    assert.equal(dashboard.canModify, false);
    assert.equal(dashboard.isPublicMode, true);
    assert.equal(dashboard.title, 'Sales overview');
    assert.equal(dashboard.refreshInterval, 300);
    assert.deepEqual(dashboard.lockedFilters, {});
    // Issue 17: which dashboard filters narrow each widget (support tickets have no channel), as signed in.
    const fields = (widgets: { id: string; filterFields?: string[] }[], id: string) =>
      widgets.find((w) => w.id === id)?.filterFields;
    assert.deepEqual(fields(dashboard.widgets, 'open-tickets'), ['region']);
    assert.deepEqual(fields(dashboard.widgets, 'revenue'), ['region', 'channel', 'order_date']);
    const alice = await server.token('alice');
    const signedIn = (await json(await server.request('/api/dashboards/sales-overview', { token: alice }))).dashboard;
    assert.deepEqual(fields(signedIn.widgets, 'open-tickets'), ['region']);
    assert.deepEqual(fields(signedIn.widgets, 'revenue'), ['region', 'channel', 'order_date']);
    assert.equal(dashboard.access.icon, 'globe');
    assert.deepEqual(
      dashboard.filters.map((f: any) => f.field),
      ['region', 'channel', 'order_date'],
    );
    assert.equal(dashboard.widgets.length, 8);
    for (const key of ['owner', 'role', 'shared', 'projectId', 'orgId', 'ownerId', 'shares', 'publicLinks']) {
      assert.ok(!(key in dashboard), `no ${key} in the public dashboard`);
    }
    const text = JSON.stringify(dashboard);
    assert.ok(!/alice|carol|bob/i.test(text), 'no user names');
    for (const w of dashboard.widgets) assert.ok(!('dataSourceId' in w));
    // L7: the dashboard marks the widget whose source is not public.
    const tickets = dashboard.widgets.find((w: any) => w.id === 'open-tickets');
    assert.equal(tickets.dataError.code, 'data_source_not_public');
    assert.equal(dashboard.widgets.find((w: any) => w.id === 'revenue').dataError, null);
  });

  test('V4: an edit by the owner shows on the very next public request', async () => {
    const link = await createLink(server, 'ops-wall');
    const before = (await json(await server.request(`/api/public/${link.token}`))).dashboard;
    const alice = await server.token('alice');
    const added = await server.request('/api/dashboards/ops-wall/widgets', {
      method: 'POST',
      token: alice,
      json: {
        title: 'Fresh KPI',
        type: 'kpi',
        dataSourceId: 'sensor_readings',
        query: { metrics: [{ agg: 'min', field: 'temperature' }] },
      },
    });
    assert.equal(added.status, 201, await added.clone().text());
    const { widget } = await json(added);
    const after = (await json(await server.request(`/api/public/${link.token}`))).dashboard;
    assert.equal(after.widgets.length, before.widgets.length + 1);
    assert.ok(after.widgets.some((w: any) => w.id === widget.id));
    assert.equal(
      (await server.request(`/api/dashboards/ops-wall/widgets/${widget.id}`, { method: 'DELETE', token: alice }))
        .status,
      204,
    );
    const removed = (await json(await server.request(`/api/public/${link.token}`))).dashboard;
    assert.deepEqual(
      removed.widgets.map((w: any) => w.id),
      before.widgets.map((w: any) => w.id),
    );
  });

  test('L7: a widget whose source lacks externalAccess answers 403 data_source_not_public; the others work', async () => {
    const link = await createLink(server, 'sales-overview');
    const ok = await server.request(`/api/public/${link.token}/widgets/revenue/data`);
    assert.equal(ok.status, 200);
    const data = await json(ok);
    assert.deepEqual(
      data.columns.map((c: any) => c.name),
      ['revenue'],
    );
    assert.equal(typeof data.rows[0][0], 'number');
    const refused = await server.request(`/api/public/${link.token}/widgets/open-tickets/data`);
    assert.equal(refused.status, 403);
    const body = await json(refused);
    assert.equal(body.error.requestId, refused.headers.get('x-request-id'));
    delete body.error.requestId;
    assert.deepEqual(body, {
      error: { code: 'data_source_not_public', message: "This widget's data source does not allow public access." },
    });
  });

  test('a token of dashboard A cannot read the widgets of dashboard B', async () => {
    const link = await createLink(server, 'sales-overview');
    // avg-temp is an ops-wall widget on a public source; through a sales-overview link it does not exist.
    const res = await server.request(`/api/public/${link.token}/widgets/avg-temp/data`);
    assert.equal(res.status, 404);
    assert.equal((await json(res)).error.code, 'widget_not_found');
  });

  test('V6: the XLSX export works through a link', async () => {
    const link = await createLink(server, 'ops-wall');
    const res = await server.request(`/api/public/${link.token}/export.xlsx`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(res.headers.get('content-disposition')!, /attachment; filename="Operations-wall.xlsx"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    const bad = await server.request(
      `/api/public/${link.token}/export.xlsx?filters=${encodeURIComponent('{"nope":1}')}`,
    );
    assert.equal(bad.status, 400);
    assert.equal((await json(bad)).error.code, 'invalid_filters');
  });

  test('L3: after revoke the very next request on every public route answers 403 link_unavailable; other links keep working', async () => {
    const doomed = await createLink(server, 'sales-overview', { label: 'doomed' });
    const kept = await createLink(server, 'sales-overview', { label: 'kept' });
    for (const [name, path, init] of publicRoutes(doomed.token)) {
      if (name === 'session') continue; // no passcode on this link: a session request is a 409 before revocation
      assert.equal((await server.request(path, init)).status, 200, `${name} before revoke`);
    }
    const alice = await server.token('alice');
    assert.equal(
      (
        await server.request(`/api/dashboards/sales-overview/public-links/${doomed.id}`, {
          method: 'DELETE',
          token: alice,
        })
      ).status,
      204,
    );
    for (const [name, path, init] of publicRoutes(doomed.token)) {
      const res = await server.request(path, init);
      assert.equal(res.status, 403, name);
      assert.equal((await json(res)).error.code, 'link_unavailable', name);
    }
    const page = await server.request(`/public/${doomed.token}`);
    assert.equal(page.status, 403);
    assert.match(await page.text(), /no longer available/);
    for (const [name, path, init] of publicRoutes(kept.token)) {
      if (name === 'session') continue;
      assert.equal((await server.request(path, init)).status, 200, `${name} on the other link`);
    }
  });

  test('L3: unknown, malformed and revoked tokens get the same status, headers and body', async () => {
    const revoked = await createLink(server, 'ops-wall');
    await server.request(`/api/dashboards/ops-wall/public-links/${revoked.id}`, {
      method: 'DELETE',
      token: await server.token('alice'),
    });
    const unknown = Buffer.alloc(24, 7).toString('base64url');
    const answers: { name: string; status: number; headers: Record<string, string>; body: string }[] = [];
    for (const token of [revoked.token, unknown, 'short', 'x'.repeat(5000)]) {
      for (const [name, path, init] of publicRoutes(token)) {
        const res = await server.request(path, init);
        const headers = Object.fromEntries(
          [...res.headers].filter(
            ([h]) => !['date', 'content-length', 'etag', 'connection', 'keep-alive', 'x-request-id'].includes(h),
          ),
        );
        // Each answer has its own request id (issue 18); everything else must be the same.
        const body = (await res.text()).replace(/,"requestId":"[^"]+"/, '');
        answers.push({ name, status: res.status, headers, body });
      }
    }
    for (const a of answers) {
      const first = answers.find((b) => b.name === a.name)!;
      assert.deepEqual(a, first, `${a.name}: same answer for every unusable token`);
    }
    assert.equal(answers[0]!.status, 403);
  });

  test('L3: the page of a revoked or unknown link is a styled 403 HTML page that says what to do, the same for both', async () => {
    const revoked = await createLink(server, 'ops-wall');
    await server.request(`/api/dashboards/ops-wall/public-links/${revoked.id}`, {
      method: 'DELETE',
      token: await server.token('alice'),
    });
    const pages = [];
    for (const token of [revoked.token, Buffer.alloc(24, 9).toString('base64url')]) {
      const res = await server.request(`/public/${token}`);
      assert.equal(res.status, 403);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /style-src [^;]*'unsafe-inline'/, 'the CSP permits the inline <style> the page uses');
      assert.match(csp, /script-src 'self'/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const body = await res.text();
      assert.match(body, /^<!doctype html>/);
      assert.match(body, /<h1>This link is no longer available<\/h1>/);
      assert.match(body, /Ask the person who shared it for a new link\./);
      assert.match(body, /<style>[\s\S]*prefers-color-scheme:\s*dark[\s\S]*<\/style>/, 'light and dark');
      assert.doesNotMatch(body, /<script/i, 'self-contained: no script');
      assert.ok(!body.includes(token), 'the page does not echo the token');
      // The one hedged sentence the viewer's own screen has too ("It may have been revoked…", issue 17 item 13) is
      // the same for every token; beyond it the page says nothing about this token or its dashboard.
      assert.doesNotMatch(
        body.replace('It may have been revoked by its owner.', ''),
        /revoked|expired|never existed|Operations/i,
        'nothing about the token or its dashboard',
      );
      pages.push(body);
    }
    assert.equal(pages[0], pages[1]);
  });

  test('locked filters: every public data and export request applies them, and no query parameter widens them', async () => {
    const link = await createLink(server, 'sales-overview', { label: 'EMEA', lockedFilters: { region: ['EMEA'] } });
    const byRegion = async (filters?: unknown) => {
      const qs = filters === undefined ? '' : `?filters=${encodeURIComponent(JSON.stringify(filters))}`;
      const res = await server.request(`/api/public/${link.token}/widgets/revenue-by-region/data${qs}`);
      assert.equal(res.status, 200, await res.clone().text());
      return (await json(res)).rows as [string, number][];
    };
    const emea = await byRegion();
    assert.deepEqual(
      emea.map((r) => r[0]),
      ['EMEA'],
    );
    for (const attempt of [
      { region: ['APAC', 'EMEA', 'LATAM', 'North America'] },
      { region: null },
      { region: [] },
      { region: ['APAC'] },
    ]) {
      assert.deepEqual(
        await byRegion(attempt),
        emea,
        `filters ${JSON.stringify(attempt)} cannot widen or change the lock`,
      );
    }
    // Other filters still narrow inside the lock.
    const online = await byRegion({ channel: 'Online' });
    assert.deepEqual(
      online.map((r) => r[0]),
      ['EMEA'],
    );
    assert.ok(online[0]![1] < emea[0]![1]);

    // The same total as a signed-in viewer who picks EMEA.
    const signedIn = await json(
      await server.request(
        `/api/dashboards/sales-overview/widgets/revenue/data?filters=${encodeURIComponent('{"region":["EMEA"]}')}`,
        {
          token: await server.token('alice'),
        },
      ),
    );
    const pub = await json(
      await server.request(
        `/api/public/${link.token}/widgets/revenue/data?filters=${encodeURIComponent('{"region":["APAC"]}')}`,
      ),
    );
    assert.deepEqual(pub.rows, signedIn.rows);

    const { dashboard } = await json(await server.request(`/api/public/${link.token}`));
    assert.deepEqual(dashboard.lockedFilters, { region: ['EMEA'] });
    const region = dashboard.filters.find((f: any) => f.field === 'region');
    assert.equal(region.locked, true);
    assert.deepEqual(region.default, ['EMEA']);
    assert.equal(dashboard.filters.find((f: any) => f.field === 'channel').locked, false);
    assert.equal(
      (await server.request(`/api/public/${link.token}/export.xlsx?filters=${encodeURIComponent('{"region":null}')}`))
        .status,
      200,
    );
  });

  test('locked filters: a widget whose source lacks the locked field is refused rather than shown unfiltered', async () => {
    // A dashboard with two filters, "line" (the sensor source has it) and "region" (it does not).
    const alice = (await server.store.getUserByUsername('northwind', 'alice'))!;
    await server.store.insertDashboard({
      id: 'locked-mixed',
      orgId: 'northwind',
      projectId: 'ops',
      ownerId: alice.id,
      title: 'Mixed',
      description: '',
      refreshInterval: 60,
      filters: [
        { field: 'line', type: 'select', label: 'Line' },
        { field: 'region', type: 'select', label: 'Region' },
      ],
    });
    await server.store.insertWidget({
      id: 'temp',
      dashboardId: 'locked-mixed',
      title: 'Temperature',
      type: 'kpi',
      dataSourceId: 'sensor_readings',
      query: { metrics: [{ agg: 'avg', field: 'temperature', as: 't' }], dimensions: [], filters: [], sort: [] },
      position: { x: 0, y: 0, w: 4, h: 2 },
    });
    const byLine = await createLink(server, 'locked-mixed', { lockedFilters: { line: 'Line A' } });
    assert.equal(
      (await json(await server.request(`/api/public/${byLine.token}`))).dashboard.widgets[0].dataError,
      null,
    );
    assert.equal((await server.request(`/api/public/${byLine.token}/widgets/temp/data`)).status, 200);

    const byRegion = await createLink(server, 'locked-mixed', { lockedFilters: { region: 'EMEA' } });
    const { dashboard } = await json(await server.request(`/api/public/${byRegion.token}`));
    assert.equal(dashboard.widgets[0].dataError.code, 'widget_not_filterable');
    const refused = await server.request(`/api/public/${byRegion.token}/widgets/temp/data`);
    assert.equal(refused.status, 403);
    assert.equal((await json(refused)).error.code, 'widget_not_filterable');
  });

  test('V1: a link token or a passcode session authorizes nothing under /api beyond /api/public', async () => {
    const link = await createLink(server, 'sales-overview', { passcode: true });
    const session = await json(
      await server.request(`/api/public/${link.token}/session`, { method: 'POST', json: { passcode: link.passcode } }),
    );
    assert.ok(session.session);
    const ownerRoutes: [string, string, unknown?][] = [
      ['GET', '/api/me'],
      ['GET', '/api/dashboards'],
      ['GET', '/api/dashboards/sales-overview'],
      ['PATCH', '/api/dashboards/sales-overview', { title: 'pwned' }],
      ['DELETE', '/api/dashboards/sales-overview'],
      ['GET', '/api/dashboards/sales-overview/widgets/revenue/data'],
      ['GET', '/api/dashboards/sales-overview/export.xlsx'],
      ['GET', '/api/dashboards/sales-overview/sharing'],
      ['POST', '/api/dashboards/sales-overview/shares', { username: 'dan' }],
      ['POST', '/api/dashboards/sales-overview/public-links', {}],
      ['GET', '/api/dashboards/sales-overview/public-links'],
      ['DELETE', `/api/dashboards/sales-overview/public-links/${link.id}`],
      ['PUT', `/api/dashboards/sales-overview/public-links/${link.id}/passcode`, { enabled: false }],
      ['POST', `/api/dashboards/sales-overview/public-links/${link.id}/passcode`],
      ['GET', `/api/dashboards/sales-overview/public-links/${link.id}/audit`],
      ['GET', '/api/users?q=a'],
    ];
    for (const credential of [link.token, session.session]) {
      for (const [method, path, body] of ownerRoutes) {
        const res = await server.request(path, { method, token: credential, json: body });
        assert.equal(res.status, 401, `${method} ${path}`);
        assert.equal((await json(res)).error.code, 'unauthenticated');
      }
    }
    assert.equal((await server.store.getDashboard('sales-overview'))!.title, 'Sales overview');
    assert.equal((await server.store.getLink(link.id))!.revokedAt, null);
  });

  test('V1: unknown /api/public paths end at the public router (404), never at the signed-in API', async () => {
    for (const path of [
      '/api/public',
      '/api/public/',
      '/api/public/abc/widgets',
      '/api/public/abc/dashboards/sales-overview',
    ]) {
      const res = await server.request(path);
      assert.equal(res.status, 404, path);
      assert.equal(res.headers.get('x-robots-tag'), 'noindex, nofollow');
    }
  });

  test('bad input on public routes is a 4xx JSON error, never a 500', async () => {
    const link = await createLink(server, 'sales-overview', { passcode: true });
    const cases: [string, RequestInit & { json?: unknown }, number][] = [
      [
        `/api/public/${link.token}/session`,
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"passcode":' },
        400,
      ],
      [`/api/public/${link.token}/session`, { method: 'POST', json: { passcode: 5 } }, 400],
      [`/api/public/${link.token}/session`, { method: 'POST', json: { passcode: 'x', more: 1 } }, 400],
      [`/api/public/${link.token}/session`, { method: 'POST', json: { passcode: 'x'.repeat(10_000) } }, 413],
    ];
    for (const [path, init, status] of cases) {
      const res = await server.request(path, init);
      assert.equal(res.status, status, `${init.body ?? JSON.stringify(init.json)}`.slice(0, 60));
      assert.equal(typeof (await json(res)).error.code, 'string');
    }
    const open = await createLink(server, 'sales-overview');
    const badFilters = await server.request(`/api/public/${open.token}/widgets/revenue/data?filters=nope`);
    assert.equal(badFilters.status, 400);
    const extra = await server.request(`/api/public/${open.token}/widgets/revenue/data?sql=drop`);
    assert.equal(extra.status, 400);
    const noPasscode = await server.request(`/api/public/${open.token}/session`, {
      method: 'POST',
      json: { passcode: 'ABC' },
    });
    assert.equal(noPasscode.status, 409);
  });
});

describe('V5: headers', () => {
  let server: TestServer;
  let restricted: TestServer;

  before(async () => {
    server = await startTestServer();
    restricted = await startTestServer({ env: { ATLAS_FRAME_ANCESTORS: 'https://portal.example.com' } });
  });
  after(async () => {
    await server.close();
    await restricted.close();
  });

  test('V5: public API responses send no-referrer, noindex, no shared caching and frame-ancestors from configuration', async () => {
    const link = await createLink(server, 'ops-wall');
    // Layout and widget data may be revalidated by the viewer's own browser (ETag, always asked again: issue 13);
    // nothing public is ever kept by a shared cache.
    const revalidated = new Set([`/api/public/${link.token}`, `/api/public/${link.token}/widgets/avg-temp/data`]);
    for (const path of [
      `/api/public/${link.token}`,
      `/api/public/${link.token}/widgets/avg-temp/data`,
      `/api/public/${link.token}/export.xlsx`,
      '/api/public/unknown-token-0000000',
    ]) {
      const res = await server.request(path);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
      assert.equal(res.headers.get('x-robots-tag'), 'noindex, nofollow', path);
      assert.equal(res.headers.get('cache-control'), revalidated.has(path) ? 'private, no-cache' : 'no-store', path);
      assert.equal(res.headers.get('content-security-policy'), 'frame-ancestors *', path);
      await res.arrayBuffer();
    }
  });

  test('V5: /public/:token is an embeddable page with the viewer element; the restriction comes from configuration', async () => {
    const link = await createLink(server, 'ops-wall');
    const page = await server.request(`/public/${link.token}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /^text\/html/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(page.headers.get('x-robots-tag'), 'noindex, nofollow');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('content-security-policy')!, /frame-ancestors \*$/);
    assert.match(page.headers.get('content-security-policy')!, /script-src 'self'/);
    const html = await page.text();
    assert.match(
      html,
      new RegExp(`<atlas-public-viewer token="${link.token}" api-base="/api" set-title></atlas-public-viewer>`),
    );
    assert.match(html, /<script type="module" src="\/assets\/define\/atlas-public-viewer\.js"><\/script>/);
    assert.ok(!html.includes('Operations wall'), 'the page names nothing before a passcode could be asked');
    const kiosk = await (await server.request(`/public/${link.token}?kiosk=1`)).text();
    assert.match(kiosk, /<atlas-public-viewer token="[^"]+" api-base="\/api" kiosk set-title>/);

    const other = await createLink(restricted, 'ops-wall');
    const framed = await restricted.request(`/public/${other.token}`);
    assert.match(framed.headers.get('content-security-policy')!, /frame-ancestors https:\/\/portal\.example\.com$/);
    const api = await restricted.request(`/api/public/${other.token}`);
    assert.equal(api.headers.get('content-security-policy'), 'frame-ancestors https://portal.example.com');
  });

  test("V5: signed-in routes send frame-ancestors 'none'; robots.txt disallows /public/", async () => {
    const me = await server.request('/api/me', { token: await server.token('alice') });
    assert.equal(me.headers.get('content-security-policy'), "frame-ancestors 'none'");
    const robots = await server.request('/robots.txt');
    assert.equal(robots.status, 200);
    assert.match(robots.headers.get('content-type')!, /^text\/plain/);
    assert.match(await robots.text(), /^Disallow: \/public\/$/m);
  });

  test('the public API can be read cross-origin by an element embedded on another site (no cookies involved)', async () => {
    const link = await createLink(server, 'ops-wall');
    const preflight = await server.request(`/api/public/${link.token}`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://customer.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers')!, /Authorization/);
    const res = await server.request(`/api/public/${link.token}`, { headers: { Origin: 'https://customer.example' } });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
  });
});

describe('the public-link middleware: the request first, then the link', () => {
  let server: TestServer;
  const reads: string[] = [];
  const tmp = tempDir();
  let inner: ReturnType<typeof openSqliteStore>;

  before(async () => {
    // The app's store records which link and dashboard reads reach it.
    const dbFile = join(tmp.dir, 'atlas.db');
    copyFileSync(await seededTemplate(), dbFile);
    inner = openSqliteStore(dbFile);
    const counted = new Proxy(inner, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (['getLinkAndDashboardByTokenHash', 'getDashboard'].includes(String(prop))) reads.push(String(prop));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    server = await startTestServer({ dbFile, extraDeps: { store: counted } });
  });
  after(async () => {
    await server.close();
    await inner.close();
    tmp.cleanup();
  });

  test('a malformed request is a 400 before the link is looked up, the same for any token', async () => {
    const live = await createLink(server, 'sales-overview');
    const unknown = Buffer.alloc(24, 3).toString('base64url');
    for (const [what, path] of [
      ['widget id', (token: string) => `/api/public/${token}/widgets/${'w'.repeat(500)}/data`],
      ['query parameter', (token: string) => `/api/public/${token}/widgets/revenue/data?sql=drop`],
      ['export query', (token: string) => `/api/public/${token}/export.xlsx?format=csv`],
      ['page query', (token: string) => `/public/${token}?kiosk=maybe`],
    ] as const) {
      const answers = [];
      for (const token of [live.token, unknown]) {
        reads.length = 0;
        const res = await server.request(path(token));
        assert.equal(res.status, 400, `${what}: ${token === unknown ? 'unknown' : 'live'} token`);
        assert.deepEqual(reads, [], `${what}: nothing read from the database`);
        const body = await json(res);
        delete body.error.requestId; // each answer has its own (issue 18)
        answers.push(body);
      }
      assert.deepEqual(answers[0], answers[1], `${what}: the answer does not depend on the token`);
    }
  });

  test('a well-formed request reads the link and its dashboard once, in one lookup (issue 13)', async () => {
    const live = await createLink(server, 'sales-overview');
    reads.length = 0;
    assert.equal((await server.request(`/api/public/${live.token}`)).status, 200);
    assert.deepEqual(reads, ['getLinkAndDashboardByTokenHash']);
  });

  test('a request refused before the lookup still has its audit row (no link, nothing served)', async () => {
    const db = new Database(server.config.db, { readonly: true });
    try {
      const before = (db.prepare("SELECT count(*) AS n FROM audit_events WHERE route = 'export'").get() as any).n;
      assert.equal((await server.request(`/api/public/${'A'.repeat(32)}/export.xlsx?format=csv`)).status, 400);
      const row = db.prepare("SELECT * FROM audit_events WHERE route = 'export' ORDER BY id DESC LIMIT 1").get() as any;
      assert.equal(
        (db.prepare("SELECT count(*) AS n FROM audit_events WHERE route = 'export'").get() as any).n,
        before + 1,
      );
      assert.equal(row.link_id, null);
      assert.equal(row.outcome, 'unavailable');
    } finally {
      db.close();
    }
  });
});
