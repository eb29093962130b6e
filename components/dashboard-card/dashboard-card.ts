import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { deleteDashboard, exportDashboard } from '../api/endpoints.js';
import { AtlasDeleteEvent } from '../events/delete.js';
import { AtlasOpenEvent } from '../events/open.js';
import { AtlasShareEvent } from '../events/share.js';
import { AtlasElement, errorMessage } from '../internal/atlas-element.js';
import { emit } from '../internal/emit.js';
import { downloadFile, fileSafe } from '../internal/download.js';
import { ACCESS_LABEL, accessIcon, icons } from '../internal/icons.js';
import { openShareDialog } from '../internal/share-dialog-opener.js';
import { cardTitleStyles, renderCardTitle, renderDescription } from './card-title.js';
import type { DashboardSummary } from '../internal/types.js';
import { dialogStyles } from '../styles/dialog.js';
import { hostStyles } from '../styles/host.js';
import styles from './dashboard-card.styles.js';

type MenuAction = 'open' | 'share' | 'export' | 'delete';

const ROLE_LABEL = { owner: 'Owner', author: 'Author', viewer: 'Viewer' } as const;

/**
 * @summary One dashboard in the Atlas list: title, description, owner, Shared/Public badges (Public says "Changed since
 * shared" when a link now exposes more than when it was shared), the permission icon with its explanation, and a More
 * (⋯) menu with Open, Share (owners; "Who has access" for everyone else, who get the share dialog read-only, as from
 * the permission icon), Export XLSX and Delete (only its creator: `canDelete`).
 * @tag atlas-dashboard-card
 *
 * @event {AtlasOpenEvent} atlas-open - The user opened the dashboard (title, card or menu).
 *   `detail: { dashboardId, title }`.
 * @event {AtlasShareEvent} atlas-share - Share, "Who has access" or the permission icon was chosen; an
 *   `<atlas-share-dialog>` opens when one is registered (read-only for non-owners).
 *   `detail: { dashboardId, title }`.
 * @event {AtlasDeleteEvent} atlas-delete - The dashboard was deleted on the server after confirmation.
 *   `detail: { dashboardId, title }`.
 *
 * @csspart base - The card.
 * @csspart title - The dashboard title.
 * @csspart description - The description.
 * @csspart badge - Each badge ("Shared", "Public").
 * @csspart access-button - The permission icon button.
 * @csspart tooltip - The permission explanation.
 * @csspart menu-button - The More (⋯) button.
 * @csspart menu - The More menu.
 * @csspart menu-item - Each menu item.
 * @csspart footer - Owner and role line.
 * @csspart confirm-dialog - The delete confirmation dialog.
 * @csspart config-error - The message shown without an `<atlas-provider>`.
 *
 * @cssproperty [--atlas-surface=#ffffff] - Card background.
 * @cssproperty [--atlas-border=#d9dde3] - Card border.
 * @cssproperty [--atlas-accent=#2557d6] - Accent colour (badges, focus, hover).
 * @cssproperty [--atlas-radius=10px] - Corner radius.
 * @cssproperty [--atlas-tooltip-background=#1f2733] - Tooltip background.
 * @cssproperty [--atlas-tooltip-text=#f4f6f8] - Tooltip text.
 */
export class AtlasDashboardCard extends AtlasElement {
  static override styles = [hostStyles, dialogStyles, styles, cardTitleStyles];

  @query('.menu-button') private menuButton!: HTMLButtonElement;
  @query('dialog') private confirmDialog!: HTMLDialogElement;

