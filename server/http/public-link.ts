/**
 * The public-link middleware (SPEC L3–L5, V1, V5): every public route starts here, in one order.
 *
 * 1. Open the request's audit record (public-audit.ts), so even a refused request has its row.
 * 2. Validate the path, query and body FIRST: a malformed request is a 400 before the database is read, and its
 *    answer cannot depend on the token.
 * 3. Resolve token → link → dashboard once. Unknown, malformed, revoked, paused, expired and retired (rotated)
 *    tokens do the same work (one HMAC, one
 *    indexed lookup) and get the same 403 with the deployment's frame-ancestors; only a live link's own list of
 *    framing sites replaces it.
 * 4. Where the route needs it, the passcode session: a Bearer header or this link's partitioned cookie. A cookie the
 *    link no longer accepts is cleared, so the browser stops sending it. The session's id goes into the audit row.
 *
 * The result is a typed value on `res.locals`, read back through the object that put it there: a route mounts
 * `link.open` and its handler reads `link.of(res)`.
 */
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { bearerToken } from '../auth/authenticate.js';
import { AppError } from '../errors.js';
import { parse } from './validate.js';
import type { ServiceDeps } from '../services/deps.js';
import { lookupLink, refusedAs, requireSession, usableLink, type OpenedLink } from '../services/public-access.js';
import type { AuditedRoute, AuditRecord, PublicAudit } from './public-audit.js';
import { clientAddress } from './client-address.js';
import { setLinkFrameAncestors, type PublicSurface } from './public-headers.js';
import { clearSessionCookie, sessionFromCookie } from './session-cookie.js';

export interface PublicLinkContext<P, Q, B> extends OpenedLink {
  params: P;
  query: Q;
  body: B;
  audit: AuditRecord;
}

export interface PublicLinkOptions<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  /** The route's name in the audit log. */
  route: AuditedRoute;
  /** Path parameters, `token` included (never length-checked: an absurd token gets the 403 of any unknown one). */
  params: P;
  /** The query string; without a schema it is not read. */
  query?: Q;
  /** A JSON body (parsed here, within `bodyLimit`); without a schema none is read. */
  body?: B;
  bodyLimit?: string;
  /** Whether a protected link needs its passcode session here (data routes do; the page and the exchange do not). */
  session: boolean;
  /** Which frame-ancestors header a link's own list replaces: the page's full CSP or the API's. */
  surface: PublicSurface;
}

export interface PublicLinkStep<P, Q, B> {
  /** The middleware; mount it before the route's handler. */
  readonly open: RequestHandler;
  /** What `open` found for this request. */
  of(res: Response): PublicLinkContext<P, Q, B>;
}

type LinkDeps = Pick<
  ServiceDeps,
  'store' | 'linkSecrets' | 'passcodeSessions' | 'framePolicy' | 'guessingLimits' | 'now'
>;

const LOCALS_KEY = 'publicLink';

export function publicLinkMiddleware(deps: LinkDeps, audit: PublicAudit) {
  /** L4/L5: a protected link needs its current session; a cookie the link refuses is cleared. */
  const admit = async (req: Request, res: Response, opened: OpenedLink): Promise<string | undefined> => {
    if (!opened.link.passcodeEnabled) return undefined;
    const cookie = sessionFromCookie(req, opened.link.id);
    try {
      return await requireSession(deps, opened.link, bearerToken(req.headers.authorization), cookie);
    } catch (err) {
      if (cookie) clearSessionCookie(res, opened.link.id);
      throw err;
    }
  };

  return function publicLink<
    P extends z.ZodType<{ token: string }>,
    Q extends z.ZodType = z.ZodUndefined,
    B extends z.ZodType = z.ZodUndefined,
  >(options: PublicLinkOptions<P, Q, B>): PublicLinkStep<z.output<P>, z.output<Q>, z.output<B>> {
    const jsonBody = options.body ? express.json({ limit: options.bodyLimit ?? '2kb', strict: true }) : undefined;
    const open: RequestHandler = async (req, res, next) => {
      const record = audit.open(options.route, req, res);
      if (jsonBody) await runMiddleware(jsonBody, req, res);
      const params = parse(options.params, req.params, 'path');
      const query = options.query ? parse(options.query, req.query, 'query') : undefined;
      const body = options.body ? parse(options.body, req.body ?? {}, 'body') : undefined;
      const found = await lookupLink(deps, params.token);
      record.link = found.link;
      record.outcome = refusedAs(found, deps.now());
      let opened: OpenedLink;
      try {
        opened = usableLink(deps, found);
      } catch (err) {
        // Issue 18: an address scanning for tokens gets 429 instead of this 403 once past its limit. Only a token
        // that matches no link counts (a retired token of a rotated link is a link's, like a revoked one).
        if (err instanceof AppError && err.code === 'link_unavailable')
          deps.guessingLimits.unavailable(clientAddress(req), found.link === undefined, deps.now());
        throw err;
      }
      record.live = true;
      if (opened.link.frameAncestors)
        setLinkFrameAncestors(res, options.surface, deps.framePolicy.sourcesFor(opened.link.frameAncestors));
      if (options.session) record.sessionId = await admit(req, res, opened);
      const context: PublicLinkContext<unknown, unknown, unknown> = { ...opened, params, query, body, audit: record };
      res.locals[LOCALS_KEY] = context;
      next();
    };
    return {
      open,
      of: (res) => {
        const context = res.locals[LOCALS_KEY] as PublicLinkContext<z.output<P>, z.output<Q>, z.output<B>> | undefined;
        if (!context) throw new Error('the public-link middleware has not run for this request');
        return context;
      },
    };
  };
}

/** Runs a connect-style middleware (the JSON body parser) inside ours, its error thrown. */
function runMiddleware(middleware: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void middleware(req, res, (err?: unknown) => (err ? reject(err as Error) : resolve()));
  });
}
