/**
 * Every cross-origin policy of the server, in one place (SPEC C6, V5), all through the `cors` middleware:
 *
 * - the signed-in API (`/api`) answers browsers only from the origins of ATLAS_ALLOWED_ORIGINS (exact origins or
 *   `https://*.example.com` for subdomains). The API is Bearer-only, so it never sends
 *   `Access-Control-Allow-Credentials`: no cookie ever authorizes a signed-in call. Other origins get no CORS header.
 * - the public API (`/api/public`) may be read from any page (`*`): it authorizes by the link token in the path and a
 *   Bearer passcode session, and `*` forbids credentialed reads, so a cross-site page can never ride a viewer's cookie.
 * - the browser bundles (`/assets`) load from any page with `<script type="module">`, which is a CORS request.
 *
 * Preflights are answered here, before authentication reads the request.
 */
import cors from 'cors';
import type { RequestHandler } from 'express';
import { formatLinkOrigin, parseLinkOrigin, type LinkOrigin } from '../schemas/frame-ancestors.js';

/** How long a browser may reuse a preflight answer (Chromium caps it at 2 hours, Firefox at 24). */
export const PREFLIGHT_MAX_AGE_SECONDS = 7200;
const API_METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
const API_HEADERS = ['Authorization', 'Content-Type', 'Accept'];
/** Response headers the elements read: rate limits, download names, request ids in error reports, cache validators. */
const EXPOSED_HEADERS = ['Retry-After', 'Content-Disposition', 'X-Request-Id', 'ETag'];

/** Parses ATLAS_ALLOWED_ORIGINS; throws an Error whose message names the first bad entry. */
export function parseAllowedOrigins(raw: string): LinkOrigin[] {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const parsed = parseLinkOrigin(entry);
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed.origin;
  });
}

export const formatAllowedOrigins = (origins: readonly LinkOrigin[]) => origins.map(formatLinkOrigin);

const DEFAULT_PORT = { http: 80, https: 443 } as const;

/** True when a browser's `Origin` header names a site on the list. Schemes must match exactly (no upgrade). */
export function originAllowed(allowed: readonly LinkOrigin[], origin: string | undefined): boolean {
  if (!origin || origin === 'null' || allowed.length === 0) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return false;
  // An Origin header is exactly scheme://host[:port]; anything else is not a browser's and is refused.
  if (url.origin !== origin) return false;
  const port = url.port === '' ? DEFAULT_PORT[scheme] : Number(url.port);
  return allowed.some((entry) => {
    if (entry.scheme !== scheme) return false;
    if ((entry.port ?? DEFAULT_PORT[entry.scheme]) !== port) return false;
    return entry.wildcard ? url.hostname.endsWith(`.${entry.host}`) : url.hostname === entry.host;
  });
}

/**
 * `/api`: only listed origins, Bearer only, never credentials. Every preflight ends here, before authentication: an
 * origin that is not listed gets a bare 204 without CORS headers (the browser then refuses the call), not a 401.
 */
export function signedInApiCors(allowed: readonly LinkOrigin[]): RequestHandler {
  const policy = cors({
    origin: (origin, callback) => callback(null, originAllowed(allowed, origin)),
    methods: API_METHODS,
    allowedHeaders: API_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
  });
  return (req, res, next) => {
    // The answer depends on Origin whether or not it is allowed: caches must key on it either way.
    res.vary('Origin');
    policy(req, res, () => {
      if (req.method !== 'OPTIONS') return next();
      res.status(204).setHeader('Content-Length', '0');
      res.end();
    });
  };
}

/** `/api/public`: any page may read a public link's data (the token authorizes, never a cookie cross-site). */
export const publicApiCors: RequestHandler = cors({
  origin: '*',
  methods: ['GET', 'POST'],
  allowedHeaders: API_HEADERS,
  exposedHeaders: EXPOSED_HEADERS,
  maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  optionsSuccessStatus: 204,
});

/** `/assets`: module scripts and their chunks load from any site. */
export const assetsCors: RequestHandler = cors({ origin: '*', methods: ['GET', 'HEAD'] });
