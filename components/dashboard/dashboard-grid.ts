import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { WidgetPosition } from '../internal/types.js';
import type { WidgetLoader } from '../widget/types.js';
import type { DraftWidget } from './edit-draft.js';
import { renderNewWidget } from './edit-mode.js';
import { renderFilterScope } from './filter-scope.js';

export interface DashboardGridOptions {
  widgets: DraftWidget[];
  /** Authors and owners: the empty grid tells them how to add a widget. */
  canModify: boolean;
  editing: boolean;
  loaderFor: (widget: DraftWidget) => WidgetLoader;
  sourceName: (dataSourceId: string) => string | undefined;
  /** Edit mode's controls of a widget: Move handle, Edit, Remove and the resize corner (edit-mode.ts). */
  editTools: (widget: DraftWidget) => TemplateResult;
  /** The widget being moved or resized, drawn raised. */
  activeId?: string;
  /** Issue 17: the active filters that do not narrow this widget (filter-scope.ts). */
  filtersNotApplied?: (widget: DraftWidget) => string[];
}

/** Places a widget on the 12-column grid (clipped at the right edge); `position.h` counts rows. */
const cellStyle = (p: WidgetPosition) =>
  styleMap({
    gridColumn: `${p.x + 1} / span ${Math.min(p.w, 12 - p.x)}`,
    gridRow: `${p.y + 1} / span ${p.h}`,
  });

function renderCell(widget: DraftWidget, options: DashboardGridOptions) {
  const active = options.editing && options.activeId === widget.id;
  return html`<div class="cell ${active ? 'moving' : ''}" part="widget" style=${cellStyle(widget.position)}>
    ${options.editing ? options.editTools(widget) : nothing}
    ${
      widget.isNew || widget.isEdited
        ? renderNewWidget(widget, options.sourceName(widget.dataSourceId))
        : html`<atlas-widget .widget=${widget} .loader=${options.loaderFor(widget)}></atlas-widget>
            ${renderFilterScope(options.filtersNotApplied?.(widget) ?? [])}`
    }
  </div>`;
}

function emptyHint(options: DashboardGridOptions) {
  if (!options.canModify) return 'Its owner has not added any widgets.';
  return options.editing ? 'Use “Add widget” to add one.' : 'Choose Edit, then “Add widget”.';
}

export function renderDashboardGrid(options: DashboardGridOptions) {
  return html`<div class="grid ${options.editing ? 'editing' : ''}" part="grid">
    ${
      options.widgets.length
        ? repeat(
            options.widgets,
            (w) => w.id,
            (w) => renderCell(w, options),
          )
        : html`<div class="message empty-grid">
            <strong>This dashboard has no widgets yet</strong>
            ${emptyHint(options)}
          </div>`
    }
  </div>`;
}

/** The loading state: the shape of a typical dashboard (title, a row of KPIs, two charts). */
export function renderDashboardSkeleton() {
  return html`<div aria-busy="true">
    <span class="visually-hidden" role="status">Loading dashboard…</span>
    <div class="skeleton" style="inline-size:40%;block-size:1.8rem;margin-block-end:0.6rem"></div>
    <div class="skeleton" style="inline-size:60%;block-size:0.9rem;margin-block-end:1.5rem"></div>
    <div class="grid">
      ${[3, 3, 3, 3].map((w, i) => html`<div class="skeleton skeleton-cell" style=${`grid-column:${i * 3 + 1} / span ${w};grid-row:1 / span 2`}></div>`)}
      <div class="skeleton skeleton-cell" style="grid-column:1 / span 8;grid-row:3 / span 4"></div>
      <div class="skeleton skeleton-cell" style="grid-column:9 / span 4;grid-row:3 / span 4"></div>
    </div>
  </div>`;
}
