import type { DashboardStore } from '../types.js';
import { dashboardPatchColumns, toDashboard, toWidget, type DashboardRow, type WidgetRow } from '../shared/rows.js';
import { transaction, type Pool } from './pool.js';

/**
 * A dashboard's next updatedAt, given now as $n: now, but always at least a millisecond past the previous one, so
 * that every write gives a new version even within one millisecond or when another process's clock is behind (a
 * save's edit-conflict check compares versions).
 */
const nextUpdatedAt = (now: string) => `GREATEST(${now}::timestamptz, updated_at + interval '1 millisecond')`;
const TOUCH = `UPDATE dashboards SET updated_at = ${nextUpdatedAt('$2')} WHERE id = $1`;

const WIDGET_COLUMNS = 'id, dashboard_id, title, type, data_source_id, query, position';

export function postgresDashboardStore(pool: Pool): DashboardStore {
  const now = () => new Date().toISOString();
  const get = async (id: string) => {
    const row = (await pool.query<DashboardRow>('SELECT * FROM dashboards WHERE id = $1', [id])).rows[0];
    return row && toDashboard(row);
  };

  return {
    async insertDashboard(d) {
      const t = now();
      const { rows } = await pool.query<DashboardRow>(
        `INSERT INTO dashboards (id, org_id, project_id, owner_id, title, description, filters, refresh_interval,
           created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *`,
        [
          d.id,
          d.orgId,
          d.projectId,
          d.ownerId,
          d.title,
          d.description,
          JSON.stringify(d.filters),
          d.refreshInterval,
          t,
        ],
      );
      return toDashboard(rows[0]!);
    },
    getDashboard: get,
    async updateDashboard(id, patch) {
      // COALESCE keeps each column that the patch leaves out (dashboardPatchColumns), in one statement.
      const columns = dashboardPatchColumns(patch);
      const { rows } = await pool.query<DashboardRow>(
        `UPDATE dashboards SET title = COALESCE($2, title), description = COALESCE($3, description),
           filters = COALESCE($4::jsonb, filters), refresh_interval = COALESCE($5, refresh_interval),
           updated_at = ${nextUpdatedAt('$6')}
         WHERE id = $1 RETURNING *`,
        [id, columns.title, columns.description, columns.filters, columns.refreshInterval, now()],
      );
      return rows[0] && toDashboard(rows[0]);
    },
    async deleteDashboard(id) {
      return ((await pool.query('DELETE FROM dashboards WHERE id = $1', [id])).rowCount ?? 0) > 0;
    },
    async listCandidateDashboards(user) {
      const { rows } = await pool.query<DashboardRow>(
        `SELECT d.* FROM dashboards d WHERE d.org_id = $1 AND (
           d.owner_id = $2
           OR d.org_access
           OR EXISTS (SELECT 1 FROM shares s WHERE s.dashboard_id = d.id AND s.user_id = $2)
           OR (d.project_access_role IS NOT NULL AND EXISTS (
                 SELECT 1 FROM memberships m WHERE m.user_id = $2 AND m.project_id = d.project_id)))
         ORDER BY d.updated_at DESC, d.id`,
        [user.orgId, user.id],
      );
      return rows.map(toDashboard);
    },
    async setProjectAccess(id, role) {
      await pool.query(
        `UPDATE dashboards SET project_access_role = $2, updated_at = ${nextUpdatedAt('$3')} WHERE id = $1`,
        [id, role, now()],
      );
    },
    async setOrgAccess(id, enabled) {
      await pool.query(`UPDATE dashboards SET org_access = $2, updated_at = ${nextUpdatedAt('$3')} WHERE id = $1`, [
        id,
        enabled,
        now(),
      ]);
    },
    async listWidgets(dashboardId) {
      const { rows } = await pool.query<WidgetRow>(
        `SELECT ${WIDGET_COLUMNS} FROM widgets WHERE dashboard_id = $1 ORDER BY seq`,
        [dashboardId],
      );
      return rows.map(toWidget);
    },
    async getWidget(dashboardId, widgetId) {
      const { rows } = await pool.query<WidgetRow>(
        `SELECT ${WIDGET_COLUMNS} FROM widgets WHERE dashboard_id = $1 AND id = $2`,
        [dashboardId, widgetId],
      );
      return rows[0] && toWidget(rows[0]);
    },
    async insertWidget(w) {
      await transaction(pool, async (client) => {
        await client.query(
          `INSERT INTO widgets (id, dashboard_id, title, type, data_source_id, query, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [w.id, w.dashboardId, w.title, w.type, w.dataSourceId, JSON.stringify(w.query), JSON.stringify(w.position)],
        );
        await client.query(TOUCH, [w.dashboardId, now()]);
      });
      return w;
    },
    async updateWidget(w) {
      await transaction(pool, async (client) => {
        await client.query(
          `UPDATE widgets SET title = $3, type = $4, data_source_id = $5, query = $6, position = $7
           WHERE dashboard_id = $1 AND id = $2`,
          [w.dashboardId, w.id, w.title, w.type, w.dataSourceId, JSON.stringify(w.query), JSON.stringify(w.position)],
        );
        await client.query(TOUCH, [w.dashboardId, now()]);
      });
      return w;
    },
    async deleteWidget(dashboardId, widgetId) {
      return transaction(pool, async (client) => {
        const changed =
          ((await client.query('DELETE FROM widgets WHERE dashboard_id = $1 AND id = $2', [dashboardId, widgetId]))
            .rowCount ?? 0) > 0;
        if (changed) await client.query(TOUCH, [dashboardId, now()]);
        return changed;
      });
    },
  };
}
