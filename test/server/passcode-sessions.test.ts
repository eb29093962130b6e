/**
 * Issue 18 item 4 and issue 16 "Sessions": every passcode entry is a session of its own (a random jti), recorded with
 * when it was opened and last seen, a keyed hash of the client address and the browser family. The owner lists the
 * live sessions of a link and ends one without changing the passcode: that session's next request needs the passcode
 * again, the others keep working. The audit names the session (its id, never its value) a request used.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startTestServer, type TestServer } from './helpers.js';
import { addressHash, agentFamily } from '../../server/services/link-sessions.js';

const UA = {
  chrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  safari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  opera:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0',
  headless:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 Safari/537.36',
  curl: 'curl/8.5.0',
};

describe('passcode sessions: one per entry, listed and ended by the owner (issue 18 item 4, issue 16)', () => {
  let server: TestServer;
  let alice: string;
  let clock = Date.parse('2026-06-01T09:00:00.000Z');

  before(async () => {
    // A clock that does not move: every entry below happens in the same second.
    server = await startTestServer({ now: () => new Date(clock) });
    alice = await server.token('alice');
  });
  after(() => server.close());

  const links = '/api/dashboards/sales-overview/public-links';
  const createLink = async () => {
    const res = await server.request(links, { method: 'POST', token: alice, json: { passcode: true } });
    assert.equal(res.status, 201);
    return (await json(res)).link;
  };
  const enter = async (link: { token: string; passcode: string }, userAgent = UA.firefox) => {
    const res = await server.request(`/api/public/${link.token}/session`, {
      method: 'POST',
      json: { passcode: link.passcode },
      headers: { 'user-agent': userAgent },
    });
    assert.equal(res.status, 200, await res.clone().text());
    return { ...(await json(res)), cookie: res.headers.get('set-cookie') ?? '' };
  };
  const layout = (token: string, session: string) =>
    server.request(`/api/public/${token}`, { headers: { authorization: `Bearer ${session}` } });
  const listSessions = async (linkId: string, token = alice) => {
    const res = await server.request(`${links}/${linkId}/sessions`, { token });
    assert.equal(res.status, 200, await res.clone().text());
    return (await json(res)).sessions as {
      id: string;
      createdAt: string;
      lastSeenAt: string;
      expiresAt: string;
      addressHash: string;
      agentFamily: string;
    }[];
  };
  const end = (linkId: string, sessionId: string, token = alice) =>
    server.request(`${links}/${linkId}/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE', token });

  test('8 entries in the same second are 8 distinct sessions, each listed once', async () => {
    const link = await createLink();
    const entries = [];
    for (let i = 0; i < 8; i++) entries.push(await enter(link));
    assert.equal(new Set(entries.map((e) => e.session)).size, 8, 'distinct session values');
    assert.equal(new Set(entries.map((e) => e.expiresAt)).size, 1, 'the same second indeed');
    for (const e of entries) assert.equal((await layout(link.token, e.session)).status, 200);
    const sessions = await listSessions(link.id);
    assert.equal(sessions.length, 8);
    assert.equal(new Set(sessions.map((s) => s.id)).size, 8);
    for (const s of sessions) {
      assert.match(s.id, /^[A-Za-z0-9_-]{22}$/, '128 random bits');
      assert.equal(s.createdAt, new Date(clock).toISOString());
      assert.equal(s.expiresAt, entries[0]!.expiresAt);
      assert.equal(s.agentFamily, 'firefox');
      assert.match(s.addressHash, /^[A-Za-z0-9_-]{16}$/);
      assert.ok(!/127\.0\.0\.1|::1/.test(JSON.stringify(s)), 'never the address itself');
    }
    const listed = JSON.stringify(sessions);
    for (const e of entries) assert.ok(!listed.includes(e.session), 'never a session value');
  });

  test('ending one session: its next request needs the passcode (Bearer and cookie), the others keep working', async () => {
    const link = await createLink();
    const a = await enter(link, UA.chrome);
    clock += 1000; // listed oldest first
    const b = await enter(link, UA.safari);
    const [sa, sb] = await listSessions(link.id);
    assert.deepEqual([sa!.agentFamily, sb!.agentFamily], ['chrome', 'safari']);
    // Which listed session is which: the audit row of each entry names the session it opened.
    const opened = (await server.store.listAudit(link.id)).filter((e) => e.route === 'session').reverse();
    assert.deepEqual(
      opened.map((e) => e.sessionId),
      [sa!.id, sb!.id],
      'the audit names the session each entry opened',
    );

    assert.equal((await end(link.id, sa!.id)).status, 204);
    const refused = await layout(link.token, a.session);
    assert.equal(refused.status, 401);
    assert.equal((await json(refused)).error.code, 'passcode_required');
    const cookie = a.cookie.split(';')[0]!;
    const byCookie = await server.request(`/api/public/${link.token}`, { headers: { cookie } });
    assert.equal(byCookie.status, 401, 'the partitioned cookie of that session is refused too');
    assert.match(byCookie.headers.get('set-cookie') ?? '', /Max-Age=0/, 'and cleared');
    assert.equal((await layout(link.token, b.session)).status, 200, 'the other session still works');
    assert.deepEqual(
      (await listSessions(link.id)).map((s) => s.id),
      [sb!.id],
    );
    const again = await end(link.id, sa!.id);
    assert.equal(again.status, 404);
    assert.equal((await json(again)).error.code, 'session_not_found');
    assert.equal((await end(link.id, 'no-such-session')).status, 404);

    // The passcode did not change: the same viewer enters it again and gets a new session.
    const listedLink = (await json(await server.request(links, { token: alice }))).links.find(
      (l: any) => l.id === link.id,
    );
    assert.equal(listedLink.passcode, link.passcode);
    const a2 = await enter(link, UA.chrome);
    assert.equal((await layout(link.token, a2.session)).status, 200);
  });

  test('the audit names the session a data request used; last seen moves forward at most once a minute', async () => {
    const link = await createLink();
    const entry = await enter(link);
    const [s] = await listSessions(link.id);
    assert.equal((await layout(link.token, entry.session)).status, 200);
    const data = await server.request(`/api/public/${link.token}/widgets/revenue/data`, {
      headers: { authorization: `Bearer ${entry.session}` },
    });
    assert.equal(data.status, 200);
    const rows = (await server.store.listAudit(link.id)).reverse();
    assert.deepEqual(
      rows.map((e) => [e.route, e.outcome, e.sessionId]),
      [
        ['session', 'ok', s!.id],
        ['dashboard', 'ok', s!.id],
        ['widget_data', 'ok', s!.id],
      ],
    );
    const noSession = await server.request(`/api/public/${link.token}`);
    assert.equal(noSession.status, 401);
    assert.equal((await server.store.listAudit(link.id, 1))[0]!.sessionId, null, 'none offered: none named');

    clock += 30_000;
    await layout(link.token, entry.session);
    assert.equal((await listSessions(link.id))[0]!.lastSeenAt, s!.lastSeenAt, 'not within the minute');
    clock += 31_000;
    await layout(link.token, entry.session);
    assert.equal((await listSessions(link.id))[0]!.lastSeenAt, new Date(clock).toISOString());
  });

  test('a new passcode or the passcode off leaves no live session; a link without passcode lists none', async () => {
    const link = await createLink();
    await enter(link);
    assert.equal((await listSessions(link.id)).length, 1);
    const regenerated = await server.request(`${links}/${link.id}/passcode`, { method: 'POST', token: alice });
    assert.equal(regenerated.status, 200);
    assert.deepEqual(await listSessions(link.id), [], 'sessions of the old passcode are over');
    const fresh = (await json(regenerated)).link;
    await enter({ token: link.token, passcode: fresh.passcode });
    assert.equal((await listSessions(link.id)).length, 1);
    await server.request(`${links}/${link.id}/passcode`, { method: 'PUT', token: alice, json: { enabled: false } });
    assert.deepEqual(await listSessions(link.id), []);
  });

  test('owner only; a session of another link is not found through this one; a revoked link is gone', async () => {
    const link = await createLink();
    const other = await createLink();
    await enter(other);
    const [s] = await listSessions(other.id);
    const cross = await end(link.id, s!.id);
    assert.equal(cross.status, 404, 'a session id is ended only through its own link');
    assert.equal((await listSessions(other.id)).length, 1);

    const bob = await server.token('bob');
    for (const res of [
      await server.request(`${links}/${other.id}/sessions`, { token: bob }),
      await end(other.id, s!.id, bob),
    ]) {
      assert.equal(res.status, 403);
      assert.equal((await json(res)).error.code, 'not_owner');
    }
    const erin = await server.token('erin', { orgId: 'contoso' });
    assert.equal((await server.request(`${links}/${other.id}/sessions`, { token: erin })).status, 404);
    assert.equal((await server.request(`${links}/${other.id}/sessions`)).status, 401);
    assert.equal((await listSessions(other.id)).length, 1, 'nothing ended');
    assert.equal((await end(other.id, 'x'.repeat(65))).status, 400, 'a session id has at most 64 characters');

    await server.request(`${links}/${other.id}`, { method: 'DELETE', token: alice });
    const gone = await server.request(`${links}/${other.id}/sessions`, { token: alice });
    assert.equal(gone.status, 404);
    assert.equal((await json(gone)).error.code, 'link_not_found');
  });

  test('browser families and address hashes', () => {
    assert.deepEqual(Object.fromEntries(Object.entries(UA).map(([name, ua]) => [name, agentFamily(ua)])), {
      chrome: 'chrome',
      edge: 'edge',
      firefox: 'firefox',
      safari: 'safari',
      opera: 'other',
      headless: 'chrome',
      curl: 'other',
    });
    assert.equal(agentFamily(undefined), 'other');
    const key = { lookupKey: Buffer.alloc(32, 7) };
    assert.equal(addressHash(key, '203.0.113.9'), addressHash(key, '203.0.113.9'), 'stable');
    assert.notEqual(addressHash(key, '203.0.113.9'), addressHash(key, '203.0.113.10'));
    assert.notEqual(addressHash(key, '203.0.113.9'), addressHash({ lookupKey: Buffer.alloc(32, 8) }, '203.0.113.9'));
  });
});
