/** L4–L6: passcodes, 5-day sessions and the guessing limits. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, seededTemplate, startTestServer, tempDir, type TestServer } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;

async function createLink(server: TestServer, dashboardId: string, body: unknown = { passcode: true }) {
  const res = await server.request(`/api/dashboards/${dashboardId}/public-links`, {
    method: 'POST',
    token: await server.token('alice'),
    json: body,
  });
  assert.equal(res.status, 201);
  return (await json(res)).link as { id: string; token: string; passcode: string };
}

async function openSession(server: TestServer, token: string, passcode: string, headers: Record<string, string> = {}) {
  return server.request(`/api/public/${token}/session`, { method: 'POST', json: { passcode }, headers });
}

const wrongFor = (passcode: string) => (passcode === 'WRONGPASS2' ? 'WRONGPASS3' : 'WRONGPASS2');

describe('passcode sessions', () => {
  let server: TestServer;
  let clock = new Date('2026-03-01T08:00:00.000Z');

  before(async () => {
    server = await startTestServer({ now: () => clock, env: { ATLAS_TRUST_PROXY_HOPS: '1' } });
  });
  after(() => server.close());

  /** Each test its own client address (through the trusted proxy hop), so the guessing limits stay apart. */
  let client = 0;
  const nextClient = () => ({ 'X-Forwarded-For': `198.51.100.${++client}` });

  test('L4/L5: the whole flow: passcode asked, wrong one refused, right one opens a 5-day session sent as Bearer', async () => {
    const link = await createLink(server, 'sales-overview');
    const headers = nextClient();
    for (const path of [
      `/api/public/${link.token}`,
      `/api/public/${link.token}/widgets/revenue/data`,
      `/api/public/${link.token}/export.xlsx`,
    ]) {
      const res = await server.request(path, { headers });
      assert.equal(res.status, 401, path);
      assert.equal((await json(res)).error.code, 'passcode_required');
    }
    // The served page still loads: the element asks for the passcode.
    assert.equal((await server.request(`/public/${link.token}`)).status, 200);

    const wrong = await openSession(server, link.token, wrongFor(link.passcode), headers);
    assert.equal(wrong.status, 401);
    assert.equal((await json(wrong)).error.code, 'wrong_passcode');

    const ok = await openSession(server, link.token, link.passcode, headers);
    assert.equal(ok.status, 200);
    const { session, expiresAt } = await json(ok);
    assert.equal(expiresAt, new Date(clock.getTime() + 5 * DAY).toISOString());
    const auth = { ...headers, Authorization: `Bearer ${session}` };
    assert.equal((await server.request(`/api/public/${link.token}`, { headers: auth })).status, 200);
    assert.equal(
      (await server.request(`/api/public/${link.token}/widgets/revenue/data`, { headers: auth })).status,
      200,
    );
    const xlsx = await server.request(`/api/public/${link.token}/export.xlsx`, { headers: auth });
    assert.equal(xlsx.status, 200);
    await xlsx.arrayBuffer();

    // Typed by hand: case, spaces and dashes do not matter.
    const typed = `${link.passcode.slice(0, 5).toLowerCase()} - ${link.passcode.slice(5)}`;
    assert.equal((await openSession(server, link.token, typed, headers)).status, 200);
  });

  test('L4: a new passcode ends every earlier session on its next request', async () => {
    const link = await createLink(server, 'sales-overview');
    const headers = nextClient();
    const { session } = await json(await openSession(server, link.token, link.passcode, headers));
    const auth = { Authorization: `Bearer ${session}` };
    assert.equal((await server.request(`/api/public/${link.token}`, { headers: auth })).status, 200);
    const alice = await server.token('alice');
    const regenerated = await json(
      await server.request(`/api/dashboards/sales-overview/public-links/${link.id}/passcode`, {
        method: 'POST',
        token: alice,
      }),
    );
    const ended = await server.request(`/api/public/${link.token}/widgets/revenue/data`, { headers: auth });
    assert.equal(ended.status, 401);
    assert.equal((await json(ended)).error.code, 'passcode_required');
    assert.equal(
      (await openSession(server, link.token, link.passcode, headers)).status,
      401,
      'the old passcode no longer works',
    );
    const fresh = await json(await openSession(server, link.token, regenerated.link.passcode, headers));
    assert.equal(
      (await server.request(`/api/public/${link.token}`, { headers: { Authorization: `Bearer ${fresh.session}` } }))
        .status,
      200,
    );
  });

  test('L4: disabling the passcode opens the link; enabling it again does not revive old sessions', async () => {
    const link = await createLink(server, 'sales-overview');
    const { session } = await json(await openSession(server, link.token, link.passcode, nextClient()));
    const alice = await server.token('alice');
    const put = (enabled: boolean) =>
      server.request(`/api/dashboards/sales-overview/public-links/${link.id}/passcode`, {
        method: 'PUT',
        token: alice,
        json: { enabled },
      });
    assert.equal((await put(false)).status, 200);
    assert.equal(
      (await server.request(`/api/public/${link.token}`)).status,
      200,
      'no passcode: open to anyone with the link',
    );
    assert.equal((await put(true)).status, 200);
    const res = await server.request(`/api/public/${link.token}`, { headers: { Authorization: `Bearer ${session}` } });
    assert.equal(res.status, 401);
    assert.equal((await json(res)).error.code, 'passcode_required');
  });

  test('L3: revoking the link ends its sessions, even one already in use', async () => {
    const link = await createLink(server, 'ops-wall');
    const { session } = await json(await openSession(server, link.token, link.passcode, nextClient()));
    const auth = { Authorization: `Bearer ${session}` };
    // Used (and so remembered as verified) before the revoke: the revoke must still win on the next request.
    assert.equal((await server.request(`/api/public/${link.token}`, { headers: auth })).status, 200);
    assert.equal(
      (await server.request(`/api/public/${link.token}/widgets/avg-temp/data`, { headers: auth })).status,
      200,
    );
    await server.request(`/api/dashboards/ops-wall/public-links/${link.id}`, {
      method: 'DELETE',
      token: await server.token('alice'),
    });
    assert.equal(
      (await server.request(`/api/public/${link.token}/widgets/avg-temp/data`, { headers: auth })).status,
      403,
    );
    const res = await server.request(`/api/public/${link.token}`, { headers: auth });
    assert.equal(res.status, 403);
    assert.equal((await json(res)).error.code, 'link_unavailable');
  });

  test('L5: a session of link 1 is refused on link 2 of the same dashboard', async () => {
    const one = await createLink(server, 'sales-overview');
    const two = await createLink(server, 'sales-overview');
    const { session } = await json(await openSession(server, one.token, one.passcode, nextClient()));
    const res = await server.request(`/api/public/${two.token}`, { headers: { Authorization: `Bearer ${session}` } });
    assert.equal(res.status, 401);
    assert.equal((await json(res)).error.code, 'passcode_required');
    // A host portal token is no session either.
    const host = await server.request(`/api/public/${two.token}`, {
      headers: { Authorization: `Bearer ${await server.token('alice')}` },
    });
    assert.equal(host.status, 401);
  });

  test('L5: the session lasts exactly 5 days (injected clock), then the passcode is asked again', async () => {
    const link = await createLink(server, 'ops-wall');
    const started = clock;
    const { session } = await json(await openSession(server, link.token, link.passcode, nextClient()));
    const auth = { Authorization: `Bearer ${session}` };
    try {
      clock = new Date(started.getTime() + 5 * DAY - 1000);
      assert.equal(
        (await server.request(`/api/public/${link.token}`, { headers: auth })).status,
        200,
        'still valid a second before',
      );
      clock = new Date(started.getTime() + 5 * DAY + 1000);
      const res = await server.request(`/api/public/${link.token}`, { headers: auth });
      assert.equal(res.status, 401, 'expired a second after');
      assert.equal((await json(res)).error.code, 'passcode_required');
    } finally {
      clock = started;
    }
  });
});

