import { css } from 'lit';
import { hostStyles } from '../styles/host.js';
import { shareControlStyles } from './share-controls.styles.js';

export default [
  ...hostStyles,
  shareControlStyles,
  css`
    .access-icon {
      background: var(--_bg-subtle);
      border: 1px solid var(--_border);
      color: var(--_fg);
    }
    .access-row .who .meta {
      white-space: normal;
    }
    .switch {
      appearance: none;
      flex: none;
      position: relative;
      inline-size: 2.5rem;
      block-size: 1.4rem;
      margin: 0;
      border-radius: 999px;
      background: var(--_border);
      border: 1px solid transparent;
      cursor: pointer;
      transition: background var(--_transition);
    }
    .switch::after {
      content: '';
      position: absolute;
      inset-block-start: 2px;
      inset-inline-start: 2px;
      inline-size: calc(1.4rem - 6px);
      block-size: calc(1.4rem - 6px);
      border-radius: 50%;
      background: var(--_bg);
      box-shadow: 0 1px 2px rgb(0 0 0 / 25%);
      transition: transform var(--_transition);
    }
    .switch:checked {
      background: var(--_accent);
    }
    .switch:checked::after {
      transform: translateX(1.1rem);
    }
    .switch:dir(rtl):checked::after {
      transform: translateX(-1.1rem);
    }
    .switch:disabled {
      opacity: 0.55;
      cursor: not-allowed;
    }
    @media (max-width: 720px) {
      .access-row {
        flex-wrap: wrap;
      }
      .access-row .who {
        flex-basis: calc(100% - 6rem);
      }
      .access-row select.role {
        order: 1;
        margin-inline-start: 2.65rem;
      }
    }
    @media (forced-colors: active) {
      .switch {
        border: 1px solid CanvasText;
      }
      .switch:checked {
        background: Highlight;
      }
    }
  `,
];
