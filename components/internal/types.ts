/** Shapes of the HTTP API (shared/API.md) as the elements read them. */
import type { FilterDefinition, WidgetPosition, WidgetQuery, WidgetType } from '@atlas-sharing/contract';

export type { FilterDefinition, WidgetPosition, WidgetQuery, WidgetType };
export type DashboardRole = 'viewer' | 'author' | 'owner';
export type AccessIcon = 'eye' | 'group' | 'office' | 'lock' | 'globe';
export type ListFilter = 'all' | 'mine' | 'shared' | 'org';

export interface DashboardSummary {
  id: string;
  title: string;
  description: string;
  owner: { username: string; name: string };
  role: DashboardRole;
  shared: boolean;
  access: { icon: AccessIcon; summary: string; publicLinkCount: number };
}

export interface WidgetDefinition {
  id: string;
  title: string;
  type: WidgetType;
  dataSourceId: string;
  query: WidgetQuery;
  position: WidgetPosition;
}

export interface DashboardDetail extends DashboardSummary {
  projectId: string;
  widgets: WidgetDefinition[];
  filters: FilterDefinition[];
  refreshInterval: number;
  canModify: boolean;
}

export interface DataSourceInfo {
  id: string;
  name: string;
  fields: { name: string; type: 'string' | 'number' | 'date'; label: string }[];
  readableBy: string[];
  externalAccess: boolean;
}

export type FilterValue = string | number | (string | number)[] | { from?: string; to?: string };
export type FilterValues = Record<string, FilterValue>;
