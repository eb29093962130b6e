/**
 * What a dashboard save (DashboardStore.saveDashboard) decides before it writes, the same for both stores: whether the
 * edit started from the current version, and which widgets to delete, update and insert.
 */
import type { Dashboard, DashboardSave, Widget } from '../types.js';

/**
 * True when the save names a version and it is not the current one. Versions compare as instants, so a client may
 * send the ISO-8601 text back in another spelling of the same time.
 */
export function isStaleSave(save: Pick<DashboardSave, 'baseUpdatedAt'>, current: Pick<Dashboard, 'updatedAt'>) {
  return save.baseUpdatedAt !== undefined && Date.parse(save.baseUpdatedAt) !== Date.parse(current.updatedAt);
}

export interface WidgetChanges {
  remove: string[];
  update: Widget[];
  insert: Widget[];
}

/** The widget writes that turn the dashboard's current widgets (`existingIds`) into the saved list. */
export function widgetChanges(dashboardId: string, existingIds: string[], save: DashboardSave): WidgetChanges {
  const existing = new Set(existingIds);
  const kept = new Set(save.widgets.map((w) => w.id));
  const widgets = save.widgets.map((w) => ({ ...w, dashboardId }));
  return {
    remove: existingIds.filter((id) => !kept.has(id)),
    update: widgets.filter((w) => existing.has(w.id)),
    insert: widgets.filter((w) => !existing.has(w.id)),
  };
}
