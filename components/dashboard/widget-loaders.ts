import type { AtlasApiClient } from '../api/client.js';
import { activeFilters, filtersQuery } from '../internal/session-filters.js';
import type { FilterValues } from '../internal/types.js';
import { widgetDataLoader } from '../widget/loader.js';
import type { WidgetLoader } from '../widget/types.js';

/**
 * One loader per widget, replaced only when the filters, the client or the refresh count change: `<atlas-widget>`
 * reloads whenever it gets a new loader, so an unrelated re-render must not hand it a fresh one.
 */
export class WidgetLoaders {
  readonly #loaders = new Map<string, { key: string; api: AtlasApiClient; loader: WidgetLoader }>();

  get(api: AtlasApiClient, dashboardId: string, widgetId: string, filters: FilterValues, refreshCount: number) {
    const key = `${dashboardId}|${filtersQuery(filters) ?? ''}|${refreshCount}`;
    const cached = this.#loaders.get(widgetId);
    if (cached && cached.key === key && cached.api === api) return cached.loader;
    const loader = widgetDataLoader(api, { id: dashboardId, widgetId }, activeFilters(filters));
    this.#loaders.set(widgetId, { key, api, loader });
    return loader;
  }
}
