/**
 * One typed function per route of the API that a browser calls, named by the route's id in the contract's route
 * table (the OpenAPI operationId). Path parameters, query, body and answer are the contract's types: each function
 * is checked at compile time against its route table entry (method, path, body, response), so a route that changes
 * in contract/ breaks the build here instead of an element at run time.
 *
 * Every function takes the client first, then the route's path parameters, then its query or body, then
 * `{ signal, bearer, credentials }`:
 *
 * ```ts
 * const { dashboards } = await listDashboards(client, { filter: 'mine' }, { signal });
 * await shareDashboard(client, { id: 'sales-overview' }, { username: 'bob', role: 'author' });
 * ```
 *
 * Failures throw `AtlasApiError` (its `code` is one of the contract's error codes).
 */
import type { AtlasApiClient, RequestOptions } from './client.js';
import type {
  AuditQuery,
  AuditResponse,
  CreateDashboardBody,
  CreateLinkBody,
  CreateShareBody,
  CreateWidgetBody,
  DashboardResponse,
  DashboardsResponse,
  DataSourcesResponse,
  FilterValue,
  LinkPasscodeBody,
  LinkResponse,
  LinksResponse,
  ListDashboardsQuery,
  MeResponse,
  OrganizationAccessBody,
  OrganizationAccessResponse,
  PatchDashboardBody,
  PatchLinkBody,
  PatchShareBody,
  ProjectAccessBody,
  ProjectAccessResponse,
  PublicDashboardResponse,
  PublicSessionBody,
  PublicSessionResponse,
  RouteBody,
  RouteId,
  RouteMethod,
  RoutePath,
  RouteQuery,
  RouteResponse,
  SaveDashboardBody,
  ShareResponse,
  SharingResponse,
  UsersQuery,
  UsersResponse,
  WidgetDataResponse,
  WidgetResponse,
} from './contract.js';

/** What every endpoint function takes last; see `RequestOptions`. */
export type EndpointOptions = Pick<RequestOptions, 'signal' | 'bearer' | 'credentials'>;

/**
 * The routes these functions cover: every signed-in and public route of the table, not the operations routes
 * (`/healthz`, the OpenAPI document), the demo's development sign-in or the public HTML page.
 */
export type EndpointId = Exclude<
  RouteId,
  'health' | 'getOpenApi' | 'listDevIdentities' | 'mintDevToken' | 'publicPage'
>;

/** A route's path relative to the client's base URL, which ends in `/api`. */
export type EndpointPath<K extends EndpointId> = RoutePath<K> extends `/api${infer P}` ? P : never;

type ParamNames<P extends string> = P extends `${string}{${infer K}}${infer Rest}` ? K | ParamNames<Rest> : never;
/** The parameters of a path template: `{ id: string; username: string }` for `/dashboards/{id}/shares/{username}`. */
export type PathParams<P extends string> = { [K in ParamNames<P>]: string };

/**
 * Filter values for a widget's data or an export: `{ "<field>": value | [values] | { from, to } }`, `null` to clear a
 * filter's default. Sent as the `filters` query parameter, JSON-encoded here; an empty object sends none.
 */
export type DataFilters = Record<string, FilterValue | null>;
export interface DataFiltersQuery {
  filters?: DataFilters;
}

/** The query parameters a route takes, as sent (text); its names are the contract's. */
type WireQuery<K extends EndpointId> = { [Q in keyof RouteQuery<K>]?: string };

interface CallInit<K extends EndpointId> {
  query?: WireQuery<K>;
  body?: RouteBody<K>;
}

/** Fills a path template; every parameter is percent-encoded here, and only here. */
export function endpointPath<P extends string>(template: P, params: PathParams<P>): string {
  const values = params as Record<string, string>;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]!));
}

/**
 * Calls route K. Its method, path template and body are checked against the route table's entry for K (the type
 * argument, given explicitly), and the answer is the entry's success schema.
 */
function call<K extends EndpointId>(
  client: AtlasApiClient,
  method: RouteMethod<K>,
  template: EndpointPath<K>,
  params: PathParams<EndpointPath<K>>,
  init: CallInit<K>,
  options?: EndpointOptions,
): Promise<RouteResponse<K>> {
  return client.request<RouteResponse<K>>(endpointPath(template, params), {
    ...options,
    method,
    query: init.query as Record<string, string | undefined> | undefined,
    body: init.body,
  });
}

