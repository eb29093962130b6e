/**
 * Issue 12 (SPEC C6, L5, V5): the server as another origin's page meets it — CORS on the signed-in API from an
 * allow-list, cross-origin assets, the passcode session as a partitioned cookie, and a path prefix.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from '../../server/config.js';
import { originAllowed, parseAllowedOrigins } from '../../server/http/cors.js';
import { json, startTestServer, TEST_SECRET, type TestServer } from './helpers.js';

const PORTAL = 'https://portal.example.com';

function preflight(server: TestServer, path: string, origin: string, method = 'GET') {
  return server.request(path, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': 'authorization,content-type',
    },
  });
}

describe('ATLAS_ALLOWED_ORIGINS (C6)', () => {
  test('entries are validated at start-up, naming the bad one', () => {
    for (const bad of [
      'portal.example.com',
      'https://portal.example.com/path',
      'ftp://x.example',
      'https://a.*.example.com',
      '*',
    ]) {
      assert.throws(
        () => loadConfig({ ATLAS_AUTH_SECRET: TEST_SECRET, ATLAS_ALLOWED_ORIGINS: `https://ok.example, ${bad}` }),
        (err: Error) =>
          err instanceof ConfigError &&
          err.message.includes('ATLAS_ALLOWED_ORIGINS') &&
          err.message.includes(bad.slice(0, 20)),
        bad,
      );
    }
    const config = loadConfig({
      ATLAS_AUTH_SECRET: TEST_SECRET,
      ATLAS_ALLOWED_ORIGINS: 'HTTPS://Portal.Example.com:443, https://*.corp.example , http://localhost:3000',
    });
    assert.deepEqual(config.allowedOrigins, [
      'https://portal.example.com',
      'https://*.corp.example',
      'http://localhost:3000',
    ]);
    assert.equal(loadConfig({ ATLAS_AUTH_SECRET: TEST_SECRET }).allowedOrigins, undefined);
  });

  test('matching: exact origin, wildcard subdomains (not the apex), scheme and port must match', () => {
    const allowed = parseAllowedOrigins('https://portal.example.com, https://*.corp.example, http://localhost:3000');
    assert.equal(originAllowed(allowed, 'https://portal.example.com'), true);
    assert.equal(originAllowed(allowed, 'https://portal.example.com:443'), false, 'not how a browser writes an Origin');
    assert.equal(originAllowed(allowed, 'http://portal.example.com'), false);
    assert.equal(originAllowed(allowed, 'https://portal.example.com:8443'), false);
    assert.equal(originAllowed(allowed, 'https://a.corp.example'), true);
    assert.equal(originAllowed(allowed, 'https://a.b.corp.example'), true);
    assert.equal(originAllowed(allowed, 'https://corp.example'), false);
    assert.equal(originAllowed(allowed, 'https://evilcorp.example'), false);
    assert.equal(originAllowed(allowed, 'http://localhost:3000'), true);
    assert.equal(originAllowed(allowed, 'null'), false);
    assert.equal(originAllowed(allowed, undefined), false);
  });
});

describe('CORS on the signed-in API (C6)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { ATLAS_ALLOWED_ORIGINS: `${PORTAL}, https://*.corp.example` } });
  });
  after(() => server.close());

  test('a preflight from an allowed origin is answered before authentication, without credentials', async () => {
    const res = await preflight(server, '/api/dashboards/sales-overview', PORTAL, 'PATCH');
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), PORTAL);
    assert.match(res.headers.get('vary') ?? '', /Origin/);
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /PATCH/);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Content-Type/);
    assert.ok(Number(res.headers.get('access-control-max-age')) >= 600);
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
  });

  test('a wildcard entry allows subdomains', async () => {
    const res = await preflight(server, '/api/dashboards', 'https://bi.corp.example');
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://bi.corp.example');
  });

  test('an origin not on the list gets no CORS header at all (and no 401 for its preflight)', async () => {
    for (const origin of ['https://evil.example', 'https://corp.example', 'http://portal.example.com']) {
      const res = await preflight(server, '/api/dashboards', origin);
      assert.equal(res.status, 204, origin);
      for (const [name] of res.headers) assert.ok(!name.startsWith('access-control-'), `${origin}: ${name}`);
      assert.match(res.headers.get('vary') ?? '', /Origin/);
    }
  });

  test('actual requests: allowed origin reads with a Bearer token; never a credentials header', async () => {
    const token = await server.token('alice');
    const ok = await server.request('/api/dashboards', { token, headers: { Origin: PORTAL } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), PORTAL);
    assert.equal(ok.headers.get('access-control-allow-credentials'), null);
    const refused = await server.request('/api/dashboards', { token, headers: { Origin: 'https://evil.example' } });
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    const unauth = await server.request('/api/dashboards', { headers: { Origin: PORTAL } });
    assert.equal(unauth.status, 401, 'CORS never replaces authentication');
  });

  test('the public API keeps `*` (through the same module), without credentials', async () => {
    const res = await preflight(
      server,
      '/api/public/abcdefghijklmnopqrstuvwxyz012345/session',
      'https://anyone.example',
      'POST',
    );
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
  });
});

describe('CORS defaults', () => {
  test('outside demo mode with no ATLAS_ALLOWED_ORIGINS, no origin is allowed', async () => {
    const server = await startTestServer();
    try {
      const res = await preflight(server, '/api/dashboards', 'http://127.0.0.1:8081');
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    } finally {
      await server.close();
    }
  });
});

describe('the passcode session as a partitioned cookie (L5)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  async function passcodeLink(dashboardId = 'sales-overview') {
    const res = await server.request(`/api/dashboards/${dashboardId}/public-links`, {
      method: 'POST',
      token: await server.token('alice'),
      json: { passcode: true },
    });
    assert.equal(res.status, 201);
    return (await json(res)).link as { id: string; token: string; passcode: string };
  }

  async function cookieFor(link: { token: string; passcode: string }) {
    const res = await server.request(`/api/public/${link.token}/session`, {
      method: 'POST',
      json: { passcode: link.passcode },
    });
    assert.equal(res.status, 200);
    const setCookie = res.headers.getSetCookie();
    assert.equal(setCookie.length, 1);
    return { header: setCookie[0]!, pair: setCookie[0]!.split(';')[0]!, body: await json(res) };
  }

  test('after the right passcode: __Host- cookie, Secure, HttpOnly, SameSite=None, Partitioned, Path=/, max age = session', async () => {
    const link = await passcodeLink();
    const { header, pair, body } = await cookieFor(link);
    assert.ok(pair.startsWith(`__Host-atlas-session-${link.id}=`));
    assert.equal(pair.split('=')[1], body.session, 'the same signed session as the Bearer value');
    for (const attribute of ['Secure', 'HttpOnly', 'SameSite=None', 'Partitioned', 'Path=/'])
      assert.ok(header.includes(attribute), attribute);
    assert.ok(!/Domain=/i.test(header));
    const maxAge = Number(/Max-Age=(\d+)/.exec(header)?.[1]);
    assert.ok(Math.abs(maxAge - 5 * 24 * 3600) <= 2, `max age ${maxAge}`);
    // A wrong passcode sets nothing.
    const wrong = await server.request(`/api/public/${link.token}/session`, {
      method: 'POST',
      json: { passcode: 'NOPENOPE99' },
    });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.headers.getSetCookie(), []);
  });

  test('the cookie alone opens the public routes of its own link, and nothing else', async () => {
    const link = await passcodeLink();
    const other = await passcodeLink();
    const { pair } = await cookieFor(link);
    for (const path of [
      `/api/public/${link.token}`,
      `/api/public/${link.token}/widgets/revenue/data`,
      `/api/public/${link.token}/export.xlsx`,
    ]) {
      const res = await server.request(path, { headers: { Cookie: pair } });
      assert.equal(res.status, 200, path);
    }
    // Another link: its own cookie name is absent, and this link's session is not its session.
    const forged = pair.replace(link.id, other.id);
    const res = await server.request(`/api/public/${other.token}`, { headers: { Cookie: `${pair}; ${forged}` } });
    assert.equal(res.status, 401);
    assert.equal((await json(res)).error.code, 'passcode_required');
  });

  test('never accepted by the signed-in API', async () => {
    const link = await passcodeLink();
    const { pair } = await cookieFor(link);
    const res = await server.request('/api/dashboards', { headers: { Cookie: pair } });
    assert.equal(res.status, 401);
  });

  test('a new passcode or a revoke ends it on the next request, and the server clears it', async () => {
    const alice = await server.token('alice');
    const link = await passcodeLink();
    const { pair } = await cookieFor(link);
    assert.equal((await server.request(`/api/public/${link.token}`, { headers: { Cookie: pair } })).status, 200);
    const regenerated = await server.request(`/api/dashboards/sales-overview/public-links/${link.id}/passcode`, {
      method: 'POST',
      token: alice,
    });
    assert.equal(regenerated.status, 200);
    const after = await server.request(`/api/public/${link.token}`, { headers: { Cookie: pair } });
    assert.equal(after.status, 401);
    assert.match(after.headers.getSetCookie()[0] ?? '', /Max-Age=0/);

    const fresh = await cookieFor({ token: link.token, passcode: (await json(regenerated)).link.passcode });
    assert.equal((await server.request(`/api/public/${link.token}`, { headers: { Cookie: fresh.pair } })).status, 200);
    assert.equal(
      (
        await server.request(`/api/dashboards/sales-overview/public-links/${link.id}`, {
          method: 'DELETE',
          token: alice,
        })
      ).status,
      204,
    );
    assert.equal((await server.request(`/api/public/${link.token}`, { headers: { Cookie: fresh.pair } })).status, 403);
  });
});

describe('assets from any site (C6)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('entries: CORS *, CORP cross-origin, short revalidated cache; chunks: immutable for a year', async (t) => {
    const entry = await server.request('/assets/atlas.js', { headers: { Origin: 'https://anyone.example' } });
    if (entry.status === 404) return t.skip('components/dist/browser is not built (npm test builds it first)');
    assert.equal(entry.status, 200);
    assert.equal(entry.headers.get('access-control-allow-origin'), '*');
    assert.equal(entry.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.match(entry.headers.get('cache-control') ?? '', /max-age=300/);
    assert.ok(entry.headers.get('etag'));
    const source = await entry.text();
    const chunk = /["'](\.\/chunks\/[^"']+\.js)["']/.exec(source)?.[1];
    assert.ok(chunk, 'atlas.js imports a hashed chunk');
    const chunkRes = await server.request(`/assets/${chunk.slice(2)}`, {
      headers: { Origin: 'https://anyone.example' },
    });
    assert.equal(chunkRes.status, 200);
    assert.equal(chunkRes.headers.get('access-control-allow-origin'), '*');
    assert.equal(chunkRes.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const missing = await server.request('/assets/nope.js');
    assert.equal(missing.status, 404);
    assert.equal((await json(missing)).error.code, 'not_found');
  });
});

describe('path prefix (ATLAS_PUBLIC_URL with a path)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { ATLAS_PUBLIC_URL: 'https://intranet.example.com/atlas/' } });
  });
  after(() => server.close());

  test('link URLs, the page script and API base carry the prefix; requests work with or without it', async () => {
    const alice = await server.token('alice');
    const created = await server.request('/atlas/api/dashboards/sales-overview/public-links', {
      method: 'POST',
      token: alice,
      json: {},
    });
    assert.equal(created.status, 201, 'a proxy that keeps the prefix');
    const { link } = await json(created);
    assert.equal(link.url, `https://intranet.example.com/atlas/public/${link.token}`);
    for (const path of [`/public/${link.token}`, `/atlas/public/${link.token}`]) {
      const page = await server.request(path);
      assert.equal(page.status, 200, path);
      const html = await page.text();
      assert.match(html, /src="\/atlas\/assets\/define\/atlas-public-viewer\.js"/);
      assert.match(html, /api-base="\/atlas\/api"/);
    }
    assert.equal((await server.request(`/api/public/${link.token}`)).status, 200, 'a proxy that strips the prefix');
    assert.equal((await server.request(`/atlas/api/public/${link.token}`)).status, 200);
    // Only the exact prefix is stripped: /atlasx is not /atlas.
    assert.equal((await server.request(`/atlasx/api/public/${link.token}`)).status, 404);
  });
});
