import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { listMyLinks } from '../api/endpoints.js';
import type { MyLinkView } from '../api/contract.js';
import { onDashboardChange } from '../context/dashboard-changes.js';
import { AlarmController } from '../controllers/alarm.js';
import { ApiTask } from '../controllers/api-task.js';
import { AtlasOpenEvent } from '../events/open.js';
import { AtlasElement } from '../internal/atlas-element.js';
import { emit } from '../internal/emit.js';
import { icons } from '../internal/icons.js';
import { renderLoadError } from '../internal/load-error.js';
import { listItems } from '../internal/list-items.js';
import { copyShortcut, formatCount, formatRelative, formatShortDate } from '../share-dialog/format.js';
import { describeLockedFilters } from '../share-dialog/locked-filters.js';
import { hostStyles } from '../styles/host.js';
import styles from './link-list.styles.js';

/** How long "Copied" stays on a row's button. */
const COPIED_MS = 2500;

/** A link's state as the list shows it: the fields some servers add (paused, expired), read when present. */
function linkState(link: MyLinkView): string | undefined {
  const status = (link as { status?: unknown }).status;
  if (status === 'paused') return 'Paused';
  if (status === 'expired') return 'Expired';
  return undefined;
}

/**
 * @summary Every public link the signed-in user has published, across the dashboards they own, newest first: the
 * dashboard, the label, when it was created and last opened, how often, whether it has a passcode and which filters it
 * locks, each with "Open dashboard" and "Copy link". Reloads after a share change, a delete or a saved edit under
 * the same `<atlas-provider>`.
 * @tag atlas-link-list
 *
 * @event {AtlasOpenEvent} atlas-open - The user chose "Open dashboard" on a link. `detail: { dashboardId, title }`.
 *
 * @csspart list - The list of links.
 * @csspart link - Each link's row.
 * @csspart dashboard-title - The title of the dashboard a link shows.
 * @csspart label - The link's label ("Untitled link" without one).
 * @csspart changed - The "Changed since shared" badge of a link the dashboard now exposes more through.
 * @csspart facts - The link's details: created, last access, uses, passcode and locked filters.
 * @csspart actions - The row's buttons.
 * @csspart open - Each "Open dashboard" button.
 * @csspart copy - Each "Copy link" button.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart config-error - The message shown without an `<atlas-provider>`.
 *
 * @cssproperty [--atlas-accent=#2557d6] - Accent colour.
 * @cssproperty [--atlas-link-list-gap=0.75rem] - Gap between rows.
 */
export class AtlasLinkList extends AtlasElement {
  static override styles = [hostStyles, styles];

  /** Only the links of this dashboard (one the user owns); all of them when empty. */
  @property() dashboard = '';
  /** At most this many links, newest first (1–500). */
  @property({ type: Number }) limit = 100;

  /** The link whose Copy button says "Copied", or whose URL is selected for a manual copy. */
  @state() private copy?: { linkId: string; how: 'copied' | 'manual' };
  @state() private status = '';

