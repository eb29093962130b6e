/**
 * The server package as a library (issue 14): a host Express app mounts `createApp` under a path, as README "The server
 * as a library" shows, using only what the package's entry (server/index.ts) exports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import { copyFileSync, existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp, createLogger, Lifecycle, loadConfig, openStore } from '../../server/index.js';
import { BROWSER_DIST } from '../../server/paths.js';
import { seededTemplate, signTestToken, tempDir, TEST_SECRET } from './helpers.js';

test('createApp mounted under /atlas in a host Express app answers its API, its public page and its assets there', async (t) => {
  const tmp = tempDir();
  t.after(() => tmp.cleanup());
  const db = join(tmp.dir, 'atlas.db');
  copyFileSync(await seededTemplate(), db);
  const host = express();
  host.get('/', (_req, res) => res.send('the host portal'));
  const server = host.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({
    ATLAS_AUTH_SECRET: TEST_SECRET,
    ATLAS_DB: db,
    ATLAS_SECRETS_FILE: join(tmp.dir, 'secrets.json'),
    ATLAS_PUBLIC_URL: `${origin}/atlas`,
  });
  const store = await openStore(config.db);
  const lifecycle = new Lifecycle();
  host.use('/atlas', createApp({ store, config, logger: createLogger('silent'), lifecycle }));
  t.after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await lifecycle.close();
    await store.close();
  });

  assert.equal(await (await fetch(`${origin}/`)).text(), 'the host portal', 'the host keeps its own routes');
  assert.deepEqual(await (await fetch(`${origin}/atlas/healthz`)).json(), { ok: true });
  const openapi = (await (await fetch(`${origin}/atlas/api/openapi.json`)).json()) as { servers: { url: string }[] };
  assert.equal(openapi.servers[0]!.url, `${origin}/atlas`);

  const token = await signTestToken('alice', undefined, config);
  const created = await fetch(`${origin}/atlas/api/dashboards/ops-wall/public-links`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ label: 'mounted' }),
  });
  assert.equal(created.status, 201);
  const { link } = (await created.json()) as { link: { url: string; token: string } };
  assert.ok(link.url.startsWith(`${origin}/atlas/public/`), link.url);

  const page = await fetch(link.url);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /src="\/atlas\/assets\/define\/atlas-public-viewer\.js"/);
  assert.match(html, /api-base="\/atlas\/api"/);
  const script = await fetch(`${origin}/atlas/assets/define/atlas-public-viewer.js`);
  // The bundles come from the elements package's build (npm test builds first).
  if (existsSync(join(BROWSER_DIST, 'define/atlas-public-viewer.js'))) {
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
  } else await script.body?.cancel();
  const layout = await fetch(`${origin}/atlas/api/public/${link.token}`);
  assert.equal(layout.status, 200);
  assert.equal(((await layout.json()) as { dashboard: { id: string } }).dashboard.id, 'ops-wall');
});
