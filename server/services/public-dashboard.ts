/**
 * What a public link shows (SPEC L7, V1, V2, V6): the dashboard as an anonymous viewer sees it, one widget's data, and
 * the export, each scoped to the one dashboard the link belongs to and limited by its locked filters. Callers have
 * opened the link (and its session) first: services/public-access.ts.
 */
import { authorizeLinkData, linkDataRefusal, linkShowsWidget } from '../auth/authorization.js';
import type { FilterDefinition, WidgetPosition, WidgetQuery, WidgetType } from '../schemas/dashboard.js';
import type { Dashboard, DataSource, PublicLink, Widget } from '../store/types.js';
import type { ServiceDeps } from './deps.js';
import { filterFieldsOf, parseFilterValues, type FilterValues } from './filters.js';
import { clientAddressHash } from './client-hash.js';
import { exportPolicyOf, exportRowCap } from './link-export-policy.js';
import type { KeptBody } from './public-view-cache.js';
import { loadWidget, widgetNotFound } from './widget-data.js';
import type { WidgetResult } from './widget-results.js';
import { gatedExport, writeDashboardXlsx, type ExportWidget, type PreparedExport } from './xlsx-export.js';

export interface PublicWidgetView {
  id: string;
  title: string;
  type: WidgetType;
  query: WidgetQuery;
  position: WidgetPosition;
  /** Why this widget's data cannot be shown through the link (L7), or null when it can. */
  dataError: { code: string; message: string } | null;
  /** Issue 17: the dashboard filter fields its data source has (the others do not narrow it). */
  filterFields?: string[];
}

export interface PublicDashboardView {
  id: string;
  title: string;
  description: string;
  widgets: PublicWidgetView[];
  /** Filter definitions; a field fixed by the link is marked `locked` and cannot be changed by the viewer. */
  filters: (FilterDefinition & { locked: boolean })[];
  lockedFilters: FilterValues;
  refreshInterval: number;
  canModify: false;
  isPublicMode: true;
  access: { icon: 'globe'; summary: string };
  passcodeProtected: boolean;
  /** Issue 16: what the link lets a visitor download. */
  exportPolicy: ReturnType<typeof exportPolicyOf>;
}

type ViewDeps = Pick<ServiceDeps, 'store' | 'publicViews'>;

/**
 * V1/V2: the dashboard as a public viewer needs it, and nothing about its owner, shares or project: the response body
 * `{"dashboard": view}` as UTF-8 bytes with its ETag, built and serialized once per kept view (public-view-cache.ts).
 */
export function publicDashboardBody(deps: ViewDeps, link: PublicLink, dashboard: Dashboard): Promise<KeptBody> {
  return deps.publicViews.body(link, dashboard, () => buildPublicDashboard(deps, link, dashboard));
}

async function buildPublicDashboard(
  deps: Pick<ServiceDeps, 'store'>,
  link: PublicLink,
  dashboard: Dashboard,
): Promise<PublicDashboardView> {
  const widgets = await shownWidgets(deps, link, dashboard);
  const sources = await loadSources(deps, dashboard, widgets);
  const locked = link.lockedFilters as FilterValues;
  return {
    id: dashboard.id,
    title: dashboard.title,
    description: dashboard.description,
    widgets: widgets.map((w) => ({
      id: w.id,
      title: w.title,
      type: w.type,
      query: w.query,
      position: w.position,
      dataError: linkDataRefusal(link, sources.get(w.dataSourceId)),
      ...withFilterFields(filterFieldsOf(sources.get(w.dataSourceId), dashboard.filters)),
    })),
    filters: dashboard.filters.map((f) =>
      Object.hasOwn(locked, f.field) ? { ...f, default: locked[f.field], locked: true } : { ...f, locked: false },
    ),
    lockedFilters: locked,
    refreshInterval: dashboard.refreshInterval,
    canModify: false,
    isPublicMode: true,
    access: { icon: 'globe', summary: 'Everyone with the link can view this dashboard.' },
    passcodeProtected: link.passcodeEnabled,
    exportPolicy: exportPolicyOf(link),
  };
}

const withFilterFields = (filterFields: string[] | undefined) => (filterFields ? { filterFields } : {});

/** Issue 16: the dashboard's widgets this link shows (all of them, or only its subset: auth/authorization.ts). */
async function shownWidgets(deps: Pick<ServiceDeps, 'store'>, link: PublicLink, dashboard: Dashboard) {
  return (await deps.store.listWidgets(dashboard.id)).filter((w) => linkShowsWidget(link, w.id));
}

