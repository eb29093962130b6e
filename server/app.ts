import express, { type Express, type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { BROWSER_DIST, DEMO_DIR } from './paths.js';
import type { Config } from './config.js';
import { errorHandler, unknownRoute } from './errors.js';
import type { Logger } from './logger.js';
import { Lifecycle } from './lifecycle.js';
import type { Store } from './store/types.js';
import { authenticate, createUserProvisioner } from './auth/authenticate.js';
import { createTokenVerifier } from './auth/host-token.js';
import { identityRoutes } from './routes/identity.js';
import { healthRoutes } from './routes/health.js';
import { devSignInRoutes } from './demo/dev-sign-in.js';
import type { RouteDeps } from './routes/deps.js';
import { dashboardsRoutes } from './routes/dashboards.js';
import { widgetDataRoutes } from './routes/widget-data.js';
import { publicLinksRoutes } from './routes/public-links.js';
import { publicRoutes } from './routes/public.js';
import { openApiRoutes } from './routes/openapi.js';
import { loadLinkSecrets } from './auth/link-secrets.js';
import { AuditWriter } from './services/audit-writer.js';
import type { ServiceDeps } from './services/deps.js';
import { ExportLimits } from './services/export-limits.js';
import { createFramePolicy } from './services/frame-ancestors.js';
import { GuessingLimits } from './services/guessing-limits.js';
import { PasscodeSessions } from './services/passcode-sessions.js';
import { PublicViewCache } from './services/public-view-cache.js';
import { QueryGate } from './services/query-gate.js';
import { PasscodeLimits } from './services/rate-limit.js';
import { WidgetResults } from './services/widget-results.js';
import { assetRoutes } from './http/assets.js';
import { basePathOf, stripBasePath } from './http/base-path.js';
import { parseAllowedOrigins, signedInApiCors } from './http/cors.js';
import { requestId } from './http/request-id.js';
import { requestLog } from './http/request-log.js';
import { securityHeaders } from './http/security-headers.js';

export interface AppDeps {
  store: Store;
  config: Config;
  logger: Logger;
  /** Collects what must be finished on shutdown; main closes it after the server stops accepting requests. */
  lifecycle?: Lifecycle;
  /** Injected clock for tests (passcode session expiry, rate-limit windows). */
  now?: () => Date;
}

const JSON_LIMIT = '100kb';

/** Builds the Express app; never listens (tests and main start it the same way). */
export function createApp(deps: AppDeps): Express {
  const { store, config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxyHops);
  app.set('query parser', 'simple');
  const lifecycle = deps.lifecycle ?? new Lifecycle();
  app.locals.lifecycle = lifecycle;
  // The composition root: services that keep state are built here once and handed down.
  const basePath = basePathOf(config.publicUrl);
  const routeDeps: RouteDeps = { ...buildServices(deps, lifecycle), basePath };

  // Each layer runs for every request: the base-path one only where there is a base path.
  if (basePath) app.use(stripBasePath(basePath));
  app.use(requestId(config.trustProxyHops));
  app.use(requestLog(logger, { publicRequests: config.publicRequestLog, lifecycle }));
  app.use(securityHeaders(config));

  app.use('/healthz', healthRoutes(store));
  // Public links bypass authentication (V1): a link token or passcode session authorizes nothing under /api else.
  app.use(publicRoutes(routeDeps));

  const api = express.Router();
  // CORS first: a preflight carries no Authorization header and must be answered before authentication (C6).
  api.use(signedInApiCors(parseAllowedOrigins((config.allowedOrigins ?? []).join(','))));
  api.use(express.json({ limit: JSON_LIMIT, strict: true }));
  api.use(noStore);
  // The contract's OpenAPI document: readable without signing in.
  api.use(openApiRoutes(config));
  if (config.demo) api.use('/dev', devSignInRoutes(store, config));
  api.use(authenticate(createTokenVerifier(config.auth), createUserProvisioner(store)));
  api.use(identityRoutes(store));
  api.use(dashboardsRoutes(routeDeps));
  api.use(widgetDataRoutes(routeDeps));
  api.use(publicLinksRoutes(routeDeps));
  api.use(unknownRoute);
  app.use('/api', api);

  if (existsSync(BROWSER_DIST)) {
    app.use('/assets', assetRoutes(BROWSER_DIST));
  }
  if (config.demo) {
    app.get('/', (_req, res) => res.redirect(`${basePath}/demo/`));
    app.use('/demo', express.static(DEMO_DIR, { extensions: ['html'] }));
  }

  app.use(unknownRoute);
  app.use(errorHandler(logger));
  return app;
}

/**
 * Every service that keeps state, built once for this app: caches, queues, limits and keys belong to it alone, so a
 * second app in the same process (tests build several) shares nothing with the first. What must be finished on
 * shutdown registers with the lifecycle (closed in reverse order: the audit queue is flushed first).
 */
function buildServices(deps: AppDeps, lifecycle: Lifecycle): ServiceDeps {
  const { store, config, logger } = deps;
  const widgetResults = new WidgetResults({
    maxAgeSeconds: config.publicCacheSeconds,
    maxBytes: config.resultCacheBytes,
    concurrency: config.queryConcurrency,
    queue: config.queryQueue,
    perClient: config.queryPerClient,
    logger,
  });
  lifecycle.onClose(() => widgetResults.close());
  const auditWriter = new AuditWriter({ store, logger });
  lifecycle.onClose(() => auditWriter.close());
  // Read (or create, on first start) the link secrets now: a broken secrets file stops start-up, not a viewer.
  const linkSecrets = loadLinkSecrets(config, logger);
  return {
    store,
    config,
    logger,
    now: deps.now ?? (() => new Date()),
    widgetResults,
    exportGate: new QueryGate(config.exportConcurrency, config.exportConcurrency * 2, 'exports'),
    exportLimits: new ExportLimits(),
    auditWriter,
    linkSecrets,
    passcodeSessions: new PasscodeSessions(linkSecrets, store),
    passcodeLimits: new PasscodeLimits(store),
    guessingLimits: new GuessingLimits({ perWindow: config.linkGuessLimit, logger }),
    framePolicy: createFramePolicy(config),
    publicViews: new PublicViewCache(),
  };
}

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