  readonly #task = new ApiTask(this, {
    args: () => [this.api, this.dashboard, this.limit] as const,
    task: async ([api, dashboard, limit], { signal }) => {
      if (!api) return undefined;
      const query = {
        limit: Math.min(500, Math.max(1, Math.trunc(limit) || 100)),
        ...(dashboard ? { dashboard } : {}),
      };
      return (await listMyLinks(api, query, { signal })).links;
    },
  });

  readonly #copied = new AlarmController(this, () => {
    if (this.copy?.how === 'copied') this.copy = undefined;
    this.status = '';
  });

  constructor() {
    super();
    // A link created or revoked in a share dialog, a deleted dashboard or a renamed one, under the same provider.
    onDashboardChange(this, () => void this.refresh());
  }

  /** Reloads the list from the server. */
  async refresh(): Promise<void> {
    await this.#task.run();
  }

  /** Resolves when the current load has settled (tests and hosts that need to wait). */
  get loadComplete(): Promise<void> {
    return this.#task.taskComplete;
  }

  #open(link: MyLinkView) {
    emit(this, new AtlasOpenEvent({ dashboardId: link.dashboard.id, title: link.dashboard.title }));
  }

  async #copyUrl(link: MyLinkView) {
    if (!link.url) return;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('Clipboard unavailable');
      await navigator.clipboard.writeText(link.url);
      this.copy = { linkId: link.id, how: 'copied' };
      this.status = 'Link copied to the clipboard.';
      this.#copied.set(Date.now() + COPIED_MS);
    } catch {
      // The browser refused the clipboard: show the URL selected, so that one key press copies it.
      this.copy = { linkId: link.id, how: 'manual' };
      this.status = '';
      await this.updateComplete;
      const field = this.renderRoot.querySelector<HTMLInputElement>(`[data-link-id="${link.id}"] input.url`);
      field?.focus();
      field?.select();
    }
  }

  #renderSkeletons() {
    return html`<ul class="list" part="list" aria-hidden="true">
      ${[0, 1, 2].map(
        () =>
          html`<li class="link skeleton-row">
            <div class="skeleton"></div>
            <div class="skeleton"></div>
            <div class="skeleton"></div>
          </li>`,
      )}
    </ul>`;
  }

  #renderLink(link: MyLinkView) {
    const name = link.label || 'Untitled link';
    const locked = describeLockedFilters(link.lockedFilters, []);
    const copied = this.copy?.linkId === link.id ? this.copy.how : undefined;
    const state = linkState(link);
    const changed = (link as { changedSinceShared?: unknown }).changedSinceShared === true;
    return html`<div class="link" part="link" data-link-id=${link.id}>
      <div class="head">
        <div class="names">
          <span class="dashboard-title" part="dashboard-title">${link.dashboard.title}</span>
          <span class="label" part="label"
            >${icons.link}
            ${name}${state ? html` <span class="badge">${state}</span>` : nothing}${
              changed ? html` <span class="badge changed" part="changed">Changed since shared</span>` : nothing
            }</span
          >
        </div>
        <div class="actions" part="actions">
          <button class="button open" part="open" type="button" @click=${() => this.#open(link)}>
            ${icons.open} Open dashboard<span class="visually-hidden">: ${link.dashboard.title}</span>
          </button>
          <button
            class="button copy"
            part="copy"
            type="button"
            ?disabled=${!link.url}
            title=${link.url ? nothing : 'This link can no longer be opened.'}
            @click=${() => this.#copyUrl(link)}
          >
            ${copied === 'copied' ? 'Copied' : 'Copy link'}<span class="visually-hidden">: ${name}</span>
          </button>
        </div>
      </div>
      ${
        copied === 'manual' && link.url
          ? html`<div class="manual">
              <input class="url" readonly .value=${link.url} aria-label=${`Public link: ${name}`} />
              <span class="hint">Press ${copyShortcut()} to copy</span>
            </div>`
          : nothing
      }
      <dl class="facts" part="facts">
        <div>
          <dt>Created</dt>
          <dd><time datetime=${link.createdAt}>${formatShortDate(link.createdAt)}</time></dd>
        </div>
        <div>
          <dt>Last access</dt>
          <dd>
            ${
              link.lastAccessAt
                ? html`<time datetime=${link.lastAccessAt}>${formatRelative(link.lastAccessAt)}</time>`
                : 'Never'
            }
          </dd>
        </div>
        <div>
          <dt>Uses</dt>
          <dd class="uses">${link.accessCount.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Passcode</dt>
          <dd class="passcode">${link.passcodeEnabled ? 'Yes' : 'No'}</dd>
        </div>
        <div class="locked">
          <dt>Locked filters</dt>
          <dd>${locked.length ? locked.join('; ') : 'None'}</dd>
        </div>
      </dl>
    </div>`;
  }

  #renderLinks(links: MyLinkView[]) {
    if (!links.length) {
      return html`<div class="message empty" part="empty">
        ${icons.link}
        <strong>You have not published any public links</strong>
        Links you create in a dashboard's Share dialog appear here, with every dashboard they show.
      </div>`;
    }
    return html`<ul
      class="list"
      part="list"
      aria-label=${`Your public links: ${formatCount(links.length, 'link', 'links')}`}
    >
      ${listItems(
        links,
        (l) => l.id,
        (l) => this.#renderLink(l),
      )}
    </ul>`;
  }

  #renderContent() {
    const pending = this.#task.status === 'pending' || this.#task.status === 'initial';
    if (pending && !this.#task.value) return this.#renderSkeletons();
    if (this.#task.status === 'error') {
      return renderLoadError('Could not load your public links', this.#task.error, () => this.refresh());
    }
    return this.#renderLinks(this.#task.value ?? []);
  }

  override render() {
    if (!this.api) return this.renderNoProvider();
    const busy = this.#task.status === 'pending';
    return html`
      <div class="content" aria-busy=${busy ? 'true' : 'false'}>${this.#renderContent()}</div>
      <span class="visually-hidden" role="status">${busy ? 'Loading your public links…' : this.status}</span>
    `;
  }
}
