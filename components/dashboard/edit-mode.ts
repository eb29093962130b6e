import { html } from 'lit';
import { icons } from '../internal/icons.js';
import type { DraftWidget } from './edit-draft.js';
import type { LayoutEditor } from './layout-editor.js';
import { WIDGET_TYPES } from './widget-draft.js';

/**
 * What edit mode draws inside the dashboard: the title field, the Add widget / Cancel / Save actions, the banner, a
 * Remove button per widget and the placeholder of a widget not saved yet. The dashboard owns the draft; these only
 * render it and report the user's actions.
 */

export function renderTitleField(title: string, onInput: (title: string) => void) {
  return html`<label class="visually-hidden" for="title-input">Dashboard title</label>
    <input
      id="title-input"
      class="title-input"
      part="title"
      type="text"
      maxlength="200"
      .value=${title}
      @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}
    />`;
}

/** The description, editable in edit mode under the title (at most 2,000 characters, as the server takes). */
export function renderDescriptionField(description: string, onInput: (description: string) => void) {
  return html`<label class="description-field"
    ><span class="visually-hidden">Dashboard description</span>
    <textarea
      class="description-input"
      part="description"
      rows="2"
      maxlength="2000"
      placeholder="Description (optional)"
      .value=${description}
      @input=${(e: Event) => onInput((e.target as HTMLTextAreaElement).value)}
    ></textarea>
  </label>`;
}

export interface EditActionsOptions {
  saving: boolean;
  /** Opens the Add widget dialog; `opener` gets focus back when it closes. */
  onAddWidget: (opener: HTMLElement) => void;
  onCancel: () => void;
  onSave: () => void;
}

export function renderEditActions(options: EditActionsOptions) {
  return html`<button
      class="button add-button"
      type="button"
      @click=${(e: Event) => options.onAddWidget(e.currentTarget as HTMLElement)}
    >
      ${icons.plus} Add widget
    </button>
    <button class="button" type="button" @click=${options.onCancel} ?disabled=${options.saving}>Cancel</button>
    <button class="button primary" type="button" @click=${options.onSave} ?disabled=${options.saving}>
      ${options.saving ? 'Saving…' : 'Save'}
    </button>`;
}

export const editingBanner = () =>
  html`<div class="banner" role="status">Editing. Changes are saved for everyone when you choose Save.</div>`;

export function renderRemoveButton(widget: DraftWidget, onRemove: (widget: DraftWidget) => void) {
  return html`<button
    class="button remove"
    type="button"
    aria-label=${`Remove widget ${widget.title}`}
    title=${`Remove widget ${widget.title}`}
    @click=${() => onRemove(widget)}
  >
    ${icons.trash}
  </button>`;
}

export function renderEditWidgetButton(
  widget: DraftWidget,
  onEdit: (widget: DraftWidget, opener: HTMLElement) => void,
) {
  return html`<button
    class="button edit-widget"
    type="button"
    aria-label=${`Edit widget ${widget.title}`}
    title=${`Edit widget ${widget.title}`}
    @click=${(e: Event) => onEdit(widget, e.currentTarget as HTMLElement)}
  >
    ${icons.edit}
  </button>`;
}

/**
 * A new widget has no data before Save, nor has a widget whose type, source or query was edited (its saved data no
 * longer fits it): a placeholder says what it will show.
 */
export function renderNewWidget(widget: DraftWidget, sourceName: string | undefined) {
  const type = WIDGET_TYPES.find((t) => t.id === widget.type)?.label;
  return html`<div class="placeholder">
    <strong>${widget.title}</strong>
    <span>${type} from ${sourceName ?? widget.dataSourceId}</span>
    <span>${widget.isNew ? 'New widget' : 'Edited widget'}: its data appears after you save.</span>
  </div>`;
}

export interface EditToolsOptions {
  layout: LayoutEditor;
  onEdit: (widget: DraftWidget, opener: HTMLElement) => void;
  onRemove: (widget: DraftWidget) => void;
}

/** A widget's controls in edit mode: Move handle and Edit at its top left, Remove at its top right, the resize corner. */
export function renderEditTools(widget: DraftWidget, options: EditToolsOptions) {
  return html`<div class="cell-tools">
      ${options.layout.renderHandle(widget.id, widget.title)} ${renderEditWidgetButton(widget, options.onEdit)}
    </div>
    ${renderRemoveButton(widget, options.onRemove)} ${options.layout.renderGrip(widget.id)}`;
}
