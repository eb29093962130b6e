import { css } from 'lit';
import { roundBadgeStyles } from '../styles/round-badge.js';

export default css`
  :host {
    display: block;
  }
  .card {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 0.6rem;
    block-size: 100%;
    min-block-size: 11rem;
    padding: 1rem 1.1rem 0.9rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: var(--_shadow);
    transition:
      box-shadow var(--_transition),
      border-color var(--_transition),
      transform var(--_transition);
  }
  .card:hover {
    border-color: color-mix(in srgb, var(--_accent) 45%, var(--_border));
    box-shadow: var(--_shadow-raised);
  }
  .card:focus-within {
    border-color: var(--_accent);
  }
  .top {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .thumb {
    display: grid;
    place-items: center;
    inline-size: 2.25rem;
    block-size: 2.25rem;
    border-radius: var(--_radius-sm);
    background: var(--_accent-subtle);
    color: var(--_accent);
    flex: none;
  }
  .badges {
    display: flex;
    gap: 0.35rem;
    flex-wrap: wrap;
    margin-inline-end: auto;
  }
  .badge {
    font-size: 0.72rem;
    font-weight: 600;
    letter-spacing: 0.02em;
    padding: 0.15rem 0.5rem;
    border-radius: 999px;
    background: var(--_bg-subtle);
    color: var(--_muted);
    border: 1px solid var(--_border);
  }
  .badge.shared {
    background: var(--_accent-subtle);
    color: var(--_accent);
    border-color: transparent;
  }
  .badge.public {
    background: var(--_warning-subtle);
    color: var(--_warning-fg);
    border-color: transparent;
  }
  .icon-button {
    position: relative;
    z-index: 1;
    display: grid;
    place-items: center;
    inline-size: 2rem;
    block-size: 2rem;
    padding: 0;
    border: 1px solid transparent;
    border-radius: var(--_radius-sm);
    background: transparent;
    color: var(--_muted);
    cursor: pointer;
  }
  .icon-button:hover,
  .icon-button[aria-expanded='true'] {
    background: var(--_bg-subtle);
    color: var(--_fg);
  }
  .access {
    position: relative;
  }
  .tooltip {
    position: absolute;
    z-index: 3;
    inset-block-start: calc(100% + 6px);
    inset-inline-end: -2.5rem;
    inline-size: max-content;
    max-inline-size: 16rem;
    padding: 0.5rem 0.7rem;
    border-radius: var(--_radius-sm);
    background: var(--atlas-tooltip-background, #1f2733);
    color: var(--atlas-tooltip-text, #f4f6f8);
    font-size: 0.8rem;
    line-height: 1.35;
    box-shadow: var(--_shadow-raised);
    visibility: hidden;
    opacity: 0;
    transition: opacity var(--_transition);
    pointer-events: none;
  }
  .access:hover .tooltip,
  .access:focus-within .tooltip {
    visibility: visible;
    opacity: 1;
  }
  .access.dismissed .tooltip {
    visibility: hidden;
    opacity: 0;
  }
  .tooltip strong {
    display: block;
    margin-block-end: 0.15rem;
  }
  .title {
    margin: 0.2rem 0 0;
    font-size: 1.05rem;
    line-height: 1.3;
  }
  .title-link {
    all: unset;
    cursor: pointer;
    color: var(--_fg);
    border-radius: 2px;
  }
  .title-link::after {
    /* The whole card is a click target for Open; the other controls sit above it. */
    content: '';
    position: absolute;
    inset: 0;
    border-radius: var(--_radius);
  }
  .title-link:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .description {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
    line-height: 1.45;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .footer {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin-block-start: auto;
    padding-block-start: 0.6rem;
    border-block-start: 1px solid var(--_border);
    font-size: 0.8rem;
    color: var(--_muted);
  }
  ${roundBadgeStyles}
  .avatar {
    --_badge-size: 1.6rem;
    background: var(--_bg-subtle);
    border: 1px solid var(--_border);
    color: var(--_fg);
    font-size: 0.68rem;
    font-weight: 700;
  }
  .owner {
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .role {
    margin-inline-start: auto;
    flex: none;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    font-size: 0.72rem;
    font-weight: 600;
    background: var(--_bg-subtle);
    color: var(--_muted);
  }
  .role-owner {
    background: var(--_accent-subtle);
    color: var(--_accent);
  }
  .status {
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .status.error {
    color: var(--_danger);
  }
  .menu-wrap {
    position: relative;
  }
  [role='menu'] {
    position: absolute;
    z-index: 4;
    inset-block-start: calc(100% + 4px);
    inset-inline-end: 0;
    min-inline-size: 11rem;
    margin: 0;
    padding: 0.3rem;
    list-style: none;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    box-shadow: var(--_shadow-raised);
  }
  [role='menuitem'] {
    display: flex;
    align-items: center;
    gap: 0.55rem;
    padding: 0.45rem 0.6rem;
    border-radius: 4px;
    font-size: 0.875rem;
    cursor: pointer;
    color: var(--_fg);
  }
  [role='menuitem']:hover,
  [role='menuitem']:focus {
    background: var(--_accent-subtle);
    outline: none;
  }
  [role='menuitem']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  [role='menuitem'].danger {
    color: var(--_danger);
  }
  [role='separator'] {
    block-size: 1px;
    margin: 0.3rem 0;
    background: var(--_border);
  }
  /* An alert box (issue 17), not a line of coloured text: bordered, on the danger tint, in the body colour. */
  .dialog-error {
    margin-block-start: 0.75rem;
    padding: 0.6rem 0.75rem;
    border: 1px solid var(--_danger);
    border-inline-start-width: 4px;
    border-radius: var(--_radius-sm);
    background: var(--_danger-subtle);
    color: var(--_fg);
    font-size: 0.875rem;
  }
  .dialog-error strong {
    display: block;
  }
  @media (forced-colors: active) {
    .card,
    [role='menu'],
    .tooltip {
      border: 1px solid CanvasText;
    }
    [role='menuitem']:focus {
      outline: 2px solid Highlight;
    }
  }
`;
