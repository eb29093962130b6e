import type { Db } from './database.js';
import type { DashboardSave, DashboardSaveResult, DashboardStore, Widget } from '../types.js';
import {
  dashboardPatchColumns,
  rowsByTable,
  toDashboard,
  toWidget,
  toWidgetWithDataSource,
  type DashboardRow,
  type WidgetRow,
} from '../shared/rows.js';
import { isStaleSave, widgetChanges } from '../shared/dashboard-save.js';

/**
 * A dashboard's next updatedAt: now, but always at least a millisecond past the previous one, so that every write
 * gives a new version even within one millisecond or under a clock that stepped back (a save's edit-conflict check
 * compares versions). ISO-8601 text with milliseconds compares like the times it names.
 */
const NEXT_UPDATED_AT = `max(@now, strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'))`;

export function sqliteDashboardStore(db: Db): DashboardStore {
  const s = {
    insert: db.prepare(
      `INSERT INTO dashboards (id, org_id, project_id, owner_id, title, description, filters, refresh_interval,
         created_at, updated_at)
       VALUES (@id, @orgId, @projectId, @ownerId, @title, @description, @filters, @refreshInterval, @now, @now)`,
    ),
    get: db.prepare('SELECT * FROM dashboards WHERE id = ?'),
    // One statement, as in PostgreSQL: a NULL parameter keeps its column (dashboardPatchColumns).
    update: db.prepare(
      `UPDATE dashboards SET title = coalesce(@title, title), description = coalesce(@description, description),
         filters = coalesce(@filters, filters), refresh_interval = coalesce(@refreshInterval, refresh_interval),
         updated_at = ${NEXT_UPDATED_AT}
       WHERE id = @id RETURNING *`,
    ),
    delete: db.prepare('DELETE FROM dashboards WHERE id = ?'),
    candidates: db.prepare(
      `SELECT d.* FROM dashboards d WHERE d.org_id = @orgId AND (
         d.owner_id = @userId
         OR d.org_access = 1
         OR EXISTS (SELECT 1 FROM shares s WHERE s.dashboard_id = d.id AND s.user_id = @userId)
         OR (d.project_access_role IS NOT NULL AND EXISTS (
               SELECT 1 FROM memberships m
               WHERE m.user_id = @userId AND m.org_id = d.org_id AND m.project_id = d.project_id)))
       ORDER BY d.updated_at DESC, d.id`,
    ),
    setProjectAccess: db.prepare(
      `UPDATE dashboards SET project_access_role = @role, updated_at = ${NEXT_UPDATED_AT} WHERE id = @id`,
    ),
    setOrgAccess: db.prepare(
      `UPDATE dashboards SET org_access = @enabled, updated_at = ${NEXT_UPDATED_AT} WHERE id = @id`,
    ),
    listWidgets: db.prepare('SELECT * FROM widgets WHERE dashboard_id = ? ORDER BY rowid'),
    // Read as arrays: both tables have `id`; columns() says which table each value is from.
    widgetWithSource: db
      .prepare(
        `SELECT w.*, ds.* FROM widgets w LEFT JOIN data_sources ds ON ds.org_id = @orgId AND ds.id = w.data_source_id
         WHERE w.dashboard_id = @dashboardId AND w.id = @widgetId`,
      )
      .raw(true),
    insertWidget: db.prepare(
      // The widget's organization is its dashboard's: its data source is looked up in that organization (issue 18).
      `INSERT INTO widgets (id, dashboard_id, org_id, title, type, data_source_id, query, position)
       VALUES (@id, @dashboardId, (SELECT org_id FROM dashboards WHERE id = @dashboardId), @title, @type,
         @dataSourceId, @query, @position)`,
    ),
    updateWidget: db.prepare(
      `UPDATE widgets SET title = @title, type = @type, data_source_id = @dataSourceId, query = @query,
         position = @position WHERE dashboard_id = @dashboardId AND id = @id`,
    ),
    deleteWidget: db.prepare('DELETE FROM widgets WHERE dashboard_id = ? AND id = ?'),
    widgetIds: db.prepare('SELECT id FROM widgets WHERE dashboard_id = ? ORDER BY rowid').pluck(),
    touch: db.prepare(`UPDATE dashboards SET updated_at = ${NEXT_UPDATED_AT} WHERE id = @id`),
  };
  const widgetWithSourceColumns = s.widgetWithSource
    .columns()
    .map((c) => ({ name: c.name, table: c.table ?? undefined }));
  const now = () => new Date().toISOString();
  const widgetParams = (w: Widget) => ({
    ...w,
    query: JSON.stringify(w.query),
    position: JSON.stringify(w.position),
  });

  const save = db.transaction((id: string, edit: DashboardSave): DashboardSaveResult => {
    const row = s.get.get(id) as DashboardRow | undefined;
    if (!row) return { status: 'not_found' };
    const current = toDashboard(row);
    if (isStaleSave(edit, current)) return { status: 'conflict', dashboard: current };
    const patch = { title: edit.title, description: edit.description };
    const saved = s.update.get({ id, ...dashboardPatchColumns(patch), now: now() }) as DashboardRow;
    const changes = widgetChanges(id, s.widgetIds.all(id) as string[], edit);
    for (const widgetId of changes.remove) s.deleteWidget.run(id, widgetId);
    for (const w of changes.update) s.updateWidget.run(widgetParams(w));
    for (const w of changes.insert) s.insertWidget.run(widgetParams(w));
    return { status: 'saved', dashboard: toDashboard(saved) };
  });

  return {
    async insertDashboard(d) {
      s.insert.run({ ...d, filters: JSON.stringify(d.filters), now: now() });
      return toDashboard(s.get.get(d.id) as DashboardRow);
    },
    async getDashboard(id) {
      const row = s.get.get(id) as DashboardRow | undefined;
      return row && toDashboard(row);
    },
    async updateDashboard(id, patch) {
      const row = s.update.get({ id, ...dashboardPatchColumns(patch), now: now() }) as DashboardRow | undefined;
      return row && toDashboard(row);
    },
    async saveDashboard(id, edit) {
      // IMMEDIATE: the write lock is taken before the version is read, so another process cannot save in between.
      return save.immediate(id, edit);
    },
    async deleteDashboard(id) {
      return s.delete.run(id).changes > 0;
    },
    async listCandidateDashboards(user) {
      return (s.candidates.all({ orgId: user.orgId, userId: user.id }) as DashboardRow[]).map(toDashboard);
    },
    async setProjectAccess(id, role) {
      s.setProjectAccess.run({ id, role, now: now() });
    },
    async setOrgAccess(id, enabled) {
      s.setOrgAccess.run({ id, enabled: enabled ? 1 : 0, now: now() });
    },
    async listWidgets(dashboardId) {
      return (s.listWidgets.all(dashboardId) as WidgetRow[]).map(toWidget);
    },
    async getWidgetWithDataSource(orgId, dashboardId, widgetId) {
      const values = s.widgetWithSource.get({ orgId, dashboardId, widgetId }) as unknown[] | undefined;
      return values && toWidgetWithDataSource(rowsByTable(values, widgetWithSourceColumns));
    },
    async insertWidget(w) {
      db.transaction(() => {
        s.insertWidget.run(widgetParams(w));
        s.touch.run({ id: w.dashboardId, now: now() });
      })();
      return w;
    },
    async updateWidget(w) {
      db.transaction(() => {
        s.updateWidget.run(widgetParams(w));
        s.touch.run({ id: w.dashboardId, now: now() });
      })();
      return w;
    },
    async deleteWidget(dashboardId, widgetId) {
      return db.transaction(() => {
        const changed = s.deleteWidget.run(dashboardId, widgetId).changes > 0;
        if (changed) s.touch.run({ id: dashboardId, now: now() });
        return changed;
      })();
    },
  };
}
