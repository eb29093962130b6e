import { AtlasApiError, type AtlasApiClient } from '../api/client.js';
import { saveDashboard } from '../api/endpoints.js';
import type { DashboardDetail } from '../internal/types.js';
import { draftChanges, visibleWidgets, type DraftWidget, type EditDraft } from './edit-draft.js';

/** What Save says when someone else saved the dashboard after this edit began (409 `edit_conflict`). */
export const EDIT_CONFLICT_MESSAGE =
  'Someone else saved this dashboard while you were editing. Cancel and reload to see their version.';

/**
 * Save in edit mode: the one place where a draft becomes a request to the server. One `saveDashboard` with the whole
 * edit (the title, the description when it changed, and every widget the dashboard keeps as edit mode shows it: the
 * saved ones not removed with their edits and new places, then the new ones), which the
 * server applies in one transaction, so a failure saves nothing. It names the version the edit began from, so it
 * never overwrites someone else's save: that failure throws with EDIT_CONFLICT_MESSAGE. Answers the saved dashboard.
 */
export async function saveDashboardDraft(
  api: AtlasApiClient,
  dashboard: Pick<DashboardDetail, 'id' | 'title' | 'description' | 'widgets' | 'updatedAt'>,
  draft: EditDraft,
): Promise<DashboardDetail> {
  const changes = draftChanges(dashboard, draft);
  const widgets = visibleWidgets(dashboard.widgets, draft).map(savedWidget);
  try {
    const { dashboard: saved } = await saveDashboard(
      api,
      { id: dashboard.id },
      {
        title: changes.title ?? dashboard.title,
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        widgets,
        baseUpdatedAt: dashboard.updatedAt,
      },
    );
    return saved;
  } catch (error) {
    if (error instanceof AtlasApiError && error.code === 'edit_conflict') {
      throw new Error(EDIT_CONFLICT_MESSAGE, { cause: error });
    }
    throw error;
  }
}

/**
 * A widget as the request lists it: exactly the fields the server takes (its schema refuses any other); a new one
 * goes without its temporary id, so the server adds it.
 */
const savedWidget = ({ id, isNew, title, type, dataSourceId, query, position }: DraftWidget) => ({
  ...(isNew ? {} : { id }),
  title,
  type,
  dataSourceId,
  query,
  position,
});
