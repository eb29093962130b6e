import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { PatchLinkBody } from '../api/contract.js';
import { extraIcons } from './share-dialog.icons.js';
import type { PublicLink } from './types.js';

/**
 * Which sites may show a public link inside their pages (SPEC V5): the server's default, only some origins, or none.
 * The server checks every origin (and that a list stays within the server's own policy); this module only turns the
 * owner's choice into the request body and the link's state into words.
 */
export type EmbeddingMode = 'default' | 'list' | 'none';

export interface EmbeddingDraft {
  mode: EmbeddingMode;
  /** The origins as typed, one per line (commas and spaces also separate them). */
  text: string;
}

export function draftFromLink(link: PublicLink): EmbeddingDraft {
  const list = link.frameAncestors;
  if (list == null) return { mode: 'default', text: '' };
  if (list.length === 0) return { mode: 'none', text: '' };
  return { mode: 'list', text: list.join('\n') };
}

/** The `frameAncestors` to PATCH, or a sentence when the draft cannot be sent as it is. */
export function draftToBody(
  draft: EmbeddingDraft,
): Required<Pick<PatchLinkBody, 'frameAncestors'>> | { error: string } {
  if (draft.mode === 'default') return { frameAncestors: null };
  if (draft.mode === 'none') return { frameAncestors: [] };
  const origins = draft.text.split(/[\s,]+/).filter(Boolean);
  if (origins.length === 0) return { error: 'Add at least one site, or choose “No site”.' };
  return { frameAncestors: origins };
}

/** Words for CSP sources: `*` any site, `'self'` this server. */
function describeSource(source: string): string {
  if (source === '*') return 'Any site';
  if (source === "'self'") return 'This server';
  if (source === "'none'") return 'No site';
  return source;
}

export function describeDefault(link: PublicLink): string {
  const sources = link.defaultFrameAncestors.split(/\s+/).filter(Boolean);
  if (sources.length === 0 || sources.includes('*')) return 'Any site';
  return sources.map(describeSource).join(', ');
}

/** The collapsed summary: chips for a list, a sentence otherwise. */
export function renderEmbeddingSummary(link: PublicLink) {
  const list = link.frameAncestors;
  if (list == null) {
    const text = describeDefault(link);
    return html`<p class="hint embed-summary">${text === 'Any site' ? 'Any site' : `Server default: ${text}`}</p>`;
  }
  if (list.length === 0) return html`<p class="hint embed-summary">No site: the link opens only on its own.</p>`;
  return html`<ul class="chips embed-summary" aria-label="Sites that may embed this link">
    ${list.map((origin) => html`<li class="chip">${origin}</li>`)}
  </ul>`;
}

export interface EmbeddingEditorOptions {
  idPrefix: string;
  /** The link's name, for labels. */
  name: string;
  link: PublicLink;
  draft: EmbeddingDraft;
  /** The server's (or the draft's) error, shown under the field. */
  error: string;
  disabled: boolean;
  onChange(draft: EmbeddingDraft): void;
}

export function renderEmbeddingEditor(o: EmbeddingEditorOptions) {
  const defaultText = describeDefault(o.link);
  const errorId = `${o.idPrefix}-error`;
  const hintId = `${o.idPrefix}-hint`;
  return html`<div class="embedding-editor">
    <label class="visually-hidden" for="${o.idPrefix}-mode">Who may embed ${o.name}</label>
    <select
      id="${o.idPrefix}-mode"
      class="embed-mode"
      ?disabled=${o.disabled}
      aria-describedby=${o.error && o.draft.mode !== 'list' ? errorId : nothing}
      .value=${live(o.draft.mode)}
      @change=${(e: Event) => o.onChange({ ...o.draft, mode: (e.target as HTMLSelectElement).value as EmbeddingMode })}
    >
      <option value="default" ?selected=${o.draft.mode === 'default'}>
        ${defaultText === 'Any site' ? 'Any site (server default)' : `Server default (${defaultText})`}
      </option>
      <option value="list" ?selected=${o.draft.mode === 'list'}>Only these sites</option>
      <option value="none" ?selected=${o.draft.mode === 'none'}>No site (no embedding)</option>
    </select>
    ${
      o.draft.mode === 'list'
        ? html`<label class="visually-hidden" for="${o.idPrefix}-origins"
              >Sites that may embed ${o.name}, one per line</label
            >
            <textarea
              id="${o.idPrefix}-origins"
              class="embed-origins"
              rows="3"
              spellcheck="false"
              autocapitalize="none"
              placeholder="https://portal.example.com"
              ?disabled=${o.disabled}
              aria-invalid=${o.error ? 'true' : 'false'}
              aria-describedby=${o.error ? `${errorId} ${hintId}` : hintId}
              .value=${live(o.draft.text)}
              @input=${(e: Event) => o.onChange({ ...o.draft, text: (e.target as HTMLTextAreaElement).value })}
            ></textarea>
            <p id=${hintId} class="hint">
              One origin per line, like https://portal.example.com or https://*.example.com for its subdomains.
            </p>`
        : nothing
    }
    ${o.error ? html`<p id=${errorId} class="field-error" role="alert">${extraIcons.error}<span>${o.error}</span></p>` : nothing}
  </div>`;
}
