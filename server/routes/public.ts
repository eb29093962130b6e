import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { bearerToken } from '../auth/authenticate.js';
import { AppError } from '../errors.js';
import type { Config } from '../config.js';
import { dataQuery, publicPageQuery, publicSessionBody, publicWidgetParams } from '../schemas/requests.js';
import { lookupLink, requireSession, startSession, usableLink } from '../services/public-access.js';
import { preparePublicExport, publicDashboardBody, publicWidgetData } from '../services/public-dashboard.js';
import { exportFileName } from '../services/xlsx-export.js';
import type { AuditOutcome, Dashboard, PublicLink } from '../store/types.js';
import type { RouteDeps } from './deps.js';
import { unavailablePage } from './public-page.js';
import { parse } from './validate.js';
import { publicApiCors } from '../http/cors.js';
import { clearSessionCookie, sessionFromCookie, setSessionCookie } from '../http/session-cookie.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const VIEWER_SCRIPT = '/assets/define/atlas-public-viewer.js';

/** Route names in the audit log (`route` column). The store counts `dashboard` and `export` as uses of a link. */
type AuditedRoute = 'page' | 'dashboard' | 'session' | 'widget_data' | 'export';

interface AuditScope {
  route: AuditedRoute;
  link: PublicLink | undefined;
  /** The link is live (not revoked, its dashboard exists). */
  live: boolean;
  outcome: AuditOutcome | undefined;
  /** Commits this request's audit row (once); the response is sent only after it resolves. */
  settle(): Promise<void>;
}

const OUTCOME_BY_CODE: Record<string, AuditOutcome> = {
  link_unavailable: 'unavailable',
  passcode_required: 'passcode_required',
  wrong_passcode: 'wrong_passcode',
  too_many_attempts: 'rate_limited',
};

/** A live link and its dashboard. */
type Opened = { link: PublicLink; dashboard: Dashboard };

const scopeOf = (res: Response): AuditScope => res.locals.publicAudit as AuditScope;

/**
 * The public routes (SPEC L3–L8, V1, V5, V6), mounted at the root BEFORE authentication. They answer only for the one
 * dashboard a link belongs to, never call into the signed-in routes, and end every /api/public path here (an unknown
 * one is a 404, not a fall-through into /api and its auth middleware).
 */
