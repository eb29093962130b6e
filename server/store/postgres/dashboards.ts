import type { DashboardPatch, DashboardStore, Widget } from '../types.js';
import {
  dashboardPatchColumns,
  toDashboard,
  toWidget,
  toWidgetWithDataSource,
  type DashboardRow,
  type WidgetRow,
} from '../shared/rows.js';
import { joinedRowReader } from './joined-rows.js';
import { isStaleSave, widgetChanges } from '../shared/dashboard-save.js';
import { transaction, type Pool, type Queryable } from './pool.js';

/**
 * A dashboard's next updatedAt, given now as $n: now, but always at least a millisecond past the previous one, so
 * that every write gives a new version even within one millisecond or when another process's clock is behind (a
 * save's edit-conflict check compares versions).
 */
const nextUpdatedAt = (now: string) => `GREATEST(${now}::timestamptz, updated_at + interval '1 millisecond')`;
const TOUCH = `UPDATE dashboards SET updated_at = ${nextUpdatedAt('$2')} WHERE id = $1`;

const WIDGET_COLUMNS = 'id, dashboard_id, title, type, data_source_id, query, position';

const now = () => new Date().toISOString();

/** The dashboard; `forUpdate` locks its row until the transaction ends (a save's version check). */
async function readDashboard(db: Queryable, id: string, forUpdate = false) {
  const lock = forUpdate ? ' FOR UPDATE' : '';
  const row = (await db.query<DashboardRow>(`SELECT * FROM dashboards WHERE id = $1${lock}`, [id])).rows[0];
  return row && toDashboard(row);
}

/** One UPDATE: COALESCE keeps each column that the patch leaves out (dashboardPatchColumns). */
async function patchDashboard(db: Queryable, id: string, patch: DashboardPatch) {
  const columns = dashboardPatchColumns(patch);
  const { rows } = await db.query<DashboardRow>(
    `UPDATE dashboards SET title = COALESCE($2, title), description = COALESCE($3, description),
       filters = COALESCE($4::jsonb, filters), refresh_interval = COALESCE($5, refresh_interval),
       updated_at = ${nextUpdatedAt('$6')}
     WHERE id = $1 RETURNING *`,
    [id, columns.title, columns.description, columns.filters, columns.refreshInterval, now()],
  );
  return rows[0] && toDashboard(rows[0]);
}

/** A widget as $1…$7 of the two statements below. */
const widgetValues = ({ dashboardId, id, title, type, dataSourceId, query, position }: Widget) => [
  dashboardId,
  id,
  title,
  type,
  dataSourceId,
  JSON.stringify(query),
  JSON.stringify(position),
];
const insertWidget = (db: Queryable, w: Widget) =>
  db.query(
    // The widget's organization is its dashboard's: its data source is looked up in that organization (issue 18).
    `INSERT INTO widgets (dashboard_id, org_id, id, title, type, data_source_id, query, position)
     VALUES ($1, (SELECT org_id FROM dashboards WHERE id = $1), $2, $3, $4, $5, $6, $7)`,
    widgetValues(w),
  );
const updateWidget = (db: Queryable, w: Widget) =>
  db.query(
    `UPDATE widgets SET title = $3, type = $4, data_source_id = $5, query = $6, position = $7
     WHERE dashboard_id = $1 AND id = $2`,
    widgetValues(w),
  );

export function postgresDashboardStore(pool: Pool): DashboardStore {
  const joined = joinedRowReader(pool);
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
    getDashboard: (id) => readDashboard(pool, id),
    updateDashboard: (id, patch) => patchDashboard(pool, id, patch),
    async saveDashboard(id, edit) {
      return transaction(pool, async (client) => {
        // Locked: a concurrent save of the same dashboard waits here, then sees this one's version.
        const current = await readDashboard(client, id, true);
        if (!current) return { status: 'not_found' as const };
        if (isStaleSave(edit, current)) return { status: 'conflict' as const, dashboard: current };
        const saved = (await patchDashboard(client, id, { title: edit.title, description: edit.description }))!;
        const ids = await client.query<{ id: string }>('SELECT id FROM widgets WHERE dashboard_id = $1 ORDER BY seq', [
          id,
        ]);
        const changes = widgetChanges(
          id,
          ids.rows.map((r) => r.id),
          edit,
        );
        if (changes.remove.length) {
          await client.query('DELETE FROM widgets WHERE dashboard_id = $1 AND id = ANY($2::text[])', [
            id,
            changes.remove,
          ]);
        }
        for (const w of changes.update) await updateWidget(client, w);
        for (const w of changes.insert) await insertWidget(client, w);
        return { status: 'saved' as const, dashboard: saved };
      });
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
                 SELECT 1 FROM memberships m
                 WHERE m.user_id = $2 AND m.org_id = d.org_id AND m.project_id = d.project_id)))
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
    async getWidgetWithDataSource(orgId, dashboardId, widgetId) {
      const rows = await joined(
        `SELECT w.*, ds.* FROM widgets w LEFT JOIN data_sources ds ON ds.org_id = $1 AND ds.id = w.data_source_id
         WHERE w.dashboard_id = $2 AND w.id = $3`,
        [orgId, dashboardId, widgetId],
      );
      return rows && toWidgetWithDataSource(rows);
    },
    async insertWidget(w) {
      await transaction(pool, async (client) => {
        await insertWidget(client, w);
        await client.query(TOUCH, [w.dashboardId, now()]);
      });
      return w;
    },
    async updateWidget(w) {
      await transaction(pool, async (client) => {
        await updateWidget(client, w);
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
