/**
 * How the endpoint functions (endpoints.ts and the files it gathers) call a route: path templates filled and encoded
 * in one place, the route table entry checking method, path, body and answer at compile time.
 */
import type { AtlasApiClient, RequestOptions } from './client.js';
import type { FilterValue, RouteBody, RouteId, RouteMethod, RoutePath, RouteQuery, RouteResponse } from './contract.js';

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
export type WireQuery<K extends EndpointId> = { [Q in keyof RouteQuery<K>]?: string };

export interface CallInit<K extends EndpointId> {
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
export function call<K extends EndpointId>(
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
export function callRaw<K extends EndpointId>(
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

export function dataQuery(query: DataFiltersQuery | undefined): { filters?: string } {
  const filters = query?.filters;
  return filters && Object.keys(filters).length ? { filters: JSON.stringify(filters) } : {};
}

/** A link's public routes read as the public viewer reads them: its partitioned passcode cookie may authorize them
 * where the API is the page's own origin (L5). */
export const publicOptions = (options: EndpointOptions | undefined): EndpointOptions => ({
  credentials: 'same-origin',
  ...options,
});
