/**
 * The contract (issue 14, "One contract" and "OpenAPI 3.1 generated from the contract"): every Express route has a
 * contract entry and every entry a route; the OpenAPI document is 3.1 in shape and served; answers are checked
 * against the contract (helpers.ts `checkAgainstContract`, run by every test's `server.request`).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Express } from 'express';
import { buildOpenApi, errorCodes, routes, type RouteContract } from '../../contract/index.js';
import type * as contractTypes from '../../contract/index.js';
import type * as dashboards from '../../server/services/dashboards.js';
import type * as identity from '../../server/services/identity.js';
import type * as passcodeSessions from '../../server/services/passcode-sessions.js';
import type * as publicLinks from '../../server/services/public-links.js';
import type * as sharing from '../../server/services/sharing.js';
import type * as widgetData from '../../server/services/widget-data.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import type { Store } from '../../server/store/types.js';
import {
  checkAgainstContract,
  contractRouteFor,
  json,
  startTestServer,
  tempDir,
  TEST_SECRET,
  type TestServer,
} from './helpers.js';

const contract = routes as readonly RouteContract[];
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** Routes of the app that are not the API: the crawler rules, and in demo mode the redirect to the demo's pages. */
const notApi = (demo: boolean) => [key('get', '/robots.txt'), ...(demo ? [key('get', '/')] : [])];

// ---- (a) Express routes ↔ contract entries -------------------------------------------------------------------------

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: ExpressLayer[] };
  rawPath?: unknown;
}

