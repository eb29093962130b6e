import { html } from 'lit';
import { icons } from '../internal/icons.js';
import type { DraftWidget } from './edit-draft.js';
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

/** A new widget has no data before Save: a placeholder says what it will show. */
export function renderNewWidget(widget: DraftWidget, sourceName: string | undefined) {
  const type = WIDGET_TYPES.find((t) => t.id === widget.type)?.label;
  return html`<div class="placeholder">
    <strong>${widget.title}</strong>
    <span>${type} from ${sourceName ?? widget.dataSourceId}</span>
    <span>New widget: its data appears after you save.</span>
  </div>`;
}
