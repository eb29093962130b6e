import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .toolbar {
    display: flex;
    align-items: center;
    gap: 1rem;
    margin-block-end: 1.25rem;
    flex-wrap: wrap;
  }
  /* On a narrow host (360 px) the four tabs are wider than the list: they scroll within the tab list, whole, instead
     of widening the page. */
  [role='tablist'] {
    display: inline-flex;
    min-inline-size: 0;
    max-inline-size: 100%;
    overflow-x: auto;
    scrollbar-width: thin;
    gap: 0.25rem;
    padding: 0.25rem;
    border-radius: calc(var(--_radius-sm) + 4px);
    background: var(--_bg-subtle);
    border: 1px solid var(--_border);
  }
  [role='tab'] {
    flex: none;
    white-space: nowrap;
    font: inherit;
    font-size: 0.875rem;
    font-weight: 500;
    padding: 0.45rem 0.95rem;
    border: 0;
    border-radius: var(--_radius-sm);
    background: transparent;
    color: var(--_muted);
    cursor: pointer;
    transition:
      background var(--_transition),
      color var(--_transition);
  }
  [role='tab']:hover {
    color: var(--_fg);
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: var(--_shadow);
  }
  .count {
    margin-inline-start: auto;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--atlas-card-min-width, 17rem), 1fr));
    gap: var(--atlas-card-gap, 1rem);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .grid > li {
    display: block;
  }
  .skeleton-card {
    block-size: 11rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: 1rem;
    display: flex;
    flex-direction: column;
    gap: 0.7rem;
  }
  .skeleton-card .skeleton:nth-child(1) {
    inline-size: 2.25rem;
    block-size: 2.25rem;
  }
  .skeleton-card .skeleton:nth-child(2) {
    inline-size: 60%;
    block-size: 1rem;
  }
  .skeleton-card .skeleton:nth-child(3) {
    inline-size: 90%;
    block-size: 0.8rem;
  }
  .skeleton-card .skeleton:nth-child(4) {
    inline-size: 40%;
    block-size: 0.8rem;
    margin-block-start: auto;
  }
  .empty {
    padding: 3rem 1.5rem;
  }
  .empty svg {
    inline-size: 2.5rem;
    block-size: 2.5rem;
    color: var(--_accent);
    margin-block-end: 0.5rem;
  }
  @media (forced-colors: active) {
    [role='tab'][aria-selected='true'] {
      outline: 2px solid Highlight;
    }
  }
`;