const joinPath = (prefix: string, path: string) => {
  const joined = `${prefix.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
};

/**
 * Every route registered on the app, as `METHOD /path/{param}`: route layers give their path and methods; mounted
 * routers (`app.use(path, router)`, a layer whose handle has a stack) are walked under their mount path, which the
 * router (v2, path-to-regexp v8) keeps as `layer.rawPath`.
 */
function expressRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: ExpressLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          assert.equal(typeof path, 'string', 'routes are registered with string paths');
          const full = joinPath(prefix, path).replace(/:(\w+)/g, '{$1}');
          assert.doesNotMatch(
            full,
            /[*?()]/,
            `${full}: a route with a wildcard or an optional part cannot be compared`,
          );
          for (const method of Object.keys(layer.route.methods)) if (method !== '_all') out.push(key(method, full));
        }
      } else if (layer.handle?.stack) {
        const mount = layer.rawPath;
        assert.equal(typeof mount, 'string', 'a mounted router keeps its mount path as layer.rawPath (router v2)');
        walk(layer.handle.stack, joinPath(prefix, mount as string));
      }
    }
  };
  const router = (app as unknown as { router: { stack: ExpressLayer[] } }).router;
  walk(router.stack, '');
  return out;
}

describe('issue 14: the route table matches the Express app', () => {
  const stores: Store[] = [];
  const tmp = tempDir('atlas-contract-');
  const appFor = (demo: boolean): Express => {
    const config = loadConfig({
      ATLAS_AUTH_SECRET: TEST_SECRET,
      ATLAS_DB: join(tmp.dir, `atlas-${demo}.db`),
      ATLAS_SECRETS_FILE: join(tmp.dir, 'secrets.json'),
      ...(demo ? { ATLAS_DEMO: '1' } : {}),
    });
    const store = openSqliteStore(config.db);
    stores.push(store);
    return createApp({ store, config, logger: createLogger('error', () => {}) });
  };
  after(async () => {
    for (const store of stores) await store.close();
    tmp.cleanup();
  });

  const compare = (demo: boolean) => {
    const served = expressRoutes(appFor(demo));
    const expected = contract.filter((route) => demo || !route.demoOnly);
    assert.equal(new Set(served).size, served.length, `a route is registered twice: ${served.join(', ')}`);
    const excluded = notApi(demo);
    for (const route of excluded) assert.ok(served.includes(route), `${route} is gone: drop it from notApi`);
    const api = served.filter((route) => !excluded.includes(route));
    const entries = expected.map((route) => key(route.method, route.path));
    const withoutEntry = api.filter((route) => !entries.includes(route));
    const withoutRoute = entries.filter((entry) => !api.includes(entry));
    assert.deepEqual(
      withoutEntry,
      [],
      `routes without a contract entry (add them to contract/routes.ts): ${withoutEntry.join(', ')}`,
    );
    assert.deepEqual(withoutRoute, [], `contract entries without a route: ${withoutRoute.join(', ')}`);
  };

  test('in demo mode: every route has an entry and every entry a route', () => compare(true));

  test('outside demo mode: the same, without the demo-only entries', () => compare(false));

  test('the table is consistent: unique ids and routes, path placeholders = params schema keys', () => {
    assert.equal(new Set(contract.map((r) => r.id)).size, contract.length, 'ids are unique');
    assert.equal(new Set(contract.map((r) => key(r.method, r.path))).size, contract.length, 'routes are unique');
    for (const route of contract) {
      const placeholders = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const params = Object.keys(route.params?.shape ?? {}).sort();
      assert.deepEqual(params, placeholders, `${route.id}: params schema keys = path placeholders`);
      if (route.success.status === 204) assert.equal(route.success.schema, undefined, `${route.id}: 204 has no body`);
      for (const [status, codes] of Object.entries(route.errors)) {
        assert.ok(Number(status) >= 400 && Number(status) < 600, `${route.id}: ${status} is an error status`);
        assert.ok(codes && codes.length > 0, `${route.id}: ${status} lists its codes`);
      }
    }
  });

  test("the services' own result types fit the contract's response types (checked by tsc)", () => {
    /** Compiles only when what the server builds is assignable to what the contract promises. */
    const fits = <_Server extends Contract, Contract>() => {};
    fits<ReturnType<typeof identity.dataSourceView>, contractTypes.DataSourceView>();
    fits<dashboards.DashboardSummary, contractTypes.DashboardSummary>();
    fits<dashboards.DashboardView, contractTypes.DashboardView>();
    fits<dashboards.WidgetView, contractTypes.WidgetView>();
    fits<sharing.SharingView & { publicLinks: publicLinks.LinkView[] }, contractTypes.SharingResponse>();
    fits<{ share: sharing.ShareView; warnings: sharing.AccessWarning[] }, contractTypes.ShareResponse>();
    fits<
      { project: sharing.ProjectAccessView; warnings: sharing.AccessWarning[] },
      contractTypes.ProjectAccessResponse
    >();
    fits<publicLinks.LinkView, contractTypes.LinkView>();
    fits<passcodeSessions.IssuedSession, contractTypes.PublicSessionResponse>();
    fits<widgetData.WidgetData, contractTypes.WidgetDataResponse>();
    // A project role in /api/me, the public dashboard's dataError.code and an audit event's route are plain strings in
    // the services and narrower enums in the contract: those are checked at run time, on every answer (helpers.ts).
  });

  test('errorCodes names every code the server source can answer', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
      );
    const found = new Set<string>(['not_found', 'forbidden']); // errors.ts helpers' defaults
    const patterns = [
      /AppError\(\s*\d{3},\s*'([a-z_]+)'/g,
      /\bcode: '([a-z_]+)'/g,
      /\bfail\([^;]*?,\s*'([a-z_]+)'\)/g,
      /errorCode: '([a-z_]+)'/g,
    ];
    for (const file of files(new URL('../../server', import.meta.url).pathname)) {
      const source = readFileSync(file, 'utf8');
      for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.add(match[1]!);
    }
    found.delete('custom'); // zod's issue code, not ours
    const missing = [...found].filter((code) => !(errorCodes as readonly string[]).includes(code));
    assert.deepEqual(
      missing,
      [],
      `codes the server answers but contract/errors.ts does not list: ${missing.join(', ')}`,
    );
  });
});

// ---- (b) The OpenAPI document --------------------------------------------------------------------------------------

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every `$ref` in the document, with where it was found. */
function refs(node: unknown, at: string, out: { ref: string; at: string }[] = []) {
  if (Array.isArray(node)) node.forEach((item, i) => refs(item, `${at}/${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [k, value] of Object.entries(node)) {
      if (k === '$ref') out.push({ ref: String(value), at });
      else refs(value, `${at}/${k}`, out);
    }
  }
  return out;
}

function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

