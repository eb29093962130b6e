/** Shapes of the public routes (shared/API.md "Public routes") as the public viewer reads them. */
import type { FilterDefinition, FilterValues, WidgetDefinition } from '../internal/types.js';

/** A widget as a link shows it: `dataError` says why its data stays hidden behind this link (SPEC L7), if it does. */
export interface PublicWidget extends Omit<WidgetDefinition, 'dataSourceId'> {
  dataError?: { code: string; message: string } | null;
}

export interface PublicDashboard {
  id: string;
  title: string;
  description: string;
  widgets: PublicWidget[];
  filters: FilterDefinition[];
  /** Seconds between refreshes; 0 means the dashboard does not refresh by itself. */
  refreshInterval: number;
  canModify: false;
  isPublicMode: true;
  /** Values the link's owner fixed for this link (e.g. region = EMEA); applied by the server to every request. */
  lockedFilters?: FilterValues;
}
