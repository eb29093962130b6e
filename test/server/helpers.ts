/** Test harness: a real app on a real SQLite file in a temp folder, listening on a free port. */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import type { z } from 'zod';
import { errorBodySchema, routes, type RouteContract } from '../../contract/index.js';
import { basePathOf } from '../../server/http/base-path.js';
import { createApp, type AppDeps } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { Lifecycle } from '../../server/lifecycle.js';
import { createLogger, type Logger } from '../../server/logger.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import type { Store } from '../../server/store/types.js';
import { seedDemo } from '../../server/demo/seed.js';
import { DEMO_IDENTITIES } from '../../server/demo/identities.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export function tempDir(prefix = 'atlas-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Seeding writes ~300k rows: do it once per test process (or once per run, when the runner passes
 * ATLAS_TEST_TEMPLATE_DB) and copy the file for each server.
 */
let template: Promise<string> | undefined;
export function seededTemplate(): Promise<string> {
  const shared = process.env.ATLAS_TEST_TEMPLATE_DB;
  if (shared && existsSync(shared)) return Promise.resolve(shared);
  template ??= (async () => {
    const { dir } = tempDir('atlas-template-');
    const file = join(dir, 'template.db');
    const store = openSqliteStore(file);
    await seedDemo(store);
    await store.close();
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    return file;
  })();
  return template;
}

export interface TestServer {
  url: string;
  store: Store;
  config: Config;
  lifecycle: Lifecycle;
  logs: string[];
  /** A host token for a demo identity (or explicit claims). */
  token(username: string, overrides?: Record<string, unknown>): Promise<string>;
  /**
   * fetch against the server with JSON helpers. Every answer of a route in the contract is checked against it (see
   * `checkAgainstContract`): a mismatch rejects, so the test that made the request fails.
   */
  request(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  seed?: boolean;
  now?: () => Date;
  dbFile?: string;
  extraDeps?: Partial<AppDeps>;
  /** A store opened by the caller (e.g. PostgreSQL) instead of the SQLite file; closed with the server. */
  store?: Store;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const tmp = tempDir();
  const dbFile = options.dbFile ?? join(tmp.dir, 'atlas.db');
  const config = loadConfig({
    ATLAS_AUTH_SECRET: TEST_SECRET,
    ATLAS_DB: dbFile,
    ATLAS_SECRETS_FILE: join(tmp.dir, 'secrets.json'),
    ...options.env,
  });
  if (options.seed !== false && !options.dbFile && !options.store) copyFileSync(await seededTemplate(), dbFile);
  const store = options.store ?? openSqliteStore(dbFile);
  const logs: string[] = [];
  const logger: Logger = createLogger('info', (line) => logs.push(line));
  const lifecycle = new Lifecycle();
  const app = createApp({ store, config, logger, lifecycle, now: options.now, ...options.extraDeps });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    config,
    lifecycle,
    logs,
    token: (username, overrides) => signTestToken(username, overrides, config),
    async request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('Content-Type', 'application/json');
        body = JSON.stringify(init.json);
      }
      const response = await fetch(url + path, { ...init, headers, body });
      await checkAgainstContract(init.method ?? 'GET', path, response, {
        basePath: basePathOf(config.publicUrl),
        demo: config.demo,
      });
      return response;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await lifecycle.close();
      await store.close();
      tmp.cleanup();
    },
  };
}

