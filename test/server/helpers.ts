/** Test harness: a real app on a real SQLite file in a temp folder, listening on a free port. */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
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
  /** fetch against the server with JSON helpers. */
  request(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  seed?: boolean;
  now?: () => Date;
  dbFile?: string;
  extraDeps?: Partial<AppDeps>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const tmp = tempDir();
  const dbFile = options.dbFile ?? join(tmp.dir, 'atlas.db');
  const config = loadConfig({ ATLAS_AUTH_SECRET: TEST_SECRET, ATLAS_DB: dbFile, ATLAS_SECRETS_FILE: join(tmp.dir, 'secrets.json'), ...options.env });
  if (options.seed !== false && !options.dbFile) copyFileSync(await seededTemplate(), dbFile);
  const store = openSqliteStore(dbFile);
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
    request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('Content-Type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return fetch(url + path, { ...init, headers, body });
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
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(username).setIssuedAt().setExpirationTime('1h');
  if (config?.auth.issuer) jwt = jwt.setIssuer(config.auth.issuer);
  if (config?.auth.audience) jwt = jwt.setAudience(config.auth.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

export async function json<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
