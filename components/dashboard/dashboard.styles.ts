import { css } from 'lit';
import { filterBarStyles } from '../styles/filter-bar.styles.js';

export default [
  filterBarStyles,
  css`
    :host {
      display: block;
    }
    .header {
      display: flex;
      align-items: flex-start;
      gap: 1rem;
      flex-wrap: wrap;
      margin-block-end: 1rem;
    }
    .heading {
      flex: 1 1 20rem;
      min-inline-size: 0;
    }
    h2,
    .title {
      margin: 0;
      font-size: var(--atlas-dashboard-title-size, 1.5rem);
      line-height: 1.25;
    }
    .description {
      margin: 0.3rem 0 0;
      color: var(--_muted);
      font-size: 0.9rem;
    }
    .meta {
      display: flex;
      align-items: center;
      gap: 0.9rem;
      flex-wrap: wrap;
      margin-block-start: 0.5rem;
      color: var(--_muted);
      font-size: 0.8rem;
    }
    .meta .access {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
    }
    .meta svg {
      inline-size: 1rem;
      block-size: 1rem;
      /* A long access summary wraps beside it; the icon keeps its size instead of shrinking to a speck. */
      flex: none;
    }
    .stale {
      color: var(--_danger);
    }
    .actions {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
      align-items: center;
    }
    .filter-bar {
      display: flex;
      align-items: flex-end;
      gap: 0.75rem 1rem;
      flex-wrap: wrap;
      padding: 0.75rem 1rem;
      margin-block-end: 1rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .banner {
      padding: 0.7rem 1rem;
      margin-block-end: 1rem;
      border-radius: var(--_radius-sm);
      background: var(--_accent-subtle);
      font-size: 0.875rem;
    }
    .banner.error {
      background: var(--_danger-subtle);
      color: var(--_fg);
      border: 1px solid var(--_danger);
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(12, minmax(0, 1fr));
      grid-auto-rows: var(--atlas-row-height, 5.25rem);
      gap: var(--atlas-widget-gap, 1rem);
    }
    .cell {
      position: relative;
      min-inline-size: 0;
      min-block-size: 0;
    }
    .cell > atlas-widget,
    .cell > .placeholder {
      block-size: 100%;
    }
    .empty-grid {
      grid-column: 1 / -1;
      grid-row: span 3;
      display: grid;
      place-content: center;
    }
    .skeleton-cell {
      border-radius: var(--_radius);
    }
    @media (max-width: 720px) {
      .grid {
        grid-template-columns: 1fr;
        grid-auto-rows: auto;
      }
      .cell {
        grid-column: 1 / -1 !important;
        grid-row: auto !important;
        min-block-size: 16rem;
      }
    }
    @media (forced-colors: active) {
      .filter-bar,
      .placeholder,
      .banner {
        border: 1px solid CanvasText;
      }
    }
  `,
];
