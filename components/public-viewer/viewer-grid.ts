/** The widget grid of a dashboard on screen: each widget at its position, with its slot's data. */
import { html } from 'lit';
import type { PublicWidget } from './types.js';
import type { ShownDashboard, WidgetSlot } from './viewer-state.js';

export interface GridView {
  shown: ShownDashboard;
  stale: boolean;
  kiosk: boolean;
  /** `atlas-widget-retry` from a failed widget. */
  onWidgetRetry: (event: Event) => void;
}

const LOADING: WidgetSlot = { status: 'loading' };

function renderWidget(widget: PublicWidget, slot: WidgetSlot, { stale, kiosk }: GridView) {
  const p = widget.position;
  const style = `--x:${p.x + 1};--y:${p.y + 1};--w:${p.w};--h:${p.h}`;
  return html`<div class="cell" part="widget" style=${style}>
    <atlas-widget
      .widget=${widget}
      .data=${slot.data}
      .state=${slot.status}
      .message=${slot.message ?? ''}
      ?stale=${stale}
      ?kiosk=${kiosk}
    ></atlas-widget>
  </div>`;
}

export function renderGrid(view: GridView) {
  const { dashboard, slots } = view.shown;
  if (!dashboard.widgets.length) {
    return html`<div class="message" part="grid">
      <strong>No widgets yet</strong>This dashboard has nothing to show.
    </div>`;
  }
  const rows = Math.max(...dashboard.widgets.map((w) => w.position.y + w.position.h));
  return html`<div
    class="grid ${view.stale ? 'is-stale' : ''}"
    part="grid"
    style="--rows:${rows}"
    @atlas-widget-retry=${view.onWidgetRetry}
  >
    ${dashboard.widgets.map((w) => renderWidget(w, slots.get(w.id) ?? LOADING, view))}
  </div>`;
}
