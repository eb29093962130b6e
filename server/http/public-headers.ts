/**
 * The headers of public responses (SPEC V5): no referrer leaks the token onward, search engines skip them, nothing is
 * cached (a revoked link must not keep answering from a cache), and who may frame them comes from the deployment
 * (ATLAS_FRAME_ANCESTORS) or, for a live link with its own list, from that list. Their cross-origin policy (`*`, never
 * credentials) lives with every other CORS rule in http/cors.ts.
 */
import type { RequestHandler, Response } from 'express';
import type { Config } from '../config.js';
import { publicApiCors } from './cors.js';

/** The served page runs only our own script; these directives never change, only who may frame it does. */
const PAGE_CSP_BASE = [
  "default-src 'self'",
  "script-src 'self'",
  // The viewer page and the "unavailable" page (public-page.ts) each carry one inline <style>.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** Which public responses: the JSON API (`/api/public`) or the served page (`/public`). */
export type PublicSurface = 'api' | 'page';

const cspFor = (surface: PublicSurface, frameAncestors: string) =>
  surface === 'page' ? `${PAGE_CSP_BASE}; frame-ancestors ${frameAncestors}` : `frame-ancestors ${frameAncestors}`;

/** The headers every public response of a surface starts with; the deployment's frame-ancestors. */
export function publicHeaders(config: Pick<Config, 'frameAncestors'>, surface: PublicSurface): RequestHandler {
  const csp = cspFor(surface, config.frameAncestors);
  const headers: RequestHandler = (_req, res, next) => {
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', csp);
    next();
  };
  if (surface === 'page') return headers;
  return (req, res, next) => headers(req, res, () => publicApiCors(req, res, next));
}

/**
 * A live link with its own list of sites replaces the deployment's frame-ancestors (already within it: see
 * services/frame-ancestors.ts). Unknown and revoked tokens never get here, so the header reveals nothing.
 */
export function setLinkFrameAncestors(res: Response, surface: PublicSurface, sources: string): void {
  res.setHeader('Content-Security-Policy', cspFor(surface, sources));
}
