/**
 * The one place that decides who may do what (SPEC P1–P5, L7). Services ask it; nothing else compares roles.
 *
 * - Dashboards (P1–P3): `authorize` loads a dashboard and checks an action against the user's role; lists use
 *   `resolveRole` through `listAccessibleDashboards`, so a list and a check can never disagree; `allows` answers
 *   for a role already known (what a view offers).
 * - Projects: `authorizeProject` (members create dashboards and list data sources); `PROJECT_WIDE_ROLES`, what
 *   "Everyone in <project>" may grant.
 * - Data sources (P4): who reads a source's rows signed in (`canReadDataSource`, `authorizeDataSourceRead`), which
 *   sources a dashboard's widgets may use, and only ones their author reads (`authorizeWidgetSource`).
 * - Public links (L7): which widgets a link shows (`linkShowsWidget`, issue 16) and what it may show of a source
 *   (`linkDataRefusal`, `authorizeLinkData`).
 */
import { AppError } from '../errors.js';
import type {
  Dashboard,
  DashboardRole,
  DataSource,
  ProjectRole,
  PublicLink,
  Share,
  Store,
  UserWithMemberships,
} from '../store/types.js';

export type DashboardAction = 'view' | 'view_sharing' | 'export' | 'edit' | 'share' | 'manage_links' | 'delete';

const RANK: Record<DashboardRole, number> = { viewer: 1, author: 2, owner: 3 };

/** The least role each action needs (P3). */
export const REQUIRED_ROLE: Record<DashboardAction, DashboardRole> = {
  view: 'viewer',
  // Issue 17: everyone with a role sees who has access (read-only); what only owners may read is cut by
  // `sharingDetail` below, not by this check.
  view_sharing: 'viewer',
  export: 'viewer',
  edit: 'author',
  share: 'owner',
  manage_links: 'owner',
  delete: 'owner',
};

const REFUSAL: Record<DashboardAction, { code: string; message: string }> = {
  view: { code: 'forbidden', message: 'You cannot view this dashboard.' },
  view_sharing: { code: 'forbidden', message: 'You cannot view this dashboard.' },
  export: { code: 'forbidden', message: 'You cannot export this dashboard.' },
  edit: { code: 'not_author', message: 'Only authors and owners can edit this dashboard.' },
  share: { code: 'not_owner', message: 'Only the owner can change who has access to this dashboard.' },
  manage_links: { code: 'not_owner', message: 'Only the owner can create or manage public links.' },
  delete: { code: 'not_owner', message: 'Only the owner can delete this dashboard.' },
};

export function roleAtLeast(role: DashboardRole | null, needed: DashboardRole): boolean {
  return role !== null && RANK[role] >= RANK[needed];
}

/** Whether a role (already resolved for this user and dashboard) is enough for an action: what a view offers. */
export function allows(role: DashboardRole | null, action: DashboardAction): boolean {
  return roleAtLeast(role, REQUIRED_ROLE[action]);
}

/** The creator: always owner, never removable, the only one who deletes (P1). */
export function isCreator(user: Pick<UserWithMemberships, 'id'>, dashboard: Pick<Dashboard, 'ownerId'>): boolean {
  return dashboard.ownerId === user.id;
}

/**
 * Whether this user may delete this dashboard (P1): the creator only, not a co-owner. What the dashboard list and
 * view send as `canDelete`, so that no one is offered a Delete the server would refuse.
 */
export function mayDelete(user: Pick<UserWithMemberships, 'id'>, dashboard: Pick<Dashboard, 'ownerId'>): boolean {
  return isCreator(user, dashboard);
}

/**
 * How much of a dashboard's sharing the caller reads (issue 17): owners everything; everyone else with a role the
 * people, project and organization access only (no emails, no access warnings about others' data sources, no public
 * links: their tokens are secrets).
 */
export function sharingDetail(role: DashboardRole): 'full' | 'reader' {
  return allows(role, 'share') ? 'full' : 'reader';
}

export function bestRole(...roles: (DashboardRole | null | undefined)[]): DashboardRole | null {
  let best: DashboardRole | null = null;
  for (const role of roles) if (role && (!best || RANK[role] > RANK[best])) best = role;
  return best;
}

/**
 * P1: the creator is owner; else the user's own share, even when lower than what project or organization access
 * would give; else the best of project-wide access (members of the dashboard's project) and organization-wide view.
 */
export function resolveRole(
  user: UserWithMemberships,
  dashboard: Dashboard,
  ownShare: Share | undefined,
): DashboardRole | null {
  if (dashboard.orgId !== user.orgId) return null;
  if (isCreator(user, dashboard)) return 'owner';
  if (ownShare) return ownShare.role;
  const inProject = user.memberships.some((m) => m.projectId === dashboard.projectId);
  return bestRole(inProject ? dashboard.projectAccessRole : null, dashboard.orgAccess ? 'viewer' : null);
}

export async function effectiveRole(
  store: Store,
  user: UserWithMemberships,
  dashboard: Dashboard,
): Promise<DashboardRole | null> {
  if (dashboard.orgId !== user.orgId) return null;
  if (isCreator(user, dashboard)) return 'owner';
  return resolveRole(user, dashboard, await store.getShare(dashboard.id, user.id));
}

