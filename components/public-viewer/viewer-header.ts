/** The viewer's top bar (title, status, export, filters) and its status line, which kiosk mode shows on its own. */
import { html, nothing } from 'lit';
import { renderFilterBar } from '../dashboard/filter-bar.js';
import { viewerIcons as icons } from '../internal/viewer-icons.js';
import type { FilterValue, FilterValues } from '../internal/types.js';
import { freeFilters } from './filter-choices.js';
import type { PublicDashboard } from './types.js';

export interface StatusLine {
  stale: boolean;
  lastUpdated?: Date;
  /** Seconds until the next retry while stale; 0 while it is under way. */
  retryInSeconds: number;
}

export interface HeaderView {
  dashboard: PublicDashboard;
  status: StatusLine;
  exporting: boolean;
  exportError: string;
  onExport: () => void;
  filters: FilterValues;
  openMulti: string | null;
  onFilter: (field: string, value: FilterValue | undefined) => void;
  onToggleMulti: (field: string | null) => void;
  onResetFilters: () => void;
}

const timeText = (date: Date) => date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "Last updated", "Loading…", or "Offline" with the time of the data on screen and the next retry. */
export function renderStatusLine({ stale, lastUpdated, retryInSeconds }: StatusLine) {
  if (stale) {
    const since = lastUpdated ? ` Showing data from ${timeText(lastUpdated)}.` : '';
    const retry = retryInSeconds > 0 ? ` Retrying in ${retryInSeconds} s.` : ' Retrying…';
    return html`<p class="status stale" part="status" role="status">
      <span class="dot" aria-hidden="true"></span><strong>Offline.</strong>${since}${retry}
    </p>`;
  }
  if (!lastUpdated) return html`<p class="status" part="status" role="status">Loading…</p>`;
  return html`<p class="status" part="status" role="status">
    <span class="dot ok" aria-hidden="true"></span>Last updated
    <time datetime=${lastUpdated.toISOString()}>${timeText(lastUpdated)}</time>
  </p>`;
}

function valueText(value: FilterValue): string {
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') {
    if (value.from && value.to) return `${value.from} – ${value.to}`;
    return value.from ? `from ${value.from}` : `until ${value.to}`;
  }
  return String(value);
}

/** The link's locked filters: fixed chips, no control (SPEC V3). */
function renderLocked(dashboard: PublicDashboard) {
  const locked = Object.entries(dashboard.lockedFilters);
  if (!locked.length) return nothing;
  return html`<ul class="locked" aria-label="Fixed by this link">
    ${locked.map(([field, value]) => {
      const def = dashboard.filters.find((f) => f.field === field);
      return html`<li class="chip" part="locked-filter">
        ${icons.lock}<span class="chip-label">${def?.label ?? field}:</span> ${valueText(value)}
        <span class="visually-hidden">(fixed by this link, cannot be changed)</span>
      </li>`;
    })}
  </ul>`;
}

function renderFilters(view: HeaderView) {
  const definitions = freeFilters(view.dashboard);
  if (!definitions.length && !Object.keys(view.dashboard.lockedFilters).length) return nothing;
  return html`<div class="filters" part="filters">
    ${renderFilterBar({
      definitions,
      values: view.filters,
      openMulti: view.openMulti,
      onChange: view.onFilter,
      onToggleMulti: view.onToggleMulti,
      onReset: view.onResetFilters,
    })}
    ${renderLocked(view.dashboard)}
  </div>`;
}

export function renderHeader(view: HeaderView) {
  return html`<header class="header" part="header">
    <div class="title-row">
      <span class="globe round-badge" title="Public link: everyone with the link can view">${icons.globe}</span>
      <h1 class="title" part="title">${view.dashboard.title}</h1>
      <div class="actions">
        ${renderStatusLine(view.status)}
        ${
          // Issue 16: a link whose downloads are off shows no export button (the server refuses it anyway).
          view.dashboard.exportPolicy.mode === 'off'
            ? nothing
            : html`<button
                class="button"
                part="export-button"
                type="button"
                ?disabled=${view.exporting}
                @click=${view.onExport}
              >
                ${icons.download}<span>${view.exporting ? 'Exporting…' : 'Export XLSX'}</span>
              </button>`
        }
      </div>
    </div>
    ${view.exportError ? html`<p class="export-error" role="alert">${view.exportError}</p>` : nothing}
    ${renderFilters(view)}
  </header>`;
}
