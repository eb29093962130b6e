import { html, nothing, type LitElement, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { AtlasApiError } from '../api/client.js';
import { getDashboard, getMe, getSharing, suggestUsers } from '../api/endpoints.js';
import { ApiTask } from '../controllers/api-task.js';
import type { AtlasDialog } from '../dialog/dialog.js';
import { deepActiveElement } from '../dialog/focus.js';
import { AtlasShareChangeEvent } from '../events/share-change.js';
import { AtlasElement, errorMessage } from '../internal/atlas-element.js';
import { emit } from '../internal/emit.js';
import type { AtlasShareIntentEvent, IntentOutcome, ShareIntent } from './intent.js';
import type { UserSearch } from './people-panel.js';
import { planFor } from './share-actions.js';
import styles from './share-dialog.styles.js';
import {
  canManage,
  dismissed,
  failed,
  isBusy,
  readerState,
  sharingState,
  released,
  started,
  subtitle,
  type ShareState,
  type Transition,
} from './sharing-model.js';

/**
 * @summary One dialog for everything about who can open a dashboard: people, project- and organization-wide access
 * (left panel) and public links with passcodes, locked filters and the sites allowed to embed them (right panel).
 * @tag atlas-share-dialog
 *
 * Open it with `show(opener)`; it loads the dashboard given by `dashboardId` from the nearest `<atlas-provider>`, with
 * one request for owners (`GET …/sharing` carries everything it shows). Owners change access; everyone else sees who
 * has access and every control disabled with the reason (U6, L9). Every change is saved at once, so the dialog has no
 * Save button. Inside, an `<atlas-dialog>` is the frame, `<atlas-people-panel>` and `<atlas-general-access>` the left
 * panel and `<atlas-links-panel>` (with an `<atlas-link-card>` per link) the right one; this element loads, saves and
 * keeps the state they show.
 *
 * @event {AtlasShareChangeEvent} atlas-share-change - Sharing changed on the server after a user action;
 *   `detail.kind` says what: user-added, user-role, user-removed, project-access, organization-access, link-created,
 *   link-revoked, link-paused, link-resumed (a paused link answers like a revoked one until it is resumed),
 *   link-expiry (a link's expiry set, extended or cleared), passcode, locked-filters, link-embedding (which sites
 *   may embed a link), link-widgets (the widgets a link shows), link-pause-on-change, link-confirmed (the owner
 *   confirmed a link flagged "changed since shared") or link-export-policy (what visitors may download through a
 *   link).
 * @event {AtlasRequestCloseEvent} atlas-request-close - The close button, Done, Escape or a backdrop click asks to
 *   close; cancel the event to keep the dialog open.
 *
 * @csspart dialog - The native `<dialog>` element (forwarded from `<atlas-dialog>`).
 * @csspart base - The dialog's frame inside `<dialog>`.
 * @csspart header - Title bar with the close button.
 * @csspart close-button - The close (×) button.
 * @csspart body - The scrolling area with both panels.
 * @csspart panel - Each of the two panels.
 * @csspart people-panel - The left panel: people, project and organization access.
 * @csspart links-panel - The right panel: public links.
 * @csspart warning - A warning banner (data sources someone cannot read, sources without public access).
 * @csspart link - One public link (the frame of its `<atlas-link-card>`).
 * @csspart footer - The footer with the Done button.
 *
 * @cssproperty [--atlas-dialog-width=64rem] - Widest the dialog grows on large screens.
 * @cssproperty [--atlas-surface=#ffffff] - Background of the dialog.
 * @cssproperty [--atlas-surface-subtle=#f3f5f8] - Background of the panels' inner cards and the footer.
 * @cssproperty [--atlas-text=#1b1f24] - Text colour.
 * @cssproperty [--atlas-text-muted=#5b6470] - Secondary text colour.
 * @cssproperty [--atlas-border=#d9dde3] - Borders and dividers.
 * @cssproperty [--atlas-accent=#2557d6] - Primary buttons, switches and the highlighted suggestion.
 * @cssproperty [--atlas-danger=#b42318] - Revoke and Remove, error messages.
 * @cssproperty [--atlas-warning-subtle=#fff4ce] - Background of warning banners.
 * @cssproperty [--atlas-radius=10px] - Corner radius of the dialog and cards.
 */
export class AtlasShareDialog extends AtlasElement {
  static override styles = styles;

  /** The dashboard to share. */
  @property({ attribute: 'dashboard-id' }) dashboardId = '';

  @query('atlas-dialog') private shell?: AtlasDialog;
  /** What the panels show; replaced (never changed in place) by the model's transitions. */
  @state() private model?: ShareState;
  @state() private isOpen = false;
  @state() private status = '';

  /** Grows with each load, so that an answer to a request made for an earlier load is dropped. */
  #loads = 0;

  #task = new ApiTask(this, {
    autoRun: false,
    args: () => [this.dashboardId, this.api] as const,
    task: ([id], { signal }) => this.#load(id, signal),
  });

  #searchUsers: UserSearch = async (q, signal) => (await suggestUsers(this.api!, { q }, { signal })).users;

  override willUpdate(changed: PropertyValues<this>) {
    // A new dashboard (or a provider that arrived late) while open: load it.
    if (
      this.isOpen &&
      (changed.has('dashboardId') || (changed.has('api' as keyof AtlasShareDialog) && this.api && !this.model))
    ) {
      this.#reload();
    }
  }

  /** Also waits for the panels, so that a change is on screen (and focusable) when a panel hears its outcome. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const panels = this.renderRoot.querySelectorAll<LitElement>(
      'atlas-people-panel, atlas-general-access, atlas-links-panel',
    );
    await Promise.all([...panels].map((panel) => panel.updateComplete));
    return done;
  }

  /** True while the dialog is showing. */
  get open(): boolean {
    return this.isOpen;
  }

  /** Resolves when the dialog has finished loading (for hosts and tests). */
  get loadComplete(): Promise<void> {
    return this.#task.taskComplete.then(() => this.updateComplete).then(() => undefined);
  }

  /**
   * Opens the dialog as a modal and loads the dashboard's sharing. Focus returns to `opener` (default: whatever had
   * focus) when it closes.
   */
  async show(opener?: HTMLElement): Promise<void> {
    const from = opener ?? deepActiveElement() ?? undefined;
    this.isOpen = true;
    this.#reload();
    await this.updateComplete;
    const shell = this.shell;
    if (!shell) return;
    await shell.show(from);
    // Focus the right control once the content has loaded (the box for owners, the close button for others).
    await this.#task.taskComplete;
    await this.updateComplete;
    if (this.isOpen) shell.focusLoadedContent();
  }

  /** Closes the dialog without asking (`atlas-request-close` is only sent for user actions). */
  close(): void {
    this.shell?.hide();
    this.#finishClose();
  }

  async #load(id: string, signal: AbortSignal): Promise<ShareState> {
    const api = this.api;
    if (!api) throw new Error('No <atlas-provider> found around <atlas-share-dialog>.');
    if (!id) throw new Error('No dashboard was given to share.');
    let loaded: ShareState;
    try {
      // One request for everyone (issue 15, 17): owners get everything, others the read-only view.
      loaded = sharingState(await getSharing(api, { id }, { signal }));
    } catch (error) {
      // A server from before issue 17 refuses non-owners (403): show the dashboard's own access summary.
      if (!(error instanceof AtlasApiError && error.status === 403)) throw error;
      const [{ dashboard }, me] = await Promise.all([getDashboard(api, { id }, { signal }), getMe(api, { signal })]);
      loaded = readerState(dashboard, me.user);
    }
    if (!signal.aborted) this.model = loaded;
    return loaded;
  }

  #reload() {
    this.#loads++;
    this.model = undefined;
    if (this.api) void this.#task.run([this.dashboardId, this.api]);
  }

  #finishClose = () => {
    if (!this.isOpen) return;
    // The panels leave the DOM with their drafts, editors and suggestions; the next show() loads afresh.
    this.isOpen = false;
  };

  /** Applies a transition of the model, and announces its sentence (cleared first, so a repeat is announced again). */
  #apply(transition: Transition) {
    const before = this.model;
    if (!before) return;
    const next = transition(before);
    this.model = next;
    const said = next.announcement;
    if (said && said.serial !== before.announcement?.serial) {
      this.status = '';
      requestAnimationFrame(() => (this.status = said.text));
    }
  }

  #onIntent = (event: AtlasShareIntentEvent) => {
    // The panels' requests end here: the host page hears about changes through atlas-share-change only.
    event.stopPropagation();
    event.respondWith(this.#perform(event.detail));
  };

  async #perform(intent: ShareIntent): Promise<IntentOutcome> {
    if (intent.kind === 'dismiss-error') {
      this.#apply((s) => dismissed(s, intent.slot));
      return { ok: true };
    }
    const model = this.model;
    const api = this.api;
    if (!model || !api || !canManage(model)) return { ok: false, message: 'Only the owner can change who has access.' };
    const plan = planFor(intent, model);
    const slot = plan.failure?.slot;
    if (plan.refusal) {
      const refusal = plan.refusal;
      if (slot) this.#apply((s) => failed(s, slot, refusal));
      return { ok: false, message: refusal };
    }
    if (isBusy(model, plan.busy)) return { ok: false, message: 'This change is already being saved.' };
    const load = this.#loads;
    const dashboardId = model.data.dashboard.id;
    this.#apply((s) => started(s, plan.busy, slot));
    try {
      const { next, change } = await plan.run(api, dashboardId);
      if (load !== this.#loads) return { ok: false, message: 'The dialog was reloaded.' };
      this.#apply((s) => released(next(s), plan.busy));
      // A read (a link's sessions) changes nothing on the server: the host page hears nothing.
      if (change) emit(this, new AtlasShareChangeEvent({ dashboardId, ...change }));
      await this.updateComplete;
      return { ok: true, linkId: change?.linkId };
    } catch (error) {
      const message = errorMessage(error);
      if (load !== this.#loads) return { ok: false, message };
      this.#apply((s) => {
        const freed = released(s, plan.busy);
        return plan.failure ? failed(freed, plan.failure.slot, plan.failure.sentence(message)) : freed;
      });
      await this.updateComplete;
      return { ok: false, message };
    }
  }

  override render() {
    const model = this.model;
    const owner = model ? canManage(model) : false;
    return html`<atlas-dialog
      exportparts="dialog, base, header, close-button, body, footer"
      .bodyLabel=${model && !owner ? 'Sharing details' : ''}
      @atlas-dialog-close=${this.#finishClose}
      @atlas-share-intent=${this.#onIntent}
    >
      <span slot="label" id="title">${model ? `Share “${model.data.dashboard.title}”` : 'Share dashboard'}</span>
      <span slot="description" id="subtitle">${subtitle(model)}</span>
      ${this.isOpen ? this.#renderBody(model) : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.status}</div>
      <p slot="footer" class="saved-note">${owner ? 'Changes are saved as you make them.' : ''}</p>
      <button slot="footer" class="button primary done" @click=${() => this.shell?.requestClose('close-button')}>
        Done
      </button>
    </atlas-dialog>`;
  }

  #renderBody(model: ShareState | undefined) {
    if (!this.api) return this.renderNoProvider();
    if (this.#task.status === 'error') return this.#renderLoadError();
    if (!model) return renderSkeleton();
    return html`<div class="panels">
      <section class="panel" part="panel people-panel" aria-labelledby="people-title">
        <h3 id="people-title">People with access</h3>
        <atlas-people-panel
          exportparts="warning"
          .model=${model}
          .searchUsers=${this.#searchUsers}
        ></atlas-people-panel>
        <atlas-general-access .model=${model}></atlas-general-access>
      </section>
      <section class="panel" part="panel links-panel" aria-labelledby="links-title">
        <h3 id="links-title">Public links</h3>
        <atlas-links-panel exportparts="warning, link" .model=${model}></atlas-links-panel>
      </section>
    </div>`;
  }

  #renderLoadError() {
    const error = this.#task.error;
    const status = error instanceof AtlasApiError ? error.status : 0;
    const heading =
      status === 404
        ? 'Dashboard not found'
        : status === 403
          ? 'You cannot share this dashboard'
          : 'Sharing could not be loaded';
    const text = status === 404 ? 'It may have been deleted, or you no longer have access to it.' : errorMessage(error);
    return html`<div class="message error" role="alert">
      <strong>${heading}</strong>
      ${text}
      ${
        status === 404
          ? nothing
          : html`<div><button class="button" @click=${() => this.#reload()}>Try again</button></div>`
      }
    </div>`;
  }
}

function renderSkeleton() {
  return html`<div class="panels" aria-busy="true">
    ${[0, 1].map(
      () =>
        html`<div class="panel">
          <div class="skeleton" style="block-size:1.3rem;inline-size:45%"></div>
          <div class="skeleton" style="block-size:2.4rem;margin-block-start:1rem"></div>
          <div class="skeleton" style="block-size:3.2rem;margin-block-start:1rem"></div>
          <div class="skeleton" style="block-size:3.2rem;margin-block-start:0.5rem"></div>
        </div>`,
    )}
    <span class="visually-hidden">Loading…</span>
  </div>`;
}
