/**
 * What a public link's visitors may see and where: its locked filters and the sites allowed to embed it, each as a
 * summary with Edit, or its editor with Save and Cancel. Rendering only; the card (link-card.ts) keeps the drafts and
 * asks for the changes.
 */
import { html, nothing } from 'lit';
import { icons } from '../internal/icons.js';
import type { FilterDefinition, FilterValues } from '../internal/types.js';
import { renderEmbeddingEditor, renderEmbeddingSummary, type EmbeddingDraft } from './link-embedding.js';
import { describeLockedFilters, renderLockedFiltersEditor } from './locked-filters.js';
import type { PublicLink } from './types.js';

export function renderLockedSection(o: {
  link: PublicLink;
  name: string;
  busy: boolean;
  filters: FilterDefinition[];
  /** The editor's values while it is open. */
  editing: FilterValues | undefined;
  onEdit: (value: FilterValues | undefined) => void;
  /** Saves the editor's values as they are when clicked (the host's state, which may be newer than this render). */
  onSave: () => void;
}) {
  const { link, editing } = o;
  const locked = describeLockedFilters(link.lockedFilters, o.filters);
  return html`<div class="locked">
    <div class="locked-head">
      <span class="locked-title">Locked filters</span>
      ${
        editing
          ? nothing
          : html`<button
              class="button quiet edit-locked"
              ?disabled=${o.busy}
              aria-label="Edit locked filters of ${o.name}"
              @click=${() => o.onEdit({ ...(link.lockedFilters ?? {}) })}
            >
              ${icons.edit} Edit
            </button>`
      }
    </div>
    ${
      editing
        ? html`${renderLockedFiltersEditor({
              idPrefix: `locked-${link.id}`,
              definitions: o.filters,
              value: editing,
              disabled: o.busy,
              onChange: (value) => o.onEdit(value),
            })}
            <div class="confirm-actions">
              <button class="button primary save-locked" ?disabled=${o.busy} @click=${o.onSave}>Save filters</button>
              <button class="button" @click=${() => o.onEdit(undefined)}>Cancel</button>
            </div>`
        : locked.length
          ? html`<ul class="chips">
              ${locked.map((text) => html`<li class="chip">${text}</li>`)}
            </ul>`
          : html`<p class="hint">None: visitors can use every filter.</p>`
    }
  </div>`;
}

export function renderEmbeddingSection(o: {
  link: PublicLink;
  name: string;
  busy: boolean;
  /** The editor's draft and its error while it is open. */
  editing: { draft: EmbeddingDraft; error: string } | undefined;
  onEdit: () => void;
  onChange: (draft: EmbeddingDraft) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { link, editing } = o;
  return html`<div class="locked embedding">
    <div class="locked-head">
      <span class="locked-title">Allowed sites (embedding)</span>
      ${
        editing
          ? nothing
          : html`<button
              class="button quiet edit-embedding"
              ?disabled=${o.busy}
              aria-label="Edit the sites allowed to embed ${o.name}"
              @click=${o.onEdit}
            >
              ${icons.edit} Edit
            </button>`
      }
    </div>
    ${
      editing
        ? html`${renderEmbeddingEditor({
              idPrefix: `embed-${link.id}`,
              name: o.name,
              link,
              draft: editing.draft,
              error: editing.error,
              disabled: o.busy,
              onChange: o.onChange,
            })}
            <div class="confirm-actions">
              <button class="button primary save-embedding" ?disabled=${o.busy} @click=${o.onSave}>Save</button>
              <button class="button cancel-embedding" ?disabled=${o.busy} @click=${o.onCancel}>Cancel</button>
            </div>`
        : renderEmbeddingSummary(link)
    }
  </div>`;
}
