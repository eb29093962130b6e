import { css } from 'lit';

/**
 * The controls of the global filter bar (`renderFilterBar` in dashboard/filter-bar.ts), shared by `<atlas-dashboard>`
 * and `<atlas-public-viewer>`, which render the same markup. How the bar itself is laid out (a card in the dashboard,
 * part of the viewer's filter row) stays with each element.
 */
export const filterBarStyles = css`
  .filter {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    position: relative;
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .filter.range {
    flex-direction: row;
    align-items: center;
    flex-wrap: wrap;
    gap: 0.35rem;
  }
  /* On a narrow screen the dash wraps with the end date, never alone at the end of a line. */
  .to {
    display: flex;
    gap: 0.35rem;
    align-items: center;
  }
  /* The fieldset's own legend sits above the two dates; floating it (to make it a flex item) widened the fieldset. */
  .filter.range legend {
    float: none;
    padding: 0;
    margin-block-end: 0.25rem;
  }
  /* Issue 17: why a date range was not applied (start after end), on its own line. */
  .filter.range .field-error {
    flex-basis: 100%;
    color: var(--_danger);
    font-size: 0.8rem;
  }
  .filter.range .field-error:empty {
    display: none;
  }
  input[type='date']:invalid {
    border-color: var(--_danger);
  }
  .filter-label {
    font-size: 0.75rem;
    font-weight: 600;
    color: var(--_muted);
    padding: 0;
  }
  select,
  input[type='date'],
  input[type='text'],
  .multi-button {
    font: inherit;
    font-size: 0.875rem;
    min-block-size: 2.25rem;
    max-inline-size: 100%;
    padding: 0.3rem 0.55rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    color: var(--_fg);
  }
  .multi-button {
    display: inline-flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
    min-inline-size: 9rem;
    cursor: pointer;
    text-align: start;
  }
  .multi-panel {
    position: absolute;
    z-index: 5;
    inset-block-start: calc(100% + 4px);
    inset-inline-start: 0;
    min-inline-size: 12rem;
    max-block-size: 16rem;
    overflow: auto;
    padding: 0.4rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    box-shadow: var(--_shadow-raised);
  }
  /* Focusable only so that a click on an option's text stays inside the filter; the options show their own focus. */
  .multi-panel:focus {
    outline: none;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.35rem 0.4rem;
    border-radius: 4px;
    font-size: 0.875rem;
    cursor: pointer;
  }
  .check:hover {
    background: var(--_bg-subtle);
  }
  .filter-note {
    margin-inline-start: auto;
    font-size: 0.75rem;
    color: var(--_muted);
    align-self: center;
  }
`;
