import { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { AppError } from '../errors.js';
import { clientAddress } from '../http/client-address.js';
import { auditRecordOf, createPublicAudit } from '../http/public-audit.js';
import { publicHeaders } from '../http/public-headers.js';
import { publicLinkMiddleware } from '../http/public-link.js';
import { tooManyAttemptsPage, unavailablePage, viewerPage } from '../http/public-page.js';
import { sendExport, sendTaggedJson } from '../http/send.js';
import { setSessionCookie } from '../http/session-cookie.js';
import {
  dataQuery,
  publicPageQuery,
  publicSessionBody,
  publicTokenParams,
  publicWidgetParams,
} from '../schemas/requests.js';
import { sessionClient } from '../services/link-sessions.js';
import { startSession } from '../services/public-access.js';
import { preparePublicExport, publicDashboardBody, publicWidgetData } from '../services/public-dashboard.js';
import type { RouteDeps } from './deps.js';

/**
 * The public routes (SPEC L3–L8, V1, V5, V6), mounted at the root BEFORE authentication. They answer only for the one
 * dashboard a link belongs to, never call into the signed-in routes, and end every /api/public path here (an unknown
 * one is a 404, not a fall-through into /api and its auth middleware). Each route's link, session and audit record
 * come from the public-link middleware (http/public-link.ts); each commits its audit row before it answers.
 */
export function publicRoutes(deps: RouteDeps): Router {
  // Case-sensitive (issue 18 item 3): a link has one URL, the one the server hands out. Another spelling
  // (`/PUBLIC/…`) is a 404 below, so a proxy rule or limit written for `/public/` cannot be side-stepped by case.
  const router = Router({ caseSensitive: true });
  const audit = createPublicAudit(deps.auditWriter, deps.now);
  const publicLink = publicLinkMiddleware(deps, audit);

  router.get('/robots.txt', (_req, res) => {
    res.type('text/plain').send('User-agent: *\nDisallow: /public/\nDisallow: /api/public/\n');
  });
  router.use('/api/public', publicHeaders(deps.config, 'api'));
  router.use('/public', publicHeaders(deps.config, 'page'));

  // The layout: the request a wall screen repeats all day. Serialized (and its ETag computed) once per kept view.
  const layout = publicLink({ route: 'dashboard', params: publicTokenParams, session: true, surface: 'api' });
  router.get('/api/public/:token', layout.open, async (req, res) => {
    const { link, dashboard, audit } = layout.of(res);
    const body = await publicDashboardBody(deps, link, dashboard);
    await audit.settle();
    sendTaggedJson(req, res, body);
  });

  // L5/L6: the passcode exchange; it also sets the session as a partitioned cookie (a third-party iframe).
  const session = publicLink({
    route: 'session',
    params: publicTokenParams,
    body: publicSessionBody,
    session: false,
    surface: 'api',
  });
  router.post('/api/public/:token/session', session.open, async (req, res) => {
    const { link, body, audit } = session.of(res);
    const address = clientAddress(req);
    const client = sessionClient(deps.linkSecrets, address, req.headers['user-agent']);
    const issued = await startSession(deps, link, body.passcode, address, client);
    audit.sessionId = issued.id;
    await audit.settle();
    setSessionCookie(res, link.id, issued.session, (Date.parse(issued.expiresAt) - deps.now().getTime()) / 1000);
    res.json({ session: issued.session, expiresAt: issued.expiresAt });
  });

  const data = publicLink({
    route: 'widget_data',
    params: publicWidgetParams,
    query: dataQuery,
    session: true,
    surface: 'api',
  });
  router.get('/api/public/:token/widgets/:widgetId/data', data.open, async (req, res) => {
    const { link, dashboard, params, query, audit } = data.of(res);
    const result = await publicWidgetData(deps, link, dashboard, params.widgetId, query.filters, clientAddress(req));
    await audit.settle();
    sendTaggedJson(req, res, result);
  });

  const workbook = publicLink({
    route: 'export',
    params: publicTokenParams,
    query: dataQuery,
    session: true,
    surface: 'api',
  });
  router.get('/api/public/:token/export.xlsx', workbook.open, async (req, res) => {
    const { link, dashboard, query, audit } = workbook.of(res);
    const prepared = await preparePublicExport(deps, link, dashboard, query.filters, clientAddress(req));
    await sendExport(res, prepared, () => audit.settle());
  });

  // Nothing under /api/public may fall through to the signed-in API.
  router.use('/api/public', (req, _res, next) => {
    // Never the path in the message: it may hold a token (issue 18 item 3).
    next(new AppError(404, 'not_found', `No public route matches this ${req.method} request.`));
  });

  // V5: the iframe-embeddable page. Served for protected links too: the element asks for the passcode.
  const page = publicLink({
    route: 'page',
    params: publicTokenParams,
    query: publicPageQuery,
    session: false,
    surface: 'page',
  });
  const servePage: RequestHandler = async (_req, res) => {
    const { params, query, audit } = page.of(res);
    const kiosk = query.kiosk === '1' || query.kiosk === 'true' || query.kiosk === '';
    await audit.settle();
    res.type('html').send(viewerPage(params.token, kiosk, deps.basePath));
  };
  router.get('/public/:token', page.open, servePage, unavailableAsPage);

  router.use(audit.settleRefusal);

  // Other spellings of the public prefixes end here too, never in the signed-in API or its authentication.
  const outer = Router();
  outer.use(router);
  outer.use(['/public', '/api/public'], (req, _res, next) => {
    next(new AppError(404, 'not_found', `No public route matches this ${req.method} request.`));
  });
  return outer;
}

/**
 * L3: an unusable link's page is the same styled 403 page, whatever the token was; its audit row first. Past the
 * token-guessing limit (issue 18) a browser gets a styled 429 page with Retry-After, not a JSON error.
 */
const unavailableAsPage: ErrorRequestHandler = async (err: unknown, _req, res, next) => {
  const record = auditRecordOf(res);
  if (!(err instanceof AppError) || !record) return next(err);
  if (err.code === 'link_unavailable') {
    record.outcome ??= 'unavailable'; // `paused` or `expired` when the middleware named it so (issue 16)
    await record.settle();
    res.status(403).type('html').send(unavailablePage());
    return;
  }
  if (err.code === 'too_many_attempts') {
    record.outcome = 'rate_limited';
    await record.settle();
    for (const [name, value] of Object.entries(err.headers ?? {})) res.setHeader(name, value);
    res
      .status(429)
      .type('html')
      .send(tooManyAttemptsPage(Number(err.headers?.['Retry-After'] ?? 60)));
    return;
  }
  next(err);
};