export function publicRoutes(deps: RouteDeps): Router {
  const router = Router();
  const audit = deps.auditWriter;
  const frames = deps.framePolicy;
  // Under a path prefix the page must load its script and call the API through the prefix too.
  const { basePath } = deps;

  /**
   * Opens the audit record of this request. It is committed by `settle()` before the answer is sent (success or
   * error), so a client never holds a response whose row could still be lost (L8, O4). A request the client abandons
   * before an answer is still recorded when its connection closes.
   */
  const openAudit = (route: AuditedRoute, req: Request, res: Response): AuditScope => {
    const at = deps.now().toISOString();
    let committed: Promise<void> | undefined;
    const scope: AuditScope = {
      route,
      link: undefined,
      live: false,
      outcome: undefined,
      settle: () =>
        (committed ??= audit.commit({
          linkId: scope.link?.id ?? null,
          dashboardId: scope.link?.dashboardId ?? null,
          at,
          clientAddress: clientAddress(req.ip, req.socket.remoteAddress),
          userAgent: req.headers['user-agent'] ?? '',
          route,
          // A request refused for a reason of its own (bad filters, a widget not public) was still let in: 'ok'.
          outcome: scope.outcome ?? (scope.live ? 'ok' : 'unavailable'),
        })),
    };
    res.locals.publicAudit = scope;
    res.once('close', () => {
      if (!committed) void scope.settle().catch(() => {});
    });
    return scope;
  };
  const audited =
    (route: AuditedRoute): RequestHandler =>
    (req, res, next) => {
      openAudit(route, req, res);
      next();
    };

  /**
   * L3: the token's link, if live. Unknown and revoked tokens do the same work and get the same 403, with the
   * deployment's frame-ancestors (V5): only a live link's own list replaces it, so the header reveals nothing.
   */
  const liveLink = async (req: Request, res: Response, scope: AuditScope): Promise<Opened> => {
    // No length check here: an absurd token must get the same 403 as any other unknown one, not a 400.
    scope.link = await lookupLink(deps, String(req.params.token ?? ''));
    const opened = await usableLink(deps, scope.link);
    scope.live = true;
    if (opened.link.frameAncestors)
      res.setHeader('Content-Security-Policy', `frame-ancestors ${frames.sourcesFor(opened.link.frameAncestors)}`);
    return opened;
  };
  const openLink: RequestHandler = async (req, res, next) => {
    res.locals.publicLink = await liveLink(req, res, scopeOf(res));
    next();
  };

  /**
   * L4/L5: a protected link needs this link's current session, as a Bearer header or as its partitioned cookie (a
   * third-party iframe without storage); a live link without a passcode needs nothing. A cookie the link no longer
   * accepts is cleared, so the browser stops sending it.
   */
  const admit = async (req: Request, res: Response, opened: Opened): Promise<Opened> => {
    if (!opened.link.passcodeEnabled) return opened;
    const cookie = sessionFromCookie(req, opened.link.id);
    try {
      await requireSession(deps, opened.link, bearerToken(req.headers.authorization), cookie);
    } catch (err) {
      if (cookie) clearSessionCookie(res, opened.link.id);
      throw err;
    }
    return opened;
  };

  /**
   * A link's read route as ONE handler (audit record, live link, session, then `handle`): these are the requests a
   * wall screen repeats all day, and each extra router hop and promise costs there. Errors reach `auditOutcome`.
   */
  const linkRead =
    (
      route: AuditedRoute,
      handle: (req: Request, res: Response, opened: Opened, scope: AuditScope) => Promise<void>,
    ): RequestHandler =>
    async (req, res) => {
      const scope = openAudit(route, req, res);
      await handle(req, res, await admit(req, res, await liveLink(req, res, scope)), scope);
    };

  router.get('/robots.txt', (_req, res) => {
    res.type('text/plain').send('User-agent: *\nDisallow: /public/\nDisallow: /api/public/\n');
  });

  router.use('/api/public', publicApiHeaders(deps.config));
  router.use('/public', publicPageHeaders(deps.config));

  router.get(
    '/api/public/:token',
    linkRead('dashboard', async (req, res, { link, dashboard }, scope) => {
      // Serialized (and its ETag computed) once per cached view; a viewer that has it gets 304.
      const body = await publicDashboardBody(deps, link, dashboard);
      await scope.settle();
      sendJson(req, res, body);
    }),
  );

  router.post(
    '/api/public/:token/session',
    audited('session'),
    openLink,
    express.json({ limit: '2kb', strict: true }),
    async (req, res) => {
      const { link } = res.locals.publicLink as Opened;
      const body = parse(publicSessionBody, req.body ?? {}, 'body');
      const issued = await startSession(deps, link, body.passcode, clientAddress(req.ip, req.socket.remoteAddress));
      scopeOf(res).outcome = 'ok';
      await scopeOf(res).settle();
      setSessionCookie(res, link.id, issued.session, (Date.parse(issued.expiresAt) - deps.now().getTime()) / 1000);
      res.json(issued);
    },
  );

  router.get(
    '/api/public/:token/widgets/:widgetId/data',
    linkRead('widget_data', async (req, res, { link, dashboard }, scope) => {
      const params = parse(publicWidgetParams, req.params, 'path');
      const query = parse(dataQuery, req.query, 'query');
      const result = await publicWidgetData(deps, link, dashboard, params.widgetId, query.filters);
      await scope.settle();
      sendJson(req, res, result);
    }),
  );

  router.get(
    '/api/public/:token/export.xlsx',
    linkRead('export', async (req, res, { dashboard, link }, scope) => {
      const query = parse(dataQuery, req.query, 'query');
      const exported = await preparePublicExport(deps, link, dashboard, query.filters);
      // Budgets per client and per link (429), then the export gate (503 when full), before a byte is sent.
      deps.exportLimits.admit(link.id, clientAddress(req.ip, req.socket.remoteAddress), deps.now().getTime());
      await deps.exportGate.run(async () => {
        await scope.settle();
        res.setHeader('Content-Type', XLSX_TYPE);
        res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(dashboard.title)}"`);
        await exported.write(res);
        res.end();
      });
    }),
  );

  // Nothing under /api/public may fall through to the signed-in API.
  router.use('/api/public', (req, _res, next) => {
    next(new AppError(404, 'not_found', `No public route for ${req.method} ${req.path.replace(/^\/[^/]+/, '/…')}.`));
  });

  /** V5: the iframe-embeddable page. It is served for protected links too: the element asks for the passcode. */
  router.get('/public/:token', audited('page'), async (req, res) => {
    const token = String(req.params.token ?? '');
    const scope = scopeOf(res);
    scope.link = await lookupLink(deps, token);
    try {
      await usableLink(deps, scope.link);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'link_unavailable') throw err;
      scope.outcome = 'unavailable';
      await scope.settle();
      res.status(403).type('html').send(unavailablePage());
      return;
    }
    scope.live = true;
    const { frameAncestors } = scope.link!;
    if (frameAncestors) res.setHeader('Content-Security-Policy', pageCsp(frames.sourcesFor(frameAncestors)));
    const query = parse(publicPageQuery, req.query, 'query');
    const kiosk = query.kiosk === '1' || query.kiosk === 'true' || query.kiosk === '';
    await scope.settle();
    res.type('html').send(viewerPage(token, kiosk, basePath));
  });

  /** Names the outcome of a refused request for its audit row, then lets the app's error handler answer. */
  const auditOutcome: ErrorRequestHandler = (err, _req, res, next) => {
    const scope = res.locals.publicAudit as AuditScope | undefined;
    if (!scope || res.headersSent) return next(err);
    if (!scope.outcome && err instanceof AppError && OUTCOME_BY_CODE[err.code])
      scope.outcome = OUTCOME_BY_CODE[err.code];
    // The error answer waits for its row too; if the row cannot be written, that failure is the answer.
    scope.settle().then(
      () => next(err),
      (auditErr: unknown) => next(auditErr),
    );
  };
  router.use(auditOutcome);
  return router;
}

