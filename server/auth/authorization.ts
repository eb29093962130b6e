/**
 * The one place that decides what a signed-in user may do with a dashboard (SPEC P1–P3). Routes ask `authorize`;
 * lists use `resolveRole` through `listAccessibleDashboards`, so a list and a check can never disagree.
 */
import { AppError } from '../errors.js';
import type { Dashboard, DashboardRole, DataSource, Share, Store, UserWithMemberships } from '../store/types.js';

export type DashboardAction = 'view' | 'export' | 'edit' | 'share' | 'manage_links' | 'delete';

const RANK: Record<DashboardRole, number> = { viewer: 1, author: 2, owner: 3 };

/** The least role each action needs (P3). */
export const REQUIRED_ROLE: Record<DashboardAction, DashboardRole> = {
  view: 'viewer',
  export: 'viewer',
  edit: 'author',
  share: 'owner',
  manage_links: 'owner',
  delete: 'owner',
};

const REFUSAL: Record<DashboardAction, { code: string; message: string }> = {
  view: { code: 'forbidden', message: 'You cannot view this dashboard.' },
  export: { code: 'forbidden', message: 'You cannot export this dashboard.' },
  edit: { code: 'not_author', message: 'Only authors and owners can edit this dashboard.' },
  share: { code: 'not_owner', message: 'Only the owner can change who has access to this dashboard.' },
  manage_links: { code: 'not_owner', message: 'Only the owner can create or manage public links.' },
  delete: { code: 'not_owner', message: 'Only the owner can delete this dashboard.' },
};

export function roleAtLeast(role: DashboardRole | null, needed: DashboardRole): boolean {
  return role !== null && RANK[role] >= RANK[needed];
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
  if (dashboard.ownerId === user.id) return 'owner';
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
  if (dashboard.ownerId === user.id) return 'owner';
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
  if (!roleAtLeast(role, REQUIRED_ROLE[action])) {
    const refusal = REFUSAL[action];
    throw new AppError(403, refusal.code, refusal.message);
  }
  // The creator always stays owner: a co-owner (an `owner` share) may share and manage links, but deleting the
  // dashboard would take it away from its creator, so only the creator deletes.
  if (action === 'delete' && dashboard.ownerId !== user.id) {
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

/** P4: a signed-in user reads a widget's data only with a project role the data source allows. */
export function canReadDataSource(
  user: Pick<UserWithMemberships, 'memberships' | 'orgId'>,
  source: DataSource,
): boolean {
  const membership = user.memberships.find((m) => m.projectId === source.projectId);
  return Boolean(membership && source.readableBy.includes(membership.role));
}

/** How a dashboard reached a user: the grant that decides their role (P1 order), or null for no access. */
export type AccessPath = 'creator' | 'share' | 'project' | 'organization';

export function accessPath(
  user: UserWithMemberships,
  dashboard: Dashboard,
  ownShare: Share | undefined,
): AccessPath | null {
  if (dashboard.orgId !== user.orgId) return null;
  if (dashboard.ownerId === user.id) return 'creator';
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
