/**
 * Issue 17 item 9: a public link's compact row, what the owner sees of each link before expanding it: the label as
 * the expand toggle (a disclosure button: aria-expanded, aria-controls), its status (Active, Paused, Expires in…,
 * Expired, Changed since shared), its uses and last access, and Copy link. Two tab stops per link, so a dialog with
 * many links stays short. Rendering only; the card (link-card.ts) keeps the expanded state and copies.
 */
import { css, html, nothing } from 'lit';
import { formatDateTime, formatRelative } from './format.js';
import * as guard from './link-guard.js';
import { renderStatusBadge, statusText } from './link-status.js';
import { extraIcons } from './share-dialog.icons.js';
import type { PublicLink } from './types.js';

export function renderLinkRow(o: {
  link: PublicLink;
  name: string;
  expanded: boolean;
  /** The id of the card's body the toggle shows and hides. */
  bodyId: string;
  copy: 'copied' | 'manual' | undefined;
  onToggle: () => void;
  onCopy: () => void;
}) {
  const { link, name, copy } = o;
  return html`<div class="link-head">
    <h5 id="link-title-${link.id}">
      <button
        class="expand"
        aria-expanded=${o.expanded ? 'true' : 'false'}
        aria-controls=${o.bodyId}
        @click=${o.onToggle}
      >
        ${extraIcons.chevron}<span>${name}</span>
      </button>
    </h5>
    <span class="badges">
      ${
        statusText(link)
          ? renderStatusBadge(link)
          : html`<span class="badge status status-active" id="link-status-${link.id}">Active</span>`
      }
      ${guard.renderChangedBadge(link)}
      ${link.passcodeEnabled ? html`<span class="badge">${extraIcons.key} Passcode</span>` : nothing}
    </span>
    <span class="usage-summary">
      ${link.accessCount.toLocaleString()} ${link.accessCount === 1 ? 'use' : 'uses'} ·
      ${
        link.lastAccessAt
          ? html`last used
              <time datetime=${link.lastAccessAt} title=${formatDateTime(link.lastAccessAt)}
                >${formatRelative(link.lastAccessAt).replace(/^Just now$/, 'just now')}</time
              >`
          : 'never used'
      }
    </span>
    <button class="button copy" ?disabled=${!link.url} @click=${o.onCopy} aria-label="Copy link ${name}">
      ${copy === 'copied' ? extraIcons.check : extraIcons.copy} ${copy === 'copied' ? 'Copied' : 'Copy link'}
    </button>
  </div>`;
}

export const linkRowStyles = css`
  .link-head {
    flex-wrap: wrap;
  }
  h5 {
    flex: 1 1 10rem;
    min-inline-size: 0;
  }
  .expand {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    padding: 0.15rem 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .expand svg {
    flex: none;
    inline-size: 1rem;
    block-size: 1rem;
    transition: transform var(--_transition);
  }
  .expand[aria-expanded='true'] svg {
    transform: rotate(90deg);
  }
  .badges {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.3rem;
  }
  .usage-summary {
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .link-body[hidden] {
    display: none;
  }
  .link-body {
    display: grid;
    gap: 0.6rem;
  }
`;
