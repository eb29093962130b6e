import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { listItems } from '../internal/list-items.js';
import { icons } from '../internal/icons.js';
import type { FilterValues } from '../internal/types.js';
import { formatCount, joinNames } from './format.js';
import { requestChange, type AtlasShareIntentEvent } from './intent.js';
import type { AtlasLinkCard } from './link-card.js';
import styles from './links-panel.styles.js';
import { renderLockedFiltersEditor } from './locked-filters.js';
import { extraIcons } from './share-dialog.icons.js';
import {
  canManage,
  isBusy,
  publicAccessUnknown,
  widgetsWithoutPublicAccess,
  type ShareState,
} from './sharing-model.js';

/**
 * @summary The public-links part of `<atlas-share-dialog>`: generate a link (label, locked filters), the active links
 * as `<atlas-link-card>`s, and a warning about widgets a public link cannot show.
 * @tag atlas-links-panel
 *
 * It renders `model` and asks for every change with `atlas-share-intent`; `<atlas-share-dialog>` makes the change.
 * Readers see how many links are active, with Generate disabled and the reason.
 *
 * @event {AtlasShareIntentEvent} atlas-share-intent - The owner generated a link (its cards send their own changes).
 *
 * @csspart warning - The banner listing widgets whose data source does not allow public access (L7).
 * @csspart link - Each link's card frame (forwarded from `<atlas-link-card>`).
 */
export class AtlasLinksPanel extends LitElement {
  static override styles = styles;

  /** The sharing state to show (from `<atlas-share-dialog>`). */
  @property({ attribute: false }) model?: ShareState;

  @state() private newLabel = '';
  @state() private newLocked: FilterValues = {};
  @state() private showNewLocked = false;