  /**
   * Moves focus to the card's title button (what opens the dashboard), e.g. when the list moves focus to this card
   * after its neighbour was deleted.
   */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('.title-link')?.focus(options);
  }

  @state() private menuOpen = false;
  @state() private tooltipDismissed = false;
  @state() private busy: '' | 'export' | 'delete' = '';
  @state() private statusText = '';
  @state() private statusIsError = false;
  @state() private deleteError = '';

  /** The dashboard summary from `GET /api/dashboards` (shared/API.md). */
  @property({ attribute: false }) dashboard?: DashboardSummary;

  /**
   * Where the dashboard lives in the host (issue 17): the title becomes a real link (middle click, copy link, open in
   * a new tab); a plain click still sends `atlas-open` and lets the host navigate.
   */
  @property() href?: string;

  /** The level of the title's heading (1–6; default 3), to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  @state() private descriptionOpen = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.#onOutsidePointer, true);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('menuOpen' as keyof AtlasDashboardCard)) {
      if (this.menuOpen) document.addEventListener('pointerdown', this.#onOutsidePointer, true);
      else document.removeEventListener('pointerdown', this.#onOutsidePointer, true);
    }
  }

  get #items(): HTMLElement[] {
    return [...(this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  }

  get #isOwner(): boolean {
    return this.dashboard?.role === 'owner';
  }

  async #openMenu(focus: 'first' | 'last') {
    this.menuOpen = true;
    this.tooltipDismissed = true;
    await this.updateComplete;
    const items = this.#items;
    (focus === 'first' ? items[0] : items[items.length - 1])?.focus();
  }

  #closeMenu(returnFocus: boolean) {
    this.menuOpen = false;
    if (returnFocus) this.menuButton?.focus();
  }

  #onOutsidePointer = (event: PointerEvent) => {
    if (!event.composedPath().includes(this.renderRoot.querySelector('.menu-wrap') as EventTarget))
      this.#closeMenu(false);
  };

  #onMenuButtonClick() {
    if (this.menuOpen) this.#closeMenu(true);
    else void this.#openMenu('first');
  }

  #onMenuButtonKeydown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      void this.#openMenu('first');
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      void this.#openMenu('last');
    }
  }

  #onMenuKeydown(event: KeyboardEvent) {
    const items = this.#items;
    const index = items.indexOf(event.composedPath()[0] as HTMLElement);
    const focusAt = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusAt(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusAt(index - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusAt(0);
        break;
      case 'End':
        event.preventDefault();
        focusAt(items.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        this.#closeMenu(true);
        break;
      case 'Tab':
        this.#closeMenu(false);
        break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const action = items[index]?.dataset.action as MenuAction | undefined;
        if (action) this.#activate(action);
        break;
      }
      default: {
        // Type-ahead: the first item starting with the typed letter.
        if (event.key.length === 1) {
          const key = event.key.toLowerCase();
          const match = items.findIndex(
            (item, i) => i > index && item.textContent!.trim().toLowerCase().startsWith(key),
          );
          const wrap = items.findIndex((item) => item.textContent!.trim().toLowerCase().startsWith(key));
          if (match >= 0) focusAt(match);
          else if (wrap >= 0) focusAt(wrap);
        }
      }
    }
  }

  #onMenuClick(event: Event) {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[role="menuitem"]');
    const action = item?.dataset.action as MenuAction | undefined;
    if (action) this.#activate(action);
  }

  #activate(action: MenuAction) {
    this.#closeMenu(action !== 'open');
    if (action === 'open') this.#open();
    else if (action === 'share') this.#share();
    else if (action === 'export') {
      if (this.busy !== 'export') void this.#exportXlsx();
    } else this.#askDelete();
  }

  /** A plain click opens in place (the host navigates on `atlas-open`); a middle or modified click is the browser's. */
  #onTitleClick = (event: MouseEvent) => {
    if (this.href && (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) return;
    event.preventDefault();
    this.#open();
  };

  #open() {
    if (!this.dashboard) return;
    emit(this, new AtlasOpenEvent({ dashboardId: this.dashboard.id, title: this.dashboard.title }));
  }

  /** Owners change access; everyone else opens the same dialog read-only (issue 17: who has access, and why not). */
  #share(opener: HTMLElement = this.menuButton) {
    if (!this.dashboard) return;
    emit(this, new AtlasShareEvent({ dashboardId: this.dashboard.id, title: this.dashboard.title }));
    openShareDialog(this, this.dashboard.id, opener);
  }

  /** Issue 17: Delete only for who may delete (the server's `canDelete`; older servers: the owner role). */
  get #canDelete(): boolean {
    return this.dashboard?.canDelete ?? this.#isOwner;
  }

  async #exportXlsx() {
    if (!this.dashboard || !this.api) return;
    this.busy = 'export';
    this.statusIsError = false;
    this.statusText = 'Preparing XLSX export…';
    try {
      await downloadFile(
        exportDashboard(this.api, { id: this.dashboard.id }),
        `${fileSafe(this.dashboard.title)}.xlsx`,
      );
      this.statusText = 'Export downloaded.';
    } catch (error) {
      this.statusIsError = true;
      this.statusText = `Export failed: ${errorMessage(error)}`;
    } finally {
      this.busy = '';
    }
  }

  #askDelete() {
    this.deleteError = '';
    this.confirmDialog.showModal();
  }

  #onDialogClose() {
    // Focus goes back to the menu button that opened the confirmation.
    if (this.isConnected) this.menuButton?.focus();
  }

  async #confirmDelete() {
    if (!this.dashboard || !this.api) return;
    this.busy = 'delete';
    this.deleteError = '';
    try {
      await deleteDashboard(this.api, { id: this.dashboard.id });
      this.confirmDialog.close();
      emit(this, new AtlasDeleteEvent({ dashboardId: this.dashboard.id, title: this.dashboard.title }));
    } catch (error) {
      this.deleteError = errorMessage(error);
    } finally {
      this.busy = '';
    }
  }

  #onAccessKeydown(event: KeyboardEvent) {
    // WCAG 1.4.13: a tooltip can be dismissed without moving focus.
    if (event.key === 'Escape' && !this.tooltipDismissed) {
      event.stopPropagation();
      this.tooltipDismissed = true;
    }
  }

  #renderMenu() {
    const d = this.dashboard!;
    return html`<ul
      id="menu"
      role="menu"
      part="menu"
      aria-label=${`Actions for ${d.title}`}
      ?hidden=${!this.menuOpen}
      @keydown=${this.#onMenuKeydown}
      @click=${this.#onMenuClick}
    >
      <li role="menuitem" part="menu-item" tabindex="-1" data-action="open">${icons.open} Open</li>
      <li role="menuitem" part="menu-item" tabindex="-1" data-action="share">
        ${icons.share} ${this.#isOwner ? 'Share' : 'Who has access'}
      </li>
      <li
        role="menuitem"
        part="menu-item"
        tabindex="-1"
        data-action="export"
        aria-disabled=${this.busy === 'export' ? 'true' : 'false'}
      >
        ${icons.download} Export XLSX
      </li>
      ${
        this.#canDelete
          ? html`<li role="separator"></li>
              <li role="menuitem" part="menu-item" tabindex="-1" data-action="delete" class="danger">
                ${icons.trash} Delete…
              </li>`
          : nothing
      }
    </ul>`;
  }

  override render() {
    if (!this.api) return this.renderNoProvider();
    const d = this.dashboard;
    if (!d) return nothing;
    const initials = d.owner.name
      .split(/\s+/)
      .map((p) => p[0])
      .join('')
      .slice(0, 2)
      .toUpperCase();
    const ownerText = d.role === 'owner' ? 'You' : d.owner.name;
    // Issue 16: links the dashboard now exposes more through (servers before it do not send the count).
    const changed = d.access.changedLinkCount ?? 0;
    return html`
      <article class="card" part="base" aria-labelledby="title">
        <div class="top">
          <span class="thumb" aria-hidden="true">${icons.dashboard}</span>
          <div class="badges">
            ${d.shared ? html`<span class="badge shared" part="badge">Shared</span>` : nothing}
            ${
              d.access.publicLinkCount > 0
                ? html`<span
                    class="badge public"
                    part="badge"
                    title=${`${d.access.publicLinkCount} active public link${d.access.publicLinkCount === 1 ? '' : 's'}${changed ? `, ${changed} changed since shared` : ''}`}
                    >Public${changed ? ' · Changed since shared' : ''}</span
                  >`
                : nothing
            }
          </div>
          <span
            class="access ${this.tooltipDismissed ? 'dismissed' : ''}"
            @mouseenter=${() => (this.tooltipDismissed = false)}
          >
            <button
              class="icon-button"
              part="access-button"
              type="button"
              aria-label=${ACCESS_LABEL[d.access.icon] ?? 'Access'}
              aria-describedby="access-tip"
              data-icon=${d.access.icon}
              aria-haspopup="dialog"
              @focus=${() => (this.tooltipDismissed = false)}
              @keydown=${this.#onAccessKeydown}
              @click=${(e: Event) => this.#share(e.currentTarget as HTMLElement)}
            >
              ${accessIcon(d.access.icon)}
            </button>
            <span id="access-tip" class="tooltip" role="tooltip" part="tooltip">${d.access.summary}</span>
          </span>
          <span class="menu-wrap">
            <button
              class="icon-button menu-button"
              part="menu-button"
              type="button"
              aria-label=${`More actions for ${d.title}`}
              aria-haspopup="menu"
              aria-controls="menu"
              aria-expanded=${this.menuOpen ? 'true' : 'false'}
              @click=${this.#onMenuButtonClick}
              @keydown=${this.#onMenuButtonKeydown}
            >
              ${icons.more}
            </button>
            ${this.#renderMenu()}
          </span>
        </div>
        ${renderCardTitle(this.headingLevel, this.href, d.title, this.#onTitleClick)}
        ${renderDescription(d.description, this.descriptionOpen, () => (this.descriptionOpen = !this.descriptionOpen))}
        <div class="status ${this.statusIsError ? 'error' : ''}" role="status">${this.statusText}</div>
        <div class="footer" part="footer">
          <span class="avatar round-badge" aria-hidden="true">${initials}</span>
          <span class="owner"><span class="visually-hidden">Owner: </span>${ownerText}</span>
          <span class="role role-${d.role}"><span class="visually-hidden">Your role: </span>${ROLE_LABEL[d.role]}</span>
        </div>
      </article>
      <dialog
        part="confirm-dialog"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-text"
        @close=${this.#onDialogClose}
      >
        <div class="dialog-body">
          <h2 id="confirm-title">Delete “${d.title}”?</h2>
          <p id="confirm-text">
            The dashboard, its widgets, shares and public links are removed for everyone. This cannot be undone.
          </p>
          ${
            this.deleteError
              ? html`<div class="dialog-error" role="alert">
                  <strong>The dashboard was not deleted.</strong> ${this.deleteError}
                </div>`
              : nothing
          }
        </div>
        <div class="dialog-actions">
          <button class="button" type="button" autofocus @click=${() => this.confirmDialog.close()}>Cancel</button>
          <button class="button danger" type="button" ?disabled=${this.busy === 'delete'} @click=${this.#confirmDelete}>
            ${this.busy === 'delete' ? 'Deleting…' : 'Delete dashboard'}
          </button>
        </div>
      </dialog>
    `;
  }
}