/** Like `call` for routes that answer a file (XLSX): the Response, whose body the caller reads. */
function callRaw<K extends EndpointId>(
  client: AtlasApiClient,
  method: RouteMethod<K>,
  template: EndpointPath<K>,
  params: PathParams<EndpointPath<K>>,
  init: CallInit<K>,
  options?: EndpointOptions,
): Promise<Response> {
  return client.fetchRaw(endpointPath(template, params), {
    ...options,
    method,
    query: init.query as Record<string, string | undefined> | undefined,
  });
}

function dataQuery(query: DataFiltersQuery | undefined): { filters?: string } {
  const filters = query?.filters;
  return filters && Object.keys(filters).length ? { filters: JSON.stringify(filters) } : {};
}

/** A link's public routes read as the public viewer reads them: its partitioned passcode cookie may authorize them
 * where the API is the page's own origin (L5). */
const publicOptions = (options: EndpointOptions | undefined): EndpointOptions => ({
  credentials: 'same-origin',
  ...options,
});

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

// ---- Sharing (owner) -----------------------------------------------------------------------------------------------

/** `GET /api/dashboards/{id}/sharing`: shares, project and organization access, public links and warnings. */
export function getSharing(
  client: AtlasApiClient,
  params: { id: string },
  options?: EndpointOptions,
): Promise<SharingResponse> {
  return call<'getSharing'>(client, 'GET', '/dashboards/{id}/sharing', params, {}, options);
}

/** `POST /api/dashboards/{id}/shares`: shares with a user of the organization, by username or email. */
export function shareDashboard(
  client: AtlasApiClient,
  params: { id: string },
  body: CreateShareBody,
  options?: EndpointOptions,
): Promise<ShareResponse> {
  return call<'shareDashboard'>(client, 'POST', '/dashboards/{id}/shares', params, { body }, options);
}

/** `PATCH /api/dashboards/{id}/shares/{username}`: changes the role of a share. */
export function changeShareRole(
  client: AtlasApiClient,
  params: { id: string; username: string },
  body: PatchShareBody,
  options?: EndpointOptions,
): Promise<ShareResponse> {
  return call<'changeShareRole'>(client, 'PATCH', '/dashboards/{id}/shares/{username}', params, { body }, options);
}

/** `DELETE /api/dashboards/{id}/shares/{username}`: removes a share. */
export function removeShare(
  client: AtlasApiClient,
  params: { id: string; username: string },
  options?: EndpointOptions,
): Promise<void> {
  return call<'removeShare'>(client, 'DELETE', '/dashboards/{id}/shares/{username}', params, {}, options);
}

/** `PUT /api/dashboards/{id}/project-access`: access for everyone in the dashboard's project, on or off. */
export function setProjectAccess(
  client: AtlasApiClient,
  params: { id: string },
  body: ProjectAccessBody,
  options?: EndpointOptions,
): Promise<ProjectAccessResponse> {
  return call<'setProjectAccess'>(client, 'PUT', '/dashboards/{id}/project-access', params, { body }, options);
}

/** `PUT /api/dashboards/{id}/organization-access`: view access for everyone in the organization, on or off. */
export function setOrganizationAccess(
  client: AtlasApiClient,
  params: { id: string },
  body: OrganizationAccessBody,
  options?: EndpointOptions,
): Promise<OrganizationAccessResponse> {
  return call<'setOrganizationAccess'>(
    client,
    'PUT',
    '/dashboards/{id}/organization-access',
    params,
    { body },
    options,
  );
}

// ---- Public links (owner) ------------------------------------------------------------------------------------------

/** `GET /api/dashboards/{id}/public-links`: the dashboard's active public links. */
export function listLinks(
  client: AtlasApiClient,
  params: { id: string },
  options?: EndpointOptions,
): Promise<LinksResponse> {
  return call<'listLinks'>(client, 'GET', '/dashboards/{id}/public-links', params, {}, options);
}

/** `POST /api/dashboards/{id}/public-links`: a new link, with an optional label, passcode, locked filters, framers. */
export function createLink(
  client: AtlasApiClient,
  params: { id: string },
  body: CreateLinkBody = {},
  options?: EndpointOptions,
): Promise<LinkResponse> {
  return call<'createLink'>(client, 'POST', '/dashboards/{id}/public-links', params, { body }, options);
}

