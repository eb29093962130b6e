import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { AtlasApiError } from '../api/client.js';
import {
  changeShareRole,
  createLink,
  getDashboard,
  getMe,
  getSharing,
  listDataSources,
  listLinks,
  regenerateLinkPasscode,
  removeShare,
  revokeLink,
  setLinkPasscode,
  setOrganizationAccess,
  setProjectAccess,
  shareDashboard,
  suggestUsers,
  updateLink,
} from '../api/endpoints.js';
import { ApiTask } from '../controllers/api-task.js';
import { AtlasRequestCloseEvent, type AtlasRequestCloseDetail } from '../events/request-close.js';
import { AtlasShareChangeEvent, type AtlasShareChangeKind } from '../events/share-change.js';
import { AtlasElement, errorMessage } from '../internal/atlas-element.js';
import { emit } from '../internal/emit.js';
import { icons } from '../internal/icons.js';
import type { DashboardDetail, DashboardRole, DataSourceInfo, FilterValues } from '../internal/types.js';
import { FocusTrapController } from './focus-trap.js';
import {
  copyShortcut,
  formatCount,
  formatDateTime,
  formatRelative,
  formatShortDate,
  initials,
  joinNames,
} from './format.js';
import {
  draftFromLink,
  draftToBody,
  renderEmbeddingEditor,
  renderEmbeddingSummary,
  type EmbeddingDraft,
} from './link-embedding.js';
import { compactLockedFilters, describeLockedFilters, renderLockedFiltersEditor } from './locked-filters.js';
import { extraIcons } from './share-dialog.icons.js';
import styles from './share-dialog.styles.js';
import type { CreateLinkBody, ProjectAccessRole } from '../api/contract.js';
import type { AccessWarning, Me, PublicLink, SharedUser, SharingView } from './types.js';
import { UserComboboxController } from './user-combobox.js';

const ROLES: DashboardRole[] = ['viewer', 'author', 'owner'];
/** Everyone in a project may be viewer or author, never owner (the contract's ProjectAccessRole). */
const PROJECT_ROLES: ProjectAccessRole[] = ['viewer', 'author'];
const ROLE_LABEL: Record<DashboardRole, string> = { viewer: 'Viewer', author: 'Author', owner: 'Owner' };

interface ShareModel {
  dashboard: DashboardDetail;
  me: Me;
  /** Present only for owners: `GET …/sharing` is owner-only. */
  sharing?: SharingView;
  links: PublicLink[];
  /** The dashboard project's data sources, for the L7 warning; undefined when they could not be read. */
  dataSources?: DataSourceInfo[];
}

type CopyState = { state: 'copied' | 'manual' };

