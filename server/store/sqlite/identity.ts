import type { Db } from './database.js';
import type { IdentityStore, Membership, Organization, Project, ProjectRole, UserWithMemberships } from '../types.js';
import { toUser, type UserRow } from '../shared/rows.js';
import { escapeLike } from '../shared/sql-text.js';

export function sqliteIdentityStore(db: Db): IdentityStore {
  const s = {
    upsertOrg: db.prepare(
      'INSERT INTO organizations (id, name) VALUES (@id, @name) ON CONFLICT(id) DO UPDATE SET name = excluded.name',
    ),
    getOrg: db.prepare('SELECT id, name FROM organizations WHERE id = ?'),
    upsertProject: db.prepare(
      `INSERT INTO projects (id, org_id, name) VALUES (@id, @orgId, @name)
       ON CONFLICT(org_id, id) DO UPDATE SET name = excluded.name`,
    ),
    getProject: db.prepare('SELECT id, org_id AS orgId, name FROM projects WHERE org_id = ? AND id = ?'),
    listProjects: db.prepare('SELECT id, org_id AS orgId, name FROM projects WHERE org_id = ? ORDER BY name'),
    upsertUser: db.prepare(
      `INSERT INTO users (org_id, username, name, email, created_at, updated_at)
       VALUES (@orgId, @username, @name, @email, @now, @now)
       ON CONFLICT(org_id, username) DO UPDATE SET name = excluded.name, email = excluded.email,
         updated_at = CASE WHEN users.name IS NOT excluded.name OR users.email IS NOT excluded.email
                           THEN excluded.updated_at ELSE users.updated_at END
       RETURNING id`,
    ),
    deleteMemberships: db.prepare('DELETE FROM memberships WHERE user_id = ?'),
    insertMembership: db.prepare(
      'INSERT INTO memberships (user_id, org_id, project_id, role) VALUES (@userId, @orgId, @projectId, @role)',
    ),
    userById: db.prepare('SELECT id, org_id, username, name, email FROM users WHERE id = ?'),
    userByName: db.prepare('SELECT id, org_id, username, name, email FROM users WHERE org_id = ? AND username = ?'),
    memberships: db.prepare(
      `SELECT m.project_id AS projectId, p.name AS projectName, m.role AS role
       FROM memberships m JOIN projects p ON p.org_id = m.org_id AND p.id = m.project_id
       WHERE m.user_id = ? ORDER BY p.name`,
    ),
    // Two index range scans (username, then email) merged: stays fast for large organizations. LIKE … ESCAPE
    // disables SQLite's own prefix optimisation, so the explicit NOCASE range (@lo ≤ x < @hi) makes the seek.
    search: db.prepare(
      `SELECT id, org_id, username, name, email FROM users WHERE id IN (
         SELECT id FROM (SELECT id FROM users WHERE org_id = @orgId AND username LIKE @pattern ESCAPE '\\' COLLATE NOCASE
                         AND username >= @lo COLLATE NOCASE AND username < @hi COLLATE NOCASE
                         ORDER BY username COLLATE NOCASE LIMIT @limit)
         UNION
         SELECT id FROM (SELECT id FROM users WHERE org_id = @orgId AND email LIKE @pattern ESCAPE '\\' COLLATE NOCASE
                         AND email >= @lo COLLATE NOCASE AND email < @hi COLLATE NOCASE
                         ORDER BY email COLLATE NOCASE LIMIT @limit))
       ORDER BY username COLLATE NOCASE LIMIT @limit`,
    ),
    projectMembers: db.prepare(
      `SELECT u.id, u.org_id, u.username, u.name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.org_id = ? AND m.project_id = ? ORDER BY u.username`,
    ),
  };

  const withMemberships = (row: UserRow | undefined): UserWithMemberships | undefined =>
    row && { ...toUser(row), memberships: s.memberships.all(row.id) as Membership[] };

  const upsertUserTx = db.transaction(
    (u: { orgId: string; username: string; name: string; email: string; projects: Record<string, ProjectRole> }) => {
      const { id } = s.upsertUser.get({ ...u, now: new Date().toISOString() }) as { id: number };
      s.deleteMemberships.run(id);
      for (const [projectId, role] of Object.entries(u.projects)) {
        // A token grants memberships in its own organization's projects only: the lookup is by (org, project).
        if (!s.getProject.get(u.orgId, projectId)) continue;
        s.insertMembership.run({ userId: id, orgId: u.orgId, projectId, role });
      }
      return id;
    },
  );

  return {
    async upsertOrganization(org: Organization) {
      s.upsertOrg.run(org);
    },
    async getOrganization(id) {
      return s.getOrg.get(id) as Organization | undefined;
    },
    async upsertProject(project) {
      s.upsertProject.run(project);
    },
    async getProject(orgId, id) {
      return s.getProject.get(orgId, id) as Project | undefined;
    },
    async listProjects(orgId) {
      return s.listProjects.all(orgId) as Project[];
    },
    async upsertUser(u) {
      const id = upsertUserTx(u);
      return withMemberships(s.userById.get(id) as UserRow)!;
    },
    async getUserById(id) {
      return withMemberships(s.userById.get(id) as UserRow | undefined);
    },
    async getUserByUsername(orgId, username) {
      return withMemberships(s.userByName.get(orgId, username) as UserRow | undefined);
    },
    async searchUsers(orgId, prefix, limit) {
      const pattern = escapeLike(prefix) + '%';
      // Under NOCASE (which folds ASCII only, like LIKE) every string starting with the prefix sorts in
      // [prefix, prefix + U+10FFFF).
      return (s.search.all({ orgId, pattern, lo: prefix, hi: prefix + '\u{10FFFF}', limit }) as UserRow[]).map(toUser);
    },
    async listProjectMembers(orgId, projectId) {
      return (s.projectMembers.all(orgId, projectId) as (UserRow & { role: ProjectRole })[]).map((r) => ({
        ...toUser(r),
        role: r.role,
      }));
    },
  };
}
