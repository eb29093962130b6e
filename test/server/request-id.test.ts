/** Operations (issue 18): X-Request-Id on every response and in every error body; taken from trusted proxies only. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startTestServer } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('every response carries a fresh X-Request-Id, and every error body repeats it as error.requestId', async () => {
  const server = await startTestServer({ seed: false });
  try {
    const ok = await server.request('/healthz');
    const okId = ok.headers.get('x-request-id');
    assert.match(okId ?? '', UUID);
    for (const [path, status] of [
      ['/api/me', 401],
      ['/nowhere', 404],
      ['/api/public/x/nowhere', 404],
      ['/public/unknown-token', 403],
    ] as const) {
      const res = await server.request(path);
      assert.equal(res.status, status, path);
      const id = res.headers.get('x-request-id');
      assert.match(id ?? '', UUID, path);
      assert.notEqual(id, okId);
      if (res.headers.get('content-type')?.includes('json')) assert.equal((await json(res)).error.requestId, id, path);
      else await res.text();
    }
    // A client's own id is not taken without a trusted proxy in front.
    const sent = await server.request('/api/me', { headers: { 'X-Request-Id': 'client-chosen-id' } });
    assert.notEqual(sent.headers.get('x-request-id'), 'client-chosen-id');
    assert.match(sent.headers.get('x-request-id') ?? '', UUID);
    // The health check's 503 is an error body too.
    await server.store.close();
    const down = await server.request('/healthz');
    assert.equal(down.status, 503);
    assert.equal((await json(down)).error.requestId, down.headers.get('x-request-id'));
  } finally {
    await server.close().catch(() => {});
  }
});

test("behind a trusted proxy (ATLAS_TRUST_PROXY_HOPS ≥ 1) the proxy's id is kept, when its shape is plain", async () => {
  const server = await startTestServer({ seed: false, env: { ATLAS_TRUST_PROXY_HOPS: '1' } });
  try {
    const kept = await server.request('/api/me', { headers: { 'X-Request-Id': 'caddy-5f0c:1/ab+=@.x_y' } });
    assert.equal(kept.headers.get('x-request-id'), 'caddy-5f0c:1/ab+=@.x_y');
    assert.equal((await json(kept)).error.requestId, 'caddy-5f0c:1/ab+=@.x_y');
    server.logs.length = 0;
    await (await server.request('/healthz', { headers: { 'X-Request-Id': 'from-proxy-1' } })).text();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.match(server.logs.join('\n'), /"id":"from-proxy-1"/);
    for (const bad of ['x'.repeat(129), 'has space', 'quote"d', '<script>']) {
      const res = await server.request('/healthz', { headers: { 'X-Request-Id': bad } });
      assert.match(res.headers.get('x-request-id') ?? '', UUID, bad);
      await res.text();
    }
  } finally {
    await server.close();
  }
});
