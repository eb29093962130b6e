import { css } from 'lit';
import { hostStyles } from '../styles/host.js';

export default [
  ...hostStyles,
  css`
    :host {
      display: contents;
      /* The share dialog is wider than the frame's default; a page's --atlas-dialog-width still wins. */
      --_dialog-width: var(--atlas-dialog-width, 64rem);
    }
    atlas-dialog {
      --atlas-dialog-width: var(--_dialog-width);
    }
    .panels {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      gap: 1.5rem;
      align-items: start;
    }
    .panel {
      min-inline-size: 0;
    }
    .panel + .panel {
      border-inline-start: 1px solid var(--_border);
      padding-inline-start: 1.5rem;
    }
    h3 {
      margin: 0 0 0.75rem;
      font-size: 1rem;
    }
    .saved-note {
      margin: 0;
      color: var(--_muted);
      font-size: 0.8125rem;
    }
    .message {
      text-align: start;
    }

    /* Phones: the panels stack. */
    @media (max-width: 720px) {
      .panels {
        grid-template-columns: minmax(0, 1fr);
        gap: 0;
      }
      .panel + .panel {
        border-inline-start: 0;
        padding-inline-start: 0;
        border-block-start: 1px solid var(--_border);
        margin-block-start: 1.5rem;
        padding-block-start: 1.25rem;
      }
    }
  `,
];