describe('issue 14: the OpenAPI 3.1 document', () => {
  const doc = buildOpenApi() as unknown as {
    openapi: string;
    info: { title: string; version: string };
    paths: Record<string, Record<string, Record<string, any>>>;
    components: { schemas: Record<string, any>; securitySchemes: Record<string, any> };
  };

  test('is OpenAPI 3.1 in shape, with one operation per contract route', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(typeof doc.info.title, 'string');
    assert.equal(typeof doc.info.version, 'string');
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => METHODS.includes(m))
        .map((m) => key(m, path)),
    );
    assert.deepEqual(operations.sort(), contract.map((r) => key(r.method, r.path)).sort());
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      assert.ok(path.startsWith('/'), `${path} starts with /`);
      for (const [method, op] of Object.entries(item)) {
        const where = key(method, path);
        assert.ok(!operationIds.has(op.operationId), `${where}: operationId is unique`);
        operationIds.add(op.operationId);
        assert.ok(op.responses && Object.keys(op.responses).length > 0, `${where} has responses`);
        for (const [status, response] of Object.entries<any>(op.responses)) {
          assert.match(status, /^[1-5]\d\d$/, `${where}: ${status} is a status code`);
          assert.equal(typeof response.description, 'string', `${where} ${status} has a description`);
        }
        for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
          const param = (op.parameters ?? []).find((p: any) => p.in === 'path' && p.name === name);
          assert.ok(param?.required === true, `${where}: path parameter ${name} is declared and required`);
        }
        for (const requirement of op.security ?? []) {
          for (const scheme of Object.keys(requirement))
            assert.ok(doc.components.securitySchemes[scheme], `${where}: security scheme ${scheme} exists`);
        }
      }
    }
  });

  test('every $ref resolves, and no JSON Schema $defs or $schema are left behind', () => {
    const all = refs(doc, '#');
    assert.ok(all.length > 50, 'schemas are referenced, not inlined');
    const broken = all.filter(({ ref }) => resolvePointer(doc, ref) === undefined);
    assert.deepEqual(broken, [], 'unresolved $refs');
    const text = JSON.stringify(doc);
    assert.ok(!text.includes('"$defs"') && !text.includes('"$schema"') && !text.includes('"$id"'));
  });

  test('signed-in routes need the host token, public ones do not; errors reference the error schema', () => {
    for (const route of contract) {
      const op = doc.paths[route.path]![route.method]!;
      if (route.access === 'user') assert.deepEqual(op.security, [{ hostToken: [] }], route.id);
      else {
        // [] (none) or an alternative without requirements ({}: a link token in the path is enough).
        const open =
          op.security.length === 0 || op.security.some((requirement: object) => Object.keys(requirement).length === 0);
        assert.ok(open, `${route.id}: no authentication needed`);
      }
      for (const [status, codes] of Object.entries(route.errors)) {
        const response = op.responses[status];
        assert.deepEqual(response['x-error-codes'], codes, `${route.id} ${status}`);
        if (!route.errorBodies?.[Number(status)]) {
          assert.deepEqual(
            response.content['application/json'].schema,
            { $ref: '#/components/schemas/Error' },
            `${route.id} ${status}`,
          );
        }
      }
    }
    assert.deepEqual(doc.components.schemas.ErrorCode.enum, [...errorCodes]);
  });

  test('request and response forms of one schema get their own names when they differ', () => {
    const { schemas } = doc.components;
    assert.ok(schemas.WidgetQuery && schemas.WidgetQueryInput, 'both forms of the widget query');
    assert.deepEqual(
      schemas.WidgetQuery.required,
      ['metrics', 'dimensions', 'filters', 'sort'],
      'a response always has them',
    );
    assert.equal(schemas.WidgetQueryInput.required, undefined, 'a request may leave them out');
    assert.equal(schemas.WidgetQueryInput.additionalProperties, false, 'request objects are closed');
    assert.equal(schemas.Dashboard.additionalProperties, undefined, 'response objects are open: fields may be added');
  });

  describe('GET /api/openapi.json', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ seed: false, env: { ATLAS_PUBLIC_URL: 'https://atlas.example.com/base' } });
    });
    after(() => server.close());

    test('serves the document without authentication, with this deployment as its server', async () => {
      const res = await server.request('/api/openapi.json');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(
        await json(res),
        JSON.parse(JSON.stringify(buildOpenApi({ serverUrl: 'https://atlas.example.com/base' }))),
      );
    });

    test('under the path prefix too', async () => {
      const res = await server.request('/base/api/openapi.json');
      assert.equal(res.status, 200);
      assert.equal((await json(res)).servers[0].url, 'https://atlas.example.com/base');
    });
  });
});

