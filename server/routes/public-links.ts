import { Router } from 'express';
import type { RouteDeps } from './deps.js';

/** The owner routes for public links (issue 5). */
export function publicLinksRoutes(_deps: RouteDeps): Router {
  const router = Router();
  return router;
}