export interface Authorized {
  dashboard: Dashboard;
  role: DashboardRole;
}

/**
 * Loads the dashboard and checks the action. No role → 404 (P2: do not reveal that it exists); a role too low →
 * 403 with a code that says why. Always reads the store, so a removed share takes effect on the next request.
 */
export async function authorize(
  store: Store,
  user: UserWithMemberships,
  dashboardId: string,
  action: DashboardAction,
): Promise<Authorized> {
  const dashboard = await store.getDashboard(dashboardId);
  const role = dashboard ? await effectiveRole(store, user, dashboard) : null;
  if (!dashboard || !role) throw new AppError(404, 'dashboard_not_found', 'Dashboard not found.');
  if (!allows(role, action)) {
    const refusal = REFUSAL[action];
    throw new AppError(403, refusal.code, refusal.message);
  }
  // The creator always stays owner: a co-owner (an `owner` share) may share and manage links, but deleting the
  // dashboard would take it away from its creator, so only the creator deletes.
  if (action === 'delete' && !mayDelete(user, dashboard)) {
    throw new AppError(403, 'not_creator', 'Only the person who created this dashboard can delete it.');
  }
  return { dashboard, role };
}

/** Every dashboard the user has a role on, with that role and whether it reached them through someone's grant. */
export async function listAccessibleDashboards(
  store: Store,
  user: UserWithMemberships,
): Promise<(Authorized & { ownShare: Share | undefined })[]> {
  const [candidates, shares] = await Promise.all([
    store.listCandidateDashboards(user),
    store.listSharesForUser(user.id),
  ]);
  const shareByDashboard = new Map(shares.map((s) => [s.dashboardId, s]));
  const out: (Authorized & { ownShare: Share | undefined })[] = [];
  for (const dashboard of candidates) {
    const ownShare = shareByDashboard.get(dashboard.id);
    const role = resolveRole(user, dashboard, ownShare);
    if (role) out.push({ dashboard, role, ownShare });
  }
  return out;
}

// ---- Projects ------------------------------------------------------------------------------------------------

export type ProjectAction = 'create_dashboard' | 'list_data_sources';

/** The project roles each project action needs: any member creates dashboards (and owns them) and sees the sources. */
export const PROJECT_ACTION_ROLES: Record<ProjectAction, readonly ProjectRole[]> = {
  create_dashboard: ['owner', 'member', 'viewer'],
  list_data_sources: ['owner', 'member', 'viewer'],
};

/**
 * The user's membership of a project, if it allows the action. Not a member → 404 project_not_found, the same answer
 * as a project that does not exist (never reveal other projects); a member whose role is not enough → 403.
 */
export function authorizeProject(
  user: Pick<UserWithMemberships, 'memberships'>,
  projectId: string,
  action: ProjectAction,
): UserWithMemberships['memberships'][number] {
  const membership = user.memberships.find((m) => m.projectId === projectId);
  if (!membership) throw new AppError(404, 'project_not_found', `Project '${projectId}' was not found.`);
  if (!PROJECT_ACTION_ROLES[action].includes(membership.role)) {
    throw new AppError(403, 'forbidden', 'Your role in this project does not allow this.');
  }
  return membership;
}

/** What "Everyone in <project>" may grant: viewer or author, never owner (an owner is a person, P1). */
export const PROJECT_WIDE_ROLES: readonly DashboardRole[] = ['viewer', 'author'];

export function authorizeProjectWideRole(role: DashboardRole): void {
  if (!PROJECT_WIDE_ROLES.includes(role)) {
    throw new AppError(400, 'invalid_request', `Project-wide access can grant ${PROJECT_WIDE_ROLES.join(' or ')}.`);
  }
}

// ---- Data sources (P4) ----------------------------------------------------------------------------------------

export const DATA_SOURCE_FORBIDDEN = "You don't have access to this widget's data source.";

/**
 * P4: a signed-in user reads a widget's data only with a project role the data source allows, in the source's own
 * project: of the user's organization (issue 18: another organization's project of the same id is another project).
 */
export function canReadDataSource(
  user: Pick<UserWithMemberships, 'memberships' | 'orgId'>,
  source: DataSource,
): boolean {
  if (source.orgId !== user.orgId) return false;
  const membership = user.memberships.find((m) => m.projectId === source.projectId);
  return Boolean(membership && source.readableBy.includes(membership.role));
}

/** P4 as a refusal: 403 data_source_forbidden. The dashboard role is not enough to read a widget's rows. */
export function authorizeDataSourceRead(user: Pick<UserWithMemberships, 'memberships' | 'orgId'>, source: DataSource) {
  if (!canReadDataSource(user, source)) throw new AppError(403, 'data_source_forbidden', DATA_SOURCE_FORBIDDEN);
}

/** P4 for an export sheet: 'ok', or the sentence the sheet shows instead of rows. */
export function dataSourceAccess(
  user: Pick<UserWithMemberships, 'memberships' | 'orgId'>,
  source: DataSource,
): 'ok' | { message: string } {
  return canReadDataSource(user, source) ? 'ok' : { message: DATA_SOURCE_FORBIDDEN };
}

