/**
 * Shapes of the HTTP API as the elements read them: the contract's types (components/api/contract.ts) under the names
 * the elements use, and the few types that exist only on the element side.
 */
import type { AccessSummary, DashboardView, DataSourceView, WidgetView } from '../api/contract.js';

export type {
  DashboardRole,
  DashboardSummary,
  FilterDefinition,
  FilterValue,
  FilterValues,
  WidgetPosition,
  WidgetQuery,
  WidgetType,
} from '../api/contract.js';

/** The permission icons: a signed-in dashboard's (`AccessSummary`), and `globe` for a public link's. */
export type AccessIcon = AccessSummary['icon'] | 'globe';
/**
 * The dashboard list's filters: the contract's `DashboardListFilter`, spelled out so that the manifest lists the values
 * of the list's `filter` attribute (test/components/endpoints.types.ts checks that both stay the same).
 */
export type ListFilter = 'all' | 'mine' | 'shared' | 'org';
/** A widget of a signed-in dashboard. */
export type WidgetDefinition = WidgetView;
/** A dashboard with its widgets and filters (`GET /api/dashboards/{id}`). */
export type DashboardDetail = DashboardView;
/** A data source of a project (`GET /api/projects/{projectId}/data-sources`). */
export type DataSourceInfo = DataSourceView;