// ---- (c) Response conformance --------------------------------------------------------------------------------------

describe('issue 14: answers are checked against the contract', () => {
  const answer = (status: number, body: unknown, type = 'application/json; charset=utf-8') =>
    new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: body === undefined ? {} : { 'Content-Type': type },
    });
  const me = {
    user: { username: 'alice', name: 'Alice', email: 'alice@example.test' },
    organization: { id: 'northwind', name: 'Northwind' },
    projects: [{ id: 'ops', name: 'Operations', role: 'owner' }],
  };

  test('requests find their contract route (literal segments first, path prefix, demo-only routes)', () => {
    assert.equal(contractRouteFor('DELETE', '/api/dashboards/d1/widgets/w1')?.id, 'removeWidget');
    assert.equal(contractRouteFor('GET', '/api/dashboards/d1/export.xlsx?filters=%7B%7D')?.id, 'exportDashboard');
    assert.equal(contractRouteFor('GET', '/api/dashboards/d1')?.id, 'getDashboard');
    assert.equal(contractRouteFor('GET', '/atlas/api/me', { basePath: '/atlas' })?.id, 'getMe');
    assert.equal(contractRouteFor('GET', '/api/nope'), undefined);
    assert.equal(contractRouteFor('POST', '/api/dev/token', { demo: false }), undefined);
    assert.equal(contractRouteFor('POST', '/api/dev/token', { demo: true })?.id, 'mintDevToken');
  });

  test('a conforming answer passes, and the caller can still read its body', async () => {
    const res = answer(200, me);
    await checkAgainstContract('GET', '/api/me', res);
    assert.deepEqual(await res.json(), me);
    await checkAgainstContract(
      'GET',
      '/api/me',
      answer(401, { error: { code: 'unauthenticated', message: 'Sign in.' } }),
    );
    await checkAgainstContract('DELETE', '/api/dashboards/d1', answer(204, undefined));
  });

  test('mismatches are refused, each with a message that says what is wrong', async () => {
    const refused = (method: string, path: string, res: Response, pattern: RegExp) =>
      assert.rejects(checkAgainstContract(method, path, res), pattern);
    await refused('GET', '/api/me', answer(200, { ...me, user: { username: 'alice' } }), /user\.name/);
    await refused('GET', '/api/me', answer(200, { ...me, secret: 1 }), /body\.secret: sent, but not in the contract/);
    await refused('GET', '/api/me', answer(200, '<html></html>', 'text/html'), /expected application\/json/);
    await refused('GET', '/api/me', answer(418, { error: { code: 'teapot', message: '' } }), /no status 418/);
    await refused(
      'GET',
      '/api/me',
      answer(401, { error: { code: 'not_owner', message: 'x' } }),
      /'not_owner' is not declared for status 401/,
    );
    await refused('GET', '/api/me', answer(401, { message: 'x' }), /error/);
    await refused('DELETE', '/api/dashboards/d1', answer(200, { ok: true }), /no status 200/);
  });

  test('a live answer that breaks the contract fails the request that got it', async () => {
    const server = await startTestServer({ seed: false });
    try {
      // /healthz is in the contract; pretend the server sent a field the contract does not name.
      const realFetch = globalThis.fetch;
      globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
        const res = await realFetch(...args);
        const body = { ...(await res.json()), extra: true };
        return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
      };
      try {
        await assert.rejects(
          server.request('/healthz'),
          /Contract mismatch: GET \/healthz → 200 \(contract route health\): body\.extra/,
        );
      } finally {
        globalThis.fetch = realFetch;
      }
      assert.equal((await server.request('/healthz')).status, 200);
    } finally {
      await server.close();
    }
  });
});
