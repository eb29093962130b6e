import { css } from 'lit';
import { hostStyles } from '../styles/host.js';
import { lockedEditorStyles, shareControlStyles } from './share-controls.styles.js';

export default [
  ...hostStyles,
  shareControlStyles,
  lockedEditorStyles,
  css`
    .lead {
      margin: -0.25rem 0 1rem;
      color: var(--_muted);
      font-size: 0.875rem;
      line-height: 1.45;
    }
    .generate {
      display: grid;
      gap: 0.4rem;
      margin-block-start: 1rem;
    }
    .lead + .generate,
    .reason + .generate {
      margin-block-start: 0;
    }
    .disclosure {
      justify-self: start;
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      margin-block-start: 0.25rem;
      padding: 0.2rem 0;
      border: 0;
      background: none;
      color: var(--_accent);
      font: inherit;
      font-size: 0.8125rem;
      font-weight: 500;
      cursor: pointer;
    }
    .disclosure svg {
      inline-size: 1rem;
      block-size: 1rem;
      transition: transform var(--_transition);
    }
    .disclosure[aria-expanded='true'] svg {
      transform: rotate(90deg);
    }
    #new-locked {
      padding: 0.75rem;
      border-radius: var(--_radius-sm);
      background: var(--_bg-subtle);
    }
    .count {
      display: inline-grid;
      place-items: center;
      min-inline-size: 1.4rem;
      padding: 0.05rem 0.4rem;
      border-radius: 999px;
      background: var(--_accent-subtle);
      color: var(--_fg);
      font-size: 0.75rem;
      letter-spacing: 0;
    }
    .empty {
      display: flex;
      gap: 0.6rem;
      align-items: center;
      margin: 1.25rem 0 0;
      padding: 1rem;
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
      color: var(--_muted);
      font-size: 0.875rem;
      line-height: 1.4;
    }
    .empty svg {
      flex: none;
    }
    .links {
      display: grid;
      gap: 0.75rem;
    }
    atlas-link-card {
      display: block;
    }
    @media (max-width: 420px) {
      .generate .add-row .button {
        flex: 1 1 auto;
        justify-content: center;
      }
    }
  `,
];
