/** L8, O4: every public request is recorded, counts feed the link list, shutdown loses nothing, a command prints it. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { runCli } from '../../server/cli.js';
import { createLink, json, startTestServer, type TestServer } from './helpers.js';

/** Captures what runCli writes to stdout. */
async function cli(args: string[], db: string): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await runCli(args, db);
    return { code, out: chunks.join('') };
  } finally {
    process.stdout.write = write;
  }
}

describe('L8: access audit', () => {
  let server: TestServer;
  let clock = new Date('2026-06-01T10:00:00.000Z');
  const tick = () => (clock = new Date(clock.getTime() + 1000));

  before(async () => {
    server = await startTestServer({ now: () => clock, env: { ATLAS_TRUST_PROXY_HOPS: '1' } });
  });
  after(() => server.close());

  test('L8: one row per public request with link, time, client address, user agent, route and outcome', async () => {
    const link = await createLink(server, 'sales-overview', { passcode: true });
    const from = { 'X-Forwarded-For': '203.0.113.50', 'User-Agent': 'WallScreen/1.0' };
    const steps: [string, RequestInit & { json?: unknown }][] = [
      [`/api/public/${link.token}`, {}], // passcode_required
      [`/api/public/${link.token}/session`, { method: 'POST', json: { passcode: 'WRONGWRONG' } }], // wrong_passcode
      [`/api/public/${link.token}/session`, { method: 'POST', json: { passcode: link.passcode } }], // ok
    ];
    for (const [path, init] of steps) {
      tick();
      await server.request(path, { ...init, headers: from });
    }
    for (let i = 0; i < 4; i++)
      await server.request(`/api/public/${link.token}/session`, {
        method: 'POST',
        json: { passcode: 'WRONGWRONG' },
        headers: from,
      });
    tick();
    const limited = await server.request(`/api/public/${link.token}/session`, {
      method: 'POST',
      json: { passcode: link.passcode },
      headers: from,
    });
    assert.equal(limited.status, 429);
    await server.request(`/api/dashboards/sales-overview/public-links/${link.id}`, {
      method: 'DELETE',
      token: await server.token('alice'),
    });
    tick();
    await server.request(`/api/public/${link.token}`, { headers: from }); // unavailable (revoked)

    const res = await server.request(`/api/dashboards/sales-overview/public-links/${link.id}/audit`, {
      token: await server.token('alice'),
    });
    assert.equal(res.status, 200, 'the log of a revoked link stays readable by the owner');
    const { events } = await json(res);
    const outcomes = events.map((e: any) => e.outcome).reverse();
    assert.deepEqual(outcomes, [
      'passcode_required',
      'wrong_passcode',
      'ok',
      'wrong_passcode',
      'wrong_passcode',
      'wrong_passcode',
      'wrong_passcode',
      'rate_limited',
      'unavailable',
    ]);
    const first = events.at(-1);
    assert.equal(first.linkId, link.id);
    assert.equal(first.dashboardId, 'sales-overview');
    assert.equal(first.clientAddress, '203.0.113.50', 'X-Forwarded-For through the one trusted proxy hop');
    assert.equal(first.userAgent, 'WallScreen/1.0');
    assert.equal(first.route, 'dashboard');
    assert.equal(first.at, '2026-06-01T10:00:01.000Z');
    assert.equal(events[0].route, 'dashboard');
  });

  test('L8: an unknown token is recorded as unavailable without a link; user agents are length-capped', async () => {
    const unknown = Buffer.alloc(24, 9).toString('base64url');
    await server.request(`/api/public/${unknown}/widgets/revenue/data`, {
      headers: { 'User-Agent': 'U'.repeat(5000) },
    });
    // No flush: a public answer is sent only after its audit row is committed.
    const db = new Database(server.config.db, { readonly: true });
    try {
      const row = db
        .prepare("SELECT * FROM audit_events WHERE link_id IS NULL AND route = 'widget_data' ORDER BY id DESC LIMIT 1")
        .get() as any;
      assert.equal(row.outcome, 'unavailable');
      assert.equal(row.dashboard_id, null);
      assert.equal(row.user_agent.length, 256);
      assert.ok(!JSON.stringify(row).includes(unknown), 'the token itself is never logged');
    } finally {
      db.close();
    }
  });

  test('L2/L8: views count and move "last access" in the link list; widget data moves only last access', async () => {
    const link = await createLink(server, 'ops-wall');
    const viewedAt = tick().toISOString();
    await server.request(`/api/public/${link.token}`);
    await server.request(`/api/public/${link.token}`);
    const dataAt = tick().toISOString();
    for (const w of ['avg-temp', 'units', 'peak-vibration'])
      await server.request(`/api/public/${link.token}/widgets/${w}/data`);
    await server.request(`/public/${link.token}`); // the page itself reads nothing
    const { links } = await json(
      await server.request('/api/dashboards/ops-wall/public-links', { token: await server.token('alice') }),
    );
    const seen = links.find((l: any) => l.id === link.id);
    assert.equal(seen.accessCount, 2);
    assert.equal(seen.lastAccessAt, dataAt);
    assert.notEqual(seen.lastAccessAt, viewedAt);
    // Refused requests are no access.
    const locked = await createLink(server, 'ops-wall', { passcode: true });
    await server.request(`/api/public/${locked.token}`);
    const after = await json(
      await server.request('/api/dashboards/ops-wall/public-links', { token: await server.token('alice') }),
    );
    const lockedView = after.links.find((l: any) => l.id === locked.id);
    assert.equal(lockedView.accessCount, 0);
    assert.equal(lockedView.lastAccessAt, null);
  });

  test('L8: `atlas audit --link <id>` prints the log of one link', async () => {
    const link = await createLink(server, 'sales-overview', { label: 'CLI' });
    tick();
    await server.request(`/api/public/${link.token}`, { headers: { 'User-Agent': 'Kiosk/2' } });
    const text = await cli(['audit', '--link', link.id], server.config.db);
    assert.equal(text.code, 0);
    const lines = text.out.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^2026-06-01T10:00:\d\d\.000Z {2}ok +dashboard +127\.0\.0\.1 +- +"Kiosk\/2"$/);
    assert.match(lines[1]!, /^1 events; link 'CLI' of dashboard sales-overview$/);
    const asJson = await cli(['audit', '--link', link.id, '--json'], server.config.db);
    assert.deepEqual(JSON.parse(asJson.out.trim()), {
      at: JSON.parse(JSON.stringify(clock)),
      outcome: 'ok',
      route: 'dashboard',
      clientAddress: '127.0.0.1',
      sessionId: null,
      userAgent: 'Kiosk/2',
    });
    const missing = await cli(['audit', '--link', 'nope'], server.config.db);
    assert.equal(missing.code, 1);
  });

  test('L8: the audit command filters as the audit route does: --from, --to, --outcome; bad ones are refused', async () => {
    const link = await createLink(server, 'sales-overview', { label: 'CLI filters', passcode: true });
    const first = tick().toISOString();
    await server.request(`/api/public/${link.token}`); // passcode_required
    const second = tick().toISOString();
    await server.request(`/api/public/${link.token}/session`, { method: 'POST', json: { passcode: 'WRONGWRONG' } });
    const third = tick().toISOString();
    const entered = await server.request(`/api/public/${link.token}/session`, {
      method: 'POST',
      json: { passcode: link.passcode },
    });
    const { session } = await json(entered);
    await server.request(`/api/public/${link.token}`, { headers: { Authorization: `Bearer ${session}` } });
    const rows = async (...args: string[]) => {
      const run = await cli(['audit', '--link', link.id, '--json', ...args], server.config.db);
      assert.equal(run.code, 0, run.out);
      return run.out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { at: string; outcome: string; route: string; sessionId: string | null });
    };
    assert.deepEqual(
      (await rows()).map((r) => r.outcome),
      ['passcode_required', 'wrong_passcode', 'ok', 'ok'],
    );
    assert.deepEqual(
      (await rows('--outcome', 'wrong_passcode')).map((r) => r.at),
      [second],
    );
    assert.deepEqual(
      (await rows('--from', second, '--to', second)).map((r) => r.outcome),
      ['wrong_passcode'],
    );
    assert.deepEqual(
      (await rows('--to', first)).map((r) => r.outcome),
      ['passcode_required'],
    );
    const withSession = (await rows('--from', third)).filter((r) => r.route === 'dashboard');
    assert.equal(withSession.length, 1);
    assert.match(withSession[0]!.sessionId ?? '', /.+/, 'the passcode session the request used');
    for (const bad of [
      ['--outcome', 'nonsense'],
      ['--from', 'yesterday'],
      ['--from', third, '--to', first],
    ]) {
      const run = await cli(['audit', '--link', link.id, ...bad], server.config.db);
      assert.equal(run.code, 1, bad.join(' '));
    }
  });
});

describe('O4: graceful shutdown loses no audit record', () => {
  test('O4/L8: requests answered just before shutdown are all in the database after it', async () => {
    const server = await startTestServer();
    let closed = false;
    try {
      const link = await createLink(server, 'ops-wall');
      const requests = 40;
      await Promise.all(
        Array.from({ length: requests }, () =>
          server.request(`/api/public/${link.token}`).then((r) => r.arrayBuffer()),
        ),
      );
      // What main does on SIGTERM after the HTTP server stopped: close the lifecycle, then the store.
      await server.lifecycle.close();
      const events = await server.store.listAudit(link.id);
      assert.equal(events.length, requests);
      assert.equal((await server.store.getLink(link.id))!.accessCount, requests);
      await server.close();
      closed = true;
    } finally {
      if (!closed) await server.close();
    }
  });
});
