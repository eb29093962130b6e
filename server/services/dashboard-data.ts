/**
 * A signed-in user's widget data and XLSX export (SPEC P4, V3, V6): the dashboard role first (auth/authorization.ts),
 * then the filters against the dashboard's definitions, then, per widget, whether the user's project role may read
 * its data source. Transport-free: the route parses the request, calls one function here and sends what it returns.
 */
import { authorize, authorizeDataSourceRead, dataSourceAccess } from '../auth/authorization.js';
import type { UserWithMemberships } from '../store/types.js';
import type { ServiceDeps } from './deps.js';
import { parseFilterValues } from './filters.js';
import { loadWidget } from './widget-data.js';
import type { WidgetResult } from './widget-results.js';
import { gatedExport, writeDashboardXlsx, type ExportWidget, type PreparedExport } from './xlsx-export.js';

/**
 * One widget's result. Access is decided here for this user on every request; the kept result it then serves
 * depends only on the query, never on who asked (widget-results.ts).
 */
export async function widgetData(
  deps: Pick<ServiceDeps, 'store' | 'widgetResults'>,
  user: UserWithMemberships,
  dashboardId: string,
  widgetId: string,
  rawFilters: string | undefined,
): Promise<WidgetResult> {
  const { store } = deps;
  const { dashboard } = await authorize(store, user, dashboardId, 'view');
  const filterValues = parseFilterValues(rawFilters, dashboard);
  const { widget, dataSource } = await loadWidget(store, dashboard, widgetId);
  // P4: the dashboard role is not enough; the user's project role must be allowed to read the source.
  authorizeDataSourceRead(user, dataSource);
  return deps.widgetResults.get(store, { dashboard, widget, dataSource, filterValues }, dashboard.refreshInterval);
}

/**
 * The dashboard as a workbook, checked before a byte is sent (role, filters); a widget whose source the user may not
 * read keeps its sheet with the reason. It streams under the export gate (503 server_busy when full).
 */
export async function dashboardExport(
  deps: Pick<ServiceDeps, 'store' | 'exportGate'>,
  user: UserWithMemberships,
  dashboardId: string,
  rawFilters: string | undefined,
): Promise<PreparedExport> {
  const { store } = deps;
  const { dashboard } = await authorize(store, user, dashboardId, 'export');
  const filterValues = parseFilterValues(rawFilters, dashboard);
  const widgets: ExportWidget[] = [];
  for (const widget of await store.listWidgets(dashboard.id)) {
    const dataSource = await store.getDataSource(dashboard.orgId, widget.dataSourceId);
    if (!dataSource) continue;
    widgets.push({ widget, dataSource, access: dataSourceAccess(user, dataSource) });
  }
  return gatedExport(deps.exportGate, dashboard.title, (out) =>
    writeDashboardXlsx(store, out, { dashboard, widgets, filterValues }),
  );
}
