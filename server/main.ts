/**
 * Entry point: reads configuration, opens the store, listens, and shuts down gracefully. `node dist/server/main.js`, or
 * `atlas-sharing-server serve` (the package's bin, server/cli.ts), which calls `serve()`.
 */
import { createServer } from 'node:http';
import { isEntryPoint } from './entry-point.js';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { ConfigError, DEMO_HOST, loadConfig, type Config } from './config.js';
import { Lifecycle } from './lifecycle.js';
import { createLogger } from './logger.js';
import { openStore } from './store/index.js';
import { seedDemo } from './demo/seed.js';
import { startCustomerSite } from './demo/customer-site.js';
import { mintDemoToken } from './demo/dev-sign-in.js';

export async function serve(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`atlas: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const store = await openStore(config.db, {
    queryTimeoutMs: config.queryTimeoutMs,
    queryWorkers: config.queryConcurrency,
  });
  if (config.demo) {
    const started = Date.now();
    const { seeded, rows } = await seedDemo(store);
    if (seeded) logger.info('demo data seeded', { rows, ms: Date.now() - started });
  }
  const lifecycle = new Lifecycle();
  // Listen before building the app: the demo's second origin (its port is only known once it listens) joins the
  // allowed origins, and the app is built once with its final configuration.
  const handler: { app?: ReturnType<typeof createApp> } = {};
  const server = createServer((req, res) => handler.app!(req, res));
  server.listen(config.port, config.host ?? '0.0.0.0');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  // The demo prints localhost URLs unless a public URL (perhaps with a path prefix) was given.
  const base = config.demo && !process.env.ATLAS_PUBLIC_URL ? `http://localhost:${port}` : config.publicUrl;
  // Demo only: another site (other host name and port) that embeds public links in a third-party iframe and hosts a
  // portal page using the elements cross-origin.
  const customerSite = config.demo
    ? await startCustomerSite({
        port: port + 1,
        atlasUrl: base,
        mintToken: async (username) => (await mintDemoToken(config, username)).token,
      })
    : undefined;
  if (customerSite && config.allowedOrigins === undefined) {
    config = { ...config, allowedOrigins: [new URL(customerSite.url).origin] };
  }
  handler.app = createApp({ store, config, logger, lifecycle });
  logger.info('listening', {
    port,
    host: config.host ?? '0.0.0.0',
    demo: config.demo,
    db: config.db,
    allowedOrigins: config.allowedOrigins ?? [],
  });
  if (config.demo) {
    process.stdout.write(
      [
        '',
        `  Atlas Sharing demo is running (development sign-in enabled: demo mode only).`,
        config.host === DEMO_HOST
          ? `  Listening on ${DEMO_HOST} only: set ATLAS_HOST=0.0.0.0 to reach it from other machines.`
          : `  Listening on ${config.host}: the development sign-in is reachable from the network.`,
        `  Host portal (sign in as alice, bob, carol, dan or erin):  ${base}/demo/`,
        `  Health:                                                  ${base}/healthz`,
        `  Wall display (kiosk mode) for a public link:             ${base}/demo/wall.html?link=<public link>`,
        `  Portal on another origin, elements loaded cross-origin:  ${customerSite?.url}portal.html`,
        `  Customer website embedding a public link (cross-site):   ${customerSite?.url}?link=<public link>`,
        '',
      ].join('\n') + '\n',
    );
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    // Stop accepting connections, let requests in flight finish, then flush pending writes and close the store.
    const force = setTimeout(() => {
      logger.warn('forcing shutdown after 10s');
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    server.close(async () => {
      try {
        await customerSite?.close();
        await lifecycle.close();
        await store.close();
        logger.info('stopped');
        process.exit(0);
      } catch (err) {
        logger.error('shutdown failed', { err });
        process.exit(1);
      }
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

export function serveOrExit(): void {
  serve().catch((err) => {
    process.stderr.write(`atlas: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

if (isEntryPoint(import.meta.url)) serveOrExit();
