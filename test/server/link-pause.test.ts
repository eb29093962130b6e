/**
 * Issue 16: an owner pauses a link and resumes it. A paused link answers every public route exactly like a revoked
 * one (same status, headers and body) and the audit records `paused`; resuming makes the same token work again with
 * its label, filters, passcode and history; a revoked link cannot be resumed (404 link_not_found).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLink, json, publicAnswers, startTestServer, type TestServer } from './helpers.js';

/** Every public route of a token, as [name, path, init]. */
describe('public links: pause and resume (issue 16)', () => {
  let server: TestServer;
  let alice: string;

  before(async () => {
    server = await startTestServer();
    alice = await server.token('alice');
  });
  after(() => server.close());

  const create = (body: unknown = {}) => createLink(server, 'sales-overview', body);
  const setPaused = (linkId: string, paused: unknown, token = alice) =>
    server.request(`/api/dashboards/sales-overview/public-links/${linkId}/paused`, {
      method: 'PUT',
      token,
      json: { paused },
    });
  const answers = (token: string) => publicAnswers(server, token);

  test('a new link is active and not paused', async () => {
    const link = await create();
    assert.equal(link.status, 'active');
    assert.equal(link.pausedAt, null);
  });

  test('a paused link answers every public route exactly like a revoked one, and the audit says paused', async () => {
    const link = await create({ label: 'Paused one' });
    const revoked = await create();
    assert.equal(
      (
        await server.request(`/api/dashboards/sales-overview/public-links/${revoked.id}`, {
          method: 'DELETE',
          token: alice,
        })
      ).status,
      204,
    );
    const res = await setPaused(link.id, true);
    assert.equal(res.status, 200);
    const paused = (await json(res)).link;
    assert.equal(paused.status, 'paused');
    assert.ok(!Number.isNaN(Date.parse(paused.pausedAt)));
    assert.equal(paused.token, link.token, 'the token is kept');

    const ofPaused = await answers(link.token);
    const ofRevoked = await answers(revoked.token);
    assert.deepEqual(ofPaused, ofRevoked, 'paused and revoked links get the same answers');
    for (const a of ofPaused) assert.equal(a.status, 403, a.name);
    assert.match(ofPaused[0]!.body, /This link is no longer available/);
    for (const a of ofPaused.slice(1)) assert.equal(JSON.parse(a.body).error.code, 'link_unavailable', a.name);

    const audit = await json(
      await server.request(`/api/dashboards/sales-overview/public-links/${link.id}/audit`, { token: alice }),
    );
    assert.deepEqual(audit.events.map((e: any) => [e.route, e.outcome]).reverse(), [
      ['page', 'paused'],
      ['dashboard', 'paused'],
      ['widget_data', 'paused'],
      ['export', 'paused'],
      ['session', 'paused'],
    ]);
    const revokedAudit = await json(
      await server.request(`/api/dashboards/sales-overview/public-links/${revoked.id}/audit`, { token: alice }),
    );
    assert.ok(
      revokedAudit.events.every((e: any) => e.outcome === 'unavailable'),
      'a revoked link stays unavailable',
    );
  });

  test('resume: the same token works again, with its label, locked filters, passcode and history', async () => {
    const link = await create({ label: 'Customer B', passcode: true, lockedFilters: { region: ['EMEA'] } });
    const session = await server.request(`/api/public/${link.token}/session`, {
      method: 'POST',
      json: { passcode: link.passcode },
    });
    assert.equal(session.status, 200);
    const bearer = (await json(session)).session as string;
    const layout = () =>
      server.request(`/api/public/${link.token}`, { headers: { authorization: `Bearer ${bearer}` } });
    assert.equal((await layout()).status, 200);

    assert.equal((await setPaused(link.id, true)).status, 200);
    assert.equal((await setPaused(link.id, true)).status, 200, 'pausing a paused link changes nothing');
    assert.equal((await layout()).status, 403);
    const listed = (await json(await server.request('/api/dashboards/sales-overview/public-links', { token: alice })))
      .links;
    assert.equal(listed.find((l: any) => l.id === link.id)?.status, 'paused', 'a paused link stays listed');

    const res = await setPaused(link.id, false);
    assert.equal(res.status, 200);
    const resumed = (await json(res)).link;
    assert.equal(resumed.status, 'active');
    assert.equal(resumed.pausedAt, null);
    assert.equal(resumed.token, link.token);
    assert.equal(resumed.label, 'Customer B');
    assert.equal(resumed.passcode, link.passcode);
    assert.deepEqual(resumed.lockedFilters, { region: ['EMEA'] });
    const again = await layout();
    assert.equal(again.status, 200, 'the passcode session opened before the pause still works');
    assert.deepEqual((await json(again)).dashboard.lockedFilters, { region: ['EMEA'] });
    const events = (await server.store.listAudit(link.id)).map((e) => e.outcome).reverse();
    assert.deepEqual(events, ['ok', 'ok', 'paused', 'ok']);
  });

  test('a revoked link cannot be resumed (404 link_not_found); bodies are checked; only the owner may pause', async () => {
    const link = await create();
    await server.request(`/api/dashboards/sales-overview/public-links/${link.id}`, { method: 'DELETE', token: alice });
    for (const paused of [false, true]) {
      const res = await setPaused(link.id, paused);
      assert.equal(res.status, 404);
      assert.equal((await json(res)).error.code, 'link_not_found');
    }
    assert.equal((await server.store.getLink(link.id))!.pausedAt, null);

    const live = await create();
    for (const body of ['yes', null, 1]) assert.equal((await setPaused(live.id, body)).status, 400, String(body));
    const extra = await server.request(`/api/dashboards/sales-overview/public-links/${live.id}/paused`, {
      method: 'PUT',
      token: alice,
      json: { paused: true, other: 1 },
    });
    assert.equal(extra.status, 400);

    // sales-overview is shared with bob (not as owner): he sees the dashboard but may not manage its links.
    const bob = await server.token('bob');
    const refused = await setPaused(live.id, true, bob);
    assert.ok([403, 404].includes(refused.status), String(refused.status));
    assert.equal((await server.store.getLink(live.id))!.pausedAt, null, 'nothing changed');
  });
});
