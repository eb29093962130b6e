/**
 * Issue 18 (Operations, item 8a): helmet's headers per route family. Pages and the API are never framed (CSP
 * frame-ancestors 'none' and X-Frame-Options: DENY); public responses keep their own CSP and no X-Frame-Options.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { routeFamily } from '../../server/http/security-headers.js';
import { json, startTestServer, type TestServer } from './helpers.js';

const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors *";

describe('security headers per route family', () => {
  let server: TestServer;
  let token: string;
  before(async () => {
    server = await startTestServer({ env: { ATLAS_DEMO: '1' } });
    const res = await server.request('/api/dashboards/sales-overview/public-links', {
      method: 'POST',
      token: await server.token('alice'),
      json: {},
    });
    token = (await json(res)).link.token;
  });
  after(() => server.close());

  const get = async (path: string) => {
    const res = await fetch(server.url + path, { redirect: 'manual' });
    await res.arrayBuffer();
    return res.headers;
  };

  test("item 8a: host and demo pages, the API and 404s send X-Frame-Options: DENY and frame-ancestors 'none'", async () => {
    for (const path of ['/demo/', '/demo/wall.html', '/', '/api/me', '/healthz', '/nowhere', '/PUBLIC/x']) {
      const headers = await get(path);
      assert.equal(headers.get('x-frame-options'), 'DENY', path);
      assert.equal(headers.get('content-security-policy'), "frame-ancestors 'none'", path);
      assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(headers.get('referrer-policy'), 'same-origin', path);
      assert.equal(headers.get('x-powered-by'), null, path);
      assert.equal(headers.get('strict-transport-security'), null, `${path}: no HSTS over plain http`);
    }
  });

  test('the public page keeps its exact CSP, no X-Frame-Options, and may be embedded cross-origin', async () => {
    for (const path of [`/public/${token}`, '/public/unknown-token']) {
      const headers = await get(path);
      assert.equal(headers.get('content-security-policy'), PAGE_CSP, path);
      assert.equal(headers.get('x-frame-options'), null, path);
      assert.equal(headers.get('referrer-policy'), 'no-referrer', path);
      assert.equal(headers.get('cross-origin-resource-policy'), 'cross-origin', path);
      assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
    }
    const api = await get(`/api/public/${token}`);
    assert.equal(api.get('content-security-policy'), 'frame-ancestors *');
    assert.equal(api.get('x-frame-options'), null);
  });

  // Issue 13: the public API's JSON answers (what every wall screen repeats) carry no header only a document acts on.
  const DOCUMENT_ONLY = [
    'cross-origin-opener-policy',
    'origin-agent-cluster',
    'x-dns-prefetch-control',
    'x-download-options',
    'x-permitted-cross-domain-policies',
    'x-xss-protection',
  ];
  test('public API answers skip document-only headers; the public page and every other family keep them', async () => {
    for (const path of [
      `/api/public/${token}`,
      `/api/public/${token}/widgets/nope/data`,
      '/api/public/unknown-token',
    ]) {
      const headers = await get(path);
      for (const name of DOCUMENT_ONLY) assert.equal(headers.get(name), null, `${path}: ${name}`);
      assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(headers.get('cross-origin-resource-policy'), 'cross-origin', path);
      assert.equal(headers.get('referrer-policy'), 'no-referrer', path);
    }
    for (const path of [`/public/${token}`, '/api/me', '/demo/', '/assets/atlas.js']) {
      const headers = await get(path);
      for (const name of DOCUMENT_ONLY) assert.notEqual(headers.get(name), null, `${path}: ${name}`);
    }
  });

  test('routeFamily follows routing: public prefixes only in lower case', () => {
    assert.equal(routeFamily('/public/abc'), 'public-page');
    assert.equal(routeFamily('/api/public/abc/session'), 'public-api');
    assert.equal(routeFamily('/PUBLIC/abc'), 'pages');
    assert.equal(routeFamily('/API/PUBLIC/abc'), 'pages');
    assert.equal(routeFamily('/api/dashboards'), 'api');
    assert.equal(routeFamily('/assets/atlas.js'), 'assets');
    assert.equal(routeFamily('/demo/'), 'pages');
  });
});

test('HSTS only when the public URL is https, for this host only', async () => {
  const server = await startTestServer({ seed: false, env: { ATLAS_PUBLIC_URL: 'https://dashboards.example.com' } });
  try {
    const res = await fetch(`${server.url}/healthz`);
    await res.text();
    assert.equal(res.headers.get('strict-transport-security'), 'max-age=15552000');
  } finally {
    await server.close();
  }
});
