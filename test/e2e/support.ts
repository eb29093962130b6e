/**
 * End-to-end helpers: the real built server (dist/server, as `npm start` runs it) on a temp SQLite copy of the demo,
 * the demo's customer website on another host name and port, and Debian's Chromium driven by playwright-core.
 * Run `npm run build` first (`npm test` does).
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
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
export async function startAtlas(): Promise<ApiServer> {
  const port = await freePort();
  const modulePath = join(root, 'test/support/api-server.mjs');
  const { startApiServer } = (await import(modulePath)) as {
    startApiServer(options: { port: number; env: Record<string, string> }): Promise<ApiServer>;
  };
  return startApiServer({ port, env: { ATLAS_PUBLIC_URL: `http://127.0.0.1:${port}` } });
}

/** The demo customer website, reached as http://localhost:<port>: another site than the Atlas server's 127.0.0.1. */
export async function startCustomerWebsite(): Promise<CustomerSite> {
  const { startCustomerSite } = (await import(join(root, 'dist/server/demo/customer-site.js'))) as typeof import('../../server/demo/customer-site.js');
  return startCustomerSite({ port: 0, host: 'localhost' });
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

export async function apiRequest<T>(api: ApiServer, path: string, options: { token?: string; method?: string; json?: unknown } = {}): Promise<{ status: number; body: T }> {
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