/**
 * P5: the project roles that project-wide access of `projectId` reaches but that cannot read `source`: those its
 * `readableBy` leaves out, or every role when the source belongs to another project (members of this one are not
 * members there).
 */
export function projectRolesDenied(source: DataSource, projectId: string): ProjectRole[] {
  const roles: ProjectRole[] = ['owner', 'member', 'viewer'];
  return source.projectId === projectId ? roles.filter((r) => !source.readableBy.includes(r)) : roles;
}

/**
 * Which data source a widget saved by `user` may read (the one rule for attaching a widget and for every save of
 * one): a source of the dashboard's project (else 400 invalid_data_source), and one the user may read themselves
 * (P4, issue 18; else 403 data_source_forbidden). Without the second part an author could put rows they cannot see
 * on a dashboard that others, or a public link, show. `kept`: the widget is already on the dashboard with this
 * source and query, so saving it again adds no access; an author may still save a dashboard around a colleague's
 * widget they cannot read, but not point it at other data.
 */
export function authorizeWidgetSource(
  user: Pick<UserWithMemberships, 'memberships' | 'orgId'>,
  dashboard: Pick<Dashboard, 'orgId' | 'projectId'>,
  source: DataSource | undefined,
  sourceId: string,
  kept = false,
): DataSource {
  if (!source || source.orgId !== dashboard.orgId || source.projectId !== dashboard.projectId) {
    throw new AppError(
      400,
      'invalid_data_source',
      `Data source '${sourceId}' is not available in this dashboard's project.`,
    );
  }
  if (!kept && !canReadDataSource(user, source)) {
    throw new AppError(
      403,
      'data_source_forbidden',
      `You cannot add or change a widget on data source '${sourceId}': your role in this project cannot read it.`,
    );
  }
  return source;
}

// ---- Public links (L7) ----------------------------------------------------------------------------------------

export interface Refusal {
  code: string;
  message: string;
}

/**
 * Issue 16: whether a link shows this widget at all. A link with a widget subset shows only the widgets listed in it,
 * so a widget added to the dashboard later stays hidden until the owner lists it; `null` shows every widget. A hidden
 * widget is absent from the public layout and its data and export answer as if it did not exist: the public routes
 * all ask here, and nowhere else decides it.
 */
export function linkShowsWidget(link: Pick<PublicLink, 'widgetIds'>, widgetId: string): boolean {
  return link.widgetIds === null || link.widgetIds.includes(widgetId);
}

const DATA_SOURCE_NOT_PUBLIC: Refusal = {
  code: 'data_source_not_public',
  message: "This widget's data source does not allow public access.",
};
const LOCKED_FILTER_NOT_APPLICABLE: Refusal = {
  code: 'widget_not_filterable',
  message: "This widget's data cannot be limited to what this link shares.",
};

/**
 * Why a widget's rows stay hidden behind this link, if they do. L7: the source must allow external access. And a
 * widget whose source lacks a field the link fixes would show everyone's rows to "customer A": refused too.
 */
export function linkDataRefusal(
  link: Pick<PublicLink, 'lockedFilters'>,
  source: DataSource | undefined,
): Refusal | null {
  if (!source || !source.externalAccess) return DATA_SOURCE_NOT_PUBLIC;
  const fields = new Set(source.fields.map((f) => f.name));
  if (Object.keys(link.lockedFilters).some((field) => !fields.has(field))) return LOCKED_FILTER_NOT_APPLICABLE;
  return null;
}

/** L7 as a refusal: 403 with the reason's code. */
export function authorizeLinkData(link: Pick<PublicLink, 'lockedFilters'>, source: DataSource | undefined): void {
  const refusal = linkDataRefusal(link, source);
  if (refusal) throw new AppError(403, refusal.code, refusal.message);
}

// ---- How a dashboard reached a user -------------------------------------------------------------------------------

/** How a dashboard reached a user: the grant that decides their role (P1 order), or null for no access. */
export type AccessPath = 'creator' | 'share' | 'project' | 'organization';

export function accessPath(
  user: UserWithMemberships,
  dashboard: Dashboard,
  ownShare: Share | undefined,
): AccessPath | null {
  if (dashboard.orgId !== user.orgId) return null;
  if (isCreator(user, dashboard)) return 'creator';
  if (ownShare) return 'share';
  const inProject = user.memberships.some((m) => m.projectId === dashboard.projectId);
  if (inProject && dashboard.projectAccessRole) return 'project';
  return dashboard.orgAccess ? 'organization' : null;
}

/**
 * U4/U5: "Shared with me" means someone granted the dashboard to you or to your project (your own share or
 * project-wide access). Organization-wide dashboards have their own "Organization" filter, so a dashboard that
 * reaches you only through organization-wide access is not "shared"; one you created never is.
 */
export function isSharedWithUser(
  user: UserWithMemberships,
  dashboard: Dashboard,
  ownShare: Share | undefined,
): boolean {
  const path = accessPath(user, dashboard, ownShare);
  return path === 'share' || path === 'project';
}
