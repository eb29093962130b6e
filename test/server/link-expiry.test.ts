/**
 * Issue 16: a link's expiry. After `expiresAt` (by the server's clock, here moved by the test) every public route
 * answers exactly like a revoked link and the audit records `expired`; a later `expiresAt` (or null) brings the same
 * token back. Expiry is checked: a date-time, in the future, at most a year ahead; owner only.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLink, json, publicAnswers, startTestServer, type TestServer } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;

describe('public links: expiry (issue 16)', () => {
  let server: TestServer;
  let alice: string;
  let clock = Date.now();

  before(async () => {
    server = await startTestServer({ now: () => new Date(clock) });
    alice = await server.token('alice');
  });
  after(() => server.close());

  const at = (ms: number) => new Date(clock + ms).toISOString();
  const create = (body: unknown = {}) => createLink(server, 'sales-overview', body);
  const patch = (linkId: string, body: unknown, token = alice) =>
    server.request(`/api/dashboards/sales-overview/public-links/${linkId}`, { method: 'PATCH', token, json: body });
  const answers = (token: string) => publicAnswers(server, token);

  test('created with an expiry: active until it passes, then answered exactly like a revoked link, audited expired', async () => {
    const link = await create({ label: 'Expiring', expiresAt: at(DAY) });
    assert.equal(link.expiresAt, at(DAY));
    assert.equal(link.status, 'active');
    assert.equal((await server.request(`/api/public/${link.token}`)).status, 200);

    const revoked = await create();
    await server.request(`/api/dashboards/sales-overview/public-links/${revoked.id}`, {
      method: 'DELETE',
      token: alice,
    });

    clock += DAY; // the very moment of expiry counts as expired
    const listed = (await json(await server.request('/api/dashboards/sales-overview/public-links', { token: alice })))
      .links;
    assert.equal(listed.find((l: any) => l.id === link.id)?.status, 'expired', 'an expired link stays listed');
    const ofExpired = await answers(link.token);
    assert.deepEqual(ofExpired, await answers(revoked.token), 'expired and revoked links get the same answers');
    for (const a of ofExpired) assert.equal(a.status, 403, a.name);
    assert.match(ofExpired[0]!.body, /This link is no longer available/);
    for (const a of ofExpired.slice(1)) assert.equal(JSON.parse(a.body).error.code, 'link_unavailable', a.name);
    const outcomes = (await server.store.listAudit(link.id)).map((e) => [e.route, e.outcome]).reverse();
    assert.deepEqual(outcomes, [
      ['dashboard', 'ok'],
      ['page', 'expired'],
      ['dashboard', 'expired'],
      ['widget_data', 'expired'],
      ['export', 'expired'],
      ['session', 'expired'],
    ]);

    // Extending it (a later expiry) brings the same token back; null means never.
    const extended = await patch(link.id, { expiresAt: at(7 * DAY) });
    assert.equal(extended.status, 200);
    const body = (await json(extended)).link;
    assert.equal(body.status, 'active');
    assert.equal(body.token, link.token);
    assert.equal((await server.request(`/api/public/${link.token}`)).status, 200);
    const never = (await json(await patch(link.id, { expiresAt: null }))).link;
    assert.equal(never.expiresAt, null);
    clock += 400 * DAY;
    assert.equal((await server.request(`/api/public/${link.token}`)).status, 200, 'null: never expires');
  });

  test('a paused link reads paused even after its expiry, and its audit says paused', async () => {
    const link = await create({ expiresAt: at(DAY) });
    await server.request(`/api/dashboards/sales-overview/public-links/${link.id}/paused`, {
      method: 'PUT',
      token: alice,
      json: { paused: true },
    });
    clock += 2 * DAY;
    const listed = (await json(await server.request('/api/dashboards/sales-overview/public-links', { token: alice })))
      .links;
    assert.equal(listed.find((l: any) => l.id === link.id)?.status, 'paused');
    assert.equal((await server.request(`/api/public/${link.token}`)).status, 403);
    assert.deepEqual(
      (await server.store.listAudit(link.id)).map((e) => e.outcome),
      ['paused'],
    );
  });

  test('expiry is checked: a date-time, in the future, at most a year ahead (400), on create and on PATCH', async () => {
    const link = await create();
    for (const expiresAt of ['tomorrow', '2030-01-01', 5, at(-1000), at(0), at(367 * DAY)]) {
      const created = await server.request('/api/dashboards/sales-overview/public-links', {
        method: 'POST',
        token: alice,
        json: { expiresAt },
      });
      assert.equal(created.status, 400, `create ${String(expiresAt)}`);
      assert.equal((await json(created)).error.code, 'invalid_request');
      const patched = await patch(link.id, { expiresAt });
      assert.equal(patched.status, 400, `patch ${String(expiresAt)}`);
    }
    assert.equal((await patch(link.id, { expiresAt: at(365 * DAY) })).status, 200, 'a year ahead is fine');
    const offset = new Date(clock + DAY).toISOString().replace('Z', '+00:00');
    const withOffset = (await json(await patch(link.id, { expiresAt: offset }))).link;
    assert.equal(withOffset.expiresAt, at(DAY), 'kept as UTC ISO');
  });

  test('only the owner may set an expiry', async () => {
    const link = await create();
    const bob = await server.token('bob');
    const refused = await patch(link.id, { expiresAt: at(DAY) }, bob);
    assert.ok([403, 404].includes(refused.status), String(refused.status));
    assert.equal((await server.store.getLink(link.id))!.expiresAt, null);
  });
});
