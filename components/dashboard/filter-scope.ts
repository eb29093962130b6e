/**
 * Issue 17: a global filter narrows only the widgets whose data source has its field. Without a word, a viewer
 * who picks "Channel: Online" would read an unfiltered support-tickets widget as filtered; this names the active
 * filters that do not apply to a widget, from the `filterFields` the server sends with each widget.
 */
import { css, html, nothing } from 'lit';
import { activeFilters } from '../internal/session-filters.js';
import type { FilterDefinition, FilterValues } from '../internal/types.js';

/** The labels of the active filters that do not narrow a widget; none when the server did not say (older server). */
export function filtersNotApplied(
  widget: { filterFields?: string[] },
  values: FilterValues,
  definitions: readonly FilterDefinition[],
): string[] {
  const fields = widget.filterFields;
  if (!fields) return [];
  const active = activeFilters(values);
  return definitions.filter((d) => d.field in active && !fields.includes(d.field)).map((d) => d.label);
}

export function renderFilterScope(labels: string[]) {
  if (!labels.length) return nothing;
  const list = labels.join(', ');
  return html`<p class="filter-scope" part="filter-scope">
    Not filtered by ${list}<span class="visually-hidden"
      >: this widget's data has no ${labels.length === 1 ? 'such field' : 'such fields'}</span
    >
  </p>`;
}

export const filterScopeStyles = css`
  .filter-scope {
    position: absolute;
    inset-block-end: 0.4rem;
    inset-inline-end: 0.6rem;
    margin: 0;
    padding: 0.1rem 0.45rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg-subtle);
    color: var(--_fg);
    font-size: 0.75rem;
    max-inline-size: calc(100% - 1.2rem);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;
