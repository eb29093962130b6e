/**
 * User sharing and project/organization access (U1–U6, P5). Only an owner (the creator or a co-owner holding an
 * `owner` share) changes who has access; the creator has no share row and can be neither removed nor demoted.
 */
import {
  authorize,
  authorizeProjectWideRole,
  canReadDataSource,
  projectRolesDenied,
  sharingDetail,
} from '../auth/authorization.js';
import { AppError } from '../errors.js';
import { getDashboard, type DashboardView } from './dashboards.js';
import type { Dashboard, DashboardRole, DataSource, Share, Store, UserWithMemberships } from '../store/types.js';

export interface ShareView {
  username: string;
  name: string;
  email: string;
  role: DashboardRole;
  createdAt: string;
}

export interface AccessWarning {
  /** Who cannot read: a user with a share, everyone in the project, or everyone in the organization. */
  subject: 'user' | 'project' | 'organization';
  /** Username, project id or organization id. */
  id: string;
  /** "Bob Brown", "Everyone in Operations", "Everyone in Northwind". */
  name: string;
  dataSources: { id: string; name: string }[];
  message: string;
}

export interface ProjectAccessView {
  id: string;
  name: string;
  enabled: boolean;
  role: DashboardRole | null;
}
export interface OrganizationAccessView {
  id: string;
  name: string;
  enabled: boolean;
}

/** A data source one of the dashboard's widgets reads, and whether public links may show its rows (L7). */
export interface SharingDataSource {
  id: string;
  name: string;
  externalAccess: boolean;
}

export interface SharingView {
  owner: { username: string; name: string };
  users: ShareView[];
  project: ProjectAccessView;
  organization: OrganizationAccessView;
  warnings: AccessWarning[];
  /** The dashboard as the caller sees it: with the rest, all the share dialog shows, in one answer (issue 15). */
  dashboard: DashboardView;
  /** The signed-in caller, so that a client knows who "you" are without asking `/me`. */
  currentUser: { username: string; name: string; email: string };
  /** The sources the widgets read. Owners outside the dashboard's project cannot list them through /data-sources. */
  dataSources: SharingDataSource[];
  /**
   * Issue 17: true for a caller who is not an owner. They read who has access (without emails, warnings, data
   * sources or public links) and change nothing.
   */
  readOnly: boolean;
}

export async function getSharing(store: Store, user: UserWithMemberships, id: string): Promise<SharingView> {
  const { dashboard, role } = await authorize(store, user, id, 'view_sharing');
  const full = sharingDetail(role) === 'full';
  const [shares, owner, project, organization, warnings, view] = await Promise.all([
    store.listShares(id),
    store.getUserById(dashboard.ownerId),
    projectView(store, dashboard),
    organizationView(store, dashboard),
    full ? accessWarnings(store, dashboard) : [],
    getDashboard(store, user, id),
  ]);
  const sourceIds = full ? [...new Set(view.widgets.map((w) => w.dataSourceId))] : [];
  const sources = await Promise.all(sourceIds.map((sourceId) => store.getDataSource(dashboard.orgId, sourceId)));
  return {
    owner: { username: owner?.username ?? '', name: owner?.name ?? 'Unknown user' },
    users: shares.map((s) => ({
      username: s.username,
      name: s.name,
      // Readers see who has access, not how to reach them.
      email: full ? s.email : '',
      role: s.role,
      createdAt: s.createdAt,
    })),
    project,
    organization,
    warnings,
    dashboard: view,
    currentUser: { username: user.username, name: user.name, email: user.email },
    dataSources: sources
      .filter((s): s is DataSource => Boolean(s))
      .map((s) => ({ id: s.id, name: s.name, externalAccess: s.externalAccess })),
    readOnly: !full,
  };
}

/**
 * Finds a user of the caller's organization by username, or by email (U1 lets the owner type either).
 * Users of other organizations get the same 404 as unknown names: never reveal another organization's users.
 */
