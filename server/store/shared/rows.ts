/**
 * The rows both stores read, and the one mapping from each row to its domain object (and from a dashboard patch to
 * its columns). The tables have the same columns in SQLite and PostgreSQL; the drivers differ only in how they hand
 * over two kinds of value: SQLite gives JSON columns as text and flags as 0/1, PostgreSQL gives parsed jsonb (or a
 * text[] array) and booleans. The mappers take either, so both stores answer the very same objects.
 */
import type { FilterDefinition, WidgetPosition, WidgetQuery } from '../../schemas/dashboard.js';
import type {
  Dashboard,
  DashboardPatch,
  DataSource,
  ExposureChange,
  FieldDefinition,
  LinkAndDashboard,
  LinkSession,
  ProjectRole,
  PublicLink,
  User,
  Widget,
  WidgetWithDataSource,
} from '../types.js';

/** A JSON column: text (SQLite) or already parsed (PostgreSQL jsonb or array). */
export type JsonColumn<T> = string | T;
/** A flag column: 0 or 1 (SQLite) or a boolean (PostgreSQL). */
export type FlagColumn = number | boolean;

/** `dashboardId` → `dashboard_id`: a column is named after its domain field, in snake case. */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

/** A table's row: the domain object's fields under their column names, with the driver-dependent ones overridden. */
type RowOf<T, Driver extends Partial<Record<keyof T, unknown>> = Record<never, never>> = {
  [K in keyof T & string as SnakeCase<K>]: K extends keyof Driver ? Driver[K] : T[K];
};

export type UserRow = RowOf<User>;
export type DataSourceRow = RowOf<
  DataSource,
  { fields: JsonColumn<FieldDefinition[]>; readableBy: JsonColumn<ProjectRole[]>; externalAccess: FlagColumn }
>;
export type DashboardRow = RowOf<Dashboard, { filters: JsonColumn<FilterDefinition[]>; orgAccess: FlagColumn }>;
export type WidgetRow = RowOf<Widget, { query: JsonColumn<WidgetQuery>; position: JsonColumn<WidgetPosition> }>;
export type LinkRow = RowOf<
  PublicLink,
  {
    passcodeEnabled: FlagColumn;
    lockedFilters: JsonColumn<Record<string, unknown>>;
    frameAncestors: JsonColumn<string[]> | null;
    widgetIds: JsonColumn<string[]> | null;
    pauseOnChange: FlagColumn;
    exposureChanges: JsonColumn<ExposureChange[]>;
  }
>;

const flag = (value: FlagColumn): boolean => value === true || value === 1;

/** A JSON column's value; `fallback` for SQL NULL (never a parsed JSON `null`: no column here holds one). */
function fromJson<T>(value: JsonColumn<T> | null | undefined, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

export const toUser = (r: UserRow): User => ({
  id: r.id,
  orgId: r.org_id,
  username: r.username,
  name: r.name,
  email: r.email,
});

export const toDataSource = (r: DataSourceRow): DataSource => ({
  id: r.id,
  orgId: r.org_id,
  projectId: r.project_id,
  name: r.name,
  tableName: r.table_name,
  fields: fromJson(r.fields, []),
  readableBy: fromJson(r.readable_by, []),
  externalAccess: flag(r.external_access),
});

export const toDashboard = (r: DashboardRow): Dashboard => ({
  id: r.id,
  orgId: r.org_id,
  projectId: r.project_id,
  ownerId: r.owner_id,
  title: r.title,
  description: r.description,
  filters: fromJson(r.filters, []),
  refreshInterval: r.refresh_interval,
  projectAccessRole: r.project_access_role,
  orgAccess: flag(r.org_access),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toWidget = (r: WidgetRow): Widget => ({
  id: r.id,
  dashboardId: r.dashboard_id,
  title: r.title,
  type: r.type,
  dataSourceId: r.data_source_id,
  query: fromJson(r.query, { metrics: [], dimensions: [], filters: [], sort: [] }),
  position: fromJson(r.position, { x: 0, y: 0, w: 4, h: 3 }),
});

export const toLink = (r: LinkRow): PublicLink => ({
  id: r.id,
  dashboardId: r.dashboard_id,
  label: r.label,
  tokenHash: r.token_hash,
  tokenSealed: r.token_sealed,
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
  pausedAt: r.paused_at,
  expiresAt: r.expires_at,
  passcodeEnabled: flag(r.passcode_enabled),
  passcodeSealed: r.passcode_sealed,
  passcodeVersion: r.passcode_version,
  lockedFilters: fromJson(r.locked_filters, {}),
  frameAncestors: fromJson(r.frame_ancestors, null),
  accessCount: r.access_count,
  lastAccessAt: r.last_access_at,
  previousTokenHash: r.previous_token_hash ?? null,
  previousTokenUntil: r.previous_token_until ?? null,
  widgetIds: fromJson(r.widget_ids, null),
  pauseOnChange: flag(r.pause_on_change),
  exposureChanges: fromJson(r.exposure_changes, []),
  exportMode: r.export_mode,
  exportRowCap: r.export_row_cap,
});

export type LinkSessionRow = RowOf<LinkSession>;

export const toLinkSession = (r: LinkSessionRow): LinkSession => ({
  id: r.id,
  linkId: r.link_id,
  passcodeVersion: r.passcode_version,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
  endedAt: r.ended_at,
  addressHash: r.address_hash,
  agentFamily: r.agent_family,
});

/**
 * A dashboard patch as the values of its columns, null for "leave this column alone" (the stores' UPDATE keeps a
 * column whose value is NULL: COALESCE). A field that is absent, undefined or null is left alone, in both stores;
 * keys that are not patchable fields are ignored. Filters are JSON text, which both databases take.
 */
export function dashboardPatchColumns(patch: DashboardPatch) {
  return {
    title: patch.title ?? null,
    description: patch.description ?? null,
    filters: patch.filters == null ? null : JSON.stringify(patch.filters),
    refreshInterval: patch.refreshInterval ?? null,
  };
}

/**
 * A joined row read as an array, split back into one row per table by the table each column came from (both
 * databases report it), so `SELECT l.*, d.*` needs no list of aliased columns to keep in step with the schema.
 */
export function rowsByTable(
  values: readonly unknown[],
  columns: readonly { name: string; table: string | undefined }[],
) {
  const rows = new Map<string, Record<string, unknown>>();
  columns.forEach(({ name, table }, i) => {
    if (!table) return;
    let row = rows.get(table);
    if (!row) rows.set(table, (row = {}));
    row[name] = values[i];
  });
  return rows;
}

/** A link and its dashboard from a `public_links LEFT JOIN dashboards` row split by rowsByTable. */
export function toLinkAndDashboard(rows: Map<string, Record<string, unknown>>): LinkAndDashboard {
  const dashboard = rows.get('dashboards');
  return {
    link: toLink(rows.get('public_links') as LinkRow),
    dashboard: dashboard && dashboard.id != null ? toDashboard(dashboard as DashboardRow) : undefined,
  };
}

/** A widget and its data source from a `widgets LEFT JOIN data_sources` row split by rowsByTable. */
export function toWidgetWithDataSource(rows: Map<string, Record<string, unknown>>): WidgetWithDataSource {
  const dataSource = rows.get('data_sources');
  return {
    widget: toWidget(rows.get('widgets') as WidgetRow),
    dataSource: dataSource && dataSource.id != null ? toDataSource(dataSource as DataSourceRow) : undefined,
  };
}
