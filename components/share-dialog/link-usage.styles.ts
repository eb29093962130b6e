import { css } from 'lit';
import { hostStyles } from '../styles/host.js';

/** The usage section of a link card: the chart's series colours follow the tokens (light, dark, forced colours). */
export default [
  ...hostStyles,
  css`
    :host {
      display: block;
    }
    .usage {
      display: grid;
      gap: 4px;
    }
    .head {
      display: flex;
      gap: 12px;
      align-items: baseline;
    }
    .title {
      font-weight: 600;
      font-size: 0.875rem;
    }
    svg {
      display: block;
      max-width: 100%;
      height: auto;
    }
    .ok {
      fill: var(--_accent);
      color: var(--_accent);
    }
    .wrongPasscode {
      fill: var(--_danger);
      color: var(--_danger);
    }
    .rateLimited {
      fill: var(--_warning-fg);
      color: var(--_warning-fg);
    }
    .unavailable {
      fill: var(--_muted);
      color: var(--_muted);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      margin: 0;
      padding: 0;
      list-style: none;
      font-size: 0.75rem;
      color: var(--_muted);
    }
    .swatch {
      display: inline-block;
      width: 8px;
      height: 8px;
      margin-inline-end: 4px;
      border-radius: 2px;
      background: currentColor;
    }
    .facts,
    .hint {
      margin: 0;
      font-size: 0.8125rem;
      color: var(--_muted);
    }
    .error {
      color: var(--_danger);
    }
    button {
      font: inherit;
      font-size: 0.8125rem;
      background: none;
      border: none;
      padding: 0;
      color: var(--_accent);
      text-decoration: underline;
      cursor: pointer;
    }
    button:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
  `,
];
