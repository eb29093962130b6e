import { css } from 'lit';
import { iconButtonStyles } from '../styles/icon-button.js';
import { dialogStyles } from '../styles/dialog.js';
import { hostStyles } from '../styles/host.js';

export default [
  ...hostStyles,
  dialogStyles,
  css`
    :host {
      display: contents;
    }
    dialog {
      inline-size: min(var(--atlas-dialog-width, 32rem), calc(100vw - 2rem));
      max-inline-size: none;
      max-block-size: calc(100dvh - 2rem);
      overflow: hidden;
      font-family: var(--_font);
      color: var(--_fg);
    }
    dialog[open] {
      display: flex;
      animation: atlas-dialog-in 160ms ease-out;
    }
    dialog[open]::backdrop {
      animation: atlas-backdrop-in 160ms ease-out;
    }
    @keyframes atlas-dialog-in {
      from {
        opacity: 0;
        transform: translateY(0.5rem) scale(0.98);
      }
    }
    @keyframes atlas-backdrop-in {
      from {
        opacity: 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      dialog[open],
      dialog[open]::backdrop {
        animation: none;
      }
    }
    .frame {
      position: relative;
      display: flex;
      flex-direction: column;
      inline-size: 100%;
      max-block-size: calc(100dvh - 2rem);
      min-block-size: 0;
    }
    header {
      display: flex;
      align-items: flex-start;
      justify-content: space-between;
      gap: 1rem;
      padding: 1.1rem 1.25rem 1rem 1.5rem;
      border-block-end: 1px solid var(--_border);
    }
    h2 {
      margin: 0;
      font-size: 1.2rem;
      line-height: 1.3;
      overflow-wrap: anywhere;
    }
    .description {
      margin: 0.3rem 0 0;
      color: var(--_muted);
      font-size: 0.875rem;
      line-height: 1.4;
    }
    ${iconButtonStyles}
    .body {
      /* Contains the visually hidden labels, which would otherwise overflow the dialog itself. */
      position: relative;
      flex: 1 1 auto;
      overflow: auto;
      padding: 1.25rem 1.5rem;
      min-block-size: 12rem;
      overscroll-behavior: contain;
    }
    footer {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
      padding: 0.8rem 1.5rem;
      border-block-start: 1px solid var(--_border);
      background: var(--_bg-subtle);
    }

    /* Phones: the dialog uses (almost) the whole screen. */
    @media (max-width: 720px) {
      dialog {
        inline-size: min(var(--atlas-dialog-width, 32rem), calc(100vw - 1rem));
        max-block-size: calc(100dvh - 1rem);
      }
      .frame {
        max-block-size: calc(100dvh - 1rem);
      }
      header {
        padding: 0.9rem 0.75rem 0.8rem 1rem;
      }
      .body {
        padding: 1rem;
      }
      footer {
        padding: 0.7rem 1rem;
      }
    }
  `,
];
