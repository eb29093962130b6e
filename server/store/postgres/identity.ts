import type { IdentityStore, Membership, Organization, Project, ProjectRole, UserWithMemberships } from '../types.js';
import { toUser, type UserRow } from '../shared/rows.js';
import { escapeLike } from '../shared/sql-text.js';
import { transaction, type Pool, type Queryable } from './pool.js';

const USER_COLUMNS = 'id, org_id, username, name, email';

export function postgresIdentityStore(pool: Pool): IdentityStore {
  const memberships = async (db: Queryable, userId: number) =>
    (
      await db.query<Membership>(
        `SELECT m.project_id AS "projectId", p.name AS "projectName", m.role
         FROM memberships m JOIN projects p ON p.org_id = m.org_id AND p.id = m.project_id
         WHERE m.user_id = $1 ORDER BY p.name`,
        [userId],
      )
    ).rows;
  const withMemberships = async (db: Queryable, row: UserRow | undefined): Promise<UserWithMemberships | undefined> =>
    row && { ...toUser(row), memberships: await memberships(db, row.id) };

  return {
    async upsertOrganization(org: Organization) {
      await pool.query(
        'INSERT INTO organizations (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = excluded.name',
        [org.id, org.name],
      );
    },
    async getOrganization(id) {
      return (await pool.query<Organization>('SELECT id, name FROM organizations WHERE id = $1', [id])).rows[0];
    },
    async upsertProject(project) {
      await pool.query(
        `INSERT INTO projects (id, org_id, name) VALUES ($1, $2, $3)
         ON CONFLICT (org_id, id) DO UPDATE SET name = excluded.name`,
        [project.id, project.orgId, project.name],
      );
    },
    async getProject(orgId, id) {
      return (
        await pool.query<Project>('SELECT id, org_id AS "orgId", name FROM projects WHERE org_id = $1 AND id = $2', [
          orgId,
          id,
        ])
      ).rows[0];
    },
    async listProjects(orgId) {
      return (
        await pool.query<Project>('SELECT id, org_id AS "orgId", name FROM projects WHERE org_id = $1 ORDER BY name', [
          orgId,
        ])
      ).rows;
    },
    async upsertUser(u) {
      // One transaction: the user row lock taken by the upsert serializes two processes provisioning the same user,
      // so their membership replacements never interleave.
      return transaction(pool, async (client) => {
        const now = new Date().toISOString();
        const { rows } = await client.query<UserRow>(
          `INSERT INTO users (org_id, username, name, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
           ON CONFLICT (org_id, username) DO UPDATE SET name = excluded.name, email = excluded.email,
             updated_at = CASE WHEN users.name IS DISTINCT FROM excluded.name OR users.email IS DISTINCT FROM excluded.email
                               THEN excluded.updated_at ELSE users.updated_at END
           RETURNING ${USER_COLUMNS}`,
          [u.orgId, u.username, u.name, u.email, now],
        );
        const row = rows[0]!;
        await client.query('DELETE FROM memberships WHERE user_id = $1', [row.id]);
        // A token grants memberships in its own organization's projects only: the join by (org, project) drops others.
        await client.query(
          `INSERT INTO memberships (user_id, org_id, project_id, role)
           SELECT $1, p.org_id, p.id, g.value FROM jsonb_each_text($2::jsonb) AS g
           JOIN projects p ON p.org_id = $3 AND p.id = g.key`,
          [row.id, JSON.stringify(u.projects), u.orgId],
        );
        return (await withMemberships(client, row))!;
      });
    },
    async getUserById(id) {
      const { rows } = await pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
      return withMemberships(pool, rows[0]);
    },
    async getUserByUsername(orgId, username) {
      const { rows } = await pool.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users WHERE org_id = $1 AND username = $2`,
        [orgId, username],
      );
      return withMemberships(pool, rows[0]);
    },
    async searchUsers(orgId, prefix, limit) {
      // Case-insensitive like SQLite's NOCASE (ASCII folding is what both agree on); two index range scans merged.
      const pattern = escapeLike(prefix.toLowerCase()) + '%';
      const { rows } = await pool.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users WHERE id IN (
           (SELECT id FROM users WHERE org_id = $1 AND lower(username) LIKE $2 ORDER BY lower(username) LIMIT $3)
           UNION
           (SELECT id FROM users WHERE org_id = $1 AND lower(email) LIKE $2 ORDER BY lower(email) LIMIT $3))
         ORDER BY lower(username), username LIMIT $3`,
        [orgId, pattern, limit],
      );
      return rows.map(toUser);
    },
    async listProjectMembers(orgId, projectId) {
      const { rows } = await pool.query<UserRow & { role: ProjectRole }>(
        `SELECT u.id, u.org_id, u.username, u.name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = $1 AND m.project_id = $2 ORDER BY u.username`,
        [orgId, projectId],
      );
      return rows.map((r) => ({ ...toUser(r), role: r.role }));
    },
  };
}
