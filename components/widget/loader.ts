import type { AtlasApiClient } from '../api/client.js';
import type { WidgetDataResponse } from '../api/contract.js';
import { getPublicWidgetData, getWidgetData, type DataFilters, type EndpointOptions } from '../api/endpoints.js';
import type { WidgetLoader } from './types.js';

/**
 * A loader for `<atlas-widget>` that reads a signed-in dashboard's widget (`getWidgetData`), sending the dashboard's
 * filter values as the `filters` parameter.
 */
export function widgetDataLoader(
  client: AtlasApiClient,
  params: { id: string; widgetId: string },
  filters?: DataFilters,
): WidgetLoader {
  return ({ signal }) => getWidgetData(client, params, { filters }, { signal });
}

/**
 * A loader for `<atlas-widget>` that reads a widget through a public link (`getPublicWidgetData`); `bearer` is the
 * link's passcode session, if any. Like the public viewer, it sends the link's partitioned passcode cookie where the
 * API is the page's own origin (L5).
 */
export function publicWidgetDataLoader(
  client: AtlasApiClient,
  params: { token: string; widgetId: string },
  filters?: DataFilters,
  options?: Pick<EndpointOptions, 'bearer'>,
): WidgetLoader {
  return ({ signal }) => getPublicWidgetData(client, params, { filters }, { ...options, signal });
}

/**
 * A loader for `<atlas-widget>` by the data route's path under the client's base URL, e.g.
 * `/dashboards/sales-overview/widgets/revenue/data` or `/public/<token>/widgets/revenue/data`, sending `filters` as the
 * `filters` parameter. `widgetDataLoader` and `publicWidgetDataLoader` build the path themselves.
 */
export function apiWidgetLoader(
  client: AtlasApiClient,
  path: string,
  filters?: Record<string, unknown>,
  bearer?: string,
): WidgetLoader {
  const query = filters && Object.keys(filters).length ? { filters: JSON.stringify(filters) } : undefined;
  // A public link's route, read as the public viewer reads it: its partitioned passcode cookie may authorize it on the
  // Atlas page and its iframe (same origin only, L5). Signed-in routes keep the client's `omit`.
  const credentials = /^\/?public\//.test(path) ? 'same-origin' : undefined;
  return ({ signal }) => client.request<WidgetDataResponse>(path, { query, signal, bearer, credentials });
}
