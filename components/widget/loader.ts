import type { AtlasApiClient } from '../api/client.js';
import type { WidgetData, WidgetLoader } from './types.js';

/**
 * A loader for `<atlas-widget>` that reads a widget's data through the API client, sending the dashboard's filter
 * values as the `filters` parameter (API.md). `path` is the data route, e.g.
 * `/dashboards/sales-overview/widgets/revenue/data` or `/public/<token>/widgets/revenue/data`.
 */
export function apiWidgetLoader(client: AtlasApiClient, path: string, filters?: Record<string, unknown>, bearer?: string): WidgetLoader {
  const query = filters && Object.keys(filters).length ? { filters: JSON.stringify(filters) } : undefined;
  return ({ signal }) => client.request<WidgetData>(path, { query, signal, bearer });
}
