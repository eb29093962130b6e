import { Router } from 'express';
import { authorize, authorizeDataSourceRead, dataSourceAccess } from '../auth/authorization.js';
import { currentUser } from '../auth/authenticate.js';
import { dataQuery, exportParams, widgetDataParams } from '../schemas/requests.js';
import { parseFilterValues } from '../services/filters.js';
import { loadWidget } from '../services/widget-data.js';
import { exportFileName, writeDashboardXlsx, type ExportWidget } from '../services/xlsx-export.js';
import type { RouteDeps } from './deps.js';
import { parse } from './validate.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The signed-in widget data and XLSX export routes (issue 4; SPEC P4, V3, V6). */
export function widgetDataRoutes({ store, widgetResults, exportGate }: RouteDeps): Router {
  const router = Router();

  router.get('/dashboards/:id/widgets/:widgetId/data', async (req, res) => {
    const params = parse(widgetDataParams, req.params, 'path');
    const query = parse(dataQuery, req.query, 'query');
    const user = currentUser(res);
    const { dashboard } = await authorize(store, user, params.id, 'view');
    const filterValues = parseFilterValues(query.filters, dashboard);
    const { widget, dataSource } = await loadWidget(store, dashboard.id, params.widgetId);
    // P4: the dashboard role is not enough; the user's project role must be allowed to read the source.
    authorizeDataSourceRead(user, dataSource);
    // Decided above for this user; the kept result depends only on the query, never on who asked (widget-results.ts).
    const result = await widgetResults.get(
      store,
      { dashboard, widget, dataSource, filterValues },
      dashboard.refreshInterval,
    );
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', result.body.length);
    res.end(result.body);
  });

  router.get('/dashboards/:id/export.xlsx', async (req, res) => {
    const params = parse(exportParams, req.params, 'path');
    const query = parse(dataQuery, req.query, 'query');
    const user = currentUser(res);
    const { dashboard } = await authorize(store, user, params.id, 'export');
    const filterValues = parseFilterValues(query.filters, dashboard);
    const widgets: ExportWidget[] = [];
    for (const widget of await store.listWidgets(dashboard.id)) {
      const dataSource = await store.getDataSource(widget.dataSourceId);
      if (!dataSource) continue;
      widgets.push({
        widget,
        dataSource,
        access: dataSourceAccess(user, dataSource),
      });
    }
    await exportGate.run(async () => {
      res.setHeader('Content-Type', XLSX_TYPE);
      res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(dashboard.title)}"`);
      await writeDashboardXlsx(store, res, { dashboard, widgets, filterValues });
      res.end();
    });
  });

  return router;
}
