import { css } from 'lit';
import { iconButtonStyles } from '../styles/icon-button.js';
import { roundBadgeStyles } from '../styles/round-badge.js';

/**
 * What the share dialog's panels have in common: fields and selects, hints, errors and banners, headings, and the
 * rows of a person or a group (avatar, name, meta line, role select).
 */
export const shareControlStyles = css`
  h4 {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 1.5rem 0 0.6rem;
    font-size: 0.8125rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--_muted);
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  label {
    font-size: 0.875rem;
    font-weight: 500;
  }
  .optional {
    color: var(--_muted);
    font-weight: 400;
  }
  input[type='text'],
  select,
  textarea {
    font: inherit;
    font-size: 0.875rem;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    padding: 0.5rem 0.65rem;
    min-block-size: 2.25rem;
  }
  input[type='text']:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 0;
    border-color: var(--_focus);
  }
  input[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  input:disabled,
  select:disabled,
  textarea:disabled {
    background: var(--_bg-subtle);
    cursor: not-allowed;
  }
  .add-row {
    display: flex;
    gap: 0.5rem;
    align-items: stretch;
  }
  .add-row > input {
    flex: 1 1 auto;
    min-inline-size: 0;
  }
  ${iconButtonStyles}
  ${roundBadgeStyles}
  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.45rem;
    font-weight: 400;
    cursor: pointer;
  }
  .check input {
    inline-size: 1rem;
    block-size: 1rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  .hint {
    margin: 0;
    font-size: 0.8125rem;
    color: var(--_muted);
    line-height: 1.4;
  }
  .field-error,
  .reason {
    display: flex;
    gap: 0.45rem;
    align-items: flex-start;
    margin: 0.35rem 0 0;
    font-size: 0.8125rem;
    line-height: 1.4;
  }
  .field-error {
    color: var(--_danger);
    font-weight: 500;
  }
  .field-error svg,
  .reason svg,
  .banner > svg {
    flex: none;
    inline-size: 1.1rem;
    block-size: 1.1rem;
    margin-block-start: 0.05rem;
  }
  .reason {
    margin: 0 0 0.9rem;
    padding: 0.6rem 0.75rem;
    border-radius: var(--_radius-sm);
    background: var(--_accent-subtle);
    color: var(--_fg);
  }
  .banner {
    display: flex;
    gap: 0.6rem;
    margin: 1rem 0 0;
    padding: 0.7rem 0.85rem;
    border-radius: var(--_radius-sm);
    font-size: 0.8125rem;
    line-height: 1.45;
  }
  .banner.warning {
    background: var(--_warning-subtle);
    color: var(--_warning-fg);
    border: 1px solid color-mix(in srgb, var(--_warning-fg) 22%, transparent);
  }
  .banner p,
  .banner ul {
    margin: 0;
  }
  .banner ul {
    padding-inline-start: 1.1rem;
    font-weight: 600;
  }
  .banner .strong {
    font-weight: 600;
  }
  .banner p + p,
  .banner ul + p {
    margin-block-start: 0.35rem;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 0.65rem;
    padding: 0.55rem 0;
  }
  .row + .row {
    border-block-start: 1px solid var(--_border);
  }
  .avatar {
    background: var(--_accent-subtle);
    color: var(--_fg);
    font-size: 0.75rem;
    font-weight: 600;
  }
  .who {
    display: grid;
    flex: 1 1 auto;
    min-inline-size: 0;
  }
  .who .name {
    font-size: 0.875rem;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .who .meta {
    font-size: 0.75rem;
    color: var(--_muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  select.role {
    flex: none;
    min-block-size: 2rem;
    padding-block: 0.3rem;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .chip {
    padding: 0.15rem 0.55rem;
    border-radius: 999px;
    border: 1px solid var(--_border);
    background: var(--_bg-subtle);
    font-size: 0.75rem;
  }
  @media (max-width: 420px) {
    .add-row {
      flex-wrap: wrap;
    }
    .add-row > input {
      flex-basis: 100%;
    }
    .add-row select {
      flex: 1 1 auto;
    }
  }
  @media (forced-colors: active) {
    .banner {
      border: 1px solid CanvasText;
    }
  }
`;

/** The locked-filters editor (locked-filters.ts), shown for a new link and in each link's card. */
export const lockedEditorStyles = css`
  .locked-editor {
    display: grid;
    gap: 0.6rem;
    margin-block: 0.35rem;
  }
  .locked-editor .field {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .locked-editor legend {
    padding: 0;
    margin-block-end: 0.25rem;
    font-size: 0.875rem;
    font-weight: 500;
  }
  .locked-editor .multi {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 0.9rem;
  }
  .locked-editor .range {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .locked-editor .range label {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    font-weight: 400;
  }
  .locked-editor input[type='date'] {
    font: inherit;
    font-size: 0.8125rem;
    padding: 0.3rem 0.4rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    color: var(--_fg);
  }
`;
