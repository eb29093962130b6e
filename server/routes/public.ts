import { Router } from 'express';
import type { RouteDeps } from './deps.js';

/** The public routes: /api/public/*, /public/:token, /robots.txt (issue 5); mounted before authentication. */
export function publicRoutes(_deps: RouteDeps): Router {
  const router = Router();
  return router;
}
