import { Router } from 'express';
import type { RouteDeps } from './deps.js';

/** The dashboards, widgets and sharing routes (issue 3). */
export function dashboardsRoutes(_deps: RouteDeps): Router {
  const router = Router();
  return router;
}