export async function signTestToken(
  username: string,
  overrides: Record<string, unknown> = {},
  config?: Pick<Config, 'auth'>,
  secret = TEST_SECRET,
): Promise<string> {
  const identity = DEMO_IDENTITIES.find((i) => i.username === username);
  const claims = {
    name: identity?.name ?? username,
    email: identity?.email ?? `${username}@example.test`,
    org: identity?.org ?? 'northwind',
    projects: identity?.projects ?? {},
    ...overrides,
  };
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(username)
    .setIssuedAt()
    .setExpirationTime('1h');
  if (config?.auth.issuer) jwt = jwt.setIssuer(config.auth.issuer);
  if (config?.auth.audience) jwt = jwt.setAudience(config.auth.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

export async function json<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** A public link as `POST …/public-links` answers it once (the token and passcode are shown this one time). */
export type CreatedLink = { id: string; token: string; url: string; passcode: string | null } & Record<string, any>;

/** Creates a public link of `dashboardId` as `username` (the demo owner, alice, by default); 201 or the test fails. */
export async function createLink(
  server: TestServer,
  dashboardId: string,
  body: unknown = {},
  username = 'alice',
): Promise<CreatedLink> {
  const res = await server.request(`/api/dashboards/${dashboardId}/public-links`, {
    method: 'POST',
    token: await server.token(username),
    json: body,
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await json(res)).link as CreatedLink;
}

/**
 * Each answer carries its own request id (X-Request-Id, `error.requestId`: issue 18). Tests that prove two answers
 * are the same compare them without it.
 */
export function withoutRequestId<T extends { error?: object }>(body: T): T {
  if (!body.error || !('requestId' in body.error)) return body;
  const { requestId: _requestId, ...error } = body.error as { requestId?: unknown };
  return { ...body, error };
}

/** `withoutRequestId` for a body read as text (an error body's JSON). */
export const bodyWithoutRequestId = (text: string) => text.replace(/,"requestId":"[^"]*"/, '');

// ---- Response conformance (issue 14): every answer of a contract route must match its entry ----------------------

interface MatchedRoute {
  route: RouteContract;
  pattern: RegExp;
  literals: number;
}

/** Express matches paths case-insensitively and with or without a trailing slash; so do these. */
const contractRoutes: MatchedRoute[] = (routes as readonly RouteContract[])
  .map((route) => {
    const segments = route.path.split('/').slice(1);
    const source = segments
      .map((segment) => (/^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    return {
      route,
      pattern: new RegExp(`^/${source}/?$`, 'i'),
      literals: segments.filter((segment) => !segment.startsWith('{')).length,
    };
  })
  // A literal segment wins over a parameter, as the more specific route.
  .sort((a, b) => b.literals - a.literals);

export interface ContractCheckOptions {
  /** The path prefix of ATLAS_PUBLIC_URL (the server serves paths with and without it). */
  basePath?: string;
  /** Whether the server runs in demo mode: outside it, demo-only routes do not exist. */
  demo?: boolean;
}

/** The contract's entry for a request, if the contract has one and the server serves it. */
export function contractRouteFor(
  method: string,
  path: string,
  { basePath = '', demo = true }: ContractCheckOptions = {},
): RouteContract | undefined {
  let pathname = new URL(path, 'http://contract.invalid').pathname;
  if (basePath && (pathname === basePath || pathname.startsWith(`${basePath}/`)))
    pathname = pathname.slice(basePath.length) || '/';
  const wanted = method.toLowerCase();
  const found = contractRoutes.find(({ route, pattern }) => route.method === wanted && pattern.test(pathname))?.route;
  return found?.demoOnly && !demo ? undefined : found;
}

/** Fields sent but not named by the contract, and fields the contract says are always there but were not sent. */
function fieldDifferences(sent: unknown, parsed: unknown, at: string, out: string[]): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    sent.forEach((item, i) => fieldDifferences(item, parsed[i], `${at}[${i}]`, out));
  } else if (sent && parsed && typeof sent === 'object' && typeof parsed === 'object') {
    const s = sent as Record<string, unknown>;
    const p = parsed as Record<string, unknown>;
    for (const key of Object.keys(s)) {
      if (!Object.hasOwn(p, key)) out.push(`${at}.${key}: sent, but not in the contract`);
      else fieldDifferences(s[key], p[key], `${at}.${key}`, out);
    }
    for (const key of Object.keys(p))
      if (!Object.hasOwn(s, key)) out.push(`${at}.${key}: in the contract, but not sent`);
  }
  return out;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Checks one answer against the contract's entry for its route (none: nothing to check). The success status must carry
 * the success schema (or its media type); an error status must be one the route declares, with the error schema and
 * one of the codes declared for it; any other status is a mismatch. JSON bodies must match their schema exactly: a
 * field the contract does not name is a mismatch too. Reads a clone, so the caller can still read the body.
 */
export async function checkAgainstContract(
  method: string,
  path: string,
  response: Response,
  options: ContractCheckOptions = {},
): Promise<void> {
  if (method.toUpperCase() === 'HEAD') return;
  const route = contractRouteFor(method, path, options);
  if (!route) return;
  const where = `${method.toUpperCase()} ${path} → ${response.status} (contract route ${route.id})`;
  const fail = (why: string): never => {
    throw new Error(`Contract mismatch: ${where}: ${why}`);
  };
  const contentType = response.headers.get('content-type') ?? '';
  const status = response.status;

  let schema: z.ZodType | undefined;
  let mediaType: string | undefined;
  let codes: readonly string[] | undefined;
  if (status === route.success.status) {
    schema = route.success.schema;
    mediaType = route.success.contentType ?? (schema ? 'application/json' : undefined);
    const alternative = (route.success as { alsoAs?: readonly string[] }).alsoAs?.find((type) =>
      contentType.toLowerCase().startsWith(type),
    );
    if (alternative) return; // a CSV (or other asked-for) rendering of the same answer: its tests read it
  } else if (status === 304 && route.notModified) {
    return;
  } else if (status >= 400 && route.errors[status]) {
    codes = route.errors[status];
    const override = route.errorBodies?.[status];
    schema = override ? override.schema : errorBodySchema;
    mediaType = override ? override.contentType : 'application/json';
  } else {
    const declared = [route.success.status, ...(route.notModified ? [304] : []), ...Object.keys(route.errors)].join(
      ', ',
    );
    const text = await response.clone().text();
    fail(
      `the contract declares no status ${status} for this route (declared: ${declared}); body: ${text.slice(0, 300)}`,
    );
  }

  if (!mediaType) {
    const text = await response.clone().text();
    if (text !== '') fail(`expected no body, got ${text.slice(0, 200)}`);
    return;
  }
  if (!contentType.toLowerCase().startsWith(mediaType)) {
    const text = await response.clone().text();
    fail(`expected ${mediaType}, got '${contentType}': ${text.slice(0, 300)}`);
  }
  if (!schema) return;
  const text = await response.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    fail(`the body is not JSON: ${text.slice(0, 200)}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) fail(`${describeIssues(parsed.error)}; body: ${text.slice(0, 500)}`);
  const differences = fieldDifferences(body, parsed.data, 'body', []);
  if (differences.length) fail(differences.slice(0, 10).join('; '));
  if (codes) {
    const code = (body as { error?: { code?: string } }).error?.code;
    if (!code || !codes.includes(code))
      fail(`error code '${code}' is not declared for status ${status} (declared: ${codes.join(', ')})`);
  }
}

/**
 * Issue 16: the public routes a link answers (page, layout, widget data, export, passcode session), for the tests that
 * prove a link in some state answers exactly like a revoked one.
 */
export const publicRoutes = (token: string): [string, string, RequestInit & { json?: unknown }][] => [
  ['page', `/public/${token}`, {}],
  ['dashboard', `/api/public/${token}`, {}],
  ['widget data', `/api/public/${token}/widgets/revenue/data`, {}],
  ['export', `/api/public/${token}/export.xlsx`, {}],
  ['session', `/api/public/${token}/session`, { method: 'POST', json: { passcode: 'ABCDEFGHJK' } }],
];

/** Headers that differ between two answers of the same content. */
const VARYING_HEADERS = ['date', 'content-length', 'etag', 'connection', 'keep-alive', 'x-request-id'];

/** What every public route answers for `token`: status, headers and body, without what differs between any two. */
export async function publicAnswers(server: TestServer, token: string) {
  const out: { name: string; status: number; headers: Record<string, string>; body: string }[] = [];
  for (const [name, path, init] of publicRoutes(token)) {
    const res = await server.request(path, init);
    const headers = Object.fromEntries([...res.headers].filter(([h]) => !VARYING_HEADERS.includes(h)));
    out.push({ name, status: res.status, headers, body: bodyWithoutRequestId(await res.text()) });
  }
  return out;
}
