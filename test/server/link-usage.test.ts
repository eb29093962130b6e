/**
 * Issue 16: a link's usage (GET …/public-links/:linkId/usage: 30 UTC days by outcome group, distinct clients, last
 * access) and the audit route's filters (from, to, outcome) and CSV output, with its formula-injection guard.
 * The per-day SQL of both stores is checked by the conformance suite; here the route, the window and the answers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type { AuditEvent } from '../../server/store/types.js';
import { createLink, json, startTestServer, type TestServer } from './helpers.js';

const NOW = Date.parse('2026-05-30T15:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('public links: usage and the audit log filters and CSV (issue 16)', () => {
  let server: TestServer;
  let alice: string;

  before(async () => {
    server = await startTestServer({ now: () => new Date(NOW) });
    alice = await server.token('alice');
  });
  after(() => server.close());

  const base = '/api/dashboards/sales-overview/public-links';
  const create = (body: unknown = {}) => createLink(server, 'sales-overview', body);
  const usage = async (linkId: string, token = alice) => server.request(`${base}/${linkId}/usage`, { token });
  const event = (linkId: string, at: number, outcome: AuditEvent['outcome'], route: string, client = '203.0.113.1') =>
    ({
      linkId,
      dashboardId: 'sales-overview',
      at: iso(at),
      clientAddress: client,
      userAgent: 'UA/1',
      route,
      outcome,
    }) satisfies AuditEvent;

  test('usage: 30 days ending today (UTC), zeros filled, counts per outcome group, distinct clients', async () => {
    const link = await create({ label: 'Charted' });
    const today = Date.parse('2026-05-30T00:00:00.000Z');
    await server.store.appendAudit([
      event(link.id, today - 30 * DAY, 'ok', 'dashboard', '198.51.100.7'), // 30 days ago: outside
      event(link.id, today - 29 * DAY + 5, 'ok', 'dashboard'),
      event(link.id, today - 29 * DAY + 6, 'ok', 'export'),
      event(link.id, today - 2 * DAY, 'wrong_passcode', 'session', '203.0.113.2'),
      event(link.id, today - 2 * DAY + 1, 'rate_limited', 'session', '203.0.113.2'),
      event(link.id, today + 1000, 'paused', 'page', '203.0.113.3'),
      event(link.id, today + 2000, 'ok', 'widget_data'),
    ]);
    const res = await usage(link.id);
    assert.equal(res.status, 200);
    const { usage: u } = await json(res);
    assert.equal(u.from, '2026-05-01');
    assert.equal(u.to, '2026-05-30');
    assert.equal(u.days.length, 30);
    assert.deepEqual(u.days[0], { day: '2026-05-01', ok: 2, wrongPasscode: 0, rateLimited: 0, unavailable: 0 });
    assert.deepEqual(u.days[27], { day: '2026-05-28', ok: 0, wrongPasscode: 1, rateLimited: 1, unavailable: 0 });
    assert.deepEqual(u.days[29], { day: '2026-05-30', ok: 0, wrongPasscode: 0, rateLimited: 0, unavailable: 1 });
    const total = u.days.reduce((n: number, d: { ok: number }) => n + d.ok, 0);
    assert.equal(total, 2);
    assert.equal(u.distinctClients, 3);
    assert.equal(u.lastAccessAt, iso(today + 2000), 'the last successful read, widget data included');
  });

  test('usage of real requests: an opening is ok, a wrong passcode is counted, a paused link is unavailable', async () => {
    const link = await create({ label: 'Live', passcode: true });
    const session = await server.request(`/api/public/${link.token}/session`, {
      method: 'POST',
      json: { passcode: 'WRONGWRONG' },
    });
    assert.equal(session.status, 401);
    const good = await json(
      await server.request(`/api/public/${link.token}/session`, { method: 'POST', json: { passcode: link.passcode } }),
    );
    const auth = { headers: { Authorization: `Bearer ${good.session}` } };
    assert.equal((await server.request(`/api/public/${link.token}`, auth)).status, 200);
    await server.request(`${base}/${link.id}/paused`, { method: 'PUT', token: alice, json: { paused: true } });
    assert.equal((await server.request(`/api/public/${link.token}`, auth)).status, 403);
    const { usage: u } = await json(await usage(link.id));
    assert.deepEqual(u.days[29], { day: '2026-05-30', ok: 1, wrongPasscode: 1, rateLimited: 0, unavailable: 1 });
    assert.equal(u.distinctClients, 1);
  });

  test('usage: owner only (author 403 not_owner, stranger 404), unknown link 404 link_not_found', async () => {
    const link = await create();
    const carol = await usage(link.id, await server.token('carol'));
    assert.equal(carol.status, 403);
    assert.equal((await json(carol)).error.code, 'not_owner');
    assert.equal((await usage(link.id, await server.token('erin'))).status, 404);
    const missing = await usage('no-such-link');
    assert.equal(missing.status, 404);
    assert.equal((await json(missing)).error.code, 'link_not_found');
    assert.equal((await server.request(`${base}/${link.id}/usage`)).status, 401);
  });

  test('audit filters: from/to inclusive (any offset), outcome, combined with limit', async () => {
    const link = await create({ label: 'Filtered' });
    const t = Date.parse('2026-05-20T08:00:00.000Z');
    await server.store.appendAudit([
      event(link.id, t, 'ok', 'dashboard'),
      event(link.id, t + 60_000, 'wrong_passcode', 'session'),
      event(link.id, t + 120_000, 'ok', 'export'),
      event(link.id, t + 180_000, 'unavailable', 'page'),
    ]);
    const audit = async (query: string) => {
      const res = await server.request(`${base}/${link.id}/audit?${query}`, { token: alice });
      assert.equal(res.status, 200, await res.clone().text());
      return (await json(res)).events.map((e: { at: string; outcome: string }) => [e.at, e.outcome]);
    };
    assert.deepEqual(await audit(`from=${iso(t + 60_000)}&to=${iso(t + 120_000)}`), [
      [iso(t + 120_000), 'ok'],
      [iso(t + 60_000), 'wrong_passcode'],
    ]);
    // The same instant written with an offset: compared as a time, not as text.
    assert.deepEqual(await audit(`from=${encodeURIComponent('2026-05-20T10:01:00+02:00')}&to=${iso(t + 60_000)}`), [
      [iso(t + 60_000), 'wrong_passcode'],
    ]);
    assert.deepEqual(await audit('outcome=ok'), [
      [iso(t + 120_000), 'ok'],
      [iso(t), 'ok'],
    ]);
    assert.deepEqual(await audit('outcome=ok&limit=1'), [[iso(t + 120_000), 'ok']]);
    assert.deepEqual(await audit(`outcome=ok&from=${iso(t + 1)}`), [[iso(t + 120_000), 'ok']]);
  });

  test('audit bad params: 400 invalid_request (not a date-time, from after to, unknown outcome or format)', async () => {
    const link = await create();
    for (const query of [
      'from=yesterday',
      'to=2026-05-20',
      `from=${iso(NOW)}&to=${iso(NOW - 1)}`,
      'outcome=fine',
      'format=xml',
      'limit=0',
    ]) {
      const res = await server.request(`${base}/${link.id}/audit?${query}`, { token: alice });
      assert.equal(res.status, 400, query);
      assert.equal((await json(res)).error.code, 'invalid_request', query);
    }
  });

  test('audit CSV: by format=csv or Accept: text/csv; escaped, and formula-looking cells neutralized', async () => {
    const link = await create({ label: 'CSV' });
    const hostile = ['=HYPERLINK("http://evil.example","click")', '+1+2', '-2+3', '@SUM(A1)', 'Mozilla, "quoted"; x'];
    for (const ua of hostile) await server.request(`/api/public/${link.token}`, { headers: { 'User-Agent': ua } });

    const res = await server.request(`${base}/${link.id}/audit?format=csv`, { token: alice });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="link-[\w-]+-audit\.csv"$/);
    const text = await res.text();
    assert.ok(text.includes('\r\n'), 'CRLF records');
    assert.ok(text.includes(`"'=HYPERLINK(""http://evil.example"",""click"")"`), text);
    const rows: string[][] = parse(text, { relax_column_count: false });
    assert.deepEqual(rows[0], [
      'id',
      'at',
      'outcome',
      'route',
      'clientAddress',
      'clientHash',
      'userAgent',
      'linkId',
      'dashboardId',
      'sessionId',
    ]);
    const agents = rows.slice(1).map((r) => r[6]);
    assert.deepEqual(agents, ['Mozilla, "quoted"; x', "'@SUM(A1)", "'-2+3", "'+1+2", `'${hostile[0]}`]);
    for (const row of rows.slice(1)) {
      assert.equal(row[2], 'ok');
      assert.equal(row[7], link.id);
      assert.equal(row[9], '', 'no passcode session: an empty cell');
      for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@]/, 'no cell starts like a formula');
    }

    // Accept: text/csv chooses CSV too; format=json wins over Accept; a plain request stays JSON.
    const byAccept = await server.request(`${base}/${link.id}/audit`, {
      token: alice,
      headers: { Accept: 'text/csv' },
    });
    assert.match(byAccept.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal(await byAccept.text(), text);
    const forced = await server.request(`${base}/${link.id}/audit?format=json`, {
      token: alice,
      headers: { Accept: 'text/csv' },
    });
    assert.equal((await json(forced)).events.length, 5);
    const plain = await server.request(`${base}/${link.id}/audit`, { token: alice });
    assert.match(plain.headers.get('content-type') ?? '', /^application\/json/);
    // Filters apply to the CSV as well.
    const none = await server.request(`${base}/${link.id}/audit?format=csv&outcome=wrong_passcode`, { token: alice });
    assert.equal((await none.text()).trim().split('\r\n').length, 1, 'the header only');

    // A request through a passcode session names it in the last column, as the JSON events do.
    const guarded = await create({ label: 'CSV session', passcode: true });
    const entered = await server.request(`/api/public/${guarded.token}/session`, {
      method: 'POST',
      json: { passcode: guarded.passcode },
    });
    const { session } = await json(entered);
    await server.request(`/api/public/${guarded.token}`, { headers: { Authorization: `Bearer ${session}` } });
    const events = (await json(await server.request(`${base}/${guarded.id}/audit`, { token: alice }))).events;
    const csvRows: string[][] = parse(
      await (await server.request(`${base}/${guarded.id}/audit?format=csv`, { token: alice })).text(),
    );
    assert.ok(
      events.every((e: { sessionId: string | null }) => e.sessionId),
      'both requests used or opened one',
    );
    assert.deepEqual(
      csvRows.slice(1).map((r) => r[9]),
      events.map((e: { sessionId: string }) => e.sessionId),
    );
  });

  test('OpenAPI: the usage route, the audit filters, its CSV rendering and export_disabled are in the document', async () => {
    const doc = await json(await server.request('/api/openapi.json'));
    const audit = doc.paths['/api/dashboards/{id}/public-links/{linkId}/audit'].get;
    assert.deepEqual(Object.keys(audit.responses['200'].content).sort(), ['application/json', 'text/csv']);
    const names = audit.parameters.map((p: { name: string }) => p.name);
    for (const name of ['from', 'to', 'outcome', 'format', 'limit']) assert.ok(names.includes(name), name);
    assert.ok(doc.paths['/api/dashboards/{id}/public-links/{linkId}/usage'].get);
    const exportRoute = doc.paths['/api/public/{token}/export.xlsx'].get;
    assert.ok(exportRoute.responses['403']['x-error-codes'].includes('export_disabled'));
  });
});