/**
 * Sends a kept JSON body with its ETag, or 304 when the viewer already has it. `private, no-cache`: a browser may keep
 * it but must ask every time, and the server decides access before it compares the ETag, so a revoked link still gets
 * its 403 on the very next request; shared caches keep nothing.
 */
function sendJson(req: Request, res: Response, result: { body: Buffer; etag: string }): void {
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('ETag', result.etag);
  if (etagMatches(req.headers['if-none-match'], result.etag)) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', result.body.length);
  res.end(result.body);
}

/** `If-None-Match` (a list, `*`, or weak tags) against our strong tag: weak comparison, as RFC 9110 says for GET. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** `req.ip` honours 'trust proxy' (config.trustProxyHops), so X-Forwarded-For counts only through known proxies. */
function clientAddress(ip: string | undefined, socketAddress: string | undefined): string {
  return (ip ?? socketAddress ?? 'unknown').slice(0, 64);
}

/**
 * V5 for the public API: no referrer leaks the token onward, search engines skip it, nothing is cached (a revoked
 * link must not keep answering from a cache), any page may embed it. Its cross-origin policy (`*`, never
 * credentials) lives with every other CORS rule in http/cors.ts.
 */
function publicApiHeaders(config: Config): RequestHandler {
  const csp = `frame-ancestors ${config.frameAncestors}`;
  const headers: RequestHandler = (_req, res, next) => {
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', csp);
    next();
  };
  return (req, res, next) => headers(req, res, () => publicApiCors(req, res, next));
}

/** The served page runs only our own script; these directives never change, only who may frame it does. */
const PAGE_CSP_BASE = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
const pageCsp = (frameAncestors: string) => `${PAGE_CSP_BASE}; frame-ancestors ${frameAncestors}`;

/** V5 for the served page: embeddable by the configured ancestors (a link with its own list narrows it in the route). */
function publicPageHeaders(config: Config): RequestHandler {
  const csp = pageCsp(config.frameAncestors);
  return (_req, res, next) => {
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', csp);
    next();
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const PAGE_HEAD = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>Shared dashboard</title>
<style>html,body{margin:0;min-height:100%;font-family:system-ui,sans-serif}atlas-public-viewer{display:block;min-height:100vh}</style>`;

/** The title stays generic: the page is served before any passcode is given, so it names nothing of the dashboard. */
function viewerPage(token: string, kiosk: boolean, basePath: string): string {
  return `${PAGE_HEAD}
<script type="module" src="${escapeHtml(basePath + VIEWER_SCRIPT)}"></script>
</head>
<body>
<atlas-public-viewer token="${escapeHtml(token)}" api-base="${escapeHtml(basePath)}/api"${kiosk ? ' kiosk' : ''}></atlas-public-viewer>
<noscript>This shared dashboard needs JavaScript.</noscript>
</body>
</html>
`;
}
