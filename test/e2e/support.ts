/**
 * End-to-end helpers: the real built server (dist/server, as `npm start` runs it) on a temp SQLite copy of the demo,
 * the demo's customer website on another host name and port, and Debian's Chromium driven by playwright-core.
 * Run `npm run build` first (`npm test` does).
 */
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type * as CustomerSiteModule from '../../server/demo/customer-site.js';
import type { CustomerSite } from '../../server/demo/customer-site.js';

const root = new URL('../../', import.meta.url).pathname;

export interface ApiServer {
  url: string;
  close(): Promise<void>;
}

/** A port that was free a moment ago (the server's public URL must be known before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The Atlas server in demo mode at http://127.0.0.1:<port>, with public link URLs on that same origin. */
export async function startAtlas(env: Record<string, string> = {}): Promise<ApiServer> {
  const port = await freePort();
  const modulePath = join(root, 'test/support/api-server.mjs');
  const { startApiServer } = (await import(modulePath)) as {
    startApiServer(options: { port: number; env: Record<string, string> }): Promise<ApiServer>;
  };
  return startApiServer({ port, env: { ATLAS_PUBLIC_URL: `http://127.0.0.1:${port}`, ...env } });
}

/**
 * The demo customer website, reached as http://localhost:<port>: another site than the Atlas server's 127.0.0.1. It
 * also serves the demo's host portal (portal.html), which loads the elements from `atlas` and mints demo tokens.
 */
export async function startCustomerWebsite(atlas: ApiServer, atlasUrl = atlas.url, port = 0): Promise<CustomerSite> {
  const { startCustomerSite } = (await import(
    join(root, 'server/dist/demo/customer-site.js')
  )) as typeof CustomerSiteModule;
  return startCustomerSite({
    port,
    host: 'localhost',
    atlasUrl,
    mintToken: (username) => devToken(atlas, username),
  });
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A Chromium profile as a user's with "Block third-party cookies" set: the profile preference plus the switch of the
 * third-party-cookie phase-out. Tests still check inside their frames what the browser really allowed.
 */
export async function launchWithThirdPartyCookiesBlocked(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-chromium-'));
  mkdirSync(join(dir, 'Default'));
  writeFileSync(
    join(dir, 'Default', 'Preferences'),
    JSON.stringify({ profile: { block_third_party_cookies: true, cookie_controls_mode: 1 } }),
  );
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [...CHROMIUM_ARGS, '--test-third-party-cookie-phaseout'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** A host-portal token for a demo user, from the development sign-in (demo mode only). */
export async function devToken(api: ApiServer, username: string): Promise<string> {
  const response = await fetch(`${api.url}/api/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error(`dev token for ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export async function apiRequest<T>(
  api: ApiServer,
  path: string,
  options: { token?: string; method?: string; json?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${api.url}/api${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/**
 * A minimal reverse proxy publishing `target` under `prefix` (http://127.0.0.1:<port><prefix>/…), as nginx would:
 * it strips the prefix before forwarding (`strip`), or keeps it. Anything outside the prefix is a 404.
 */
export async function startPrefixProxy(
  target: string,
  prefix: string,
  { strip, port = 0 }: { strip: boolean; port?: number },
): Promise<ApiServer> {
  const upstream = new URL(target);
  const server = createHttpServer((req, res) => {
    const path = req.url ?? '/';
    if (!path.startsWith(`${prefix}/`)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('outside the prefix');
      return;
    }
    const forwarded = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: strip ? path.slice(prefix.length) : path,
        headers: { ...req.headers, host: upstream.host, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.writeHead(502).end());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}${prefix}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
