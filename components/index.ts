/** Classes and types only; no side effects. Register elements through `define/` or `atlas.js`. */
export { AtlasProvider } from './provider/provider.js';
export { AtlasShareDialog } from './share-dialog/share-dialog.js';
export { AtlasShareChangeEvent } from './events/share-change.js';
export type { AtlasShareChangeDetail, AtlasShareChangeKind } from './events/share-change.js';
export { AtlasRequestCloseEvent } from './events/request-close.js';
export { AtlasWidget } from './widget/widget.js';
export { AtlasWidgetRetryEvent } from './widget/retry-event.js';
export { apiWidgetLoader, publicWidgetDataLoader, widgetDataLoader } from './widget/loader.js';
export type { WidgetData, WidgetColumn, WidgetState, WidgetLoader } from './widget/types.js';
export { AtlasPublicViewer } from './public-viewer/public-viewer.js';
export { AtlasPublicStatusEvent } from './events/public-status.js';
export { AtlasDashboardCard } from './dashboard-card/dashboard-card.js';
export { AtlasDashboardList } from './dashboard-list/dashboard-list.js';
export { AtlasLinkList } from './link-list/link-list.js';
export { AtlasDashboard } from './dashboard/dashboard.js';
export { AtlasOpenEvent } from './events/open.js';
export { AtlasShareEvent } from './events/share.js';
export { AtlasDeleteEvent } from './events/delete.js';
export { AtlasFiltersChangeEvent } from './events/filters-change.js';
export { AtlasDashboardSaveEvent } from './events/dashboard-save.js';
export type { DashboardSummary, DashboardDetail, FilterValues } from './internal/types.js';
export { AtlasApiClient, AtlasApiError } from './api/client.js';
export type { ApiClientOptions, ApiErrorBody, AtlasApiErrorCode, RequestOptions, TokenSource } from './api/client.js';
// The API, typed by the contract: one function per route, and the contract's request and response types.
export {
  addWidget,
  changeShareRole,
  createDashboard,
  createLink,
  deleteDashboard,
  endpointPath,
  exportDashboard,
  exportDashboardUrl,
  exportPublicDashboard,
  exportPublicDashboardUrl,
  getDashboard,
  getLinkAudit,
  getMe,
  getPublicDashboard,
  getPublicWidgetData,
  getSharing,
  getWidgetData,
  listDashboards,
  listDataSources,
  listLinks,
  listMyLinks,
  regenerateLinkPasscode,
  removeShare,
  removeWidget,
  revokeLink,
  saveDashboard,
  setLinkPasscode,
  setLinkPaused,
  setOrganizationAccess,
  setProjectAccess,
  shareDashboard,
  startPublicSession,
  suggestUsers,
  updateDashboard,
  updateLink,
} from './api/endpoints.js';
export type {
  DataFilters,
  DataFiltersQuery,
  EndpointId,
  EndpointOptions,
  EndpointPath,
  PathParams,
} from './api/endpoints.js';
export type * from './api/contract.js';
export { apiContext } from './context/api-context.js';
