/** A public link's routes as typed functions (see endpoints.ts). */
import type { AtlasApiClient } from './client.js';
import type {
  PublicDashboardResponse,
  PublicSessionBody,
  PublicSessionResponse,
  WidgetDataResponse,
} from './contract.js';
import {
  endpointPath,
  call,
  callRaw,
  dataQuery,
  publicOptions,
  type EndpointOptions,
  type EndpointPath,
  type DataFiltersQuery,
} from './endpoint-call.js';

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
