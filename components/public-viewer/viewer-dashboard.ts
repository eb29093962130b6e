/** The dashboard screen: the top bar (none in kiosk mode), the grid, and in kiosk mode the status line alone. */
import { html, nothing } from 'lit';
import { type HeaderView, renderHeader, renderStatusLine } from './viewer-header.js';
import { renderGrid } from './viewer-grid.js';
import { type ShowingState, secondsUntil } from './viewer-state.js';

export interface DashboardView extends Omit<HeaderView, 'dashboard' | 'status'> {
  shown: ShowingState;
  kiosk: boolean;
  /** `atlas-widget-retry` from a failed widget. */
  onWidgetRetry: (event: Event) => void;
}

export function renderDashboard(view: DashboardView) {
  const { shown, kiosk } = view;
  const { dashboard } = shown;
  const stale = shown.kind === 'stale';
  const status = { stale, lastUpdated: shown.lastUpdated, retryInSeconds: stale ? secondsUntil(shown.retryAt) : 0 };
  return html`${kiosk ? nothing : renderHeader({ ...view, dashboard, status })}
    <section class="main" aria-label=${dashboard.title}>
      ${kiosk ? html`<h1 class="visually-hidden">${dashboard.title}</h1>` : nothing}
      ${renderGrid({ shown, stale, kiosk, onWidgetRetry: view.onWidgetRetry })}
    </section>
    ${kiosk ? html`<div class="kiosk-status">${renderStatusLine(status)}</div>` : nothing}`;
}