describe('L6: guessing limits', () => {
  let server: TestServer;
  let clock = new Date('2026-04-01T12:00:00.000Z');

  before(async () => {
    server = await startTestServer({ now: () => clock, env: { ATLAS_TRUST_PROXY_HOPS: '1' } });
  });
  after(() => server.close());

  test('L6: 5 failures in 15 minutes lock one client out of one link with 429 and Retry-After; valid sessions keep working', async () => {
    const link = await createLink(server, 'sales-overview');
    const attacker = { 'X-Forwarded-For': '203.0.113.7' };
    const friend = { 'X-Forwarded-For': '203.0.113.8' };
    const { session } = await json(await openSession(server, link.token, link.passcode, friend));
    // Issue 17: each refusal says how many tries are left (details.remaining and the sentence).
    const told: [number, string][] = [];
    for (let i = 0; i < 5; i++) {
      const wrong = await openSession(server, link.token, wrongFor(link.passcode), attacker);
      assert.equal(wrong.status, 401);
      const { error } = await json(wrong);
      told.push([error.details.remaining, error.message]);
    }
    assert.deepEqual(told, [
      [4, 'That passcode is not correct. 4 tries left before a lockout.'],
      [3, 'That passcode is not correct. 3 tries left before a lockout.'],
      [2, 'That passcode is not correct. 2 tries left before a lockout.'],
      [1, 'That passcode is not correct. 1 try left before a lockout.'],
      [0, 'That passcode is not correct. That was the last try for now: the next one waits for the lockout to end.'],
    ]);
    const locked = await openSession(server, link.token, link.passcode, attacker);
    assert.equal(locked.status, 429, 'locked even with the right passcode: checked before any comparison');
    assert.equal(locked.headers.get('retry-after'), String(15 * 60));
    assert.equal((await json(locked)).error.code, 'too_many_attempts');

    assert.equal(
      (
        await server.request(`/api/public/${link.token}`, {
          headers: { ...attacker, Authorization: `Bearer ${session}` },
        })
      ).status,
      200,
    );
    assert.equal(
      (await openSession(server, link.token, link.passcode, friend)).status,
      200,
      'another client is not locked',
    );
    const otherLink = await createLink(server, 'sales-overview');
    assert.equal(
      (await openSession(server, otherLink.token, otherLink.passcode, attacker)).status,
      200,
      'another link is not locked',
    );

    const start = clock;
    try {
      clock = new Date(start.getTime() + 10 * 60 * 1000);
      const later = await openSession(server, link.token, link.passcode, attacker);
      assert.equal(later.status, 429);
      assert.equal(later.headers.get('retry-after'), String(5 * 60));
      clock = new Date(start.getTime() + 15 * 60 * 1000 + 1000);
      assert.equal(
        (await openSession(server, link.token, link.passcode, attacker)).status,
        200,
        'the window has passed',
      );
    } finally {
      clock = start;
    }
  });

  test('L6: a burst of parallel guesses from one client gets no more than 5 tries through', async () => {
    const link = await createLink(server, 'sales-overview');
    const burst = { 'X-Forwarded-For': '203.0.113.50' };
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () =>
        openSession(server, link.token, wrongFor(link.passcode), burst).then((r) => r.status),
      ),
    );
    const tried = statuses.filter((s) => s === 401).length;
    assert.ok(tried <= 5, `${tried} guesses were compared`);
    assert.ok(tried >= 1, 'the first guesses are still compared');
    assert.equal(statuses.filter((s) => s === 429).length, 30 - tried);
    assert.equal(
      (await openSession(server, link.token, link.passcode, burst)).status,
      429,
      'and the client is locked out',
    );
  });

  test('L6: at most 100 failures per hour per link across all addresses', async () => {
    const link = await createLink(server, 'ops-wall');
    for (let i = 0; i < 100; i++) {
      const res = await openSession(server, link.token, wrongFor(link.passcode), {
        'X-Forwarded-For': `192.0.2.${Math.floor(i / 4) + 1}`,
      });
      assert.equal(res.status, 401, `attempt ${i}`);
    }
    const fresh = await openSession(server, link.token, link.passcode, { 'X-Forwarded-For': '192.0.2.200' });
    assert.equal(fresh.status, 429);
    assert.equal(fresh.headers.get('retry-after'), String(60 * 60));
  });

  test('L8/L6: without a trusted proxy, X-Forwarded-For is ignored and cannot dodge the limit', async () => {
    const direct = await startTestServer();
    try {
      const link = await createLink(direct, 'sales-overview');
      for (let i = 0; i < 5; i++) {
        assert.equal(
          (await openSession(direct, link.token, wrongFor(link.passcode), { 'X-Forwarded-For': `10.0.0.${i}` })).status,
          401,
        );
      }
      assert.equal(
        (await openSession(direct, link.token, link.passcode, { 'X-Forwarded-For': '10.0.0.99' })).status,
        429,
      );
    } finally {
      await direct.close();
    }
  });
});

describe('L6: the limit survives a restart', () => {
  test('L6: 429 with Retry-After holds after the server restarts on the same database', async () => {
    const tmp = tempDir();
    const dbFile = join(tmp.dir, 'atlas.db');
    copyFileSync(await seededTemplate(), dbFile);
    const env = { ATLAS_SECRETS_FILE: join(tmp.dir, 'secrets.json') };
    const clock = new Date('2026-05-01T09:00:00.000Z');
    try {
      const first = await startTestServer({ dbFile, env, now: () => clock });
      const link = await createLink(first, 'sales-overview');
      for (let i = 0; i < 5; i++)
        assert.equal((await openSession(first, link.token, wrongFor(link.passcode))).status, 401);
      assert.equal((await openSession(first, link.token, link.passcode)).status, 429);
      await first.close();

      const second = await startTestServer({ dbFile, env, now: () => clock });
      try {
        const res = await openSession(second, link.token, link.passcode);
        assert.equal(res.status, 429);
        assert.equal(res.headers.get('retry-after'), String(15 * 60));
      } finally {
        await second.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});
