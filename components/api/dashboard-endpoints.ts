/** The identity, dashboard, widget and export routes as typed functions (see endpoints.ts). */
import type { AtlasApiClient } from './client.js';
import type {
  CreateDashboardBody,
  CreateWidgetBody,
  DashboardResponse,
  DashboardsResponse,
  DataSourcesResponse,
  ListDashboardsQuery,
  MeResponse,
  PatchDashboardBody,
  SaveDashboardBody,
  UsersQuery,
  UsersResponse,
  WidgetDataResponse,
  WidgetResponse,
} from './contract.js';
import {
  endpointPath,
  call,
  callRaw,
  dataQuery,
  type EndpointOptions,
  type EndpointPath,
  type DataFiltersQuery,
} from './endpoint-call.js';

// ---- Identity ------------------------------------------------------------------------------------------------------

/** `GET /api/me`: the signed-in user, their organization and project roles. */
export function getMe(client: AtlasApiClient, options?: EndpointOptions): Promise<MeResponse> {
  return call<'getMe'>(client, 'GET', '/me', {}, {}, options);
}

/** `GET /api/users?q=`: at most 10 users of the caller's organization whose username or email starts with `q`. */
export function suggestUsers(
  client: AtlasApiClient,
  query: UsersQuery,
  options?: EndpointOptions,
): Promise<UsersResponse> {
  return call<'suggestUsers'>(client, 'GET', '/users', {}, { query: { q: query.q } }, options);
}

/** `GET /api/projects/{projectId}/data-sources`: the data sources of a project the caller is a member of. */
export function listDataSources(
  client: AtlasApiClient,
  params: { projectId: string },
  options?: EndpointOptions,
): Promise<DataSourcesResponse> {
  return call<'listDataSources'>(client, 'GET', '/projects/{projectId}/data-sources', params, {}, options);
}

// ---- Dashboards and widgets ----------------------------------------------------------------------------------------

/** `GET /api/dashboards?filter=`: summaries of the dashboards the caller can see (`all` by default). */
export function listDashboards(
  client: AtlasApiClient,
  query: ListDashboardsQuery = {},
  options?: EndpointOptions,
): Promise<DashboardsResponse> {
  return call<'listDashboards'>(client, 'GET', '/dashboards', {}, { query: { filter: query.filter } }, options);
}

/** `POST /api/dashboards`: a new dashboard in a project the caller is a member of. */
export function createDashboard(
  client: AtlasApiClient,
  body: CreateDashboardBody,
  options?: EndpointOptions,
): Promise<DashboardResponse> {
  return call<'createDashboard'>(client, 'POST', '/dashboards', {}, { body }, options);
}

/** `GET /api/dashboards/{id}`: a dashboard with its widgets and filters. */
export function getDashboard(
  client: AtlasApiClient,
  params: { id: string },
  options?: EndpointOptions,
): Promise<DashboardResponse> {
  return call<'getDashboard'>(client, 'GET', '/dashboards/{id}', params, {}, options);
}

/** `PATCH /api/dashboards/{id}`: title, description, filters, refresh interval, widget titles and layout (author+). */
export function updateDashboard(
  client: AtlasApiClient,
  params: { id: string },
  body: PatchDashboardBody,
  options?: EndpointOptions,
): Promise<DashboardResponse> {
  return call<'updateDashboard'>(client, 'PATCH', '/dashboards/{id}', params, { body }, options);
}

/**
 * `PUT /api/dashboards/{id}`: saves a whole edit in one transaction (author+): title, description and the complete
 * widget list (those with an id updated, those without added, the others removed). With `baseUpdatedAt` (the
 * dashboard's `updatedAt` when the edit began) a save over someone else's is refused: 409 `edit_conflict`.
 */
export function saveDashboard(
  client: AtlasApiClient,
  params: { id: string },
  body: SaveDashboardBody,
  options?: EndpointOptions,
): Promise<DashboardResponse> {
  return call<'saveDashboard'>(client, 'PUT', '/dashboards/{id}', params, { body }, options);
}

/** `DELETE /api/dashboards/{id}`: deletes a dashboard with its widgets, shares and links (its creator). */
export function deleteDashboard(
  client: AtlasApiClient,
  params: { id: string },
  options?: EndpointOptions,
): Promise<void> {
  return call<'deleteDashboard'>(client, 'DELETE', '/dashboards/{id}', params, {}, options);
}

/** `POST /api/dashboards/{id}/widgets`: adds a widget (author+). */
export function addWidget(
  client: AtlasApiClient,
  params: { id: string },
  body: CreateWidgetBody,
  options?: EndpointOptions,
): Promise<WidgetResponse> {
  return call<'addWidget'>(client, 'POST', '/dashboards/{id}/widgets', params, { body }, options);
}

/** `DELETE /api/dashboards/{id}/widgets/{widgetId}`: removes a widget (author+). */
export function removeWidget(
  client: AtlasApiClient,
  params: { id: string; widgetId: string },
  options?: EndpointOptions,
): Promise<void> {
  return call<'removeWidget'>(client, 'DELETE', '/dashboards/{id}/widgets/{widgetId}', params, {}, options);
}

/** `GET /api/dashboards/{id}/widgets/{widgetId}/data`: a widget's columns and rows with the given filter values. */
export function getWidgetData(
  client: AtlasApiClient,
  params: { id: string; widgetId: string },
  query?: DataFiltersQuery,
  options?: EndpointOptions,
): Promise<WidgetDataResponse> {
  return call<'getWidgetData'>(
    client,
    'GET',
    '/dashboards/{id}/widgets/{widgetId}/data',
    params,
    { query: dataQuery(query) },
    options,
  );
}

/** `GET /api/dashboards/{id}/export.xlsx`: the workbook as a Response (the Bearer token travels in its header). */
export function exportDashboard(
  client: AtlasApiClient,
  params: { id: string },
  query?: DataFiltersQuery,
  options?: EndpointOptions,
): Promise<Response> {
  return callRaw<'exportDashboard'>(
    client,
    'GET',
    '/dashboards/{id}/export.xlsx',
    params,
    { query: dataQuery(query) },
    options,
  );
}

/** The address of `exportDashboard`, for a host that fetches it itself (with the user's Bearer token). */
export function exportDashboardUrl(client: AtlasApiClient, params: { id: string }, query?: DataFiltersQuery): string {
  const template: EndpointPath<'exportDashboard'> = '/dashboards/{id}/export.xlsx';
  return client.url(endpointPath(template, params), dataQuery(query));
}
