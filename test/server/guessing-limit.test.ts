/**
 * Issue 18 item 5: token guessing per client address on /public/* and /api/public/*. Addresses come through one
 * trusted proxy hop (X-Forwarded-For) and the clock is injected, so the window is moved, never waited for.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../server/config.js';
import { json, startTestServer, type TestServer } from './helpers.js';

const LIMIT = 5;
const unknownToken = () => randomBytes(24).toString('base64url');

describe('issue 18: token guessing is limited per client address', () => {
  let server: TestServer;
  let clock = new Date('2026-05-01T09:00:00.000Z');
  let alice: string;

  before(async () => {
    server = await startTestServer({
      now: () => clock,
      env: { ATLAS_TRUST_PROXY_HOPS: '1', ATLAS_LINK_GUESS_LIMIT: String(LIMIT) },
    });
    alice = await server.token('alice');
  });
  after(() => server.close());

  let client = 0;
  const nextClient = () => ({ 'X-Forwarded-For': `198.51.100.${++client}` });
  const createLink = async (body: unknown = {}) => {
    const res = await server.request('/api/dashboards/ops-wall/public-links', {
      method: 'POST',
      token: alice,
      json: body,
    });
    assert.equal(res.status, 201);
    return (await json(res)).link as { id: string; token: string };
  };
  /** Spends an address's allowance: LIMIT answers for tokens that match no link, each an ordinary 403. */
  const exhaust = async (headers: Record<string, string>) => {
    for (let i = 0; i < LIMIT; i++) {
      const res = await server.request(`/api/public/${unknownToken()}`, { headers });
      assert.equal(res.status, 403, `guess ${i + 1} is still an ordinary refusal`);
    }
  };

  test('past the limit, unknown tokens get 429 too_many_attempts with Retry-After on every public route', async () => {
    const scanner = nextClient();
    await exhaust(scanner);
    const token = unknownToken();
    for (const [path, init] of [
      [`/api/public/${token}`, {}],
      [`/api/public/${token}/widgets/w1/data`, {}],
      [`/api/public/${token}/export.xlsx`, {}],
      [`/api/public/${token}/session`, { method: 'POST', json: { passcode: 'ABCDEFGHJK' } }],
    ] as const) {
      const res = await server.request(path, { ...init, headers: scanner });
      assert.equal(res.status, 429, path);
      assert.equal(res.headers.get('retry-after'), '60', path);
      const { error } = await json(res);
      assert.equal(error.code, 'too_many_attempts', path);
      assert.equal(error.details.retryAfter, 60);
      assert.ok(!error.message.includes(token), 'the token is not echoed');
    }
    // The page a browser opens gets the styled page, not JSON in a tab, with the same status and Retry-After.
    const page = await server.request(`/public/${token}`, { headers: scanner });
    assert.equal(page.status, 429);
    assert.equal(page.headers.get('retry-after'), '60');
    assert.match(page.headers.get('content-type')!, /^text\/html/);
    const html = await page.text();
    assert.match(html, /<h1>Too many attempts<\/h1>/);
    assert.match(html, /Try again in a minute\./);
    assert.ok(!html.includes(token), 'the token is not echoed');
  });

  test('a live link still opens from a limited address; another address is never affected', async () => {
    const link = await createLink();
    const scanner = nextClient();
    const neighbour = nextClient();
    await exhaust(scanner);
    assert.equal((await server.request(`/api/public/${unknownToken()}`, { headers: scanner })).status, 429);
    assert.equal((await server.request(`/api/public/${link.token}`, { headers: scanner })).status, 200);
    assert.equal((await server.request(`/public/${link.token}`, { headers: scanner })).status, 200);
    const widget = (await server.store.listWidgets('ops-wall'))[0]!;
    const data = await server.request(`/api/public/${link.token}/widgets/${widget.id}/data`, { headers: scanner });
    assert.equal(data.status, 200);
    const other = await server.request(`/api/public/${unknownToken()}`, { headers: neighbour });
    assert.equal(other.status, 403, 'the neighbour gets the ordinary answer');
    assert.equal((await json(other)).error.code, 'link_unavailable');
  });

  test('a revoked or paused link is never counted (a screen left on it), but is 429 like any token once limited', async () => {
    const revoked = await createLink();
    const paused = await createLink();
    const base = '/api/dashboards/ops-wall/public-links';
    assert.equal((await server.request(`${base}/${revoked.id}`, { method: 'DELETE', token: alice })).status, 204);
    const pause = await server.request(`${base}/${paused.id}/paused`, {
      method: 'PUT',
      token: alice,
      json: { paused: true },
    });
    assert.equal(pause.status, 200);
    const wallScreen = nextClient();
    for (let i = 0; i < LIMIT * 3; i++) {
      assert.equal((await server.request(`/api/public/${revoked.token}`, { headers: wallScreen })).status, 403);
      assert.equal((await server.request(`/public/${paused.token}`, { headers: wallScreen })).status, 403);
    }
    const scanner = nextClient();
    await exhaust(scanner);
    assert.equal((await server.request(`/api/public/${unknownToken()}`, { headers: scanner })).status, 429);
    // Once limited, a revoked token gets the unknown token's 429: the answer still cannot tell them apart (L3).
    assert.equal((await server.request(`/api/public/${revoked.token}`, { headers: scanner })).status, 429);
    const audit = await server.request(`${base}/${revoked.id}/audit?limit=1`, { token: alice });
    assert.equal((await json(audit)).events[0].outcome, 'rate_limited', 'the audit names the refusal');
  });

  test('the window ends: the address gets ordinary answers again', async () => {
    const scanner = nextClient();
    const start = clock;
    try {
      await exhaust(scanner);
      clock = new Date(start.getTime() + 40_000);
      const limited = await server.request(`/api/public/${unknownToken()}`, { headers: scanner });
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '20');
      clock = new Date(start.getTime() + 60_001);
      assert.equal((await server.request(`/api/public/${unknownToken()}`, { headers: scanner })).status, 403);
    } finally {
      clock = start;
    }
  });

  test('logged once per address and window, with the address and never a token', async () => {
    const scanner = nextClient();
    const tokens = Array.from({ length: LIMIT + 10 }, unknownToken);
    for (const token of tokens) await server.request(`/api/public/${token}`, { headers: scanner });
    const lines = server.logs.filter((line) => line.includes('public link guessing limited'));
    const mine = lines.filter((line) => line.includes(scanner['X-Forwarded-For']));
    assert.equal(mine.length, 1, 'one line for the whole window');
    assert.equal(JSON.parse(mine[0]!).guesses, LIMIT + 1);
    for (const token of tokens) assert.ok(!lines.some((line) => line.includes(token)), 'no token in the line');
  });
});

describe('issue 18: the guessing limit setting', () => {
  const base = { ATLAS_AUTH_SECRET: 'x'.repeat(40) };
  test('ATLAS_LINK_GUESS_LIMIT defaults to 60 a minute; empty means the default; 0 turns it off; junk is refused', () => {
    assert.equal(loadConfig(base).linkGuessLimit, 60);
    assert.equal(loadConfig({ ...base, ATLAS_LINK_GUESS_LIMIT: '' }).linkGuessLimit, 60);
    assert.equal(loadConfig({ ...base, ATLAS_LINK_GUESS_LIMIT: '0' }).linkGuessLimit, 0);
    assert.throws(() => loadConfig({ ...base, ATLAS_LINK_GUESS_LIMIT: 'many' }), /ATLAS_LINK_GUESS_LIMIT/);
  });

  test('with the limit off, an address may get any number of ordinary 403s', async () => {
    const server = await startTestServer({ env: { ATLAS_LINK_GUESS_LIMIT: '0' } });
    try {
      for (let i = 0; i < 70; i++)
        assert.equal((await server.request(`/api/public/${unknownToken()}`)).status, 403, `request ${i + 1}`);
    } finally {
      await server.close();
    }
  });
});
