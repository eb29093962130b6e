/**
 * Issue 18 item 3 and Operations: logs are pino JSON lines, and a public-link token never reaches them, whatever the
 * request path's spelling (Express matched routes case-insensitively and collapses nothing), nor an error message.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createLogger, logPath, type Logger } from '../../server/logger.js';
import { json, startTestServer, type TestServer } from './helpers.js';

describe('item 3: a public token never reaches the log or an error body', () => {
  let server: TestServer;
  let token: string;

  before(async () => {
    // Every answer gets its line here (successful public ones too), so that every line can be checked for the token.
    server = await startTestServer({ env: { ATLAS_PUBLIC_REQUEST_LOG: 'each' } });
    const res = await server.request('/api/dashboards/sales-overview/public-links', {
      method: 'POST',
      token: await server.token('alice'),
      json: {},
    });
    assert.equal(res.status, 201, await res.clone().text());
    token = (await json(res)).link.token;
  });
  after(() => server.close());

  const spellings = (t: string) => [
    `/public/${t}`,
    `/PUBLIC/${t}`,
    `/Public/${t}?kiosk=1`,
    `/public//${t}`,
    `/public/${t}/`,
    `/%70ublic/${t}`,
    `/api/public/${t}`,
    `/API/PUBLIC/${t}`,
    `/Api/Public/${t}/widgets/w1/data`,
    `/api/public//${t}`,
    `/api//public/${t}`,
    `/api/public/${t}/nope`,
    `/api/public/${t}/session`,
  ];

  test('every spelling of a public path is logged without its token, and no answer repeats the token', async () => {
    for (const path of spellings(token)) {
      server.logs.length = 0;
      const res = await fetch(server.url + path);
      const body = await res.text();
      // Only the real page carries the token (in its own HTML); no error body repeats it.
      if (res.status !== 200) assert.ok(!body.includes(token), `${path} → ${res.status} echoes the token: ${body}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const text = server.logs.join('\n');
      assert.ok(server.logs.length > 0, `${path} was logged`);
      assert.ok(!text.includes(token), `${path} → ${res.status} logged the token: ${text}`);
      assert.ok(!text.includes(token.slice(0, 12)), `${path} logged part of the token`);
    }
  });

  test('a passcode, a bearer token and a session cookie are never logged', async () => {
    server.logs.length = 0;
    const bearer = await server.token('alice');
    await fetch(`${server.url}/api/me`, {
      headers: { authorization: `Bearer ${bearer}`, cookie: 'atlas_s=COOKIESECRET' },
    });
    await fetch(`${server.url}/api/public/${token}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ passcode: 'PASSCODESECRET' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const text = server.logs.join('\n');
    for (const secret of [bearer, 'COOKIESECRET', 'PASSCODESECRET', token]) assert.ok(!text.includes(secret), secret);
    for (const line of server.logs) JSON.parse(line);
  });

  test('public paths are case-sensitive: another spelling is a 404 of the public routes, never the signed-in API', async () => {
    for (const path of [`/PUBLIC/${token}`, `/API/PUBLIC/${token}`, `/Api/Public/${token}/widgets/w1/data`]) {
      const res = await fetch(server.url + path);
      assert.equal(res.status, 404, path);
      const body = await json(res);
      assert.equal(body.error.code, 'not_found', path);
      assert.match(body.error.message, /^No public route matches this GET request\.$/);
    }
    assert.equal((await fetch(`${server.url}/public/${token}`)).status, 200);
  });

  test('the request line names the matched route pattern, the status and the request id', async () => {
    server.logs.length = 0;
    const res = await fetch(`${server.url}/public/${'Z'.repeat(32)}`);
    await res.text();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const line = server.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'request');
    assert.ok(line, server.logs.join('\n'));
    assert.equal(line.level, 'info');
    assert.equal(line.route, '/public/:token');
    assert.equal(line.req.path, '/public/[redacted]');
    assert.equal(line.res.statusCode, 403);
    assert.equal(line.req.id, res.headers.get('x-request-id'));
    assert.equal(typeof line.responseTime, 'number');
    assert.match(line.time, /^\d{4}-\d\d-\d\dT/);
  });
});

/**
 * Issue 13: a successful public answer already has its audit row; at wall-screen scale a request line each is most of
 * the log and most of the layout route's cost. By default they are counted and summed up in one line.
 */
