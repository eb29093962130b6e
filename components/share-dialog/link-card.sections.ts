/**
 * Parts of a public link's card that only show the link and report clicks: the revoke confirmation, the use counts
 * and the passcode. The card (link-card.ts) keeps their state and asks for the changes.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { icons } from '../internal/icons.js';
import { formatDateTime, formatRelative, formatShortDate } from './format.js';
import type { PublicLink } from './types.js';

export function renderRevokeConfirmation(o: {
  link: PublicLink;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { link } = o;
  return html`<div class="confirm" role="group" aria-labelledby="confirm-text-${link.id}">
    <p id="confirm-text-${link.id}">
      <strong>Revoke ${link.label ? `“${link.label}”` : 'this untitled link'}?</strong> It stops working on its next
      request; anyone who opens it sees “This link is no longer available”. This cannot be undone.
    </p>
    <div class="confirm-actions">
      <button class="button danger confirm-revoke" ?disabled=${o.busy} @click=${o.onConfirm}>
        ${o.busy ? 'Revoking…' : 'Revoke link'}
      </button>
      <button class="button cancel-revoke" @click=${o.onCancel}>Cancel</button>
    </div>
  </div>`;
}

/** Created, last used and the number of uses (L2). */
export function renderLinkStats(link: PublicLink) {
  return html`<dl class="stats">
    <div>
      <dt>Created</dt>
      <dd>
        <time datetime=${link.createdAt} title=${formatDateTime(link.createdAt)}
          >${formatShortDate(link.createdAt)}</time
        >
      </dd>
    </div>
    <div>
      <dt>Last used</dt>
      <dd>
        ${
          link.lastAccessAt
            ? html`<time datetime=${link.lastAccessAt} title=${formatDateTime(link.lastAccessAt)}
                >${formatRelative(link.lastAccessAt)}</time
              >`
            : 'Never'
        }
      </dd>
    </div>
    <div>
      <dt>Uses</dt>
      <dd>${link.accessCount.toLocaleString()}</dd>
    </div>
  </dl>`;
}

/** L4: the passcode switch, and the passcode with "Generate new" while it is on. */
export function renderPasscode(o: {
  link: PublicLink;
  name: string;
  busy: boolean;
  /** The switch's state: what the owner asked for while it is saved, else the link's. */
  checked: boolean;
  onChange: (enabled: boolean | 'regenerate') => void;
}) {
  const { link } = o;
  return html`<div class="passcode">
    <label class="check">
      <input
        type="checkbox"
        .checked=${live(o.checked)}
        ?disabled=${o.busy}
        @change=${(e: Event) => o.onChange((e.target as HTMLInputElement).checked)}
      />
      Protect this link with a passcode
    </label>
    ${
      link.passcodeEnabled
        ? html`<div class="passcode-row">
              <!-- Issue 17 item 11: <code> takes no name, so a named group holds the label and the value: "Passcode 123456". -->
              <span class="passcode-shown" role="group" aria-labelledby="passcode-label-${link.id}">
                <span class="passcode-label" id="passcode-label-${link.id}">Passcode</span>
                <code class="passcode-value">${link.passcode ?? '—'}</code>
              </span>
              <button
                class="button quiet regenerate"
                ?disabled=${o.busy}
                aria-label="Generate new passcode for ${o.name}"
                @click=${() => o.onChange('regenerate')}
              >
                ${icons.refresh} Generate new
              </button>
            </div>
            <p class="hint">
              Share the passcode separately from the link. A new passcode signs out everyone who used the old one.
            </p>`
        : nothing
    }
  </div>`;
}
