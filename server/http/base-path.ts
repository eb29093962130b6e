/**
 * A server published under a path (ATLAS_PUBLIC_URL=https://intranet.example.com/atlas). Reverse proxies differ:
 * some strip the prefix before forwarding, some keep it. The server accepts both: a request path that starts with the
 * prefix is served as if the prefix were not there, and every URL the server writes into a page (assets, API base,
 * redirects, link URLs) carries the prefix, so the browser always asks the proxy for the prefixed path.
 */
import type { RequestHandler } from 'express';

/** The path of the public URL without its trailing slash: `/atlas`, or '' at the root. */
export function basePathOf(publicUrl: string): string {
  try {
    return new URL(publicUrl).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** Serves `<prefix>/x` as `/x`; paths without the prefix (a proxy that strips it) pass unchanged. */
export function stripBasePath(basePath: string): RequestHandler {
  return (req, _res, next) => {
    if (!basePath) return next();
    const url = req.url;
    if (url === basePath || url.startsWith(`${basePath}/`) || url.startsWith(`${basePath}?`)) {
      const rest = url.slice(basePath.length);
      req.url = rest.startsWith('/') ? rest : `/${rest}`;
    }
    next();
  };
}
