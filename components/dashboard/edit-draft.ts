import type { DashboardDetail, WidgetDefinition, WidgetPosition } from '../internal/types.js';
import type { LayoutItem } from './layout-model.js';
import { nextPosition, type NewWidget } from './widget-draft.js';

/**
 * Edit mode's unsaved changes to a dashboard. Nothing reaches the server before Save, so Cancel only drops the draft.
 * Pure and immutable: every change returns a new draft, which is what a Lit `@state()` needs to notice it.
 */
export interface EditDraft {
  readonly title: string;
  readonly description: string;
  /** Changes to saved widgets (Edit widget, a move, a resize), by widget id. */
  readonly edits: ReadonlyMap<string, WidgetEdit>;
  /** Ids of saved widgets the user removed. */
  readonly removed: ReadonlySet<string>;
  /** New widgets, in the order they were added; `tempId` names them until the server gives them an id. */
  readonly added: readonly NewWidget[];
  /** Never reused within a draft, so a new widget's `tempId` stays unique after others are removed. */
  readonly nextTempId: number;
}

/** What edit mode may change on a saved widget: its form fields and its place on the grid. */
export type WidgetEdit = Partial<Pick<WidgetDefinition, 'title' | 'type' | 'dataSourceId' | 'query' | 'position'>>;

/**
 * A widget as edit mode shows it: a saved one, or a new one (`isNew`, id = its `tempId`) not saved yet. `isEdited`:
 * a saved widget whose type, source or query changed, so its saved data no longer fits it until Save.
 */
export type DraftWidget = WidgetDefinition & { isNew?: boolean; isEdited?: boolean };

function withEdit(widget: WidgetDefinition, edit: WidgetEdit | undefined): DraftWidget {
  if (!edit) return widget;
  const isEdited =
    (edit.type !== undefined && edit.type !== widget.type) ||
    (edit.dataSourceId !== undefined && edit.dataSourceId !== widget.dataSourceId) ||
    (edit.query !== undefined && edit.query !== widget.query);
  return { ...widget, ...edit, ...(isEdited ? { isEdited } : {}) };
}

/** What a new widget needs from the Add widget form; the draft gives it its place in the grid and its `tempId`. */
export type WidgetSpec = Omit<NewWidget, 'tempId' | 'position'>;

/** What Save has to send: only what differs from the saved dashboard. */
export interface DraftChanges {
  /** The new title (trimmed), or undefined when it is unchanged. */
  readonly title?: string;
  /** The new description, or undefined when it is unchanged. */
  readonly description?: string;
  readonly removedWidgetIds: readonly string[];
  readonly addedWidgets: readonly NewWidget[];
}

export function startDraft(dashboard: Pick<DashboardDetail, 'title'> & { description?: string }): EditDraft {
  return {
    title: dashboard.title,
    description: dashboard.description ?? '',
    edits: new Map(),
    removed: new Set(),
    added: [],
    nextTempId: 0,
  };
}

export function withDescription(draft: EditDraft, description: string): EditDraft {
  return { ...draft, description };
}

export function withTitle(draft: EditDraft, title: string): EditDraft {
  return { ...draft, title };
}

/** The widgets on screen while editing: saved ones not removed, then the new ones. */
export function visibleWidgets(saved: readonly WidgetDefinition[], draft: EditDraft | undefined): DraftWidget[] {
  if (!draft) return [...saved];
  return [
    ...saved.filter((w) => !draft.removed.has(w.id)).map((w) => withEdit(w, draft.edits.get(w.id))),
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

/** Changes a widget on screen: a new one in place, a saved one through `edits` (applied on Save). */
export function withWidgetEdited(
  draft: EditDraft,
  widget: Pick<DraftWidget, 'id' | 'isNew'>,
  edit: WidgetEdit,
): EditDraft {
  if (widget.isNew)
    return { ...draft, added: draft.added.map((w) => (w.tempId === widget.id ? { ...w, ...edit } : w)) };
  const edits = new Map(draft.edits);
  edits.set(widget.id, { ...edits.get(widget.id), ...edit });
  return { ...draft, edits };
}

/** The grid as edit mode shows it, for the layout model. */
export const draftLayout = (saved: readonly WidgetDefinition[], draft: EditDraft): LayoutItem[] =>
  visibleWidgets(saved, draft).map(({ id, position }) => ({ id, position }));

/** Applies a layout the layout model answered: only the widgets whose place changed get an edit. */
export function withLayout(
  draft: EditDraft,
  saved: readonly WidgetDefinition[],
  layout: readonly LayoutItem[],
): EditDraft {
  const shown = new Map(visibleWidgets(saved, draft).map((w) => [w.id, w]));
  let next = draft;
  for (const { id, position } of layout) {
    const widget = shown.get(id);
    if (widget && !samePosition(widget.position, position)) next = withWidgetEdited(next, widget, { position });
  }
  return next;
}

const samePosition = (a: WidgetPosition, b: WidgetPosition) => a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;

/** A sentence for what keeps the draft from being saved, or '' when it can be. */
export function draftProblem(draft: EditDraft): string {
  return draft.title.trim() ? '' : 'The title cannot be empty.';
}

export function draftChanges(
  dashboard: Pick<DashboardDetail, 'title'> & { description?: string },
  draft: EditDraft,
): DraftChanges {
  const title = draft.title.trim();
  const description = draft.description.trim();
  return {
    ...(title !== dashboard.title ? { title } : {}),
    ...(description !== (dashboard.description ?? '') ? { description } : {}),
    removedWidgetIds: [...draft.removed],
    addedWidgets: [...draft.added],
  };
}
