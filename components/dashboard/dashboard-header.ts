import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { ACCESS_LABEL, accessIcon, icons } from '../internal/icons.js';
import type { DashboardDetail } from '../internal/types.js';

export interface DashboardHeaderOptions {
  dashboard: DashboardDetail;
  /** The `<h2>` title, or edit mode's title field. */
  title: TemplateResult;
  /** Edit mode's description field, in place of the description. */
  description?: TemplateResult;
  /** The view actions, or edit mode's. */
  actions: TemplateResult;
  lastUpdated?: Date;
  /** The last refresh failed and the view shows the data it had. */
  stale: boolean;
}

/** The dashboard's header: title, description, access line (who can see it), refresh times and the actions. */
export function renderDashboardHeader(options: DashboardHeaderOptions) {
  const { dashboard, lastUpdated } = options;
  return html`<div class="header" part="header">
    <div class="heading">
      ${options.title}
      ${options.description ?? (dashboard.description ? html`<p class="description">${dashboard.description}</p>` : nothing)}
      <div class="meta">
        <span class="access"
          >${accessIcon(dashboard.access.icon)}<span
            ><span class="visually-hidden">${ACCESS_LABEL[dashboard.access.icon]}: </span
            >${dashboard.access.summary}</span
          ></span
        >
        ${
          lastUpdated
            ? html`<span
                >Last updated
                <time datetime=${lastUpdated.toISOString()}>${lastUpdated.toLocaleTimeString()}</time></span
              >`
            : nothing
        }
        ${dashboard.refreshInterval > 0 ? html`<span>Auto-refresh every ${formatInterval(dashboard.refreshInterval)}</span>` : nothing}
        ${options.stale ? html`<span class="stale" role="status">Could not refresh: showing the last data.</span>` : nothing}
      </div>
    </div>
    <div class="actions" part="actions">${options.actions}</div>
  </div>`;
}

/** The title as a heading of the host's chosen level (issue 17: `heading-level`, default 2). */
export const renderTitle = (dashboard: DashboardDetail, level = 2) => {
  const tag = unsafeStatic(`h${Math.min(6, Math.max(1, Math.trunc(level) || 2))}`);
  return staticHtml`<${tag} class="title" part="title">${dashboard.title}</${tag}>`;
};

export interface ViewActionsOptions {
  dashboard: DashboardDetail;
  exporting: boolean;
  onRefresh: () => void;
  onExport: () => void;
  /** Everyone (read-only for non-owners, issue 17); `opener` gets focus back when the share dialog closes. */
  onShare: (opener: HTMLElement) => void;
  /** Authors and owners only. */
  onEdit: () => void;
}

/**
 * Refresh, Export XLSX and Share for everyone (Share opens read-only for non-owners: "Who has access"); Edit only for
 * the roles that may use it (never just disabled).
 */
export function renderViewActions(options: ViewActionsOptions) {
  const { dashboard } = options;
  return html`<button class="button quiet" type="button" @click=${options.onRefresh}>${icons.refresh} Refresh</button>
    <button class="button" type="button" @click=${options.onExport} ?disabled=${options.exporting}>
      ${icons.download} ${options.exporting ? 'Exporting…' : 'Export XLSX'}
    </button>
    <button
      class="button share-button"
      type="button"
      aria-haspopup="dialog"
      @click=${(e: Event) => options.onShare(e.currentTarget as HTMLElement)}
    >
      ${icons.share} ${dashboard.role === 'owner' ? 'Share' : 'Who has access'}
    </button>
    ${dashboard.canModify ? html`<button class="button primary edit-button" type="button" @click=${options.onEdit}>${icons.edit} Edit</button>` : nothing}`;
}

export function formatInterval(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}
