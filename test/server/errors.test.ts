import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startTestServer, type TestServer } from './helpers.js';

describe('O5: error shapes', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { ATLAS_DEMO: '1' } });
  });
  after(() => server.close());

  const assertError = async (res: Response, status: number, code: string) => {
    assert.equal(res.status, status);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const body = await json(res);
    assert.equal(body.error.code, code);
    assert.equal(typeof body.error.message, 'string');
    assert.ok(body.error.message.length > 0);
    assert.ok(!JSON.stringify(body).includes('    at '), 'no stack trace');
    return body;
  };

  test('401 unauthenticated', async () => {
    await assertError(await server.request('/api/me'), 401, 'unauthenticated');
  });
  test('404 for an unknown API route, as JSON', async () => {
    await assertError(await server.request('/api/nope', { token: await server.token('alice') }), 404, 'not_found');
  });
  test('404 for an unknown page, as JSON', async () => {
    await assertError(await server.request('/definitely/not/here'), 404, 'not_found');
  });
  test('400 naming the field for a bad body', async () => {
    const body = await assertError(
      await server.request('/api/dev/token', { method: 'POST', json: { username: 42 } }),
      400,
      'invalid_request',
    );
    assert.match(body.error.message, /username/);
    assert.ok(Array.isArray(body.error.details));
  });
  test('400 for unknown keys in a strict body', async () => {
    const body = await assertError(
      await server.request('/api/dev/token', { method: 'POST', json: { username: 'alice', admin: true } }),
      400,
      'invalid_request',
    );
    assert.match(body.error.message, /admin/);
  });
  test('400 for malformed JSON', async () => {
    await assertError(
      await server.request('/api/dev/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"username":',
      }),
      400,
      'invalid_json',
    );
  });
  test('413 for an oversized body', async () => {
    const huge = JSON.stringify({ username: 'a'.repeat(200_000) });
    await assertError(
      await server.request('/api/dev/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: huge,
      }),
      413,
      'payload_too_large',
    );
  });
  test('signed-in routes are not frameable and not cached', async () => {
    const res = await server.request('/api/me', { token: await server.token('alice') });
    assert.equal(res.headers.get('content-security-policy'), "frame-ancestors 'none'");
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-powered-by'), null);
  });
});

describe('O4: health', () => {
  test('GET /healthz answers { ok: true } while the store answers, 503 when it does not', async () => {
    const server = await startTestServer({ seed: false });
    try {
      const res = await server.request('/healthz');
      assert.equal(res.status, 200);
      assert.deepEqual(await json(res), { ok: true });
      await server.store.close();
      const down = await server.request('/healthz');
      assert.equal(down.status, 503);
      assert.equal((await json(down)).ok, false);
    } finally {
      await server.close().catch(() => {});
    }
  });
});

describe('O4: logs never contain tokens', () => {
  test('a request with a bearer token logs method, path and status but not the token', async () => {
    const server = await startTestServer({ seed: false });
    try {
      const token = await server.token('alice');
      await server.request('/api/me', { token });
      await server.request('/public/abcdefSECRETTOKEN123/x');
      const text = server.logs.join('\n');
      assert.match(text, /"path":"\/api\/me"/);
      assert.ok(!text.includes(token), 'host token not logged');
      assert.ok(!text.includes('SECRETTOKEN'), 'public token in a path is redacted');
      for (const line of server.logs) JSON.parse(line);
    } finally {
      await server.close();
    }
  });
});