  /** Also waits for the cards, so that focus can move into them once a change is shown. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await Promise.all(this.#cards().map((card) => card.updateComplete));
    return done;
  }

  #cards(): AtlasLinkCard[] {
    return [...this.renderRoot.querySelectorAll<AtlasLinkCard>('atlas-link-card')];
  }

  async #generate() {
    const model = this.model;
    if (!model || !canManage(model) || isBusy(model, 'create-link')) return;
    const outcome = await requestChange(this, {
      kind: 'create-link',
      label: this.newLabel,
      lockedFilters: this.newLocked,
    });
    if (!outcome.ok) return;
    this.newLabel = '';
    this.newLocked = {};
    this.showNewLocked = false;
    await this.updateComplete;
    const card = this.#cards().find((c) => c.link?.id === outcome.linkId);
    if (!card) return;
    // Issue 17 item 9: a new link opens expanded (its URL and passcode in view) and stays so until the owner folds it.
    card.expanded = true;
    await card.focusCopy();
  }

  /** A card's link was revoked: focus the next card's Copy, else the previous one's, else Generate. */
  #onCardIntent = (event: AtlasShareIntentEvent) => {
    const intent = event.detail;
    if (intent.kind !== 'revoke-link') return;
    const index = this.model?.data.links.findIndex((l) => l.id === intent.linkId) ?? -1;
    void event.outcome.then(async (outcome) => {
      if (!outcome.ok) return;
      await this.updateComplete;
      const cards = this.#cards();
      const next = cards[index] ?? cards[index - 1];
      if (next) await next.focusCopy();
      else this.renderRoot.querySelector<HTMLButtonElement>('#generate')?.focus();
    });
  };

  override render() {
    const model = this.model;
    if (!model) return nothing;
    const owner = canManage(model);
    const blocked = owner ? widgetsWithoutPublicAccess(model.data) : [];
    const error = model.errors.links;
    return html`
      <p class="lead">
        Anyone with a public link can view this dashboard without signing in. Give each audience its own link and revoke
        it when it is no longer needed.
      </p>
      ${
        owner
          ? nothing
          : html`<p id="links-reason" class="reason">
              ${extraIcons.info}<span
                >Only the owner, ${model.data.dashboard.owner.name}, can generate public links. Ask them to generate
                one.</span
              >
            </p>`
      }
      ${blocked.length ? renderPublicAccessWarning(blocked, model.data.links.length > 0) : nothing}
      ${
        publicAccessUnknown(model)
          ? html`<p class="hint">
              Data source settings could not be read, so widgets that cannot be shown publicly are not flagged here.
            </p>`
          : nothing
      }
      ${this.#renderGenerateForm(model, owner)}
      ${error ? html`<p class="field-error" role="alert">${extraIcons.error}<span>${error}</span></p>` : nothing}
      ${owner ? this.#renderLinks(model) : renderLinkCount(model.data.dashboard.access.publicLinkCount)}
    `;
  }

  #renderGenerateForm(model: ShareState, owner: boolean) {
    const generating = isBusy(model, 'create-link');
    const filters = model.data.dashboard.filters ?? [];
    return html`<form class="generate" @submit=${(e: Event) => (e.preventDefault(), void this.#generate())} novalidate>
      <label for="link-label">Label <span class="optional">(optional)</span></label>
      <div class="add-row">
        <input
          id="link-label"
          type="text"
          maxlength="120"
          placeholder=${owner ? 'e.g. Customer A' : ''}
          ?disabled=${!owner}
          .value=${live(this.newLabel)}
          @input=${(e: Event) => (this.newLabel = (e.target as HTMLInputElement).value)}
        />
        <button
          id="generate"
          class="button primary"
          type="submit"
          ?disabled=${!owner || generating}
          aria-describedby=${ifDefined(owner ? undefined : 'links-reason')}
        >
          ${icons.link} ${generating ? 'Generating…' : 'Generate public link'}
        </button>
      </div>
      ${
        owner && filters.length
          ? html`<button
                type="button"
                class="disclosure"
                aria-expanded=${this.showNewLocked ? 'true' : 'false'}
                aria-controls="new-locked"
                @click=${() => (this.showNewLocked = !this.showNewLocked)}
              >
                ${extraIcons.chevron} Lock filters for this link
              </button>
              <div id="new-locked" ?hidden=${!this.showNewLocked}>
                <p class="hint">Visitors of the link see only this data and cannot change these filters.</p>
                ${renderLockedFiltersEditor({
                  idPrefix: 'new-locked',
                  definitions: filters,
                  value: this.newLocked,
                  disabled: generating,
                  onChange: (value) => (this.newLocked = value),
                })}
              </div>`
          : nothing
      }
    </form>`;
  }

  #renderLinks(model: ShareState) {
    const links = model.data.links;
    if (!links.length)
      return html`<p class="empty">
        ${icons.link}<span
          >No active public links. Only signed-in people listed on the left can open this dashboard.</span
        >
      </p>`;
    const filters = model.data.dashboard.filters ?? [];
    return html`<h4 id="active-links-title">Active links <span class="count">${links.length}</span></h4>
      <ul class="plain links" aria-labelledby="active-links-title" @atlas-share-intent=${this.#onCardIntent}>
        ${listItems(
          links,
          (link) => link.id,
          (link) =>
            html`<atlas-link-card
              exportparts="link"
              .link=${link}
              dashboard-id=${model.data.dashboard.id}
              .filters=${filters}
              .sessions=${model.sessions?.[link.id]}
              .widgets=${model.data.dashboard.widgets ?? []}
              ?busy=${isBusy(model, `link:${link.id}`)}
              .error=${model.errors[`link:${link.id}`] ?? ''}
            ></atlas-link-card>`,
        )}
      </ul>`;
  }
}

/** For readers: how many links are active (the owner's business). */
function renderLinkCount(count: number) {
  if (count <= 0) return nothing;
  return html`<p class="empty">${formatCount(count, 'active public link', 'active public links')}.</p>`;
}

/** L7: which widgets a public link shows without data, and what to do about it. */
function renderPublicAccessWarning(blocked: { source: string; widgets: string[] }[], after: boolean) {
  const sources = joinNames(blocked.map((b) => b.source));
  const widgets = blocked.flatMap((b) => b.widgets);
  return html`<div class="banner warning links-warning" part="warning" role="note" aria-label="Public access warning">
    ${extraIcons.warning}
    <div>
      <p>
        <strong>${sources} ${blocked.length === 1 ? 'does' : 'do'} not allow public access.</strong>
        ${after ? 'Visitors of these links' : 'Visitors of a public link'} will see “This widget's data source does not
        allow public access” instead of ${joinNames(widgets.map((w) => `“${w}”`))}.
      </p>
      <p>
        Ask a project owner to turn on Unauthenticated External Data Access for
        ${blocked.length === 1 ? 'this source' : 'these sources'}, or remove these widgets.
      </p>
    </div>
  </div>`;
}
