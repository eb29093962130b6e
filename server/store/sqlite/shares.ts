import type { Db } from './database.js';
import type { DashboardRole, Share, ShareStore, ShareWithUser } from '../types.js';
import { groupByDashboard } from '../shared/group.js';

const SHARE_COLUMNS = 'dashboard_id AS dashboardId, user_id AS userId, role, created_at AS createdAt';

export function sqliteShareStore(db: Db): ShareStore {
  const s = {
    list: db.prepare(
      `SELECT s.dashboard_id AS dashboardId, s.user_id AS userId, s.role, s.created_at AS createdAt,
              u.username, u.name, u.email
       FROM shares s JOIN users u ON u.id = s.user_id WHERE s.dashboard_id = ? ORDER BY s.created_at, u.username`,
    ),
    // json_each keeps this one prepared statement whatever the number of ids.
    listMany: db.prepare(
      `SELECT s.dashboard_id AS dashboardId, s.user_id AS userId, s.role, s.created_at AS createdAt,
              u.username, u.name, u.email
       FROM shares s JOIN users u ON u.id = s.user_id
       WHERE s.dashboard_id IN (SELECT value FROM json_each(?)) ORDER BY s.created_at, u.username`,
    ),
    get: db.prepare(`SELECT ${SHARE_COLUMNS} FROM shares WHERE dashboard_id = ? AND user_id = ?`),
    forUser: db.prepare(`SELECT ${SHARE_COLUMNS} FROM shares WHERE user_id = ?`),
    insert: db.prepare(
      'INSERT INTO shares (dashboard_id, user_id, role, created_at) VALUES (@dashboardId, @userId, @role, @createdAt)',
    ),
    updateRole: db.prepare('UPDATE shares SET role = ? WHERE dashboard_id = ? AND user_id = ?'),
    delete: db.prepare('DELETE FROM shares WHERE dashboard_id = ? AND user_id = ?'),
  };
  return {
    async listShares(dashboardId) {
      return s.list.all(dashboardId) as ShareWithUser[];
    },
    async listSharesForDashboards(dashboardIds) {
      return groupByDashboard(
        dashboardIds.length ? (s.listMany.all(JSON.stringify(dashboardIds)) as ShareWithUser[]) : [],
      );
    },
    async getShare(dashboardId, userId) {
      return s.get.get(dashboardId, userId) as Share | undefined;
    },
    async listSharesForUser(userId) {
      return s.forUser.all(userId) as Share[];
    },
    async insertShare(share) {
      s.insert.run(share);
      return share;
    },
    async updateShareRole(dashboardId, userId, role: DashboardRole) {
      if (s.updateRole.run(role, dashboardId, userId).changes === 0) return undefined;
      return s.get.get(dashboardId, userId) as Share;
    },
    async deleteShare(dashboardId, userId) {
      return s.delete.run(dashboardId, userId).changes > 0;
    },
  };
}
