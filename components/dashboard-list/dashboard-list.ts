import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { listItems } from '../internal/list-items.js';
import { listDashboards } from '../api/endpoints.js';
import { onDashboardChange } from '../context/dashboard-changes.js';
import { ApiTask } from '../controllers/api-task.js';
import { AtlasElement } from '../internal/atlas-element.js';
import { icons } from '../internal/icons.js';
import { renderLoadError } from '../internal/load-error.js';
import type { AtlasDashboardCard } from '../dashboard-card/dashboard-card.js';
import type { AtlasDeleteEvent } from '../events/delete.js';
import { AtlasOpenEvent } from '../events/open.js';
import { emit } from '../internal/emit.js';
import { dialogStyles } from '../styles/dialog.js';
import { NewDashboardDialog, newDashboardStyles } from './new-dashboard.js';
import type { DashboardSummary, ListFilter } from '../internal/types.js';
import { hostStyles } from '../styles/host.js';
import styles from './dashboard-list.styles.js';

const FILTERS: { id: ListFilter; label: string; empty: string; hint: string }[] = [
  {
    id: 'all',
    label: 'All',
    empty: 'No dashboards yet',
    hint: 'Dashboards you own, and those shared with you, your project or your organization, appear here.',
  },
  {
    id: 'mine',
    label: 'My dashboards',
    empty: 'You do not own any dashboards',
    hint: 'Dashboards you create are listed here.',
  },
  {
    id: 'shared',
    label: 'Shared with me',
    empty: 'Nothing has been shared with you',
    hint: 'When someone shares a dashboard with you, it appears here with a “Shared” badge.',
  },
  {
    id: 'org',
    label: 'Organization',
    empty: 'No organization-wide dashboards',
    hint: 'Dashboards that everyone in your organization can view appear here.',
  },
];

/**
 * @summary The Atlas list of dashboard cards with the filters All / My dashboards / Shared with me / Organization.
 * Refreshes itself after a share change, a delete or a saved edit under the same `<atlas-provider>`. New dashboard
 * (in the toolbar and the empty state) creates one (title, project, description) and asks the host to open it in edit
 * mode.
 * @tag atlas-dashboard-list
 *
 * @event {AtlasOpenEvent} atlas-open - Bubbles from a card: the user opened a dashboard.
 *   `detail: { dashboardId, title }`. After New dashboard the list fires it itself with `edit: true`: open that
 *   dashboard and call its `edit()`.
 * @event {AtlasShareEvent} atlas-share - Bubbles from a card: the owner chose Share. `detail: { dashboardId, title }`.
 * @event {AtlasDeleteEvent} atlas-delete - Bubbles from a card: a dashboard was deleted (the list reloads).
 *   `detail: { dashboardId, title }`.
 *
 * @csspart tabs - The filter tab list.
 * @csspart tab - Each filter tab.
 * @csspart grid - The list of cards.
 * @csspart card - Each `<atlas-dashboard-card>`; four of its own parts are forwarded as `card-*` (below).
 * @csspart card-base - The `base` part of each card (`exportparts`).
 * @csspart card-title - The `title` part of each card: the dashboard title.
 * @csspart card-badge - The `badge` part of each card: each "Shared" or "Public" badge.
 * @csspart card-menu - The `menu` part of each card: the More menu.
 * @csspart empty - The empty state.
 * @csspart new-dashboard-dialog - The New dashboard dialog.
 * @csspart error - The error state.
 * @csspart config-error - The message shown without an `<atlas-provider>`.
 *
 * @cssproperty [--atlas-card-min-width=17rem] - Minimum width of a card column.
 * @cssproperty [--atlas-card-gap=1rem] - Gap between cards.
 * @cssproperty [--atlas-accent=#2557d6] - Accent colour.
 */
export class AtlasDashboardList extends AtlasElement {
  static override styles = [hostStyles, dialogStyles, styles, newDashboardStyles];

