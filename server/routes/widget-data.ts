import { Router } from 'express';
import type { RouteDeps } from './deps.js';

/** The signed-in widget data and XLSX export routes (issue 4). */
export function widgetDataRoutes(_deps: RouteDeps): Router {
  const router = Router();
  return router;
}
