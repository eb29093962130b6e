import type { DashboardRole, Share, ShareStore, ShareWithUser } from '../types.js';
import type { Pool } from './pool.js';
import { groupByDashboard } from '../shared/group.js';

const SHARE_COLUMNS = 'dashboard_id AS "dashboardId", user_id AS "userId", role, created_at AS "createdAt"';

export function postgresShareStore(pool: Pool): ShareStore {
  return {
    async listShares(dashboardId) {
      const { rows } = await pool.query<ShareWithUser>(
        `SELECT s.dashboard_id AS "dashboardId", s.user_id AS "userId", s.role, s.created_at AS "createdAt",
                u.username, u.name, u.email
         FROM shares s JOIN users u ON u.id = s.user_id WHERE s.dashboard_id = $1 ORDER BY s.created_at, u.username`,
        [dashboardId],
      );
      return rows;
    },
    async listSharesForDashboards(dashboardIds) {
      if (dashboardIds.length === 0) return new Map();
      const { rows } = await pool.query<ShareWithUser>(
        `SELECT s.dashboard_id AS "dashboardId", s.user_id AS "userId", s.role, s.created_at AS "createdAt",
                u.username, u.name, u.email
         FROM shares s JOIN users u ON u.id = s.user_id WHERE s.dashboard_id = ANY($1::text[])
         ORDER BY s.created_at, u.username`,
        [dashboardIds],
      );
      return groupByDashboard(rows);
    },
    async getShare(dashboardId, userId) {
      return (
        await pool.query<Share>(`SELECT ${SHARE_COLUMNS} FROM shares WHERE dashboard_id = $1 AND user_id = $2`, [
          dashboardId,
          userId,
        ])
      ).rows[0];
    },
    async listSharesForUser(userId) {
      return (await pool.query<Share>(`SELECT ${SHARE_COLUMNS} FROM shares WHERE user_id = $1`, [userId])).rows;
    },
    async insertShare(share) {
      await pool.query('INSERT INTO shares (dashboard_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)', [
        share.dashboardId,
        share.userId,
        share.role,
        share.createdAt,
      ]);
      return share;
    },
    async updateShareRole(dashboardId, userId, role: DashboardRole) {
      const { rows } = await pool.query<Share>(
        `UPDATE shares SET role = $3 WHERE dashboard_id = $1 AND user_id = $2 RETURNING ${SHARE_COLUMNS}`,
        [dashboardId, userId, role],
      );
      return rows[0];
    },
    async deleteShare(dashboardId, userId) {
      return (
        ((await pool.query('DELETE FROM shares WHERE dashboard_id = $1 AND user_id = $2', [dashboardId, userId]))
          .rowCount ?? 0) > 0
      );
    },
  };
}
