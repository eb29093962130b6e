/**
 * The browser bundles under /assets, loadable from any site (`<script type="module" src="https://atlas…/assets/atlas.js">`
 * is a CORS request, and a page with COEP needs CORP). Chunks carry a content hash in their name and never change:
 * cached for a year, immutable. Entry names (atlas.js, define/*.js) stay the same across releases: a short cache
 * with revalidation (ETag), so a deployment's new version reaches pages within minutes.
 */
import express, { Router } from 'express';
import { notFound } from '../errors.js';
import { assetsCors } from './cors.js';

export const ENTRY_MAX_AGE_SECONDS = 300;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const ENTRY = `public, max-age=${ENTRY_MAX_AGE_SECONDS}, must-revalidate`;

export function assetRoutes(dir: string): Router {
  const router = Router();
  router.use(assetsCors);
  router.use((_req, res, next) => {
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    next();
  });
  router.use(
    express.static(dir, {
      // A missing file falls through to the JSON 404 below (serve-static's own error would be an untyped 404).
      fallthrough: true,
      index: false,
      cacheControl: false,
      setHeaders(res, path) {
        res.setHeader('Cache-Control', /[/\\]chunks[/\\]/.test(path) ? IMMUTABLE : ENTRY);
      },
    }),
  );
  router.use((_req, _res, next) => next(notFound('No such asset.')));
  return router;
}
