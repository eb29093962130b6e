/**
 * Dashboards and widgets (P1–P3, P6, U4, U5): lists with filters, create, read, edit, delete.
 * Every check goes through auth/authorization.ts; this module only adds the rules of what a valid edit is.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  allows,
  mayDelete,
  authorize,
  authorizeProject,
  authorizeWidgetSource,
  isCreator,
  isSharedWithUser,
  listAccessibleDashboards,
} from '../auth/authorization.js';
import { AppError } from '../errors.js';
import type { WidgetPosition, WidgetQuery, WidgetType, FilterDefinition } from '../schemas/dashboard.js';
import { widgetQuerySchema } from '../schemas/dashboard.js';
import type { DashboardListFilter } from '../schemas/requests.js';
import { isStaleSave } from '../store/shared/dashboard-save.js';
import type {
  Dashboard,
  DashboardRole,
  DashboardSave,
  DataSource,
  Share,
  Store,
  User,
  UserWithMemberships,
  Widget,
} from '../store/types.js';
import { describeAccess, type AccessSummary } from './access-summary.js';
import { guardExposure, type GuardDeps } from './exposure-guard.js';
import { filterFieldsOf } from './filters.js';

export interface DashboardSummary {
  id: string;
  title: string;
  description: string;
  owner: { username: string; name: string };
  projectId: string;
  role: DashboardRole;
  shared: boolean;
  orgAccess: boolean;
  access: AccessSummary;
  updatedAt: string;
  /** Decided by the authorization module (only the creator deletes). */
  canDelete: boolean;
}

export interface WidgetView {
  /** Issue 17: the dashboard filter fields its data source has (the others do not narrow it). */
  filterFields?: string[];
  id: string;
  title: string;
  type: WidgetType;
  dataSourceId: string;
  query: WidgetQuery;
  position: WidgetPosition;
}

export interface DashboardView extends DashboardSummary {
  projectId: string;
  widgets: WidgetView[];
  filters: FilterDefinition[];
  refreshInterval: number;
  canModify: boolean;
  isPublicMode: false;
}

interface Reached {
  dashboard: Dashboard;
  role: DashboardRole;
  ownShare: Share | undefined;
}

/** Builds summaries for many dashboards with one link-count query and one lookup per distinct owner/project. */
async function summarize(store: Store, user: UserWithMemberships, reached: Reached[]): Promise<DashboardSummary[]> {
  const managed = reached.filter((r) => allows(r.role, 'manage_links')).map((r) => r.dashboard.id);
  const [linkCounts, org, sharesByDashboard] = await Promise.all([
    store.countLinks(managed),
    store.getOrganization(user.orgId),
    store.listSharesForDashboards(reached.map((r) => r.dashboard.id)),
  ]);
  const owners = new Map<number, Promise<User | undefined>>();
  // Project ids are per organization; every dashboard here is of the user's organization.
  const projects = new Map<string, Promise<string>>();
  const ownerOf = (id: number) => {
    if (!owners.has(id)) owners.set(id, store.getUserById(id));
    return owners.get(id)!;
  };
  const projectName = (id: string) => {
    if (!projects.has(id))
      projects.set(
        id,
        store.getProject(user.orgId, id).then((p) => p?.name ?? id),
      );
    return projects.get(id)!;
  };
  return Promise.all(
    reached.map(async ({ dashboard, role, ownShare }) => {
      const shares = sharesByDashboard.get(dashboard.id) ?? [];
      const [owner, project] = await Promise.all([ownerOf(dashboard.ownerId), projectName(dashboard.projectId)]);
      const ownerView = { id: dashboard.ownerId, username: owner?.username ?? '', name: owner?.name ?? 'Unknown user' };
      return {
        id: dashboard.id,
        title: dashboard.title,
        description: dashboard.description,
        owner: { username: ownerView.username, name: ownerView.name },
        projectId: dashboard.projectId,
        role,
        shared: isSharedWithUser(user, dashboard, ownShare),
        orgAccess: dashboard.orgAccess,
        access: describeAccess({
          viewer: user,
          dashboard,
          role,
          owner: ownerView,
          shares,
          projectName: project,
          organizationName: org?.name ?? dashboard.orgId,
          publicLinkCount: allows(role, 'manage_links') ? (linkCounts.get(dashboard.id)?.active ?? 0) : 0,
          changedLinkCount: allows(role, 'manage_links') ? (linkCounts.get(dashboard.id)?.changed ?? 0) : 0,
        }),
        updatedAt: dashboard.updatedAt,
        canDelete: mayDelete(user, dashboard),
      };
    }),
  );
}

const FILTERS: Record<DashboardListFilter, (user: UserWithMemberships, r: Reached) => boolean> = {
  all: () => true,
  mine: (user, r) => isCreator(user, r.dashboard),
  shared: (user, r) => isSharedWithUser(user, r.dashboard, r.ownShare),
  org: (_user, r) => r.dashboard.orgAccess,
};

export async function listDashboards(
  store: Store,
  user: UserWithMemberships,
  filter: DashboardListFilter,
): Promise<DashboardSummary[]> {
  const reached = (await listAccessibleDashboards(store, user)).filter((r) => FILTERS[filter](user, r));
  return summarize(store, user, reached);
}

