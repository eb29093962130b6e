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
export {
  endpointPath,
  type DataFilters,
  type DataFiltersQuery,
  type EndpointId,
  type EndpointOptions,
  type EndpointPath,
  type PathParams,
} from './endpoint-call.js';
export * from './dashboard-endpoints.js';
export * from './sharing-endpoints.js';
export * from './link-lifecycle-endpoints.js';
export * from './public-endpoints.js';
export * from './link-usage-endpoints.js';
