import { authorizeProject } from '../auth/authorization.js';
import type { DataSource, Store, User, UserWithMemberships } from '../store/types.js';

export const USER_SUGGESTION_LIMIT = 10;

export interface MeView {
  user: { username: string; name: string; email: string };
  organization: { id: string; name: string };
  projects: { id: string; name: string; role: string }[];
}

export async function describeMe(store: Store, user: UserWithMemberships): Promise<MeView> {
  const org = await store.getOrganization(user.orgId);
  return {
    user: { username: user.username, name: user.name, email: user.email },
    organization: { id: user.orgId, name: org?.name ?? user.orgId },
    projects: user.memberships.map((m) => ({ id: m.projectId, name: m.projectName, role: m.role })),
  };
}

/** Autocomplete (U1): prefix match on username or email, the caller's organization only. */
export async function suggestUsers(store: Store, user: UserWithMemberships, prefix: string): Promise<User[]> {
  const q = prefix.trim();
  if (q === '') return [];
  return store.searchUsers(user.orgId, q, USER_SUGGESTION_LIMIT);
}

/** Data sources of a project; only its members see them (others get 404, not a hint that it exists). */
export async function listProjectDataSources(
  store: Store,
  user: UserWithMemberships,
  projectId: string,
): Promise<DataSource[]> {
  authorizeProject(user, projectId, 'list_data_sources');
  return store.listDataSources(user.orgId, projectId);
}

export function dataSourceView(ds: DataSource) {
  return {
    id: ds.id,
    name: ds.name,
    projectId: ds.projectId,
    fields: ds.fields,
    readableBy: ds.readableBy,
    externalAccess: ds.externalAccess,
  };
}
