/**
 * Security headers (helmet), one policy per route family. The path decides the family exactly as routing does
 * (public routes are case-sensitive, routes/public.ts), so a response that is not a public one never gets a public
 * one's looser framing rules.
 *
 * - api: the signed-in JSON API. Never framed (`frame-ancestors 'none'` and `X-Frame-Options: DENY`).
 * - pages: host and demo pages, /healthz, robots.txt, every 404. Never framed, same policy as the API (item 8a:
 *   X-Frame-Options for browsers without CSP frame-ancestors).
 * - assets: the browser bundles, loadable from any site (`Cross-Origin-Resource-Policy: cross-origin`).
 * - public-page, public-api: public links. Their CSP (the page's strict one, and frame-ancestors from the deployment
 *   or the link's own list) is set by http/public-headers.ts and left alone here; no X-Frame-Options, which cannot
 *   name the sites a link allows and would forbid every embedding. The public API's JSON answers skip the headers
 *   only documents act on (DOCUMENT_ONLY).
 *
 * Strict-Transport-Security only when ATLAS_PUBLIC_URL is https (a plain-http demo must stay reachable), for this
 * host only: a deployment decides about its other subdomains itself.
 */
import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.js';

export type RouteFamily = 'api' | 'pages' | 'assets' | 'public-page' | 'public-api';

/** The family of a path inside the app (after the base path was taken off). Case-sensitive, as routing is. */
export function routeFamily(path: string): RouteFamily {
  if (path === '/api/public' || path.startsWith('/api/public/')) return 'public-api';
  if (path === '/public' || path.startsWith('/public/')) return 'public-page';
  if (path === '/api' || path.startsWith('/api/')) return 'api';
  if (path.startsWith('/assets/')) return 'assets';
  return 'pages';
}

const NOT_FRAMED: HelmetOptions = {
  // Only frame-ancestors, as before helmet: host and demo pages run inline module scripts, and a JSON answer loads
  // nothing; helmet insists on a default-src unless told otherwise.
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc,
      frameAncestors: ["'none'"],
    },
  },
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'same-origin' },
};

const PUBLIC: HelmetOptions = {
  contentSecurityPolicy: false,
  xFrameOptions: false,
  // `no-referrer`, set with the other public headers (public-headers.ts): once per response, not twice.
  referrerPolicy: false,
  // Embedded by any site the link allows, including pages isolated with COEP.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
};

/**
 * Headers that only a document (a page in a window or frame) acts on: a JSON answer is never one, so they are only
 * bytes on it. The public API is the answer a thousand wall screens repeat all day (issue 13), and sends them not.
 */
const DOCUMENT_ONLY: HelmetOptions = {
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

const FAMILIES: Record<RouteFamily, HelmetOptions> = {
  api: NOT_FRAMED,
  pages: NOT_FRAMED,
  assets: { ...NOT_FRAMED, crossOriginResourcePolicy: { policy: 'cross-origin' } },
  'public-page': PUBLIC,
  'public-api': { ...PUBLIC, ...DOCUMENT_ONLY } as HelmetOptions,
};

export function securityHeaders(config: Pick<Config, 'publicUrl'>): RequestHandler {
  const hsts: false | { maxAge: number; includeSubDomains: boolean } = config.publicUrl.startsWith('https:')
    ? { maxAge: 180 * 24 * 3600, includeSubDomains: false }
    : false;
  const byFamily = Object.fromEntries(
    Object.entries(FAMILIES).map(([family, options]) => [
      family,
      helmet({ ...options, strictTransportSecurity: hsts } as HelmetOptions),
    ]),
  ) as Record<RouteFamily, ReturnType<typeof helmet>>;
  return (req, res, next) => byFamily[routeFamily(req.path)](req, res, next);
}