/**
 * @summary One dialog for everything about who can open a dashboard: people, project- and organization-wide access
 * (left panel) and public links with passcodes, locked filters and the sites allowed to embed them (right panel).
 * @tag atlas-share-dialog
 *
 * Open it with `show(opener)`; it loads the dashboard given by `dashboardId` from the nearest `<atlas-provider>`.
 * Owners change access; everyone else sees who has access and every control disabled with the reason (U6, L9).
 * Every change is saved at once, so the dialog has no Save button.
 *
 * @event {AtlasShareChangeEvent} atlas-share-change - Sharing changed on the server after a user action;
 *   `detail.kind` says what: user-added, user-role, user-removed, project-access, organization-access, link-created,
 *   link-revoked, passcode, locked-filters or link-embedding (which sites may embed a link).
 * @event {AtlasRequestCloseEvent} atlas-request-close - The close button, Escape or a backdrop click asks to close;
 *   cancel the event to keep the dialog open.
 *
 * @csspart dialog - The native `<dialog>` element.
 * @csspart base - The dialog's frame inside `<dialog>`.
 * @csspart header - Title bar with the close button.
 * @csspart close-button - The close (×) button.
 * @csspart body - The scrolling area with both panels.
 * @csspart panel - Each of the two panels.
 * @csspart people-panel - The left panel: people, project and organization access.
 * @csspart links-panel - The right panel: public links.
 * @csspart warning - A warning banner (data sources someone cannot read, sources without public access).
 * @csspart link - One public link.
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

  #opener?: HTMLElement;
  #scrollLocked = false;
  #trap = new FocusTrapController(this, () => this.dialog);
  /** Passcode switches being saved: link id → the state the owner chose. */
  #pendingPasscode = new Map<string, boolean>();
  #copyTimers = new Map<string, ReturnType<typeof setTimeout>>();

  #combo = new UserComboboxController(this, {
    search: async (q, signal) => {
      const answer = await suggestUsers(this.api!, { q }, { signal });
      return answer.users;
    },
    unavailable: (user) => this.#whyNotShareable(user.username, user.email),
    submit: () => void this.#addUser(),
    picked: () => {
      this.userError = '';
    },
  });

  #task = new ApiTask(this, {
    autoRun: false,
    args: () => [this.dashboardId, this.api] as const,
    task: ([id], { signal }) => this.#load(id, signal),
  });

  @query('dialog') private dialog?: HTMLDialogElement;

  /** The loaded dashboard, sharing and links; updated in place after each change. */
  @state() private model?: ShareModel;
  @state() private isOpen = false;
  @state() private addRole: DashboardRole = 'viewer';
  @state() private userError = '';
  @state() private adding = false;
  @state() private peopleError = '';
  @state() private generalError = '';
  @state() private linksError = '';
  @state() private generating = false;
  @state() private newLabel = '';
  @state() private newLocked: FilterValues = {};
  @state() private showNewLocked = false;
  @state() private busy = new Set<string>();
  @state() private linkErrors = new Map<string, string>();
  @state() private copyStates = new Map<string, CopyState>();
  @state() private confirmRevoke?: string;
  @state() private editingLocked?: { linkId: string; value: FilterValues };
  @state() private editingEmbedding?: { linkId: string; draft: EmbeddingDraft; error: string };
  @state() private status = '';

  /** The dashboard to share. */
  @property({ attribute: 'dashboard-id' }) dashboardId = '';

  override willUpdate(changed: PropertyValues<this>) {
    // A new dashboard (or a provider that arrived late) while open: load it.
    if (
      this.isOpen &&
      (changed.has('dashboardId') || (changed.has('api' as keyof AtlasShareDialog) && this.api && !this.model))
    ) {
      this.#reload();
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unlockScroll();
    for (const timer of this.#copyTimers.values()) clearTimeout(timer);
  }

  /** True while the dialog is showing. */
  get open(): boolean {
    return this.isOpen;
  }

  async #load(id: string, signal: AbortSignal): Promise<ShareModel> {
    const api = this.api;
    if (!api) throw new Error('No <atlas-provider> found around <atlas-share-dialog>.');
    if (!id) throw new Error('No dashboard was given to share.');
    const [{ dashboard }, me] = await Promise.all([getDashboard(api, { id }, { signal }), getMe(api, { signal })]);
    const model: ShareModel = { dashboard, me, links: [] };
    if (dashboard.role === 'owner') {
      const [sharing, links, dataSources] = await Promise.all([
        getSharing(api, { id }, { signal }),
        listLinks(api, { id }, { signal }).then(
          (r) => r.links,
          (err: unknown) => {
            if ((err as Error)?.name === 'AbortError') throw err;
            this.linksError = `Public links could not be loaded: ${errorMessage(err)}`;
            return undefined;
          },
        ),
        // L7 reads externalAccess from the project's sources; a co-owner outside the project cannot list them.
        listDataSources(api, { projectId: dashboard.projectId }, { signal })
          .then((r) => r.dataSources)
          .catch(() => undefined),
      ]);
      model.sharing = sharing;
      model.links = links ?? sharing.publicLinks;
      model.dataSources = dataSources;
    }
    this.model = model;
    return model;
  }

  #reload() {
    this.model = undefined;
    this.userError = '';
    this.peopleError = '';
    this.generalError = '';
    this.linksError = '';
    this.confirmRevoke = undefined;
    this.editingLocked = undefined;
    this.editingEmbedding = undefined;
    this.copyStates = new Map();
    this.linkErrors = new Map();
    this.#combo.reset();
    if (this.api) void this.#task.run([this.dashboardId, this.api]);
  }

  get #isOwner(): boolean {
    return this.model?.dashboard.role === 'owner' && Boolean(this.model.sharing);
  }

  /** The dashboard's path parameter. */
  get #dashboard(): { id: string } {
    return { id: this.model?.dashboard.id ?? this.dashboardId };
  }

  /** Why this user cannot be added (U2: the dialog prevents duplicates, yourself and the owner before asking). */
  #whyNotShareable(usernameOrEmail: string, email?: string): string | undefined {
    const model = this.model;
    if (!model) return undefined;
    const typed = usernameOrEmail.trim().toLowerCase();
    const matches = (u: { username: string; email?: string }) =>
      u.username.toLowerCase() === typed ||
      (u.email ?? '').toLowerCase() === typed ||
      (email !== undefined && (u.email ?? '').toLowerCase() === email.toLowerCase() && email !== '');
    if (matches(model.me.user)) return 'You';
    if (matches({ username: model.dashboard.owner.username })) return 'Owner';
    const existing = model.sharing?.users.find(matches);
    if (existing) return `Already ${ROLE_LABEL[existing.role].toLowerCase()}`;
    return undefined;
  }

  #clientSideError(typed: string): string | undefined {
    const model = this.model!;
    const why = this.#whyNotShareable(typed);
    if (why === 'You') return 'You already have access to this dashboard: you cannot share it with yourself.';
    if (why === 'Owner') return `${model.dashboard.owner.name} owns this dashboard and already has full access.`;
    if (why) {
      const lower = typed.trim().toLowerCase();
      const user = model.sharing!.users.find(
        (u) => u.username.toLowerCase() === lower || (u.email ?? '').toLowerCase() === lower,
      )!;
      return `${user.name} already has access as ${user.role}. Change their role in the list below instead.`;
    }
    return undefined;
  }

  #emit(kind: AtlasShareChangeKind, extra: { username?: string; linkId?: string } = {}) {
    emit(this, new AtlasShareChangeEvent({ dashboardId: this.model!.dashboard.id, kind, ...extra }));
  }

  #announce(message: string) {
    // Clear first so that the same sentence twice is announced twice.
    this.status = '';
    requestAnimationFrame(() => (this.status = message));
  }

  #setBusy(key: string, on: boolean) {
    const next = new Set(this.busy);
    if (on) next.add(key);
    else next.delete(key);
    this.busy = next;
  }

  /** Runs one change with its control marked busy; a failure is shown through `onError` and the control is freed. */
  async #whileBusy(key: string, work: () => Promise<void>, onError: (message: string) => void): Promise<void> {
    this.#setBusy(key, true);
    try {
      await work();
    } catch (err) {
      onError(errorMessage(err));
      this.requestUpdate();
    } finally {
      this.#setBusy(key, false);
    }
  }

  #setLinkError(linkId: string, message: string | undefined) {
    const next = new Map(this.linkErrors);
    if (message) next.set(linkId, message);
    else next.delete(linkId);
    this.linkErrors = next;
  }

  #updateSharing(patch: Partial<SharingView>) {
    if (!this.model?.sharing) return;
    this.model = { ...this.model, sharing: { ...this.model.sharing, ...patch } };
  }

  #updateLink(link: PublicLink) {
    if (!this.model) return;
    this.model = { ...this.model, links: this.model.links.map((l) => (l.id === link.id ? link : l)) };
  }

  // ——— People ———

  async #addUser() {
    if (!this.#isOwner || this.adding) return;
    const typed = this.#combo.value.trim();
    if (!typed) {
      this.userError = 'Type a username or an email address first.';
      return;
    }
    const local = this.#clientSideError(typed);
    if (local) {
      this.userError = local;
      return;
    }
    this.adding = true;
    this.userError = '';
    try {
      const answer = await shareDashboard(this.api!, this.#dashboard, { username: typed, role: this.addRole });
      const users = [...this.model!.sharing!.users.filter((u) => u.username !== answer.share.username), answer.share];
      this.#updateSharing({ users, warnings: answer.warnings });
      this.#combo.reset();
      this.#announce(
        `${answer.share.name} can now ${answer.share.role === 'viewer' ? 'view' : 'edit'} this dashboard as ${answer.share.role}.`,
      );
      this.#emit('user-added', { username: answer.share.username });
    } catch (err) {
      this.userError = errorMessage(err);
    } finally {
      this.adding = false;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#user-input')?.focus();
    }
  }

  async #changeRole(user: SharedUser, role: DashboardRole) {
    if (role === user.role) return;
    this.peopleError = '';
    await this.#whileBusy(
      `user:${user.username}`,
      async () => {
        const answer = await changeShareRole(this.api!, { ...this.#dashboard, username: user.username }, { role });
        const users = this.model!.sharing!.users.map((u) =>
          u.username === user.username ? { ...u, ...answer.share } : u,
        );
        this.#updateSharing({ users, warnings: answer.warnings });
        this.#announce(`${user.name} is now ${role}.`);
        this.#emit('user-role', { username: user.username });
      },
      (message) => (this.peopleError = `Could not change ${user.name}'s role: ${message}`),
    );
  }

  async #removeUser(user: SharedUser, index: number) {
    this.peopleError = '';
    await this.#whileBusy(
      `user:${user.username}`,
      async () => {
        await removeShare(this.api!, { ...this.#dashboard, username: user.username });
        const users = this.model!.sharing!.users.filter((u) => u.username !== user.username);
        // Removing someone can clear the warning that named them.
        const warnings = this.model!.sharing!.warnings.filter((w) => !(w.subject === 'user' && w.id === user.username));
        this.#updateSharing({ users, warnings });
        this.#announce(`${user.name} no longer has access.`);
        this.#emit('user-removed', { username: user.username });
        await this.updateComplete;
        // Keep keyboard users in the list: focus the next Remove button, else the previous one, else the box.
        const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.person .remove')];
        (
          buttons[index] ??
          buttons[index - 1] ??
          this.renderRoot.querySelector<HTMLInputElement>('#user-input')
        )?.focus();
      },
      (message) => (this.peopleError = `Could not remove ${user.name}: ${message}`),
    );
  }

  async #setProjectAccess(enabled: boolean, role: ProjectAccessRole) {
    this.generalError = '';
    await this.#whileBusy(
      'project',
      async () => {
        const answer = await setProjectAccess(this.api!, this.#dashboard, { enabled, role });
        this.#updateSharing({
          project: { ...this.model!.sharing!.project, ...answer.project },
          warnings: answer.warnings,
        });
        const name = this.#projectName;
        this.#announce(
          enabled ? `Everyone in ${name} now has ${role} access.` : `Access for everyone in ${name} is off.`,
        );
        this.#emit('project-access');
      },
      (message) => (this.generalError = `Could not change access for everyone in ${this.#projectName}: ${message}`),
    );
  }

  async #setOrganizationAccess(enabled: boolean) {
    this.generalError = '';
    await this.#whileBusy(
      'organization',
      async () => {
        const answer = await setOrganizationAccess(this.api!, this.#dashboard, { enabled });
        this.#updateSharing({
          organization: { ...this.model!.sharing!.organization, ...answer.organization },
          warnings: answer.warnings,
        });
        const name = this.#organizationName;
        this.#announce(
          enabled ? `Everyone in ${name} can now view this dashboard.` : `Everyone in ${name} can no longer view it.`,
        );
        this.#emit('organization-access');
      },
      (message) =>
        (this.generalError = `Could not change access for everyone in ${this.#organizationName}: ${message}`),
    );
  }

  get #projectName(): string {
    const model = this.model!;
    return (
      model.sharing?.project.name ??
      model.me.projects.find((p) => p.id === model.dashboard.projectId)?.name ??
      model.dashboard.projectId
    );
  }

  get #organizationName(): string {
    return this.model?.sharing?.organization.name ?? this.model?.me.organization.name ?? 'your organization';
  }

  // ——— Public links ———

  async #generateLink() {
    if (!this.#isOwner || this.generating) return;
    this.generating = true;
    this.linksError = '';
    try {
      const locked = compactLockedFilters(this.newLocked);
      const body: CreateLinkBody = {};
      if (this.newLabel.trim()) body.label = this.newLabel.trim();
      if (Object.keys(locked).length) body.lockedFilters = locked;
      const { link } = await createLink(this.api!, this.#dashboard, body);
      this.model = { ...this.model!, links: [link, ...this.model!.links] };
      this.newLabel = '';
      this.newLocked = {};
      this.showNewLocked = false;
      const blocked = this.#widgetsWithoutPublicAccess().length;
      this.#announce(
        `Public link ${link.label ? `“${link.label}” ` : ''}created.` +
          (blocked ? ` ${formatCount(blocked, 'widget', 'widgets')} will not show data through it.` : ''),
      );
      this.#emit('link-created', { linkId: link.id });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-link-id="${link.id}"] .copy`)?.focus();
    } catch (err) {
      this.linksError = `Could not generate a public link: ${errorMessage(err)}`;
    } finally {
      this.generating = false;
    }
  }

  async #copy(link: PublicLink) {
    if (!link.url) return;
    const timer = this.#copyTimers.get(link.id);
    if (timer) clearTimeout(timer);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('Clipboard unavailable');
      await navigator.clipboard.writeText(link.url);
      this.copyStates = new Map(this.copyStates).set(link.id, { state: 'copied' });
      this.#announce('Link copied to the clipboard.');
      this.#copyTimers.set(
        link.id,
        setTimeout(() => {
          const next = new Map(this.copyStates);
          if (next.get(link.id)?.state === 'copied') next.delete(link.id);
          this.copyStates = next;
        }, 2500),
      );
    } catch {
      // C8: the browser refused the clipboard; select the URL so that one key press copies it.
      this.copyStates = new Map(this.copyStates).set(link.id, { state: 'manual' });
      await this.updateComplete;
      const field = this.renderRoot.querySelector<HTMLInputElement>(`#url-${link.id}`);
      field?.focus();
      field?.select();
    }
  }

  async #revoke(link: PublicLink) {
    this.#setLinkError(link.id, undefined);
    await this.#whileBusy(
      `link:${link.id}`,
      async () => {
        await revokeLink(this.api!, { ...this.#dashboard, linkId: link.id });
        const index = this.model!.links.findIndex((l) => l.id === link.id);
        this.model = { ...this.model!, links: this.model!.links.filter((l) => l.id !== link.id) };
        this.confirmRevoke = undefined;
        this.#announce(`Link ${link.label ? `“${link.label}” ` : ''}revoked. It stops working on its next request.`);
        this.#emit('link-revoked', { linkId: link.id });
        await this.updateComplete;
        const copies = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.link .copy')];
        (copies[index] ?? copies[index - 1] ?? this.renderRoot.querySelector<HTMLButtonElement>('#generate'))?.focus();
      },
      (message) => this.#setLinkError(link.id, `Could not revoke this link: ${message}`),
    );
  }

  async #setPasscode(link: PublicLink, enabled: boolean | 'regenerate') {
    this.#setLinkError(link.id, undefined);
    // The box shows what the owner asked for while it is saved (a re-render must not flip it back), and the saved
    // state afterwards, or the old one if saving failed.
    if (enabled !== 'regenerate') this.#pendingPasscode.set(link.id, enabled);
    try {
      await this.#setPasscodeNow(link, enabled);
    } finally {
      this.#pendingPasscode.delete(link.id);
      this.requestUpdate();
    }
  }

  async #setPasscodeNow(link: PublicLink, enabled: boolean | 'regenerate') {
    await this.#whileBusy(
      `link:${link.id}`,
      async () => {
        const params = { ...this.#dashboard, linkId: link.id };
        const { link: updated } =
          enabled === 'regenerate'
            ? await regenerateLinkPasscode(this.api!, params)
            : await setLinkPasscode(this.api!, params, { enabled });
        this.#updateLink(updated);
        this.#announce(
          enabled === false
            ? 'Passcode removed: anyone with the link can open it.'
            : `New passcode ${updated.passcode ?? ''}. Sessions opened with the previous passcode have ended.`,
        );
        this.#emit('passcode', { linkId: link.id });
      },
      (message) => this.#setLinkError(link.id, `Could not change the passcode: ${message}`),
    );
  }

  async #saveLocked(link: PublicLink, value: FilterValues) {
    this.#setLinkError(link.id, undefined);
    await this.#whileBusy(
      `link:${link.id}`,
      async () => {
        const { link: updated } = await updateLink(
          this.api!,
          { ...this.#dashboard, linkId: link.id },
          { lockedFilters: compactLockedFilters(value) },
        );
        this.#updateLink(updated);
        this.editingLocked = undefined;
        this.#announce('Locked filters saved.');
        this.#emit('locked-filters', { linkId: link.id });
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLButtonElement>(`[data-link-id="${link.id}"] .edit-locked`)?.focus();
      },
      (message) => this.#setLinkError(link.id, `Could not save the locked filters: ${message}`),
    );
  }

  /** V5: saves which sites may embed the link; the server's error (naming the bad origin) stays beside the field. */
  async #saveEmbedding(link: PublicLink, draft: EmbeddingDraft) {
    const body = draftToBody(draft);
    if ('error' in body) {
      this.editingEmbedding = { linkId: link.id, draft, error: body.error };
      return;
    }
    const key = `link:${link.id}`;
    this.#setBusy(key, true);
    this.#setLinkError(link.id, undefined);
    try {
      const { link: updated } = await updateLink(this.api!, { ...this.#dashboard, linkId: link.id }, body);
      this.#updateLink(updated);
      this.editingEmbedding = undefined;
      this.#announce(
        updated.frameAncestors == null
          ? 'Embedding follows the server default.'
          : updated.frameAncestors.length
            ? `Only ${updated.frameAncestors.join(', ')} can embed this link.`
            : 'No site can embed this link.',
      );
      this.#emit('link-embedding', { linkId: link.id });
      // Back to Edit (enabled again first, so it can take focus).
      this.#setBusy(key, false);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>(`[data-link-id="${link.id}"] .edit-embedding`)?.focus();
    } catch (err) {
      if (this.editingEmbedding?.linkId === link.id)
        this.editingEmbedding = { ...this.editingEmbedding, error: errorMessage(err) };
      else this.#setLinkError(link.id, `Could not save the allowed sites: ${errorMessage(err)}`);
      // Back to the field the error is about (enabled again first, so it can take focus).
      this.#setBusy(key, false);
      await this.updateComplete;
      const card = this.renderRoot.querySelector(`[data-link-id="${link.id}"]`);
      (card?.querySelector<HTMLElement>('.embed-origins') ?? card?.querySelector<HTMLElement>('.embed-mode'))?.focus();
    } finally {
      this.#setBusy(key, false);
    }
  }

  /** L7: widgets whose data source does not allow unauthenticated access, grouped by source. */
  #widgetsWithoutPublicAccess(): { source: string; widgets: string[] }[] {
    const model = this.model;
    if (!model?.dataSources) return [];
    const bySource = new Map<string, { source: string; widgets: string[] }>();
    for (const widget of model.dashboard.widgets) {
      const source = model.dataSources.find((s) => s.id === widget.dataSourceId);
      if (source && source.externalAccess) continue;
      const name = source?.name ?? widget.dataSourceId;
      const entry = bySource.get(name) ?? { source: name, widgets: [] };
      entry.widgets.push(widget.title);
      bySource.set(name, entry);
    }
    return [...bySource.values()];
  }

  // ——— Dialog ———

  #requestClose(source: AtlasRequestCloseDetail['source']) {
    // emit answers false when a listener canceled the request.
    if (emit(this, new AtlasRequestCloseEvent({ source }))) this.close();
  }

  #lockScroll() {
    if (this.#scrollLocked) return;
    this.#scrollLocked = true;
    scrollLock.acquire();
  }

  #unlockScroll() {
    if (!this.#scrollLocked) return;
    this.#scrollLocked = false;
    scrollLock.release();
  }

  #onCancel = (event: Event) => {
    // Escape: the dialog asks the host first instead of closing by itself.
    event.preventDefault();
    this.#requestClose('keyboard');
  };

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      // Escape backs out of an open revoke confirmation or editor before it asks to close the dialog.
      if (this.confirmRevoke || this.editingLocked || this.editingEmbedding) {
        const linkId = this.confirmRevoke ?? this.editingLocked?.linkId ?? this.editingEmbedding!.linkId;
        const back = this.confirmRevoke ? '.revoke' : this.editingLocked ? '.edit-locked' : '.edit-embedding';
        this.confirmRevoke = undefined;
        this.editingLocked = undefined;
        this.editingEmbedding = undefined;
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector<HTMLElement>(`[data-link-id="${linkId}"] ${back}`)?.focus(),
        );
        return;
      }
      this.#requestClose('keyboard');
      return;
    }
    this.#trap.handleKeydown(event, this.shadowRoot?.activeElement ?? null);
  };

  #onDialogClick = (event: MouseEvent) => {
    // Only a click on the backdrop targets the <dialog> itself: its frame fills the whole box.
    if (event.target === this.dialog) this.#requestClose('backdrop');
  };

  #onClose = () => {
    // The native close event comes a task later; the dialog may already have been closed by close() or reopened.
    if (this.isOpen && !this.dialog?.open) this.#finishClose();
  };

  #finishClose() {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.confirmRevoke = undefined;
    this.editingLocked = undefined;
    this.editingEmbedding = undefined;
    this.#combo.reset();
    this.#unlockScroll();
    const opener = this.#opener;
    this.#opener = undefined;
    if (opener?.isConnected) opener.focus();
  }

  /**
   * Opens the dialog as a modal and loads the dashboard's sharing. Focus returns to `opener` (default: whatever had
   * focus) when it closes.
   */
  async show(opener?: HTMLElement): Promise<void> {
    this.#opener = opener ?? deepActiveElement() ?? undefined;
    this.isOpen = true;
    this.#reload();
    await this.updateComplete;
    const dialog = this.dialog;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    this.#lockScroll();
    this.#focusInitial();
    // Focus the right control once the content has loaded (the box for owners, the close button for others).
    await this.#task.taskComplete;
    await this.updateComplete;
    if (this.isOpen && !dialog.contains(this.shadowRoot?.activeElement ?? null)) this.#focusInitial();
    else if (this.isOpen && this.shadowRoot?.activeElement?.classList.contains('close')) this.#focusInitial();
  }

  /** Closes the dialog without asking (`atlas-request-close` is only sent for user actions). */
  close(): void {
    if (this.dialog?.open) this.dialog.close();
    this.#finishClose();
  }

  /** Resolves when the dialog has finished loading (for hosts and tests). */
  get loadComplete(): Promise<void> {
    return this.#task.taskComplete.then(() => this.updateComplete).then(() => undefined);
  }

  #focusInitial() {
    const target =
      this.renderRoot.querySelector<HTMLElement>('[autofocus]:not([disabled])') ??
      this.renderRoot.querySelector<HTMLElement>('.close');
    target?.focus();
  }

  override render() {
    const model = this.model;
    const title = model ? `Share “${model.dashboard.title}”` : 'Share dashboard';
    return html`<dialog
      part="dialog"
      aria-labelledby="title"
      aria-describedby="subtitle"
      @cancel=${this.#onCancel}
      @close=${this.#onClose}
      @keydown=${this.#onKeydown}
      @click=${this.#onDialogClick}
    >
      <div class="frame" part="base">
        <header part="header">
          <div class="heading">
            <h2 id="title">${title}</h2>
            <p id="subtitle" class="subtitle">${this.#subtitle()}</p>
          </div>
          <button
            class="button quiet icon close"
            part="close-button"
            aria-label="Close"
            @click=${() => this.#requestClose('close-button')}
          >
            ${icons.close}
          </button>
        </header>
        <div
          class="body"
          part="body"
          tabindex=${ifDefined(model && !this.#isOwner ? '0' : undefined)}
          aria-label=${ifDefined(model && !this.#isOwner ? 'Sharing details' : undefined)}
        >
          ${
            this.isOpen
              ? !this.api
                ? this.renderNoProvider()
                : this.#task.status === 'error'
                  ? this.#renderLoadError()
                  : model
                    ? this.#renderPanels(model)
                    : this.#renderSkeleton()
              : nothing
          }
        </div>
        <footer part="footer">
          <p>${model && this.#isOwner ? 'Changes are saved as you make them.' : ''}</p>
          <button class="button primary done" @click=${() => this.#requestClose('close-button')}>Done</button>
        </footer>
        <div class="visually-hidden" role="status" aria-live="polite">${this.status}</div>
      </div>
    </dialog>`;
  }

  #subtitle() {
    const model = this.model;
    if (!model) return 'Loading who has access…';
    if (this.#isOwner) return 'Choose who can open this dashboard, and publish it with public links.';
    return `You are ${model.dashboard.role === 'author' ? 'an author' : `a ${model.dashboard.role}`} of this dashboard. Only its owner, ${model.dashboard.owner.name}, can change who has access.`;
  }

  #renderSkeleton() {
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
      ${status === 404 ? nothing : html`<div><button class="button" @click=${() => this.#reload()}>Try again</button></div>`}
    </div>`;
  }

  #renderPanels(model: ShareModel) {
    return html`<div class="panels">
      <section class="panel" part="panel people-panel" aria-labelledby="people-title">
        ${this.#renderPeople(model)}
      </section>
      <section class="panel" part="panel links-panel" aria-labelledby="links-title">
        ${this.#renderLinks(model)}
      </section>
    </div>`;
  }

  // ——— Left panel ———

  #renderPeople(model: ShareModel) {
    const owner = this.#isOwner;
    const sharing = model.sharing;
    const combo = this.#combo;
    const activeId = combo.expanded && combo.active >= 0 ? `user-option-${combo.active}` : undefined;
    const describedBy = ['user-hint', this.userError ? 'user-error' : '', owner ? '' : 'people-reason']
      .filter(Boolean)
      .join(' ');
    return html`
      <h3 id="people-title">People with access</h3>
      ${
        owner
          ? nothing
          : html`<p id="people-reason" class="reason">
              ${extraIcons.info}<span
                >Only the owner, ${model.dashboard.owner.name}, can add people or change access. Ask them if someone
                else needs it.</span
              >
            </p>`
      }
      <form class="add" @submit=${(e: Event) => (e.preventDefault(), void this.#addUser())} novalidate>
        <label for="user-input">Add people by username or email</label>
        <div class="add-row">
          <div class="combo">
            <input
              id="user-input"
              type="text"
              role="combobox"
              autocomplete="off"
              autocapitalize="none"
              spellcheck="false"
              placeholder=${owner ? 'e.g. bob or bob@northwind.example' : ''}
              aria-autocomplete="list"
              aria-controls="user-listbox"
              aria-expanded=${combo.expanded ? 'true' : 'false'}
              aria-activedescendant=${ifDefined(activeId)}
              aria-describedby=${describedBy}
              aria-invalid=${this.userError ? 'true' : 'false'}
              ?autofocus=${owner}
              ?disabled=${!owner}
              .value=${live(combo.value)}
              @input=${(e: Event) => {
                combo.setValue((e.target as HTMLInputElement).value);
                this.userError = '';
              }}
              @keydown=${(e: KeyboardEvent) => combo.handleKeydown(e)}
              @blur=${() => setTimeout(() => combo.close(), 120)}
            />
            <ul id="user-listbox" role="listbox" aria-label="Suggested people" ?hidden=${!combo.expanded}>
              ${combo.suggestions.map((user, i) => {
                const why = combo.isUnavailable(i);
                return html`<li
                  id="user-option-${i}"
                  role="option"
                  class="option ${i === combo.active ? 'active' : ''}"
                  aria-selected=${i === combo.active ? 'true' : 'false'}
                  aria-disabled=${why ? 'true' : 'false'}
                  @mousedown=${(e: Event) => e.preventDefault()}
                  @click=${() => combo.pick(i)}
                >
                  <span class="avatar" aria-hidden="true">${initials(user.name)}</span>
                  <span class="who"
                    ><span class="name">${user.name}</span
                    ><span class="meta">${user.username} · ${user.email}</span></span
                  >
                  ${why ? html`<span class="tag">${why}</span>` : nothing}
                </li>`;
              })}
            </ul>
          </div>
          <select
            id="add-role"
            aria-label="Role for the person you add"
            ?disabled=${!owner}
            .value=${live(this.addRole)}
            @change=${(e: Event) => (this.addRole = (e.target as HTMLSelectElement).value as DashboardRole)}
          >
            ${ROLES.map((r) => html`<option value=${r} ?selected=${r === this.addRole}>${ROLE_LABEL[r]}</option>`)}
          </select>
          <button
            id="add"
            class="button primary"
            type="submit"
            ?disabled=${!owner || this.adding}
            aria-describedby=${ifDefined(owner ? undefined : 'people-reason')}
          >
            ${this.adding ? 'Adding…' : 'Add'}
          </button>
        </div>
        <p id="user-hint" class="hint">
          ${combo.loading ? 'Searching…' : combo.searchError || (owner ? 'People in your organization. Viewers can look; authors can also edit.' : 'Sharing is managed by the owner.')}
        </p>
        ${this.userError ? html`<p id="user-error" class="field-error" role="alert">${extraIcons.error}<span>${this.userError}</span></p>` : nothing}
      </form>

      ${sharing?.warnings.length ? this.#renderAccessWarnings(sharing.warnings) : nothing}
      ${this.peopleError ? html`<p class="field-error" role="alert">${extraIcons.error}<span>${this.peopleError}</span></p>` : nothing}

      <ul class="people" aria-label="People with access">
        ${this.#renderPerson({ username: model.dashboard.owner.username, name: model.dashboard.owner.name }, 'Owner', model)}
        ${
          owner
            ? sharing!.users.map((user, index) => this.#renderSharedUser(user, index, model))
            : model.dashboard.owner.username !== model.me.user.username
              ? this.#renderPerson(
                  { username: model.me.user.username, name: model.me.user.name, email: model.me.user.email },
                  ROLE_LABEL[model.dashboard.role],
                  model,
                )
              : nothing
        }
      </ul>
      ${owner ? nothing : html`<p class="summary">${model.dashboard.access.summary}</p>`}
      ${owner ? this.#renderGeneralAccess(sharing!) : nothing}
    `;
  }

  /** Avatar, name (with "(you)") and username · email: the same in the owner's and everyone else's list. */
  #renderIdentity(user: { username: string; name: string; email?: string }, model: ShareModel) {
    const you = user.username === model.me.user.username;
    return html`<span class="avatar" aria-hidden="true">${initials(user.name)}</span>
      <span class="who">
        <span class="name">${user.name}${you ? html` <span class="you">(you)</span>` : nothing}</span>
        <span class="meta">${user.username}${user.email ? ` · ${user.email}` : ''}</span>
      </span>`;
  }

  #renderPerson(user: { username: string; name: string; email?: string }, roleText: string, model: ShareModel) {
    return html`<li class="person">
      ${this.#renderIdentity(user, model)}
      <span class="role-text">${roleText}</span>
    </li>`;
  }

  #renderSharedUser(user: SharedUser, index: number, model: ShareModel) {
    const busy = this.busy.has(`user:${user.username}`);
    return html`<li class="person">
      ${this.#renderIdentity(user, model)}
      <select
        class="role"
        aria-label="Role for ${user.name}"
        ?disabled=${busy}
        .value=${live(user.role)}
        @change=${(e: Event) => void this.#changeRole(user, (e.target as HTMLSelectElement).value as DashboardRole)}
      >
        ${ROLES.map((r) => html`<option value=${r} ?selected=${r === user.role}>${ROLE_LABEL[r]}</option>`)}
      </select>
      <button
        class="button quiet icon remove"
        aria-label="Remove ${user.name}"
        title="Remove ${user.name}"
        ?disabled=${busy}
        @click=${() => void this.#removeUser(user, index)}
      >
        ${icons.trash}
      </button>
    </li>`;
  }

  #renderAccessWarnings(warnings: AccessWarning[]) {
    return html`<div
      class="banner warning people-warnings"
      part="warning"
      role="note"
      aria-label="Data access warnings"
    >
      ${extraIcons.warning}
      <div>
        ${
          warnings.length === 1
            ? html`<p class="strong">${warnings[0]!.message}</p>`
            : html`<ul>
                ${warnings.map((w) => html`<li>${w.message}</li>`)}
              </ul>`
        }
        <p>
          They will not see widgets that use
          ${warnings.length === 1 && warnings[0]!.dataSources.length === 1 ? 'this source' : 'these sources'}. A project
          owner can give them a project role that reads it.
        </p>
      </div>
    </div>`;
  }

  #renderGeneralAccess(sharing: SharingView) {
    const projectName = this.#projectName;
    const orgName = this.#organizationName;
    const projectBusy = this.busy.has('project');
    const orgBusy = this.busy.has('organization');
    const projectRole: ProjectAccessRole = sharing.project.role === 'author' ? 'author' : 'viewer';
    return html`<h4 id="general-title">General access</h4>
      ${this.generalError ? html`<p class="field-error" role="alert">${extraIcons.error}<span>${this.generalError}</span></p>` : nothing}
      <ul class="general" aria-labelledby="general-title">
        <li class="access-row">
          <span class="access-icon" aria-hidden="true">${icons.group}</span>
          <span class="who">
            <label class="name" for="project-switch">Everyone in ${projectName}</label>
            <span class="meta" id="project-help"
              >Every member of the ${projectName} project. A person's own role overrides it.</span
            >
          </span>
          <select
            class="role"
            aria-label="Role for everyone in ${projectName}"
            ?disabled=${!sharing.project.enabled || projectBusy}
            .value=${live(projectRole)}
            @change=${(e: Event) => void this.#setProjectAccess(true, (e.target as HTMLSelectElement).value as ProjectAccessRole)}
          >
            ${PROJECT_ROLES.map((r) => html`<option value=${r} ?selected=${r === projectRole}>${ROLE_LABEL[r]}</option>`)}
          </select>
          <input
            id="project-switch"
            class="switch"
            type="checkbox"
            role="switch"
            aria-describedby="project-help"
            .checked=${live(sharing.project.enabled)}
            ?disabled=${projectBusy}
            @change=${(e: Event) => void this.#setProjectAccess((e.target as HTMLInputElement).checked, projectRole)}
          />
        </li>
        <li class="access-row">
          <span class="access-icon" aria-hidden="true">${icons.office}</span>
          <span class="who">
            <label class="name" for="org-switch">Everyone in ${orgName} can view</label>
            <span class="meta" id="org-help">Listed under the Organization filter for everyone in ${orgName}.</span>
          </span>
          <input
            id="org-switch"
            class="switch"
            type="checkbox"
            role="switch"
            aria-describedby="org-help"
            .checked=${live(sharing.organization.enabled)}
            ?disabled=${orgBusy}
            @change=${(e: Event) => void this.#setOrganizationAccess((e.target as HTMLInputElement).checked)}
          />
        </li>
      </ul>`;
  }

  // ——— Right panel ———

  #renderLinks(model: ShareModel) {
    const owner = this.#isOwner;
    const blocked = owner ? this.#widgetsWithoutPublicAccess() : [];
    const filters = model.dashboard.filters ?? [];
    return html`
      <h3 id="links-title">Public links</h3>
      <p class="lead">
        Anyone with a public link can view this dashboard without signing in. Give each audience its own link and revoke
        it when it is no longer needed.
      </p>
      ${
        owner
          ? nothing
          : html`<p id="links-reason" class="reason">
              ${extraIcons.info}<span
                >Only the owner, ${model.dashboard.owner.name}, can generate public links. Ask them to generate
                one.</span
              >
            </p>`
      }
      ${blocked.length ? this.#renderPublicAccessWarning(blocked, model.links.length > 0) : nothing}
      ${
        owner && model.dataSources === undefined && model.dashboard.widgets.length
          ? html`<p class="hint">
              Data source settings could not be read, so widgets that cannot be shown publicly are not flagged here.
            </p>`
          : nothing
      }
      <form class="generate" @submit=${(e: Event) => (e.preventDefault(), void this.#generateLink())} novalidate>
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
            ?disabled=${!owner || this.generating}
            aria-describedby=${ifDefined(owner ? undefined : 'links-reason')}
          >
            ${icons.link} ${this.generating ? 'Generating…' : 'Generate public link'}
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
                  ${renderLockedFiltersEditor({ idPrefix: 'new-locked', definitions: filters, value: this.newLocked, disabled: this.generating, onChange: (v) => (this.newLocked = v) })}
                </div>`
            : nothing
        }
      </form>
      ${this.linksError ? html`<p class="field-error" role="alert">${extraIcons.error}<span>${this.linksError}</span></p>` : nothing}
      ${
        owner
          ? model.links.length
            ? html`<h4 id="active-links-title">Active links <span class="count">${model.links.length}</span></h4>
                <ul class="links" aria-labelledby="active-links-title">
                  ${model.links.map((link) => this.#renderLink(link, model))}
                </ul>`
            : html`<p class="empty">
                ${icons.link}<span
                  >No active public links. Only signed-in people listed on the left can open this dashboard.</span
                >
              </p>`
          : model.dashboard.access.publicLinkCount > 0
            ? html`<p class="empty">
                ${formatCount(model.dashboard.access.publicLinkCount, 'active public link', 'active public links')}.
              </p>`
            : nothing
      }
    `;
  }

  #renderPublicAccessWarning(blocked: { source: string; widgets: string[] }[], after: boolean) {
    const sources = joinNames(blocked.map((b) => b.source));
    const widgets = blocked.flatMap((b) => b.widgets);
    return html`<div class="banner warning links-warning" part="warning" role="note" aria-label="Public access warning">
      ${extraIcons.warning}
      <div>
        <p>
          <strong>${sources} ${blocked.length === 1 ? 'does' : 'do'} not allow public access.</strong>
          ${after ? 'Visitors of these links' : 'Visitors of a public link'} will see “This widget's data source does
          not allow public access” instead of ${joinNames(widgets.map((w) => `“${w}”`))}.
        </p>
        <p>
          Ask a project owner to turn on Unauthenticated External Data Access for
          ${blocked.length === 1 ? 'this source' : 'these sources'}, or remove these widgets.
        </p>
      </div>
    </div>`;
  }

  #renderLink(link: PublicLink, model: ShareModel) {
    const busy = this.busy.has(`link:${link.id}`);
    const copy = this.copyStates.get(link.id);
    const error = this.linkErrors.get(link.id);
    const titleId = `link-title-${link.id}`;
    const locked = describeLockedFilters(link.lockedFilters, model.dashboard.filters ?? []);
    const editing = this.editingLocked?.linkId === link.id ? this.editingLocked : undefined;
    const embedding = this.editingEmbedding?.linkId === link.id ? this.editingEmbedding : undefined;
    const confirming = this.confirmRevoke === link.id;
    const name = link.label || 'Untitled link';
    return html`<li class="link" part="link" data-link-id=${link.id}>
      <div class="link-head">
        <h5 id=${titleId}>${name}</h5>
        ${link.passcodeEnabled ? html`<span class="badge">${extraIcons.key} Passcode</span>` : nothing}
      </div>
      <label class="visually-hidden" for="url-${link.id}">URL of ${name}</label>
      <input
        id="url-${link.id}"
        class="url"
        type="text"
        readonly
        .value=${link.url ?? ''}
        placeholder=${link.url ? '' : 'This link can no longer be opened'}
        aria-describedby=${ifDefined(copy?.state === 'manual' ? `copy-hint-${link.id}` : undefined)}
        @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
      />
      ${
        copy?.state === 'manual'
          ? html`<p id="copy-hint-${link.id}" class="copy-hint" role="alert">
              The browser did not allow copying. The link is selected: press ${copyShortcut()} to copy.
            </p>`
          : nothing
      }
      <div class="link-actions">
        <button
          class="button copy"
          ?disabled=${!link.url}
          @click=${() => void this.#copy(link)}
          aria-label="Copy link ${name}"
        >
          ${copy?.state === 'copied' ? extraIcons.check : extraIcons.copy}
          ${copy?.state === 'copied' ? 'Copied' : 'Copy link'}
        </button>
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
        <button
          class="button quiet danger-text revoke"
          ?disabled=${busy || confirming}
          aria-label="Revoke ${name}"
          @click=${async () => {
            this.confirmRevoke = link.id;
            await this.updateComplete;
            this.renderRoot.querySelector<HTMLButtonElement>(`[data-link-id="${link.id}"] .confirm-revoke`)?.focus();
          }}
        >
          ${icons.trash} Revoke
        </button>
      </div>
      ${
        confirming
          ? html`<div class="confirm" role="group" aria-labelledby="confirm-text-${link.id}">
              <p id="confirm-text-${link.id}">
                <strong>Revoke ${link.label ? `“${link.label}”` : 'this untitled link'}?</strong> It stops working on
                its next request; anyone who opens it sees “This link is no longer available”. This cannot be undone.
              </p>
              <div class="confirm-actions">
                <button class="button danger confirm-revoke" ?disabled=${busy} @click=${() => void this.#revoke(link)}>
                  ${busy ? 'Revoking…' : 'Revoke link'}
                </button>
                <button
                  class="button cancel-revoke"
                  @click=${async () => {
                    this.confirmRevoke = undefined;
                    await this.updateComplete;
                    this.renderRoot.querySelector<HTMLButtonElement>(`[data-link-id="${link.id}"] .revoke`)?.focus();
                  }}
                >
                  Cancel
                </button>
              </div>
            </div>`
          : nothing
      }
      <dl class="stats">
        <div>
          <dt>Created</dt>
          <dd>
            <time datetime=${link.createdAt} title=${formatDateTime(link.createdAt)}
              >${formatShortDate(link.createdAt)}</time
            >
          </dd>
        </div>
        <div>
          <dt>Last used</dt>
          <dd>
            ${link.lastAccessAt ? html`<time datetime=${link.lastAccessAt} title=${formatDateTime(link.lastAccessAt)}>${formatRelative(link.lastAccessAt)}</time>` : 'Never'}
          </dd>
        </div>
        <div>
          <dt>Uses</dt>
          <dd>${link.accessCount.toLocaleString()}</dd>
        </div>
      </dl>
      <div class="passcode">
        <label class="check">
          <input
            type="checkbox"
            .checked=${live(this.#pendingPasscode.get(link.id) ?? link.passcodeEnabled)}
            ?disabled=${busy}
            @change=${(e: Event) => void this.#setPasscode(link, (e.target as HTMLInputElement).checked)}
          />
          Protect this link with a passcode
        </label>
        ${
          link.passcodeEnabled
            ? html`<div class="passcode-row">
                  <span class="passcode-label" id="passcode-label-${link.id}">Passcode</span>
                  <code class="passcode-value" aria-labelledby="passcode-label-${link.id}"
                    >${link.passcode ?? '—'}</code
                  >
                  <button
                    class="button quiet regenerate"
                    ?disabled=${busy}
                    aria-label="Generate new passcode for ${name}"
                    @click=${() => void this.#setPasscode(link, 'regenerate')}
                  >
                    ${icons.refresh} Generate new
                  </button>
                </div>
                <p class="hint">
                  Share the passcode separately from the link. A new passcode signs out everyone who used the old one.
                </p>`
            : nothing
        }
      </div>
      ${
        (model.dashboard.filters ?? []).length
          ? html`<div class="locked">
              <div class="locked-head">
                <span class="locked-title">Locked filters</span>
                ${
                  editing
                    ? nothing
                    : html`<button
                        class="button quiet edit-locked"
                        ?disabled=${busy}
                        aria-label="Edit locked filters of ${name}"
                        @click=${() => (this.editingLocked = { linkId: link.id, value: { ...(link.lockedFilters ?? {}) } })}
                      >
                        ${icons.edit} Edit
                      </button>`
                }
              </div>
              ${
                editing
                  ? html`${renderLockedFiltersEditor({
                        idPrefix: `locked-${link.id}`,
                        definitions: model.dashboard.filters,
                        value: editing.value,
                        disabled: busy,
                        onChange: (value) => (this.editingLocked = { linkId: link.id, value }),
                      })}
                      <div class="confirm-actions">
                        <button
                          class="button primary save-locked"
                          ?disabled=${busy}
                          @click=${() => this.editingLocked && void this.#saveLocked(link, this.editingLocked.value)}
                        >
                          Save filters
                        </button>
                        <button class="button" @click=${() => (this.editingLocked = undefined)}>Cancel</button>
                      </div>`
                  : locked.length
                    ? html`<ul class="chips">
                        ${locked.map((text) => html`<li class="chip">${text}</li>`)}
                      </ul>`
                    : html`<p class="hint">None: visitors can use every filter.</p>`
              }
            </div>`
          : nothing
      }
      <div class="locked embedding">
        <div class="locked-head">
          <span class="locked-title">Allowed sites (embedding)</span>
          ${
            embedding
              ? nothing
              : html`<button
                  class="button quiet edit-embedding"
                  ?disabled=${busy}
                  aria-label="Edit the sites allowed to embed ${name}"
                  @click=${async () => {
                    this.editingEmbedding = { linkId: link.id, draft: draftFromLink(link), error: '' };
                    await this.updateComplete;
                    this.renderRoot.querySelector<HTMLElement>(`[data-link-id="${link.id}"] .embed-mode`)?.focus();
                  }}
                >
                  ${icons.edit} Edit
                </button>`
          }
        </div>
        ${
          embedding
            ? html`${renderEmbeddingEditor({
                  idPrefix: `embed-${link.id}`,
                  name,
                  link,
                  draft: embedding.draft,
                  error: embedding.error,
                  disabled: busy,
                  onChange: (draft) => (this.editingEmbedding = { linkId: link.id, draft, error: '' }),
                })}
                <div class="confirm-actions">
                  <button
                    class="button primary save-embedding"
                    ?disabled=${busy}
                    @click=${() => this.editingEmbedding && void this.#saveEmbedding(link, this.editingEmbedding.draft)}
                  >
                    Save
                  </button>
                  <button
                    class="button cancel-embedding"
                    @click=${async () => {
                      this.editingEmbedding = undefined;
                      await this.updateComplete;
                      this.renderRoot
                        .querySelector<HTMLButtonElement>(`[data-link-id="${link.id}"] .edit-embedding`)
                        ?.focus();
                    }}
                  >
                    Cancel
                  </button>
                </div>`
            : renderEmbeddingSummary(link)
        }
      </div>
      ${error ? html`<p class="field-error" role="alert">${extraIcons.error}<span>${error}</span></p>` : nothing}
    </li>`;
  }
}

/**
 * The page's scroll lock, shared by every open dialog: the first to open saves the page's own overflow and the last
 * to close restores it, whatever order they open and close in.
 */
const scrollLock = {
  count: 0,
  previous: '',
  acquire() {
    if (this.count++ === 0) {
      this.previous = document.documentElement.style.overflow;
      document.documentElement.style.overflow = 'hidden';
    }
  },
  release() {
    if (this.count > 0 && --this.count === 0) document.documentElement.style.overflow = this.previous;
  },
};

/** The focused element, looking through open shadow roots (the card's menu item lives in one). */
function deepActiveElement(): HTMLElement | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}