const toWidgetView = (w: Widget): WidgetView => ({
  id: w.id,
  title: w.title,
  type: w.type,
  dataSourceId: w.dataSourceId,
  query: w.query,
  position: w.position,
});

async function viewOf(
  store: Store,
  user: UserWithMemberships,
  dashboard: Dashboard,
  role: DashboardRole,
): Promise<DashboardView> {
  const [ownShare, widgets] = await Promise.all([
    store.getShare(dashboard.id, user.id),
    store.listWidgets(dashboard.id),
  ]);
  const [summary] = await summarize(store, user, [{ dashboard, role, ownShare }]);
  const sourceIds = [...new Set(widgets.map((w) => w.dataSourceId))];
  const sources = new Map(
    await Promise.all(sourceIds.map(async (id) => [id, await store.getDataSource(dashboard.orgId, id)] as const)),
  );
  return {
    ...summary!,
    widgets: widgets.map((w) => {
      const filterFields = filterFieldsOf(sources.get(w.dataSourceId), dashboard.filters);
      return filterFields ? { ...toWidgetView(w), filterFields } : toWidgetView(w);
    }),
    filters: dashboard.filters,
    refreshInterval: dashboard.refreshInterval,
    canModify: allows(role, 'edit'),
    isPublicMode: false,
  };
}

export async function getDashboard(store: Store, user: UserWithMemberships, id: string): Promise<DashboardView> {
  const { dashboard, role } = await authorize(store, user, id, 'view');
  return viewOf(store, user, dashboard, role);
}

export interface CreateDashboardInput {
  projectId: string;
  title: string;
  description: string;
  filters: FilterDefinition[];
  refreshInterval: number;
}

/** Any member of a project may create a dashboard in it and becomes its owner (P1). */
export async function createDashboard(
  store: Store,
  user: UserWithMemberships,
  input: CreateDashboardInput,
): Promise<DashboardView> {
  authorizeProject(user, input.projectId, 'create_dashboard');
  const dashboard = await store.insertDashboard({ id: randomUUID(), orgId: user.orgId, ownerId: user.id, ...input });
  return viewOf(store, user, dashboard, 'owner');
}

export interface PatchDashboardInput {
  title?: string;
  description?: string;
  filters?: FilterDefinition[];
  refreshInterval?: number;
  widgets?: { id: string; title?: string; position?: WidgetPosition }[];
}

/**
 * Edits a dashboard's fields and its widgets' titles and positions. Issue 16: `guard` (the exposure guard's deps)
 * flags the public links that a wider filter default or a removed locked filter concerns.
 */
export async function updateDashboard(
  store: Store,
  user: UserWithMemberships,
  id: string,
  input: PatchDashboardInput,
  guard: GuardDeps,
): Promise<DashboardView> {
  const { dashboard, role } = await authorize(store, user, id, 'edit');
  const { widgets: layout, ...fields } = input;
  const widgetsBefore = await store.listWidgets(id);
  if (layout) {
    const current = new Map(widgetsBefore.map((w) => [w.id, w]));
    // Check every widget before writing any, so a bad id changes nothing.
    for (const item of layout) {
      if (!current.has(item.id))
        throw new AppError(400, 'widget_not_found', `Widget '${item.id}' is not on this dashboard.`);
    }
    for (const item of layout) {
      const widget = current.get(item.id)!;
      await store.updateWidget({
        ...widget,
        title: item.title ?? widget.title,
        position: item.position ?? widget.position,
      });
    }
  }
  const updated =
    Object.keys(fields).length > 0 ? await store.updateDashboard(id, fields) : await store.getDashboard(id);
  // Titles and positions expose nothing new; the same widgets on both sides leave only the filters to compare.
  const widgets = widgetsBefore;
  await guardExposure(
    guard,
    dashboard,
    { filters: dashboard.filters, widgets },
    { filters: (updated ?? dashboard).filters, widgets },
  );
  return viewOf(store, user, updated ?? dashboard, role);
}

/** Owner only; the store removes widgets, shares and links with it and keeps the audit trail. */
export async function deleteDashboard(store: Store, user: UserWithMemberships, id: string): Promise<void> {
  await authorize(store, user, id, 'delete');
  await store.deleteDashboard(id);
}

export interface CreateWidgetInput {
  title: string;
  type: WidgetType;
  dataSourceId: string;
  query: WidgetQuery;
  position?: WidgetPosition;
}

/** Adds one widget. Issue 16: `guard` flags the links that show all widgets (and those that gain a data source). */
export async function addWidget(
  store: Store,
  user: UserWithMemberships,
  id: string,
  input: CreateWidgetInput,
  guard: GuardDeps,
): Promise<WidgetView> {
  const { dashboard } = await authorize(store, user, id, 'edit');
  const source = await checkWidget(store, user, dashboard, input);
  const existing = await store.listWidgets(id);
  const position = input.position ?? {
    x: 0,
    y: existing.reduce((bottom, w) => Math.max(bottom, w.position.y + w.position.h), 0),
    w: 6,
    h: 4,
  };
  const widget = await store.insertWidget({
    id: randomUUID(),
    dashboardId: id,
    title: input.title,
    type: input.type,
    dataSourceId: source.id,
    query: input.query,
    position,
  });
  const { filters } = dashboard;
  await guardExposure(guard, dashboard, { filters, widgets: existing }, { filters, widgets: [...existing, widget] });
  return toWidgetView(widget);
}