async function findUser(store: Store, orgId: string, usernameOrEmail: string): Promise<UserWithMemberships> {
  let found = await store.getUserByUsername(orgId, usernameOrEmail);
  if (!found && usernameOrEmail.includes('@')) {
    const wanted = usernameOrEmail.toLowerCase();
    const match = (await store.searchUsers(orgId, usernameOrEmail, 10)).find((u) => u.email.toLowerCase() === wanted);
    if (match) found = await store.getUserById(match.id);
  }
  if (!found || found.orgId !== orgId) {
    throw new AppError(404, 'user_not_found', `User '${usernameOrEmail}' not found.`);
  }
  return found;
}

function shareView(share: Share, target: { username: string; name: string; email: string }): ShareView {
  return {
    username: target.username,
    name: target.name,
    email: target.email,
    role: share.role,
    createdAt: share.createdAt,
  };
}

export async function shareDashboard(
  store: Store,
  user: UserWithMemberships,
  id: string,
  input: { username: string; role: DashboardRole },
  now: Date,
): Promise<{ share: ShareView; warnings: AccessWarning[] }> {
  const { dashboard } = await authorize(store, user, id, 'share');
  const target = await findUser(store, user.orgId, input.username);
  if (target.id === user.id) {
    throw new AppError(
      400,
      'cannot_share_with_owner',
      'You already have access to this dashboard: you cannot share it with yourself.',
    );
  }
  if (target.id === dashboard.ownerId) {
    throw new AppError(
      400,
      'cannot_share_with_owner',
      `${target.name} owns this dashboard and already has full access.`,
    );
  }
  const existing = await store.getShare(id, target.id);
  if (existing) {
    throw new AppError(
      409,
      'already_shared',
      `${target.name} already has access to this dashboard as ${existing.role}.`,
    );
  }
  const share = await store.insertShare({
    dashboardId: id,
    userId: target.id,
    role: input.role,
    createdAt: now.toISOString(),
  });
  return { share: shareView(share, target), warnings: await accessWarnings(store, dashboard) };
}

/** The creator has no share row: changing or removing them is refused with a sentence, not a bare 404. */
async function existingShareOf(store: Store, dashboard: Dashboard, orgId: string, username: string) {
  const target = await store.getUserByUsername(orgId, username);
  if (target && target.id === dashboard.ownerId) {
    throw new AppError(400, 'cannot_change_owner', `${target.name} created this dashboard and always stays its owner.`);
  }
  const share = target && (await store.getShare(dashboard.id, target.id));
  if (!target || !share) throw new AppError(404, 'share_not_found', `'${username}' has no share on this dashboard.`);
  return { target, share };
}

export async function changeShareRole(
  store: Store,
  user: UserWithMemberships,
  id: string,
  username: string,
  role: DashboardRole,
): Promise<{ share: ShareView; warnings: AccessWarning[] }> {
  const { dashboard } = await authorize(store, user, id, 'share');
  const { target } = await existingShareOf(store, dashboard, user.orgId, username);
  const share = await store.updateShareRole(id, target.id, role);
  if (!share) throw new AppError(404, 'share_not_found', `'${username}' has no share on this dashboard.`);
  return { share: shareView(share, target), warnings: await accessWarnings(store, dashboard) };
}

export async function removeShare(
  store: Store,
  user: UserWithMemberships,
  id: string,
  username: string,
): Promise<void> {
  const { dashboard } = await authorize(store, user, id, 'share');
  const { target } = await existingShareOf(store, dashboard, user.orgId, username);
  await store.deleteShare(id, target.id);
}

export async function setProjectAccess(
  store: Store,
  user: UserWithMemberships,
  id: string,
  input: { enabled: boolean; role: DashboardRole },
): Promise<{ project: ProjectAccessView; warnings: AccessWarning[] }> {
  await authorize(store, user, id, 'share');
  if (input.enabled) authorizeProjectWideRole(input.role);
  await store.setProjectAccess(id, input.enabled ? input.role : null);
  const dashboard = (await store.getDashboard(id))!;
  const [project, warnings] = await Promise.all([projectView(store, dashboard), accessWarnings(store, dashboard)]);
  return { project, warnings };
}

