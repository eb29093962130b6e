import { css } from 'lit';
import { hostStyles } from '../styles/host.js';
import { shareControlStyles } from './share-controls.styles.js';

export default [
  ...hostStyles,
  shareControlStyles,
  css`
    .add {
      display: grid;
      gap: 0.4rem;
    }
    .combo {
      position: relative;
      flex: 1 1 auto;
      min-inline-size: 0;
    }
    .combo input {
      inline-size: 100%;
    }
    [role='listbox'] {
      position: absolute;
      z-index: 2;
      inset-inline: 0;
      inset-block-start: calc(100% + 4px);
      margin: 0;
      padding: 0.3rem;
      list-style: none;
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius-sm);
      box-shadow: var(--_shadow-raised);
      max-block-size: 18rem;
      overflow: auto;
    }
    .option {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      padding: 0.4rem 0.5rem;
      border-radius: var(--_radius-sm);
      cursor: pointer;
    }
    .option:hover,
    .option.active {
      background: var(--_accent-subtle);
    }
    .option.active {
      outline: 2px solid var(--_focus);
      outline-offset: -2px;
    }
    .option[aria-disabled='true'] {
      cursor: default;
      color: var(--_muted);
    }
    .option .avatar {
      inline-size: 1.75rem;
      block-size: 1.75rem;
    }
    .tag {
      margin-inline-start: auto;
      font-size: 0.75rem;
      color: var(--_muted);
      white-space: nowrap;
    }
    .people {
      margin-block-start: 1rem;
    }
    .you {
      color: var(--_muted);
      font-weight: 400;
    }
    .role-text {
      font-size: 0.8125rem;
      color: var(--_muted);
      padding-inline-end: 0.25rem;
    }
    .summary {
      margin: 0.75rem 0 0;
      color: var(--_muted);
      font-size: 0.875rem;
      line-height: 1.45;
    }
    @media (max-width: 420px) {
      .add-row .combo {
        flex-basis: 100%;
      }
    }
    @media (forced-colors: active) {
      .option.active {
        outline-color: Highlight;
      }
    }
  `,
];