/** The widgets' data sources, by id, in the dashboard's organization (data source ids are per organization). */
async function loadSources(
  deps: Pick<ServiceDeps, 'store'>,
  dashboard: Pick<Dashboard, 'orgId'>,
  widgets: Widget[],
): Promise<Map<string, DataSource | undefined>> {
  const ids = [...new Set(widgets.map((w) => w.dataSourceId))];
  const found = await Promise.all(ids.map((id) => deps.store.getDataSource(dashboard.orgId, id)));
  return new Map(ids.map((id, i) => [id, found[i]]));
}

/**
 * A viewer's filter choice, minus the fields the link fixes: those always take the link's value (a viewer cannot
 * change or widen them, whatever the query string says).
 */
function viewerFilters(rawFilters: string | undefined, dashboard: Dashboard, link: PublicLink): FilterValues {
  const values = parseFilterValues(rawFilters, dashboard);
  for (const field of Object.keys(link.lockedFilters)) delete values[field];
  return values;
}

/**
 * L7: one widget of the link's own dashboard; widgets of other dashboards are simply not found. Access (the link,
 * its session, the widget, its source's external access, the locked filters) is decided here on every request; only
 * then is the kept result of the same effective query served (widget-results.ts).
 */
export async function publicWidgetData(
  deps: Pick<ServiceDeps, 'store' | 'widgetResults'>,
  link: PublicLink,
  dashboard: Dashboard,
  widgetId: string,
  rawFilters: string | undefined,
  clientAddress?: string,
): Promise<WidgetResult> {
  // Issue 16: a widget outside the link's subset is not found, with the very answer of an unknown widget.
  if (!linkShowsWidget(link, widgetId)) throw widgetNotFound();
  const { widget, dataSource } = await loadWidget(deps.store, dashboard, widgetId);
  authorizeLinkData(link, dataSource);
  const filterValues = viewerFilters(rawFilters, dashboard, link);
  const input = { dashboard, widget, dataSource, filterValues, lockedFilters: link.lockedFilters as FilterValues };
  // Issue 18: one address's burst of new queries is capped, so others (and /healthz) are not left behind it.
  return deps.widgetResults.get(deps.store, input, dashboard.refreshInterval, clientAddress);
}

/**
 * V6 for links: the link's export policy first (issue 16: 403 export_disabled when off), then the filters (a bad
 * value is a 400 before any byte is sent), then the export budgets per client address and per link (429), then the
 * workbook streams under the export gate (503 when full). Widgets outside the link's subset (issue 16) have no sheet;
 * those whose data the link may not show keep their sheet with the reason. The workbook opens with a watermark sheet
 * (link, time, client address hash) and a capped policy cuts sheets.
 */
export async function preparePublicExport(
  deps: Pick<ServiceDeps, 'store' | 'exportGate' | 'exportLimits' | 'now' | 'linkSecrets'>,
  link: PublicLink,
  dashboard: Dashboard,
  rawFilters: string | undefined,
  clientAddress: string,
): Promise<PreparedExport> {
  // Issue 16: the link's policy first: an export it forbids costs nothing and counts against no budget.
  const rowCap = exportRowCap(link);
  const filterValues = viewerFilters(rawFilters, dashboard, link);
  const widgets = await shownWidgets(deps, link, dashboard);
  const sources = await loadSources(deps, dashboard, widgets);
  const entries: ExportWidget[] = [];
  for (const widget of widgets) {
    const dataSource = sources.get(widget.dataSourceId);
    if (!dataSource) continue;
    const refusal = linkDataRefusal(link, dataSource);
    entries.push({ widget, dataSource, access: refusal ? { message: refusal.message } : 'ok' });
  }
  deps.exportLimits.admit(link.id, clientAddress, deps.now().getTime());
  return gatedExport(deps.exportGate, dashboard.title, (out) =>
    writeDashboardXlsx(deps.store, out, {
      dashboard,
      widgets: entries,
      filterValues,
      lockedFilters: link.lockedFilters as FilterValues,
      link: {
        rowCap,
        watermark: {
          linkLabel: link.label,
          linkId: link.id,
          exportedAt: deps.now().toISOString(),
          clientHash: clientAddressHash(deps.linkSecrets, clientAddress),
          rowCap,
        },
      },
    }),
  );
}
