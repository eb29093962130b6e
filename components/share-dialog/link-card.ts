import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { icons } from '../internal/icons.js';
import type { FilterDefinition, FilterValues } from '../internal/types.js';
import { copyShortcut } from './format.js';
import { requestChange } from './intent.js';
import { renderLinkStats, renderPasscode, renderRevokeConfirmation } from './link-card.sections.js';
import styles from './link-card.styles.js';
import { renderEmbeddingSection, renderLockedSection } from './link-card.settings.js';
import { renderExpiry, renderPauseButton } from './link-status.js';
import { LinkLifecycleSection } from './link-lifecycle.js';
import { draftFromLink, draftToBody } from './link-embedding.js';
import type { EmbeddingDraft } from './link-embedding.js';
import { renderExportPolicy } from './link-export-policy.js';
import * as guard from './link-guard.js';
import { linkRowStyles, renderLinkRow } from './link-row.js';
import { extraIcons } from './share-dialog.icons.js';
import type { LinkSession, PublicLink } from './types.js';

/** How long "Copied" stays on the button. */
const COPIED_MS = 2500;

/**
 * @summary One public link in `<atlas-share-dialog>`: a compact row (label, status, uses, Copy link) that expands to
 * its URL (copy, open), status (Paused, Expires in…, Expired),
 * Pause / Resume, expiry, Rotate (a new address, with a grace period), passcode and its sessions, locked filters, the
 * sites that may embed it, the widgets it shows, downloads, use counts and a usage chart (`<atlas-link-usage>`, given
 * `dashboard-id`), and Revoke (confirmed).
 * @tag atlas-link-card
 *
 * It renders `link` and asks for every change with `atlas-share-intent`; `<atlas-share-dialog>` makes the change and
 * gives the card the link as the server answered. Escape backs out of an open confirmation or editor first.
 * Collapsed, the card is one row with two tab stops (the label, which expands it, and Copy link).
 *
 * @event {AtlasShareIntentEvent} atlas-share-intent - The owner revoked, paused or resumed the link, set its expiry,
 *   rotated it, loaded or ended one of its sessions, switched or renewed its passcode,
 *   or saved its locked filters, allowed sites, widgets or downloads.
 *
 * @csspart link - The card's frame.
 */
export class AtlasLinkCard extends LitElement {
  static override styles = [styles, guard.linkGuardStyles, linkRowStyles];

  /** The link to show. */
  @property({ attribute: false }) link?: PublicLink;
  /** The dashboard of the link: with it, the card shows the link's usage chart. */
  @property({ attribute: 'dashboard-id' }) dashboardId = '';
  /** The dashboard's filters, which a link may lock. */
  @property({ attribute: false }) filters: FilterDefinition[] = [];
  /** The dashboard's widgets, which a link may show all of or only some (issue 16). */
  @property({ attribute: false }) widgets: guard.LinkWidget[] = [];
  /** True while a change of this link is being saved: its controls wait. */
  @property({ type: Boolean }) busy = false;
  /** Why the last change of this link failed. */
  @property() error = '';
  /** Its live passcode sessions once the Sessions section loaded them; undefined before. */
  @property({ attribute: false }) sessions?: readonly LinkSession[];
  /** Shows the whole card rather than its compact row; the label toggles it. A link just generated opens expanded. */
  @property({ type: Boolean, reflect: true }) expanded = false;

  @state() private copy?: 'copied' | 'manual';
  @state() private confirmingRevoke = false;
  @state() private editingLocked?: FilterValues;
  @state() private editingEmbedding?: { draft: EmbeddingDraft; error: string };
  /** The passcode switch as the owner set it while it is saved (a re-render must not flip it back). */
  @state() private pendingPasscode?: boolean;
  /** The custom expiry field's value (datetime-local) while it is open. */
  @state() private customExpiry?: string;
  @state() private status = '';

