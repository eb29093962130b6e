/**
 * V5: which sites may frame a public link. A deployment sets ATLAS_FRAME_ANCESTORS; a link may carry its own list
 * of origins that only narrows it; the page and every public API response of that link carry it as CSP
 * frame-ancestors, while unknown and revoked tokens keep the deployment's policy.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFramePolicy } from '../../server/services/frame-ancestors.js';
import { json, startTestServer, type TestServer } from './helpers.js';

/** The served page's CSP without its frame-ancestors, exactly as public.ts has always sent it. */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; object-src 'none'";

interface LinkBody {
  id: string;
  token: string;
  frameAncestors: string[] | null;
  effectiveFrameAncestors: string;
  defaultFrameAncestors: string;
}

function client(server: TestServer) {
  const owner = () => server.token('alice');
  return {
    async create(dashboardId: string, body: unknown = {}): Promise<LinkBody> {
      const res = await server.request(`/api/dashboards/${dashboardId}/public-links`, {
        method: 'POST',
        token: await owner(),
        json: body,
      });
      assert.equal(res.status, 201, await res.clone().text());
      return (await json(res)).link;
    },
    async patch(dashboardId: string, linkId: string, body: unknown): Promise<Response> {
      return server.request(`/api/dashboards/${dashboardId}/public-links/${linkId}`, {
        method: 'PATCH',
        token: await owner(),
        json: body,
      });
    },
    async listed(dashboardId: string, linkId: string): Promise<LinkBody> {
      const res = await server.request(`/api/dashboards/${dashboardId}/public-links`, { token: await owner() });
      return (await json(res)).links.find((l: LinkBody) => l.id === linkId);
    },
  };
}

