import { Router } from 'express';
import { currentUser } from '../auth/authenticate.js';
import { sendExport, sendJsonBytes } from '../http/send.js';
import { dataQuery, exportParams, widgetDataParams } from '../schemas/requests.js';
import { dashboardExport, widgetData } from '../services/dashboard-data.js';
import type { RouteDeps } from './deps.js';
import { parse } from './validate.js';

/** The signed-in widget data and XLSX export routes (issue 4; SPEC P4, V3, V6): checks live in the service. */
export function widgetDataRoutes(deps: RouteDeps): Router {
  const router = Router();

  router.get('/dashboards/:id/widgets/:widgetId/data', async (req, res) => {
    const params = parse(widgetDataParams, req.params, 'path');
    const query = parse(dataQuery, req.query, 'query');
    const result = await widgetData(deps, currentUser(res), params.id, params.widgetId, query.filters);
    sendJsonBytes(res, result.body);
  });

  router.get('/dashboards/:id/export.xlsx', async (req, res) => {
    const params = parse(exportParams, req.params, 'path');
    const query = parse(dataQuery, req.query, 'query');
    await sendExport(res, await dashboardExport(deps, currentUser(res), params.id, query.filters));
  });

  return router;
}
