import { css } from 'lit';
import { tokens } from './tokens.js';

/** Shared host rules: embedding hygiene, focus rings, buttons and the screen-reader-only helper. */
export const hostStyles = [
  tokens,
  css`
    :host {
      display: block;
      box-sizing: border-box;
    }
    :host([hidden]),
    [hidden] {
      display: none !important;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    :focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    /* Read by screen readers, never seen and never laid out beyond 1 px (the standard pattern). Put it on a block box:
       tables ignore overflow, so wrap a hidden table in a <div class="visually-hidden">. */
    .visually-hidden {
      position: absolute !important;
      inline-size: 1px !important;
      block-size: 1px !important;
      margin: -1px;
      padding: 0;
      border: 0;
      overflow: hidden;
      clip: rect(0 0 0 0);
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .button {
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
      font: inherit;
      font-size: 0.875rem;
      font-weight: 500;
      line-height: 1.2;
      padding-block: 0.5em;
      padding-inline: 0.9em;
      border-radius: var(--_radius-sm);
      border: 1px solid var(--_border);
      background: var(--_bg);
      color: var(--_fg);
      cursor: pointer;
      transition:
        background var(--_transition),
        border-color var(--_transition);
      white-space: nowrap;
    }
    .button:hover {
      background: var(--_bg-subtle);
    }
    .button.primary {
      background: var(--_accent);
      border-color: var(--_accent);
      color: var(--_accent-fg);
    }
    .button.primary:hover {
      filter: brightness(1.08);
    }
    .button.danger {
      background: var(--_danger);
      border-color: var(--_danger);
      color: var(--_bg);
    }
    .button.quiet {
      border-color: transparent;
      background: transparent;
    }
    .button.quiet:hover {
      background: var(--_bg-subtle);
    }
    .button[disabled] {
      opacity: 0.55;
      cursor: not-allowed;
    }
    .button svg {
      inline-size: 1.1em;
      block-size: 1.1em;
      flex: none;
    }
    .message {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      padding: 1.5rem;
      text-align: center;
      color: var(--_muted);
    }
    .message strong {
      display: block;
      color: var(--_fg);
      font-size: 1rem;
      margin-block-end: 0.35rem;
    }
    .message.error {
      border-color: var(--_danger);
      background: var(--_danger-subtle);
      color: var(--_fg);
    }
    .message .button {
      margin-block-start: 0.75rem;
    }
    @keyframes atlas-pulse {
      50% {
        opacity: 0.45;
      }
    }
    .skeleton {
      background: var(--_skeleton);
      border-radius: var(--_radius-sm);
      animation: atlas-pulse 1.6s ease-in-out infinite;
    }
    @media (prefers-reduced-motion: reduce) {
      .skeleton {
        animation: none;
      }
    }
    @media (forced-colors: active) {
      .button,
      .message {
        border: 1px solid CanvasText;
      }
      .button.primary {
        background: Highlight;
        color: HighlightText;
      }
      .skeleton {
        background: GrayText;
      }
    }
  `,
];