async function csp(
  server: TestServer,
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<[number, string | null]> {
  const res = await server.request(path, init);
  await res.arrayBuffer();
  return [res.status, res.headers.get('content-security-policy')];
}

describe("V5: a link's allowed embedding sites (owner API)", () => {
  let server: TestServer;
  let links: ReturnType<typeof client>;

  before(async () => {
    server = await startTestServer();
    links = client(server);
  });
  after(() => server.close());

  test('V5: a new link follows the deployment (null); PATCH sets origins, normalized and de-duplicated; GET lists and sharing carry them', async () => {
    const link = await links.create('ops-wall', { label: 'Embed' });
    assert.equal(link.frameAncestors, null);
    assert.equal(link.effectiveFrameAncestors, '*');
    assert.equal(link.defaultFrameAncestors, '*');

    const res = await links.patch('ops-wall', link.id, {
      frameAncestors: [
        'https://Portal.Example.com/',
        'https://portal.example.com:443',
        'http://localhost:8080',
        'https://*.customer.example',
      ],
    });
    assert.equal(res.status, 200, await res.clone().text());
    const updated = (await json(res)).link as LinkBody;
    const expected = ['https://portal.example.com', 'http://localhost:8080', 'https://*.customer.example'];
    assert.deepEqual(updated.frameAncestors, expected);
    assert.equal(updated.effectiveFrameAncestors, expected.join(' '));
    assert.deepEqual((await links.listed('ops-wall', link.id)).frameAncestors, expected);

    const sharing = await json(
      await server.request('/api/dashboards/ops-wall/sharing', { token: await server.token('alice') }),
    );
    assert.deepEqual(sharing.publicLinks.find((l: LinkBody) => l.id === link.id).frameAncestors, expected);
  });

  test('V5: [] means no site may frame the link; null goes back to the deployment default; a label-only PATCH keeps the list', async () => {
    const link = await links.create('ops-wall', { frameAncestors: ['https://wall.example.com'] });
    assert.deepEqual(link.frameAncestors, ['https://wall.example.com']);

    const relabeled = (await json(await links.patch('ops-wall', link.id, { label: 'Renamed' }))).link as LinkBody;
    assert.deepEqual(relabeled.frameAncestors, ['https://wall.example.com']);

    const none = (await json(await links.patch('ops-wall', link.id, { frameAncestors: [] }))).link as LinkBody;
    assert.deepEqual(none.frameAncestors, []);
    assert.equal(none.effectiveFrameAncestors, "'none'");

    const reset = (await json(await links.patch('ops-wall', link.id, { frameAncestors: null }))).link as LinkBody;
    assert.equal(reset.frameAncestors, null);
    assert.equal(reset.effectiveFrameAncestors, '*');
    assert.equal((await links.listed('ops-wall', link.id)).frameAncestors, null);
  });

  test('V5: invalid entries answer 400 invalid_frame_ancestors naming the entry, and change nothing', async () => {
    const link = await links.create('ops-wall', { frameAncestors: ['https://kept.example.com'] });
    const cases: [unknown, RegExp][] = [
      [['https://portal.example.com/dashboards'], /'https:\/\/portal\.example\.com\/dashboards' is not an origin/],
      [['https://portal.example.com?x=1'], /'https:\/\/portal\.example\.com\?x=1' is not an origin/],
      [['portal.example.com'], /'portal\.example\.com' has no scheme: write it as https:\/\/portal\.example\.com/],
      [['ftp://files.example.com'], /'ftp:\/\/files\.example\.com' is not allowed: only https/],
      [['https://portal.*.example.com'], /'https:\/\/portal\.\*\.example\.com' has a wildcard in the wrong place/],
      [['https://*'], /'https:\/\/\*' has a wildcard in the wrong place/],
      [['*'], /'\*' is not an origin/],
      [["'self'"], /''self'' is not an origin/],
      [['https://a.example.com:*'], /'https:\/\/a\.example\.com:\*' has an invalid port/],
      [['https://a.example.com:70000'], /has an invalid port/],
      [['https://user@a.example.com'], /must not contain a user name/],
      [['https://[::1]:8080'], /IPv6/],
      [['https://exa mple.com'], /'https:\/\/exa mple\.com' has an invalid host name/],
      [['https://ok.example.com', ''], /An empty entry is not an origin/],
      [['https://ok.example.com', 42], /^Entry 2 of frameAncestors: /],
      [Array.from({ length: 21 }, (_, i) => `https://s${i}.example.com`), /At most 20 sites/],
      ['https://one.example.com', /expected array/i],
    ];
    for (const [frameAncestors, message] of cases) {
      const res = await links.patch('ops-wall', link.id, { frameAncestors });
      assert.equal(res.status, 400, JSON.stringify(frameAncestors));
      const { error } = await json(res);
      assert.equal(error.code, 'invalid_frame_ancestors', JSON.stringify(frameAncestors));
      assert.match(error.message, message, JSON.stringify(frameAncestors));
    }
    const create = await server.request('/api/dashboards/ops-wall/public-links', {
      method: 'POST',
      token: await server.token('alice'),
      json: { frameAncestors: ['https://portal.example.com/x'] },
    });
    assert.equal(create.status, 400);
    assert.equal((await json(create)).error.code, 'invalid_frame_ancestors');
    assert.deepEqual(
      (await links.listed('ops-wall', link.id)).frameAncestors,
      ['https://kept.example.com'],
      'nothing changed',
    );
    // Other mistakes keep their usual code.
    const other = await links.patch('ops-wall', link.id, { frameAncestors: [], nope: 1 });
    assert.equal((await json(other)).error.code, 'invalid_request');
    const twenty = await links.patch('ops-wall', link.id, {
      frameAncestors: Array.from({ length: 20 }, (_, i) => `https://s${i}.example.com`),
    });
    assert.equal(twenty.status, 200, 'twenty sites are allowed');
  });

  test('V5: only the owner sets the sites (P3): a viewer gets 403, someone without access 404', async () => {
    const link = await links.create('sales-overview');
    const asBob = await server.request(`/api/dashboards/sales-overview/public-links/${link.id}`, {
      method: 'PATCH',
      token: await server.token('bob'),
      json: { frameAncestors: [] },
    });
    assert.equal(asBob.status, 403);
    const asErin = await server.request(`/api/dashboards/sales-overview/public-links/${link.id}`, {
      method: 'PATCH',
      token: await server.token('erin'),
      json: { frameAncestors: [] },
    });
    assert.equal(asErin.status, 404);
    assert.equal((await links.listed('sales-overview', link.id)).frameAncestors, null);
  });
});

describe('V5: a link can only narrow a restricted deployment', () => {
  let server: TestServer;
  let links: ReturnType<typeof client>;
  const DEPLOYMENT = "'self' https://portal.example.com https://*.partner.example";

  before(async () => {
    server = await startTestServer({
      env: { ATLAS_FRAME_ANCESTORS: DEPLOYMENT, ATLAS_PUBLIC_URL: 'https://atlas.example.com' },
    });
    links = client(server);
  });
  after(() => server.close());

  test('V5: origins inside the deployment list are accepted (exact, subdomain, narrower wildcard, self), [] and null too', async () => {
    const link = await links.create('ops-wall');
    assert.equal(link.effectiveFrameAncestors, DEPLOYMENT);
    assert.equal(link.defaultFrameAncestors, DEPLOYMENT);
    for (const frameAncestors of [
      ['https://portal.example.com'],
      ['https://a.partner.example', 'https://*.eu.partner.example'],
      ['https://atlas.example.com'],
      [],
      null,
    ]) {
      const res = await links.patch('ops-wall', link.id, { frameAncestors });
      assert.equal(res.status, 200, `${JSON.stringify(frameAncestors)}: ${await res.clone().text()}`);
    }
  });

  test('V5: origins outside it answer 400 invalid_frame_ancestors naming the entry and the rule', async () => {
    const link = await links.create('ops-wall', { frameAncestors: ['https://portal.example.com'] });
    for (const [entry, named] of [
      ['https://evil.example', 'https://evil.example'],
      ['http://portal.example.com', 'http://portal.example.com'],
      ['https://portal.example.com:8443', 'https://portal.example.com:8443'],
      ['https://*.portal.example.com', 'https://*.portal.example.com'],
      ['https://partner.example', 'https://partner.example'],
      ['https://*.example.com', 'https://*.example.com'],
    ]) {
      const res = await links.patch('ops-wall', link.id, { frameAncestors: ['https://portal.example.com', entry] });
      assert.equal(res.status, 400, entry);
      const { error } = await json(res);
      assert.equal(error.code, 'invalid_frame_ancestors');
      assert.equal(
        error.message,
        `'${named}' is not among the sites this server lets frame public links (${DEPLOYMENT}); a link can only narrow that list.`,
      );
    }
    const create = await server.request('/api/dashboards/ops-wall/public-links', {
      method: 'POST',
      token: await server.token('alice'),
      json: { frameAncestors: ['https://evil.example'] },
    });
    assert.equal(create.status, 400);
    assert.deepEqual((await links.listed('ops-wall', link.id)).frameAncestors, ['https://portal.example.com']);
  });

  test("V5: a deployment of 'none' lets a link choose only [] or the default", async () => {
    const closed = await startTestServer({ env: { ATLAS_FRAME_ANCESTORS: "'none'" } });
    try {
      const c = client(closed);
      const link = await c.create('ops-wall');
      assert.equal(
        (await c.patch('ops-wall', link.id, { frameAncestors: ['https://portal.example.com'] })).status,
        400,
      );
      assert.equal((await c.patch('ops-wall', link.id, { frameAncestors: [] })).status, 200);
    } finally {
      await closed.close();
    }
  });

  test('V5: a saved origin that the deployment no longer allows is left out of the header (a link never widens it)', async () => {
    const link = await links.create('ops-wall', { frameAncestors: ['https://portal.example.com'] });
    // As if saved before ATLAS_FRAME_ANCESTORS was restricted.
    await server.store.updateLink(link.id, {
      frameAncestors: ['https://old.example.org', 'https://portal.example.com'],
    });
    assert.deepEqual(await csp(server, `/api/public/${link.token}`), [
      200,
      'frame-ancestors https://portal.example.com',
    ]);
    await server.store.updateLink(link.id, { frameAncestors: ['https://old.example.org'] });
    assert.deepEqual(await csp(server, `/api/public/${link.token}`), [200, "frame-ancestors 'none'"]);
    assert.deepEqual(await csp(server, `/public/${link.token}`), [200, `${PAGE_CSP}; frame-ancestors 'none'`]);
    assert.equal((await links.listed('ops-wall', link.id)).effectiveFrameAncestors, "'none'");
  });
});

describe('V5: the frame-ancestors header of a link', () => {
  let server: TestServer;
  let links: ReturnType<typeof client>;

  before(async () => {
    server = await startTestServer();
    links = client(server);
  });
  after(() => server.close());

  const apiPaths = (token: string) => [
    `/api/public/${token}`,
    `/api/public/${token}/widgets/avg-temp/data`,
    `/api/public/${token}/export.xlsx`,
  ];

  test('V5: a link with its own list sends it on the page (other directives unchanged) and on every /api/public response', async () => {
    const link = await links.create('ops-wall', {
      frameAncestors: ['https://portal.example.com', 'https://*.customer.example'],
    });
    const sources = 'https://portal.example.com https://*.customer.example';
    assert.deepEqual(await csp(server, `/public/${link.token}`), [200, `${PAGE_CSP}; frame-ancestors ${sources}`]);
    assert.deepEqual(await csp(server, `/public/${link.token}?kiosk=1`), [
      200,
      `${PAGE_CSP}; frame-ancestors ${sources}`,
    ]);
    for (const path of apiPaths(link.token))
      assert.deepEqual(await csp(server, path), [200, `frame-ancestors ${sources}`], path);
    // Refusals of a live link are still that link's responses.
    assert.deepEqual(await csp(server, `/api/public/${link.token}/widgets/nope/data`), [
      404,
      `frame-ancestors ${sources}`,
    ]);
    const [status, header] = await csp(server, `/api/public/${link.token}/session`, {
      method: 'POST',
      json: { passcode: 'ABCDEFGHJK' },
    });
    assert.ok(status >= 400, 'no passcode on this link: the session exchange is refused');
    assert.equal(header, `frame-ancestors ${sources}`);
  });

  test('V5: a passcode-protected link sends its list with 401 passcode_required and wrong_passcode too', async () => {
    const link = await links.create('ops-wall', { passcode: true, frameAncestors: ['https://portal.example.com'] });
    assert.deepEqual(await csp(server, `/api/public/${link.token}`), [
      401,
      'frame-ancestors https://portal.example.com',
    ]);
    assert.deepEqual(
      await csp(server, `/api/public/${link.token}/session`, { method: 'POST', json: { passcode: 'WRONGWRONG' } }),
      [401, 'frame-ancestors https://portal.example.com'],
    );
  });

  test("V5: [] sends frame-ancestors 'none'; a link without a list sends the deployment's", async () => {
    const closed = await links.create('ops-wall', { frameAncestors: [] });
    assert.deepEqual(await csp(server, `/public/${closed.token}`), [200, `${PAGE_CSP}; frame-ancestors 'none'`]);
    for (const path of apiPaths(closed.token))
      assert.deepEqual(await csp(server, path), [200, "frame-ancestors 'none'"], path);

    const open = await links.create('ops-wall');
    assert.deepEqual(await csp(server, `/public/${open.token}`), [200, `${PAGE_CSP}; frame-ancestors *`]);
    for (const path of apiPaths(open.token))
      assert.deepEqual(await csp(server, path), [200, 'frame-ancestors *'], path);
  });

  test('V5: unknown and revoked tokens keep the deployment policy, whatever the link had (nothing is revealed)', async () => {
    const link = await links.create('ops-wall', { frameAncestors: ['https://portal.example.com'] });
    const revoke = await server.request(`/api/dashboards/ops-wall/public-links/${link.id}`, {
      method: 'DELETE',
      token: await server.token('alice'),
    });
    assert.equal(revoke.status, 204);
    for (const token of [link.token, 'never-existed-token-0000000000']) {
      assert.deepEqual(await csp(server, `/public/${token}`), [403, `${PAGE_CSP}; frame-ancestors *`], token);
      for (const path of apiPaths(token)) assert.deepEqual(await csp(server, path), [403, 'frame-ancestors *'], path);
      assert.deepEqual(
        await csp(server, `/api/public/${token}/session`, { method: 'POST', json: { passcode: 'ABCDEFGHJK' } }),
        [403, 'frame-ancestors *'],
      );
    }
  });

  test('V5: a restricted deployment is what unknown tokens and links without a list send', async () => {
    const restricted = await startTestServer({ env: { ATLAS_FRAME_ANCESTORS: 'https://portal.example.com' } });
    try {
      const c = client(restricted);
      const plain = await c.create('ops-wall');
      const narrowed = await c.create('ops-wall', { frameAncestors: [] });
      assert.deepEqual(await csp(restricted, `/api/public/${plain.token}`), [
        200,
        'frame-ancestors https://portal.example.com',
      ]);
      assert.deepEqual(await csp(restricted, `/api/public/${narrowed.token}`), [200, "frame-ancestors 'none'"]);
      assert.deepEqual(await csp(restricted, '/public/unknown-token-00000000000'), [
        403,
        `${PAGE_CSP}; frame-ancestors https://portal.example.com`,
      ]);
    } finally {
      await restricted.close();
    }
  });
});

describe('V5: deployment source matching (CSP Level 3 rules)', () => {
  const policy = (frameAncestors: string, publicUrl = 'https://atlas.example.com') =>
    createFramePolicy({ frameAncestors, publicUrl });

  test('V5: scheme sources, scheme upgrade, ports and wildcards decide what a link may name', () => {
    assert.equal(policy('https:').firstOutside(['https://any.example', 'https://*.any.example']), undefined);
    assert.equal(policy('https:').firstOutside(['http://plain.example']), 'http://plain.example');
    assert.equal(policy('http://a.example').firstOutside(['https://a.example']), undefined, 'http upgrades to https');
    assert.equal(policy('https://a.example').firstOutside(['http://a.example']), 'http://a.example');
    assert.equal(policy('https://a.example:*').firstOutside(['https://a.example:8443']), undefined);
    assert.equal(policy('https://a.example:8443').firstOutside(['https://a.example']), 'https://a.example');
    assert.equal(policy('a.example').firstOutside(['https://a.example']), undefined, "no scheme: the page's own");
    assert.equal(
      policy('a.example', 'http://atlas.example.com').firstOutside(['https://a.example', 'http://a.example']),
      undefined,
    );
    assert.equal(policy('https://*').firstOutside(['https://anything.example']), undefined);
    assert.equal(
      policy('https://a.example/path').firstOutside(['https://a.example']),
      'https://a.example',
      'a path source frames nothing',
    );
    assert.equal(policy("'self'", 'http://localhost:8080').firstOutside(['http://localhost:8080']), undefined);
    assert.equal(
      policy("'self'", 'http://localhost:8080').firstOutside(['http://localhost:9090']),
      'http://localhost:9090',
    );
    assert.equal(policy("'none'").firstOutside(['https://a.example']), 'https://a.example');
    assert.equal(policy('* https://a.example').unrestricted, true);
  });
});