describe('ATLAS_PUBLIC_REQUEST_LOG: successful public answers are counted, failures keep their line', () => {
  const linkOf = async (server: TestServer) => {
    const res = await server.request('/api/dashboards/sales-overview/public-links', {
      method: 'POST',
      token: await server.token('alice'),
      json: {},
    });
    return (await json(res)).link.token as string;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  const lines = (server: TestServer) => server.logs.map((l) => JSON.parse(l) as Record<string, any>);

  test('summary (default): no line per successful public answer; one summary line with counts per route', async () => {
    const server = await startTestServer();
    let closed = false;
    try {
      const token = await linkOf(server);
      server.logs.length = 0;
      const first = await fetch(`${server.url}/api/public/${token}`);
      await first.arrayBuffer();
      const again = await fetch(`${server.url}/api/public/${token}`, {
        headers: { 'If-None-Match': first.headers.get('etag')! },
      });
      assert.equal(again.status, 304);
      await (await fetch(`${server.url}/public/${token}`)).text();
      const refused = await fetch(`${server.url}/api/public/${'Q'.repeat(32)}`);
      await refused.arrayBuffer();
      const signedIn = await server.request('/api/me', { token: await server.token('alice') });
      await signedIn.arrayBuffer();
      await settle();
      const requests = lines(server).filter((l) => l.msg === 'request');
      assert.deepEqual(
        requests.map((l) => [l.route, l.res.statusCode]),
        [
          ['/api/public/:token', 403],
          ['/me', 200],
        ],
        'only the refused public request and the signed-in one have lines',
      );
      assert.equal(requests[0]!.req.id, refused.headers.get('x-request-id'));
      await server.close();
      closed = true;
      const summary = lines(server).find((l) => l.msg === 'public requests');
      assert.ok(summary, 'the summary is written when the app closes');
      assert.equal(summary.requests, 3);
      assert.deepEqual(summary.routes['/api/public/:token'].statuses, { 200: 1, 304: 1 });
      assert.deepEqual(summary.routes['/public/:token'].statuses, { 200: 1 });
      assert.equal(typeof summary.routes['/public/:token'].slowestMs, 'number');
      assert.ok(!JSON.stringify(server.logs).includes(token), 'no token in any line');
    } finally {
      if (!closed) await server.close();
    }
  });

  test('each: every public answer has its own request line, as before', async () => {
    const server = await startTestServer({ env: { ATLAS_PUBLIC_REQUEST_LOG: 'each' } });
    try {
      const token = await linkOf(server);
      server.logs.length = 0;
      const res = await fetch(`${server.url}/api/public/${token}`);
      await res.arrayBuffer();
      await settle();
      const line = lines(server).find((l) => l.msg === 'request');
      assert.ok(line, server.logs.join('\n'));
      assert.equal(line.route, '/api/public/:token');
      assert.equal(line.res.statusCode, 200);
      assert.equal(line.req.id, res.headers.get('x-request-id'));
    } finally {
      await server.close();
    }
  });

  test('a public request its client abandons keeps its line', async () => {
    const server = await startTestServer();
    try {
      const token = await linkOf(server);
      server.logs.length = 0;
      // The passcode exchange waits for its body; the client sends half of it and hangs up.
      const { port } = new URL(server.url);
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `POST /api/public/${token}/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
          'Content-Length: 40\r\n\r\n{"passcode":',
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      let line: Record<string, any> | undefined;
      for (let i = 0; i < 50 && !line; i++) {
        await settle();
        line = lines(server).find((l) => l.msg === 'request');
      }
      assert.ok(line, 'the abandoned request was logged');
      assert.equal(line.req.path, '/api/public/[redacted]');
      assert.equal(line.req.method, 'POST');
    } finally {
      await server.close();
    }
  });
});

test('logPath cuts every spelling of a public path after its prefix, and never writes the query', () => {
  const t = 'tok_ABCDEFGHIJKLMNOP';
  for (const path of [
    `/public/${t}`,
    `/PUBLIC/${t}`,
    `/public//${t}`,
    `/%70ublic/${t}`,
    `/api/Public/${t}/widgets/w/data`,
    `/atlas/api/public/${t}/export.xlsx?x=1`,
    `/%2570ublic/${t}`,
  ])
    assert.ok(!logPath(path).includes(t), path);
  assert.equal(logPath('/api/me?token=abc'), '/api/me');
  assert.equal(logPath(`/api/public/${t}`), '/api/public/[redacted]');
});

test('createLogger writes JSON lines and redacts secret fields by path', () => {
  const lines: string[] = [];
  const logger = createLogger('debug', (line) => lines.push(line));
  logger.info('x', { token: 'T1', link: { token: 'T2', id: 'l1' }, passcode: 'P', authorization: 'Bearer A', n: 1 });
  logger.debug('d');
  const [first, second] = lines.map((line) => JSON.parse(line));
  assert.deepEqual(
    { ...first, time: undefined },
    {
      level: 'info',
      time: undefined,
      msg: 'x',
      token: '[redacted]',
      link: { token: '[redacted]', id: 'l1' },
      passcode: '[redacted]',
      authorization: '[redacted]',
      n: 1,
    },
  );
  assert.equal(second.level, 'debug');
  const quiet: string[] = [];
  createLogger('warn', (line) => quiet.push(line)).info('not written');
  assert.equal(quiet.length, 0);
});

test("an app given a Logger of its own (not createLogger's) gets its request lines through it, redacted", async () => {
  const seen: { msg: string; fields?: Record<string, unknown> }[] = [];
  const record = (msg: string, fields?: Record<string, unknown>) => seen.push({ msg, fields });
  const logger: Logger = { debug: record, info: record, warn: record, error: record };
  const server = await startTestServer({ seed: false, extraDeps: { logger } });
  try {
    await fetch(`${server.url}/PUBLIC/SOMESECRETTOKEN/x`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const request = seen.find((s) => s.msg === 'request');
    assert.ok(request, JSON.stringify(seen));
    assert.ok(!JSON.stringify(seen).includes('SOMESECRETTOKEN'));
  } finally {
    await server.close();
  }
});