export async function setOrganizationAccess(
  store: Store,
  user: UserWithMemberships,
  id: string,
  enabled: boolean,
): Promise<{ organization: OrganizationAccessView; warnings: AccessWarning[] }> {
  await authorize(store, user, id, 'share');
  await store.setOrgAccess(id, enabled);
  const dashboard = (await store.getDashboard(id))!;
  const [organization, warnings] = await Promise.all([
    organizationView(store, dashboard),
    accessWarnings(store, dashboard),
  ]);
  return { organization, warnings };
}

async function projectView(store: Store, dashboard: Dashboard): Promise<ProjectAccessView> {
  const project = await store.getProject(dashboard.orgId, dashboard.projectId);
  return {
    id: dashboard.projectId,
    name: project?.name ?? dashboard.projectId,
    enabled: dashboard.projectAccessRole !== null,
    role: dashboard.projectAccessRole,
  };
}

async function organizationView(store: Store, dashboard: Dashboard): Promise<OrganizationAccessView> {
  const org = await store.getOrganization(dashboard.orgId);
  return { id: dashboard.orgId, name: org?.name ?? dashboard.orgId, enabled: dashboard.orgAccess };
}

const listNames = (sources: DataSource[]) => {
  const names = sources.map((s) => s.name);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
};
const sourceRefs = (sources: DataSource[]) => sources.map((s) => ({ id: s.id, name: s.name }));

/**
 * P5: who, among those the dashboard is shared with, cannot read which of its data sources. A user who is not a
 * member of a source's project cannot read it at all. "Everyone in <project>" is named when some project role
 * that project-wide access reaches is not allowed to read a source; "Everyone in <organization>" when
 * organization-wide access is on, since people outside the project read none of its sources.
 */
export async function accessWarnings(store: Store, dashboard: Dashboard): Promise<AccessWarning[]> {
  const widgets = await store.listWidgets(dashboard.id);
  const ids = [...new Set(widgets.map((w) => w.dataSourceId))];
  const sources = (await Promise.all(ids.map((id) => store.getDataSource(dashboard.orgId, id)))).filter(
    (s): s is DataSource => Boolean(s),
  );
  if (sources.length === 0) return [];
  const warnings: AccessWarning[] = [];

  const shares = await store.listShares(dashboard.id);
  for (const share of shares) {
    const target = await store.getUserById(share.userId);
    if (!target) continue;
    const unreadable = sources.filter((s) => !canReadDataSource(target, s));
    if (unreadable.length > 0) {
      warnings.push({
        subject: 'user',
        id: target.username,
        name: target.name,
        dataSources: sourceRefs(unreadable),
        message: `${target.name} cannot read ${listNames(unreadable)}.`,
      });
    }
  }

  const project = await store.getProject(dashboard.orgId, dashboard.projectId);
  const projectName = project?.name ?? dashboard.projectId;
  if (dashboard.projectAccessRole) {
    const blocked = sources
      .map((s) => ({
        source: s,
        roles: projectRolesDenied(s, dashboard.projectId),
      }))
      .filter((b) => b.roles.length > 0);
    if (blocked.length > 0) {
      const roles = [...new Set(blocked.flatMap((b) => b.roles))];
      const unreadable = blocked.map((b) => b.source);
      warnings.push({
        subject: 'project',
        id: dashboard.projectId,
        name: `Everyone in ${projectName}`,
        dataSources: sourceRefs(unreadable),
        message: `Everyone in ${projectName}: members with the ${roles.join(' or ')} role cannot read ${listNames(unreadable)}.`,
      });
    }
  }

  if (dashboard.orgAccess) {
    const org = await store.getOrganization(dashboard.orgId);
    const orgName = org?.name ?? dashboard.orgId;
    warnings.push({
      subject: 'organization',
      id: dashboard.orgId,
      name: `Everyone in ${orgName}`,
      dataSources: sourceRefs(sources),
      message: `Everyone in ${orgName}: people outside ${projectName} cannot read ${listNames(sources)}.`,
    });
  }
  return warnings;
}
