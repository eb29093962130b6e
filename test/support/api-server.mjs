// Starts the real, built Atlas server (server/dist) in demo mode on a temp SQLite file, for component and
// end-to-end tests. Run `npm run build` first (npm test does).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startApiServer({ env = {}, port = 0 } = {}) {
  const root = new URL('../../', import.meta.url).pathname;
  const [{ createApp }, { loadConfig }, { Lifecycle }, { createLogger }, { openStore }, { seedDemo }] =
    await Promise.all([
      import(join(root, 'server/dist/app.js')),
      import(join(root, 'server/dist/config.js')),
      import(join(root, 'server/dist/lifecycle.js')),
      import(join(root, 'server/dist/logger.js')),
      import(join(root, 'server/dist/store/index.js')),
      import(join(root, 'server/dist/demo/seed.js')),
    ]);
  const dir = mkdtempSync(join(tmpdir(), 'atlas-api-'));
  const config = loadConfig({
    ATLAS_DEMO: '1',
    ATLAS_DB: join(dir, 'atlas.db'),
    ATLAS_SECRETS_FILE: join(dir, 'secrets.json'),
    ATLAS_LOG_LEVEL: 'warn',
    ATLAS_PORT: String(port),
    ...env,
  });
  const store = await openStore(config.db);
  await seedDemo(store);
  const lifecycle = new Lifecycle();
  // Listen first: public link URLs need the real port, and createApp reads config.publicUrl when it is built.
  let app;
  const server = createServer((req, res) => app(req, res));
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  app = createApp({
    store,
    config: { ...config, publicUrl: env.ATLAS_PUBLIC_URL ?? url },
    logger: createLogger(config.logLevel),
    lifecycle,
  });
  return {
    url,
    store,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await lifecycle.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