export interface SaveDashboardInput {
  title: string;
  description?: string;
  /** Every widget the dashboard keeps; one without an id is new. */
  widgets: (Omit<CreateWidgetInput, 'position'> & { id?: string; position: WidgetPosition })[];
  baseUpdatedAt?: string;
}

/**
 * Saves a whole edit at once (edit mode's Save): title, description and the complete widget list (listed widgets
 * updated, new ones added, the others removed) in the store's one transaction. Everything is checked first, so a
 * refusal changes nothing: the caller may edit, every id is one of the dashboard's widgets, and every widget's data
 * source and query pass what adding a widget checks. With `baseUpdatedAt`, an edit begun on an older version is
 * refused (409 edit_conflict) instead of overwriting someone else's save; the store checks it again atomically.
 * Issue 16: once saved, `guard` flags the public links that now expose more (exposure-guard.ts).
 */
export async function saveDashboard(
  store: Store,
  user: UserWithMemberships,
  id: string,
  input: SaveDashboardInput,
  guard: GuardDeps,
): Promise<DashboardView> {
  const { dashboard, role } = await authorize(store, user, id, 'edit');
  // Early, before the per-widget checks: a widget someone else removed meanwhile is a conflict, not a bad id.
  if (isStaleSave(input, dashboard)) throw editConflict();
  const widgetsBefore = await store.listWidgets(id);
  const current = new Map(widgetsBefore.map((w) => [w.id, w]));
  const widgets: SaveWidget[] = [];
  for (const widget of input.widgets) {
    const saved = widget.id === undefined ? undefined : current.get(widget.id);
    if (widget.id !== undefined && !saved)
      throw new AppError(400, 'widget_not_found', `Widget '${widget.id}' is not on this dashboard.`);
    const source = await checkWidget(store, user, dashboard, widget, saved);
    const { title, type, query, position } = widget;
    widgets.push({ id: widget.id ?? randomUUID(), title, type, dataSourceId: source.id, query, position });
  }
  const { title, description, baseUpdatedAt } = input;
  const result = await store.saveDashboard(id, { title, description, widgets, baseUpdatedAt });
  if (result.status === 'not_found') throw new AppError(404, 'dashboard_not_found', 'Dashboard not found.');
  if (result.status === 'conflict') throw editConflict();
  const { filters } = result.dashboard;
  await guardExposure(guard, dashboard, { filters: dashboard.filters, widgets: widgetsBefore }, { filters, widgets });
  return viewOf(store, user, result.dashboard, role);
}

type SaveWidget = DashboardSave['widgets'][number];

const editConflict = () =>
  new AppError(
    409,
    'edit_conflict',
    'Someone else saved this dashboard after you began editing. Reload it to see their changes, then edit again.',
  );

/**
 * A widget's data source and query, checked as every save of a widget checks them: the source must be one of the
 * dashboard project's that the user may read, unless the widget keeps the source and query it has (authorization.ts),
 * and the query must compile for it (validateWidgetQuery).
 */
async function checkWidget(
  store: Store,
  user: UserWithMemberships,
  dashboard: Dashboard,
  widget: { dataSourceId: string; query: WidgetQuery },
  saved?: Widget,
): Promise<DataSource> {
  // The saved query read through the request's schema (its defaults filled in), as the incoming one was: a widget
  // sent back exactly as it was loaded compares equal even if it was stored before a default existed.
  const savedQuery = saved && (widgetQuerySchema.safeParse(saved.query).data ?? saved.query);
  const kept =
    saved !== undefined && saved.dataSourceId === widget.dataSourceId && isDeepStrictEqual(savedQuery, widget.query);
  const found = await store.getDataSource(dashboard.orgId, widget.dataSourceId);
  const source = authorizeWidgetSource(user, dashboard, found, widget.dataSourceId, kept);
  validateWidgetQuery(store, widget.query, source);
  return source;
}

export async function removeWidget(
  store: Store,
  user: UserWithMemberships,
  id: string,
  widgetId: string,
): Promise<void> {
  await authorize(store, user, id, 'edit');
  if (!(await store.deleteWidget(id, widgetId))) {
    throw new AppError(404, 'widget_not_found', `Widget '${widgetId}' was not found on this dashboard.`);
  }
}

/**
 * The one rule for a widget's query (issue 14): it is valid exactly when the store compiles it for its data source in
 * the store's own dialect, as it does to read the widget's data (services/widget-data.ts), so a saved widget can
 * always be compiled. The compiler's refusals are 400 `invalid_query` with a message naming the field.
 * Every save of a query or a data source goes through here.
 */
export function validateWidgetQuery(store: Pick<Store, 'compileQuery'>, query: WidgetQuery, source: DataSource): void {
  store.compileQuery({ query, source });
}