/** `PATCH /api/dashboards/{id}/public-links/{linkId}`: a link's label, locked filters or framing sites. */
export function updateLink(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  body: PatchLinkBody,
  options?: EndpointOptions,
): Promise<LinkResponse> {
  return call<'updateLink'>(client, 'PATCH', '/dashboards/{id}/public-links/{linkId}', params, { body }, options);
}

/** `DELETE /api/dashboards/{id}/public-links/{linkId}`: revokes a link; it stops working at once. */
export function revokeLink(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  options?: EndpointOptions,
): Promise<void> {
  return call<'revokeLink'>(client, 'DELETE', '/dashboards/{id}/public-links/{linkId}', params, {}, options);
}

/** `PUT …/public-links/{linkId}/passcode`: turns the passcode on (always a new one) or off; ends every session. */
export function setLinkPasscode(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  body: LinkPasscodeBody,
  options?: EndpointOptions,
): Promise<LinkResponse> {
  return call<'setLinkPasscode'>(
    client,
    'PUT',
    '/dashboards/{id}/public-links/{linkId}/passcode',
    params,
    { body },
    options,
  );
}

/** `POST …/public-links/{linkId}/passcode`: a new passcode, ending every session (409 while the passcode is off). */
export function regenerateLinkPasscode(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  options?: EndpointOptions,
): Promise<LinkResponse> {
  return call<'regenerateLinkPasscode'>(
    client,
    'POST',
    '/dashboards/{id}/public-links/{linkId}/passcode',
    params,
    {},
    options,
  );
}

/** `GET …/public-links/{linkId}/audit?limit=`: the link's access log, newest first. */
export function getLinkAudit(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  query: AuditQuery = {},
  options?: EndpointOptions,
): Promise<AuditResponse> {
  const limit = query.limit === undefined ? undefined : String(query.limit);
  return call<'getLinkAudit'>(
    client,
    'GET',
    '/dashboards/{id}/public-links/{linkId}/audit',
    params,
    { query: { limit } },
    options,
  );
}

// ---- Public routes (a link token; `bearer`: the passcode session, '' for none) --------------------------------------

/** `GET /api/public/{token}`: the dashboard of a public link. */
export function getPublicDashboard(
  client: AtlasApiClient,
  params: { token: string },
  options?: EndpointOptions,
): Promise<PublicDashboardResponse> {
  return call<'getPublicDashboard'>(client, 'GET', '/public/{token}', params, {}, publicOptions(options));
}

/** `POST /api/public/{token}/session`: exchanges the link's passcode for a 5-day session. */
export function startPublicSession(
  client: AtlasApiClient,
  params: { token: string },
  body: PublicSessionBody,
  options?: EndpointOptions,
): Promise<PublicSessionResponse> {
  return call<'startPublicSession'>(
    client,
    'POST',
    '/public/{token}/session',
    params,
    { body },
    publicOptions(options),
  );
}

/** `GET /api/public/{token}/widgets/{widgetId}/data`: a widget's data through the link (its locked filters apply). */
export function getPublicWidgetData(
  client: AtlasApiClient,
  params: { token: string; widgetId: string },
  query?: DataFiltersQuery,
  options?: EndpointOptions,
): Promise<WidgetDataResponse> {
  return call<'getPublicWidgetData'>(
    client,
    'GET',
    '/public/{token}/widgets/{widgetId}/data',
    params,
    { query: dataQuery(query) },
    publicOptions(options),
  );
}

/** `GET /api/public/{token}/export.xlsx`: the public dashboard's workbook as a Response. */
export function exportPublicDashboard(
  client: AtlasApiClient,
  params: { token: string },
  query?: DataFiltersQuery,
  options?: EndpointOptions,
): Promise<Response> {
  return callRaw<'exportPublicDashboard'>(
    client,
    'GET',
    '/public/{token}/export.xlsx',
    params,
    { query: dataQuery(query) },
    publicOptions(options),
  );
}

/** The address of `exportPublicDashboard`: a plain download link for a link without a passcode. */
export function exportPublicDashboardUrl(
  client: AtlasApiClient,
  params: { token: string },
  query?: DataFiltersQuery,
): string {
  const template: EndpointPath<'exportPublicDashboard'> = '/public/{token}/export.xlsx';
  return client.url(endpointPath(template, params), dataQuery(query));
}
