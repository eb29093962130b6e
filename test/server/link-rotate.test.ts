/**
 * Issue 16, rotate in place: a link gets a new token (and passcode) with the same id, label, locked filters, framing
 * sites, pause, expiry and history. The old token stops at once, or after the grace period the owner picked (both work
 * meanwhile); after it, the old token answers every public route exactly like a revoked link and the audit records
 * `rotated`. A rotation ends every passcode session of the link. Owner only; strict body.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLink, json, publicAnswers, publicRoutes, startTestServer, type TestServer } from './helpers.js';

const HOUR = 60 * 60 * 1000;

describe('public links: rotate in place (issue 16)', () => {
  let server: TestServer;
  let alice: string;
  let clock = Date.now();

  before(async () => {
    server = await startTestServer({ now: () => new Date(clock) });
    alice = await server.token('alice');
  });
  after(() => server.close());

  const links = '/api/dashboards/sales-overview/public-links';
  const create = (body: unknown = {}) => createLink(server, 'sales-overview', body);
  const rotate = (linkId: string, body: unknown = {}, token = alice) =>
    server.request(`${links}/${linkId}/rotate`, { method: 'POST', token, json: body });
  const rotated = async (linkId: string, body: unknown = {}) => {
    const res = await rotate(linkId, body);
    assert.equal(res.status, 200, await res.clone().text());
    return (await json(res)).link;
  };
  const answers = (token: string) => publicAnswers(server, token);
  const revokedAnswers = async () => {
    const revoked = await create();
    assert.equal((await server.request(`${links}/${revoked.id}`, { method: 'DELETE', token: alice })).status, 204);
    return answers(revoked.token);
  };
  const audit = async (linkId: string) =>
    (await json(await server.request(`${links}/${linkId}/audit`, { token: alice }))).events.reverse() as {
      route: string;
      outcome: string;
      sessionId: string | null;
    }[];

  test('immediately: the old token answers every public route exactly like a revoked link, audited rotated', async () => {
    const link = await create({ label: 'Customer A', lockedFilters: { region: ['EMEA'] } });
    assert.equal((await server.request(`/api/public/${link.token}`)).status, 200);
    assert.equal(link.previousTokenUntil, null);

    const next = await rotated(link.id, { graceSeconds: 0 });
    assert.equal(next.id, link.id, 'the same link');
    assert.notEqual(next.token, link.token);
    assert.match(next.token, /^[A-Za-z0-9_-]{32}$/, '24 bytes from the CSPRNG, as at creation');
    assert.equal(next.url, next.url.replace(link.token, ''), 'the URL names the new token only');
    assert.ok(next.url.endsWith(`/public/${next.token}`));
    assert.equal(next.label, 'Customer A');
    assert.deepEqual(next.lockedFilters, { region: ['EMEA'] });
    assert.equal(next.createdAt, link.createdAt);
    assert.equal(next.previousTokenUntil, null, 'no grace: nothing to announce');

    const ofOld = await answers(link.token);
    assert.deepEqual(ofOld, await revokedAnswers(), 'the old token gets the answers of a revoked link');
    for (const a of ofOld) assert.equal(a.status, 403, a.name);
    assert.match(ofOld[0]!.body, /This link is no longer available/);
    for (const a of ofOld.slice(1)) assert.equal(JSON.parse(a.body).error.code, 'link_unavailable', a.name);

    for (const [name, path] of publicRoutes(next.token).slice(0, 4)) {
      assert.equal((await server.request(path)).status, 200, `the new token opens the ${name}`);
    }
    const layout = await json(await server.request(`/api/public/${next.token}`));
    assert.deepEqual(layout.dashboard.lockedFilters, { region: ['EMEA'] }, 'its locked filters still hold');

    assert.deepEqual(
      (await audit(link.id)).map((e) => [e.route, e.outcome]),
      [
        ['dashboard', 'ok'],
        ['rotate', 'ok'],
        ['page', 'rotated'],
        ['dashboard', 'rotated'],
        ['widget_data', 'rotated'],
        ['export', 'rotated'],
        ['session', 'rotated'],
        ['page', 'ok'],
        ['dashboard', 'ok'],
        ['widget_data', 'ok'],
        ['export', 'ok'],
        ['dashboard', 'ok'],
      ],
      'one trail: before, the rotation, the old token refused, the new one served',
    );
    const listed = (await json(await server.request(links, { token: alice }))).links.find((l: any) => l.id === link.id);
    assert.equal(listed.token, next.token);
    assert.equal(listed.accessCount, 4, 'uses before and after the rotation add up');
  });

  test('with a grace period both tokens work on every public route until it ends; then the old one is rotated', async () => {
    const link = await create({ label: 'Wall' });
    const next = await rotated(link.id, { graceSeconds: 3600 });
    assert.equal(next.previousTokenUntil, new Date(clock + HOUR).toISOString(), 'the card can say until when');

    const ofOld = await answers(link.token);
    const ofNew = await answers(next.token);
    assert.deepEqual(
      ofOld.map((a) => [a.name, a.status]),
      [
        ['page', 200],
        ['dashboard', 200],
        ['widget data', 200],
        ['export', 200],
        ['session', 409],
      ],
      'during the grace period the old token is served (the session exchange: this link has no passcode)',
    );
    // The workbook carries its time of creation: compared by status only.
    const same = (list: typeof ofOld) =>
      list.filter((a) => a.name !== 'page' && a.name !== 'export').map((a) => a.body);
    assert.deepEqual(same(ofOld), same(ofNew), 'and gets the same answers as the new one');

    clock += HOUR - 1000;
    assert.equal((await server.request(`/api/public/${link.token}`)).status, 200, 'a second before the end');
    clock += 1000;
    const after = await answers(link.token);
    assert.deepEqual(after, await revokedAnswers(), 'at the end: a revoked link’s answers');
    for (const [name, path] of publicRoutes(next.token).slice(0, 4))
      assert.equal((await server.request(path)).status, 200, `the new token still opens the ${name}`);
    const outcomes = (await audit(link.id)).map((e) => e.outcome);
    assert.deepEqual(outcomes.slice(-10, -4), ['ok', 'rotated', 'rotated', 'rotated', 'rotated', 'rotated']);
    const view = (await json(await server.request(links, { token: alice }))).links.find((l: any) => l.id === link.id);
    assert.equal(view.previousTokenUntil, null, 'once over, the card no longer mentions the old address');
  });

  test('a passcode link gets a new passcode; every session ends; the old token in its grace takes the new passcode', async () => {
    const link = await create({ passcode: true });
    const open = async (token: string, passcode: string) => {
      const res = await server.request(`/api/public/${token}/session`, { method: 'POST', json: { passcode } });
      return { status: res.status, body: await json(res) };
    };
    const first = await open(link.token, link.passcode!);
    assert.equal(first.status, 200);
    const bearer = (token: string, session: string) =>
      server.request(`/api/public/${token}`, { headers: { authorization: `Bearer ${session}` } });
    assert.equal((await bearer(link.token, first.body.session)).status, 200);

    const next = await rotated(link.id, { graceSeconds: 600 });
    assert.equal(next.passcodeEnabled, true);
    assert.match(next.passcode, /^[2-9A-HJKMNP-Z]{10}$/);
    assert.notEqual(next.passcode, link.passcode, 'a new passcode, shown to the owner');

    const ended = await bearer(next.token, first.body.session);
    assert.equal(ended.status, 401, 'the session opened before the rotation has ended');
    assert.equal((await json(ended)).error.code, 'passcode_required');
    assert.equal((await bearer(link.token, first.body.session)).status, 401, 'through the old token as well');
    const sessions = await json(await server.request(`${links}/${link.id}/sessions`, { token: alice }));
    assert.deepEqual(sessions.sessions, []);

    assert.equal((await open(next.token, link.passcode!)).status, 401, 'the old passcode no longer opens it');
    const again = await open(next.token, next.passcode);
    assert.equal(again.status, 200);
    assert.equal((await bearer(next.token, again.body.session)).status, 200);
    const viaOld = await open(link.token, next.passcode);
    assert.equal(viaOld.status, 200, 'the old token, in its grace, with the new passcode');
    assert.equal((await bearer(link.token, viaOld.body.session)).status, 200);

    clock += 601_000;
    const late = await bearer(link.token, viaOld.body.session);
    assert.equal(late.status, 403, 'after the grace even a live session cannot use the old token');
    assert.equal((await json(late)).error.code, 'link_unavailable');
    assert.equal((await bearer(next.token, viaOld.body.session)).status, 200, 'the session itself is still live');
    const rows = await audit(link.id);
    assert.equal(rows.at(-2)!.outcome, 'rotated');
    assert.equal(rows.at(-2)!.sessionId, null, 'a refused request used no session');
  });

  test('a rotation keeps the pause, the expiry and the framing sites; rotating again forgets the first token', async () => {
    const link = await create({ frameAncestors: [], expiresAt: new Date(clock + 48 * HOUR).toISOString() });
    const paused = await server.request(`${links}/${link.id}/paused`, {
      method: 'PUT',
      token: alice,
      json: { paused: true },
    });
    assert.equal(paused.status, 200);
    const next = await rotated(link.id, { graceSeconds: 86_400 });
    assert.equal(next.status, 'paused');
    assert.equal(next.pausedAt, (await json(paused)).link.pausedAt);
    assert.equal(next.expiresAt, link.expiresAt);
    assert.deepEqual(next.frameAncestors, []);
    assert.equal((await server.request(`/api/public/${next.token}`)).status, 403, 'still paused');
    await server.request(`${links}/${link.id}/paused`, { method: 'PUT', token: alice, json: { paused: false } });
    const served = await server.request(`/api/public/${next.token}`);
    assert.equal(served.status, 200);
    assert.match(served.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);

    const third = await rotated(link.id, { graceSeconds: 60 });
    assert.equal((await server.request(`/api/public/${next.token}`)).status, 200, 'the second token, in its grace');
    const first = await server.request(`/api/public/${link.token}`);
    assert.equal(first.status, 403, 'the first token is forgotten: an unknown token');
    assert.equal((await server.request(`/api/public/${third.token}`)).status, 200);
  });

  test('strict body: 400 on unknown keys, wrong types and out of range; 404 for a revoked link; owner only', async () => {
    const link = await create();
    for (const body of [
      { graceSeconds: -1 },
      { graceSeconds: 86_401 },
      { graceSeconds: 1.5 },
      { graceSeconds: '60' },
      { graceSeconds: null },
      { grace: 60 },
      { graceSeconds: 60, passcode: true },
      [],
    ]) {
      const res = await rotate(link.id, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal((await json(res)).error.code, 'invalid_request', JSON.stringify(body));
    }
    const notJson = await server.request(`${links}/${link.id}/rotate`, {
      method: 'POST',
      token: alice,
      headers: { 'content-type': 'application/json' },
      body: '{graceSeconds:',
    });
    assert.equal(notJson.status, 400);
    assert.equal((await rotate(link.id)).status, 200, 'no body: rotate at once');
    const current = (await json(await server.request(links, { token: alice }))).links.find(
      (l: any) => l.id === link.id,
    );

    const bob = await server.token('bob');
    const refused = await rotate(link.id, {}, bob);
    assert.equal(refused.status, 403);
    assert.equal((await json(refused)).error.code, 'not_owner');
    const erin = await server.token('erin', { orgId: 'contoso' });
    assert.equal((await rotate(link.id, {}, erin)).status, 404, 'another organization: no such dashboard');
    assert.equal((await server.request(`${links}/${link.id}/rotate`, { method: 'POST', json: {} })).status, 401);
    const after = (await json(await server.request(links, { token: alice }))).links.find((l: any) => l.id === link.id);
    assert.equal(after.token, current.token, 'nothing changed');

    assert.equal((await server.request(`${links}/${link.id}`, { method: 'DELETE', token: alice })).status, 204);
    const gone = await rotate(link.id);
    assert.equal(gone.status, 404);
    assert.equal((await json(gone)).error.code, 'link_not_found');
    assert.equal((await rotate('no-such-link')).status, 404);
  });
});
