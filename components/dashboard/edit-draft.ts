import type { DashboardDetail, WidgetDefinition } from '../internal/types.js';
import { nextPosition, type NewWidget } from './widget-draft.js';

/**
 * Edit mode's unsaved changes to a dashboard. Nothing reaches the server before Save, so Cancel only drops the draft.
 * Pure and immutable: every change returns a new draft, which is what a Lit `@state()` needs to notice it.
 */
export interface EditDraft {
  readonly title: string;
  /** Ids of saved widgets the user removed. */
  readonly removed: ReadonlySet<string>;
  /** New widgets, in the order they were added; `tempId` names them until the server gives them an id. */
  readonly added: readonly NewWidget[];
  /** Never reused within a draft, so a new widget's `tempId` stays unique after others are removed. */
  readonly nextTempId: number;
}

/** A widget as edit mode shows it: a saved one, or a new one (`isNew`, id = its `tempId`) not saved yet. */
export type DraftWidget = WidgetDefinition & { isNew?: boolean };

/** What a new widget needs from the Add widget form; the draft gives it its place in the grid and its `tempId`. */
export type WidgetSpec = Omit<NewWidget, 'tempId' | 'position'>;

/** What Save has to send: only what differs from the saved dashboard. */
export interface DraftChanges {
  /** The new title (trimmed), or undefined when it is unchanged. */
  readonly title?: string;
  readonly removedWidgetIds: readonly string[];
  readonly addedWidgets: readonly NewWidget[];
}

export function startDraft(dashboard: Pick<DashboardDetail, 'title'>): EditDraft {
  return { title: dashboard.title, removed: new Set(), added: [], nextTempId: 0 };
}

export function withTitle(draft: EditDraft, title: string): EditDraft {
  return { ...draft, title };
}

/** The widgets on screen while editing: saved ones not removed, then the new ones. */
export function visibleWidgets(saved: readonly WidgetDefinition[], draft: EditDraft | undefined): DraftWidget[] {
  if (!draft) return [...saved];
  return [
    ...saved.filter((w) => !draft.removed.has(w.id)),
    ...draft.added.map(({ tempId, ...widget }) => ({ ...widget, id: tempId, isNew: true })),
  ];
}

/** Adds a widget at the next free spot of the grid as it looks in the draft. */
export function withWidgetAdded(draft: EditDraft, saved: readonly WidgetDefinition[], spec: WidgetSpec): EditDraft {
  const positions = visibleWidgets(saved, draft).map((w) => w.position);
  const widget: NewWidget = {
    ...spec,
    tempId: `new-${draft.nextTempId}`,
    position: nextPosition(positions, spec.type),
  };
  return { ...draft, added: [...draft.added, widget], nextTempId: draft.nextTempId + 1 };
}

/** Removes a widget: a new one leaves the draft, a saved one is marked for removal on Save. */
export function withWidgetRemoved(draft: EditDraft, widget: Pick<DraftWidget, 'id' | 'isNew'>): EditDraft {
  if (widget.isNew) return withoutNewWidget(draft, widget.id);
  return { ...draft, removed: new Set([...draft.removed, widget.id]) };
}

/** Drops a new widget by its `tempId` (removed by the user, or already stored by Save). */
export function withoutNewWidget(draft: EditDraft, tempId: string): EditDraft {
  return { ...draft, added: draft.added.filter((w) => w.tempId !== tempId) };
}

/** A sentence for what keeps the draft from being saved, or '' when it can be. */
export function draftProblem(draft: EditDraft): string {
  return draft.title.trim() ? '' : 'The title cannot be empty.';
}

export function draftChanges(dashboard: Pick<DashboardDetail, 'title'>, draft: EditDraft): DraftChanges {
  const title = draft.title.trim();
  return {
    ...(title !== dashboard.title ? { title } : {}),
    removedWidgetIds: [...draft.removed],
    addedWidgets: [...draft.added],
  };
}
