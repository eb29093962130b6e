import { css } from 'lit';

export default css`
  :host {
    display: block;
    container-type: inline-size;
  }
  .list {
    display: flex;
    flex-direction: column;
    gap: var(--atlas-link-list-gap, 0.75rem);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .link {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: 0.85rem 1rem;
    display: flex;
    flex-direction: column;
    gap: 0.65rem;
    min-inline-size: 0;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }
  .names {
    display: flex;
    flex-direction: column;
    gap: 0.15rem;
    min-inline-size: 0;
    flex: 1 1 12rem;
  }
  .dashboard-title {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .label {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    color: var(--_muted);
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .label svg {
    inline-size: 1em;
    block-size: 1em;
    flex: none;
  }
  .badge {
    font-size: 0.75rem;
    font-weight: 600;
    padding: 0.1rem 0.45rem;
    border-radius: 999px;
    background: var(--_warning-subtle);
    color: var(--_warning-fg);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(7.5rem, 1fr));
    gap: 0.5rem 1rem;
    margin: 0;
  }
  .facts > div {
    min-inline-size: 0;
  }
  .facts .locked {
    grid-column: span 2;
  }
  dt {
    font-size: 0.75rem;
    color: var(--_muted);
  }
  dd {
    margin: 0;
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .manual {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .manual input {
    font: inherit;
    font-size: 0.875rem;
    flex: 1 1 12rem;
    min-inline-size: 0;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_bg-subtle);
    color: var(--_fg);
  }
  .hint {
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .skeleton-row .skeleton:nth-child(1) {
    inline-size: 40%;
    block-size: 1rem;
  }
  .skeleton-row .skeleton:nth-child(2) {
    inline-size: 25%;
    block-size: 0.8rem;
  }
  .skeleton-row .skeleton:nth-child(3) {
    inline-size: 90%;
    block-size: 0.8rem;
  }
  .empty {
    padding: 2.5rem 1.5rem;
  }
  .empty svg {
    inline-size: 2.5rem;
    block-size: 2.5rem;
    color: var(--_accent);
    margin-block-end: 0.5rem;
  }
  /* Wide: one line of facts beside the names, like a table row. */
  @container (min-width: 52rem) {
    .facts {
      grid-template-columns: 7rem 7rem 4rem 5rem minmax(10rem, 1fr);
    }
    .facts .locked {
      grid-column: auto;
    }
  }
  /* Narrow (phones): the buttons share the row's width. */
  @container (max-width: 30rem) {
    .actions {
      inline-size: 100%;
    }
    .actions .button {
      flex: 1 1 0;
      justify-content: center;
    }
  }
  @media (forced-colors: active) {
    .link {
      border: 1px solid CanvasText;
    }
  }
`;