  readonly #newDashboard = new NewDashboardDialog(this, {
    api: () => this.api,
    onCreated: (dashboard) => {
      emit(this, new AtlasOpenEvent({ dashboardId: dashboard.id, title: dashboard.title, edit: true }));
      void this.refresh();
    },
  });

  readonly #task = new ApiTask(this, {
    args: () => [this.api, this.filter] as const,
    task: async ([api, filter], { signal }) => {
      if (!api) return undefined;
      const body = await listDashboards(api, { filter }, { signal });
      return body.dashboards;
    },
  });

  /** The selected filter: `all`, `mine` (owned by me), `shared` (shared with me) or `org` (organization-wide). */
  @property({ reflect: true }) filter: ListFilter = 'all';

  /**
   * The address of a dashboard in the host, with `{id}` for its id (e.g. `/dashboards/{id}`): card titles become real
   * links (middle click, copy link); a plain click still sends `atlas-open` (issue 17).
   */
  @property({ attribute: 'card-href' }) cardHref?: string;

  /** The heading level of the cards' titles (1–6; default 3), to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  constructor() {
    super();
    // Share changes, deletes and saves made under the same <atlas-provider> (its cards, the share dialog, a dashboard)
    // reach the list once, through the provider's channel: it reloads without a page reload.
    onDashboardChange(this, () => void this.refresh());
  }

  /**
   * Where focus goes once a deleted card has left the list: the next card's id, else the previous one's, else '' (the
   * selected tab). Without this, focus stays on the removed card and falls to <body>.
   */
  #focusAfterDelete?: { deleted: string; target: string };

  #onCardDelete = (event: AtlasDeleteEvent) => {
    const ids = (this.#task.value ?? []).map((d) => d.id);
    const index = ids.indexOf(event.detail.dashboardId);
    if (index < 0) return;
    this.#focusAfterDelete = { deleted: event.detail.dashboardId, target: ids[index + 1] ?? ids[index - 1] ?? '' };
  };

  protected override updated(): void {
    const pending = this.#focusAfterDelete;
    if (!pending || this.#task.status !== 'complete') return;
    if ((this.#task.value ?? []).some((d) => d.id === pending.deleted)) return;
    this.#focusAfterDelete = undefined;
    const cards = [...this.renderRoot.querySelectorAll<AtlasDashboardCard>('atlas-dashboard-card')];
    const card = cards.find((c) => c.dashboard?.id === pending.target);
    if (card) void card.updateComplete.then(() => card.focus());
    else this.renderRoot.querySelector<HTMLElement>(`#tab-${this.filter}`)?.focus();
  }

  #selectFilter(filter: ListFilter, focus: boolean) {
    this.filter = filter;
    if (focus)
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${filter}`)?.focus());
  }

  #onTabKeydown(event: KeyboardEvent) {
    const index = FILTERS.findIndex((f) => f.id === this.filter);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % FILTERS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + FILTERS.length) % FILTERS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = FILTERS.length - 1;
    if (next < 0) return;
    event.preventDefault();
    this.#selectFilter(FILTERS[next]!.id, true);
  }

  /** Reloads the list from the server. */
  async refresh(): Promise<void> {
    await this.#task.run();
  }

  /** Resolves when the current load has settled (tests and hosts that need to wait). */
  get loadComplete(): Promise<void> {
    return this.#task.taskComplete;
  }

  #renderSkeletons() {
    return html`<ul class="grid" part="grid" aria-hidden="true">
      ${[0, 1, 2, 3, 4, 5].map(
        () =>
          html`<li class="skeleton-card">
            <div class="skeleton"></div>
            <div class="skeleton"></div>
            <div class="skeleton"></div>
            <div class="skeleton"></div>
          </li>`,
      )}
    </ul>`;
  }

  #renderCards(dashboards: DashboardSummary[]) {
    const meta = FILTERS.find((f) => f.id === this.filter)!;
    if (!dashboards.length) {
      return html`<div class="message empty" part="empty">
        ${icons.dashboard}
        <strong>${meta.empty}</strong>
        ${meta.hint}
        ${this.filter === 'all' || this.filter === 'mine' ? html`<div>${this.#newDashboard.renderButton()}</div>` : nothing}
      </div>`;
    }
    return html`<ul
      class="grid"
      part="grid"
      @atlas-delete=${this.#onCardDelete}
      aria-label=${`${meta.label}: ${dashboards.length} dashboard${dashboards.length === 1 ? '' : 's'}`}
    >
      ${listItems(
        dashboards,
        (d) => d.id,
        (d) =>
          html`<atlas-dashboard-card
            part="card"
            exportparts="base:card-base, title:card-title, badge:card-badge, menu:card-menu"
            .dashboard=${d}
            .href=${this.cardHref ? this.cardHref.replaceAll('{id}', encodeURIComponent(d.id)) : undefined}
            .headingLevel=${this.headingLevel}
          ></atlas-dashboard-card>`,
      )}
    </ul>`;
  }

  #renderContent() {
    const pending = this.#task.status === 'pending' || this.#task.status === 'initial';
    if (pending && !this.#task.value) return this.#renderSkeletons();
    if (this.#task.status === 'error') {
      return renderLoadError('Could not load dashboards', this.#task.error, () => this.refresh());
    }
    return this.#renderCards(this.#task.value ?? []);
  }

  override render() {
    if (!this.api) return this.renderNoProvider();
    const busy = this.#task.status === 'pending';
    const count = this.#task.status === 'complete' ? (this.#task.value?.length ?? 0) : undefined;
    return html`
      <div class="toolbar">
        <div role="tablist" part="tabs" aria-label="Filter dashboards" @keydown=${this.#onTabKeydown}>
          ${FILTERS.map(
            (f) =>
              html`<button
                role="tab"
                part="tab"
                type="button"
                id=${`tab-${f.id}`}
                aria-selected=${this.filter === f.id ? 'true' : 'false'}
                aria-controls="panel"
                tabindex=${this.filter === f.id ? 0 : -1}
                @click=${() => this.#selectFilter(f.id, false)}
              >
                ${f.label}
              </button>`,
          )}
        </div>
        <span class="count" role="status"
          >${busy ? 'Loading dashboards…' : count !== undefined ? `${count} dashboard${count === 1 ? '' : 's'}` : nothing}</span
        >
        ${this.#newDashboard.renderButton()}
      </div>
      <div id="panel" role="tabpanel" aria-labelledby=${`tab-${this.filter}`} aria-busy=${busy ? 'true' : 'false'}>
        ${this.#renderContent()}
      </div>
      ${this.#newDashboard.render()}
    `;
  }
}
