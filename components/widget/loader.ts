import type { AtlasApiClient } from '../api/client.js';
import type { WidgetData, WidgetLoader } from './types.js';

/**
 * A loader for `<atlas-widget>` that reads a widget's data through the API client, sending the dashboard's filter
 * values as the `filters` parameter (API.md). `path` is the data route, e.g.
 * `/dashboards/sales-overview/widgets/revenue/data` or `/public/<token>/widgets/revenue/data`.
 */
export function apiWidgetLoader(client: AtlasApiClient, path: string, filters?: Record<string, unknown>, bearer?: string): WidgetLoader {
  const query = filters && Object.keys(filters).length ? { filters: JSON.stringify(filters) } : undefined;
  // A public link's route, read as the public viewer reads it: its partitioned passcode cookie may authorize it on the
  // Atlas page and its iframe (same origin only, L5). Signed-in routes keep the client's `omit`.
  const credentials = /^\/?public\//.test(path) ? 'same-origin' : undefined;
  return ({ signal }) => client.request<WidgetData>(path, { query, signal, bearer, credentials });
}
