import { AtlasApiError, type AtlasApiClient } from '../api/client.js';
import { saveDashboard } from '../api/endpoints.js';
import type { DashboardDetail, WidgetDefinition } from '../internal/types.js';
import { draftChanges, type EditDraft } from './edit-draft.js';

/** What Save says when someone else saved the dashboard after this edit began (409 `edit_conflict`). */
export const EDIT_CONFLICT_MESSAGE =
  'Someone else saved this dashboard while you were editing. Cancel and reload to see their version.';

/**
 * Save in edit mode: the one place where a draft becomes a request to the server. One `saveDashboard` with the whole
 * edit (the title and every widget the dashboard keeps: the saved ones not removed, then the new ones), which the
 * server applies in one transaction, so a failure saves nothing. It names the version the edit began from, so it
 * never overwrites someone else's save: that failure throws with EDIT_CONFLICT_MESSAGE. Answers the saved dashboard.
 */
export async function saveDashboardDraft(
  api: AtlasApiClient,
  dashboard: Pick<DashboardDetail, 'id' | 'title' | 'widgets' | 'updatedAt'>,
  draft: EditDraft,
): Promise<DashboardDetail> {
  const changes = draftChanges(dashboard, draft);
  const removed = new Set(changes.removedWidgetIds);
  const kept = dashboard.widgets.filter((w) => !removed.has(w.id)).map(savedWidget);
  const added = changes.addedWidgets.map(({ title, type, dataSourceId, query, position }) => ({
    title,
    type,
    dataSourceId,
    query,
    position,
  }));
  try {
    const { dashboard: saved } = await saveDashboard(
      api,
      { id: dashboard.id },
      { title: changes.title ?? dashboard.title, widgets: [...kept, ...added], baseUpdatedAt: dashboard.updatedAt },
    );
    return saved;
  } catch (error) {
    if (error instanceof AtlasApiError && error.code === 'edit_conflict') {
      throw new Error(EDIT_CONFLICT_MESSAGE, { cause: error });
    }
    throw error;
  }
}

/** A saved widget as the request lists it: exactly the fields the server takes (its schema refuses any other). */
const savedWidget = ({ id, title, type, dataSourceId, query, position }: WidgetDefinition) => ({
  id,
  title,
  type,
  dataSourceId,
  query,
  position,
});