  #copiedTimer?: ReturnType<typeof setTimeout>;
  readonly #lifecycle = new LinkLifecycleSection(this);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#copiedTimer);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // Another link in the same card (a list re-ordered by id would not do this, but a host might): start afresh.
    if (changed.has('link') && changed.get('link') && changed.get('link')?.id !== this.link?.id) {
      this.copy = undefined;
      this.confirmingRevoke = false;
      this.editingLocked = undefined;
      this.editingEmbedding = undefined;
      this.#lifecycle.reset();
    }
  }

  /** Moves focus to the Copy button (after the link was created). */
  async focusCopy(): Promise<void> {
    await this.updateComplete;
    this.#focus('.copy');
  }

  #focus(selector: string) {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #focusAfterUpdate(selector: string) {
    await this.updateComplete;
    this.#focus(selector);
  }

  get #name(): string {
    return this.link?.label || 'Untitled link';
  }

  async #copyUrl(link: PublicLink) {
    if (!link.url) return;
    clearTimeout(this.#copiedTimer);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('Clipboard unavailable');
      await navigator.clipboard.writeText(link.url);
      this.copy = 'copied';
      this.status = 'Link copied to the clipboard.';
      this.#copiedTimer = setTimeout(() => {
        if (this.copy === 'copied') this.copy = undefined;
        this.status = '';
      }, COPIED_MS);
    } catch {
      // C8: the browser refused the clipboard; select the URL (in the expanded card) so that one key press copies it.
      this.copy = 'manual';
      this.expanded = true;
      await this.updateComplete;
      const field = this.renderRoot.querySelector<HTMLInputElement>('input.url');
      field?.focus();
      field?.select();
    }
  }

  async #revoke(link: PublicLink) {
    // On success the card leaves the list and the list moves focus; on failure the confirmation stays open.
    await requestChange(this, { kind: 'revoke-link', linkId: link.id });
  }

  async #setPaused(link: PublicLink, paused: boolean) {
    const outcome = await requestChange(this, { kind: 'pause-link', linkId: link.id, paused });
    if (outcome.ok) await this.#focusAfterUpdate('.pause');
  }

  /** Issue 16: a preset (ms from now), a custom local date and time, or null for never. */
  async #setExpiry(link: PublicLink, at: number | string | null) {
    const ms = typeof at === 'string' ? new Date(at).getTime() : at === null ? null : Date.now() + at;
    const expiresAt = ms === null ? null : new Date(ms).toISOString();
    const outcome = await requestChange(this, { kind: 'link-expiry', linkId: link.id, expiresAt });
    if (outcome.ok) this.customExpiry = undefined;
  }

  async #setPasscode(link: PublicLink, enabled: boolean | 'regenerate') {
    if (enabled !== 'regenerate') this.pendingPasscode = enabled;
    try {
      await requestChange(this, { kind: 'passcode', linkId: link.id, enabled });
    } finally {
      this.pendingPasscode = undefined;
    }
  }

  async #saveLocked(link: PublicLink, lockedFilters: FilterValues) {
    const outcome = await requestChange(this, { kind: 'locked-filters', linkId: link.id, lockedFilters });
    if (!outcome.ok) return;
    this.editingLocked = undefined;
    await this.#focusAfterUpdate('.edit-locked');
  }

  /** V5: saves which sites may embed the link; the server's error (naming the bad origin) stays beside the field. */
  async #saveEmbedding(link: PublicLink, draft: EmbeddingDraft) {
    const body = draftToBody(draft);
    if ('error' in body) {
      this.editingEmbedding = { draft, error: body.error };
      return;
    }
    const outcome = await requestChange(this, { kind: 'embedding', linkId: link.id, ...body });
    if (outcome.ok) {
      this.editingEmbedding = undefined;
      await this.#focusAfterUpdate('.edit-embedding');
      return;
    }
    if (this.editingEmbedding) this.editingEmbedding = { ...this.editingEmbedding, error: outcome.message };
    await this.updateComplete;
    // Back to the field the error is about.
    (
      this.renderRoot.querySelector<HTMLElement>('.embed-origins') ??
      this.renderRoot.querySelector<HTMLElement>('.embed-mode')
    )?.focus();
  }

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const closed = this.#lifecycle.escape();
    if (closed) {
      event.preventDefault();
      event.stopPropagation();
      return void this.#focusAfterUpdate(closed);
    }
    // Escape backs out of an open confirmation or editor before it asks to close the dialog.
    const back = this.confirmingRevoke
      ? '.revoke'
      : this.editingLocked
        ? '.edit-locked'
        : this.editingEmbedding && !this.busy
          ? '.edit-embedding'
          : undefined;
    if (!back) return;
    event.preventDefault();
    event.stopPropagation();
    this.confirmingRevoke = false;
    this.editingLocked = undefined;
    this.editingEmbedding = undefined;
    void this.#focusAfterUpdate(back);
  };

  override render() {
    const link = this.link;
    if (!link) return nothing;
    const name = this.#name;
    const bodyId = `link-body-${link.id}`;
    return html`<div
      class="link"
      part="link"
      data-link-id=${link.id}
      role="group"
      aria-labelledby="link-title-${link.id} link-status-${link.id}${guard.changedLabelId(link)}"
      @keydown=${this.#onKeydown}
    >
      ${renderLinkRow({
        link,
        name,
        expanded: this.expanded,
        bodyId,
        copy: this.copy,
        onToggle: () => (this.expanded = !this.expanded),
        onCopy: () => void this.#copyUrl(link),
      })}
      <div id=${bodyId} class="link-body" ?hidden=${!this.expanded}>
        ${this.expanded ? this.#renderBody(link, name) : nothing}
      </div>
      ${
        this.error
          ? html`<p class="field-error" role="alert">${extraIcons.error}<span>${this.error}</span></p>`
          : nothing
      }
      <div class="visually-hidden" role="status" aria-live="polite">${this.status}</div>
    </div>`;
  }

  #renderBody(link: PublicLink, name: string) {
    return html`${guard.renderChangedNotice(this, link, name, this.busy)} ${this.#renderUrl(link, name)}
      ${
        this.confirmingRevoke
          ? renderRevokeConfirmation({
              link,
              busy: this.busy,
              onConfirm: () => void this.#revoke(link),
              onCancel: () => {
                this.confirmingRevoke = false;
                void this.#focusAfterUpdate('.revoke');
              },
            })
          : nothing
      }
      ${renderLinkStats(link)}
      ${renderExpiry({
        link,
        name,
        busy: this.busy,
        custom: this.customExpiry,
        onPreset: (ms) => void this.#setExpiry(link, ms),
        onCustom: (value) => (this.customExpiry = value),
        onSaveCustom: (value) => void this.#setExpiry(link, value),
      })}
      ${renderPasscode({
        link,
        name,
        busy: this.busy,
        checked: this.pendingPasscode ?? link.passcodeEnabled,
        onChange: (enabled) => void this.#setPasscode(link, enabled),
      })}
      ${this.#lifecycle.render(link, name, this.busy, this.sessions)}
      ${
        this.filters.length
          ? renderLockedSection({
              link,
              name,
              busy: this.busy,
              filters: this.filters,
              editing: this.editingLocked,
              onEdit: (value) => (this.editingLocked = value),
              onSave: () => this.editingLocked && void this.#saveLocked(link, this.editingLocked),
            })
          : nothing
      }
      ${renderEmbeddingSection({
        link,
        name,
        busy: this.busy,
        editing: this.editingEmbedding,
        onEdit: () => {
          this.editingEmbedding = { draft: draftFromLink(link), error: '' };
          void this.#focusAfterUpdate('.embed-mode');
        },
        onChange: (draft) => (this.editingEmbedding = { draft, error: '' }),
        onSave: () => this.editingEmbedding && void this.#saveEmbedding(link, this.editingEmbedding.draft),
        onCancel: () => {
          this.editingEmbedding = undefined;
          void this.#focusAfterUpdate('.edit-embedding');
        },
      })}
      ${guard.renderWidgetsSection(this, link, name, this.widgets, this.busy)}
      ${renderExportPolicy({ host: this, link, name, busy: this.busy })}
      <atlas-link-usage dashboard-id=${this.dashboardId} link-id=${link.id}></atlas-link-usage>`;
  }

  #renderUrl(link: PublicLink, name: string) {
    const copy = this.copy;
    return html`<label class="visually-hidden" for="url-${link.id}">URL of ${name}</label>
      <input
        id="url-${link.id}"
        class="url"
        type="text"
        readonly
        .value=${link.url ?? ''}
        placeholder=${link.url ? '' : 'This link can no longer be opened'}
        aria-describedby=${ifDefined(copy === 'manual' ? `copy-hint-${link.id}` : undefined)}
        @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
      />
      ${
        copy === 'manual'
          ? html`<p id="copy-hint-${link.id}" class="copy-hint" role="alert">
              The browser did not allow copying. The link is selected: press ${copyShortcut()} to copy.
            </p>`
          : nothing
      }
      <div class="link-actions">
        ${
          link.url
            ? html`<a
                class="button"
                href=${link.url}
                target="_blank"
                rel="noopener noreferrer"
                aria-label="Open in new tab: ${name}"
                >${icons.open} Open in new tab</a
              >`
            : nothing
        }
        ${renderPauseButton({ link, name, busy: this.busy, onToggle: (paused) => void this.#setPaused(link, paused) })}
        <button
          class="button quiet danger-text revoke"
          ?disabled=${this.busy || this.confirmingRevoke}
          aria-label="Revoke ${name}"
          @click=${() => {
            this.confirmingRevoke = true;
            void this.#focusAfterUpdate('.confirm-revoke');
          }}
        >
          ${icons.trash} Revoke
        </button>
      </div>`;
  }
}
