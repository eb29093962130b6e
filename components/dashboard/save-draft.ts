import type { AtlasApiClient } from '../api/client.js';
import { addWidget, removeWidget, updateDashboard } from '../api/endpoints.js';
import type { DashboardDetail } from '../internal/types.js';
import { draftChanges, type EditDraft } from './edit-draft.js';

export interface SaveDraftOptions {
  /**
   * Told after each new widget is stored, so the caller drops it from its draft: a retry after a later failure must
   * not add it twice.
   */
  onWidgetAdded?: (tempId: string) => void;
}

/**
 * Save in edit mode: the one place where a draft becomes requests to the server. Sends only what changed (the title,
 * the removed widgets, the new widgets), one request at a time; throws the first failure.
 */
export async function saveDashboardDraft(
  api: AtlasApiClient,
  dashboard: Pick<DashboardDetail, 'id' | 'title'>,
  draft: EditDraft,
  options: SaveDraftOptions = {},
): Promise<void> {
  const id = dashboard.id;
  const changes = draftChanges(dashboard, draft);
  if (changes.title !== undefined) await updateDashboard(api, { id }, { title: changes.title });
  for (const widgetId of changes.removedWidgetIds) await removeWidget(api, { id, widgetId });
  for (const { tempId, ...widget } of changes.addedWidgets) {
    await addWidget(api, { id }, widget);
    options.onWidgetAdded?.(tempId);
  }
}
