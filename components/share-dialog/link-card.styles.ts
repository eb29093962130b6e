import { css } from 'lit';
import { hostStyles } from '../styles/host.js';
import { lockedEditorStyles, shareControlStyles } from './share-controls.styles.js';

const mono = css`ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`;

export default [
  ...hostStyles,
  shareControlStyles,
  lockedEditorStyles,
  css`
    .link {
      display: grid;
      gap: 0.6rem;
      padding: 0.9rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      box-shadow: var(--_shadow);
    }
    .link-head {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      justify-content: space-between;
    }
    h5 {
      margin: 0;
      font-size: 0.9375rem;
      overflow-wrap: anywhere;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      background: var(--_accent-subtle);
      font-size: 0.75rem;
      font-weight: 500;
      white-space: nowrap;
    }
    .badge.status-paused,
    .badge.status-expired {
      background: var(--_warning-subtle);
      color: var(--_warning-fg);
    }
    .badge svg {
      inline-size: 0.9rem;
      block-size: 0.9rem;
    }
    input.url {
      inline-size: 100%;
      font-family: ${mono};
      font-size: 0.8125rem;
      background: var(--_bg-subtle);
    }
    .copy-hint {
      display: flex;
      gap: 0.45rem;
      margin: 0;
      padding: 0.45rem 0.6rem;
      border-radius: var(--_radius-sm);
      background: var(--_warning-subtle);
      color: var(--_warning-fg);
      font-size: 0.8125rem;
      font-weight: 500;
      line-height: 1.4;
    }
    .link-actions,
    .confirm-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
    }
    .link-actions .button {
      padding-inline: 0.7em;
    }
    .link-actions a.button {
      text-decoration: none;
    }
    .danger-text {
      color: var(--_danger);
      margin-inline-start: auto;
    }
    .confirm {
      padding: 0.7rem 0.8rem;
      border-radius: var(--_radius-sm);
      background: var(--_danger-subtle);
      border: 1px solid color-mix(in srgb, var(--_danger) 35%, transparent);
      font-size: 0.8125rem;
      line-height: 1.45;
    }
    .confirm p {
      margin: 0 0 0.6rem;
    }
    .stats {
      display: grid;
      grid-template-columns: minmax(0, 1.5fr) minmax(0, 1fr) minmax(0, 0.6fr);
      gap: 0.5rem;
      margin: 0;
      padding: 0.55rem 0.7rem;
      border-radius: var(--_radius-sm);
      background: var(--_bg-subtle);
    }
    .stats dt {
      font-size: 0.6875rem;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--_muted);
    }
    .stats dd {
      margin: 0.1rem 0 0;
      font-size: 0.8125rem;
      font-weight: 500;
    }
    .passcode {
      display: grid;
      gap: 0.45rem;
    }
    .passcode-row {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      flex-wrap: wrap;
    }
    .passcode-shown {
      display: inline-flex;
      align-items: center;
      gap: 0.6rem;
    }
    .passcode-label {
      font-size: 0.8125rem;
      color: var(--_muted);
    }
    .passcode-value {
      font-family: ${mono};
      font-size: 1rem;
      letter-spacing: 0.12em;
      padding: 0.2rem 0.5rem;
      border-radius: var(--_radius-sm);
      background: var(--_bg-subtle);
      border: 1px solid var(--_border);
    }
    .locked {
      display: grid;
      gap: 0.4rem;
      padding-block-start: 0.55rem;
      border-block-start: 1px solid var(--_border);
    }
    .locked-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
    }
    .locked-title {
      font-size: 0.8125rem;
      font-weight: 500;
    }
    /* V5: which sites may embed a link; stays a two-line summary until Edit. */
    .embedding-editor {
      display: grid;
      gap: 0.4rem;
      margin-block: 0.2rem;
    }
    .embedding-editor .field-error {
      margin: 0;
    }
    .embed-origins {
      inline-size: 100%;
      min-block-size: 4.5rem;
      resize: vertical;
      font-family: ${mono};
      font-size: 0.8125rem;
      line-height: 1.45;
      padding: 0.45rem 0.6rem;
    }
    .embedding .chip {
      font-family: ${mono};
      overflow-wrap: anywhere;
    }
    /* Issue 16: Rotate's grace choice and the Sessions list. */
    .grace {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem 1rem;
      margin: 0;
      padding: 0.4rem 0.6rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius-sm);
      font-size: 0.8125rem;
    }
    .session-list {
      display: grid;
      gap: 0.3rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .session {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      font-size: 0.8125rem;
      overflow-wrap: anywhere;
    }
    @media (forced-colors: active) {
      .link,
      .confirm {
        border: 1px solid CanvasText;
      }
    }
  `,
];
