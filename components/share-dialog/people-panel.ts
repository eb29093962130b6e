/* eslint-disable lit-a11y/accessible-name, lit-a11y/click-events-have-key-events -- The rule cannot see the
   <label for> naming the combobox; the APG combobox's options are clicked, and keys go to the input. */
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { icons } from '../internal/icons.js';
import type { DashboardRole } from '../internal/types.js';
import { initials } from './format.js';
import { requestChange } from './intent.js';
import styles from './people-panel.styles.js';
import { extraIcons } from './share-dialog.icons.js';
import {
  canManage,
  isBusy,
  readerPeople,
  ROLE_LABEL,
  ROLES,
  whyNotShareable,
  type ShareState,
} from './sharing-model.js';
import type { AccessWarning, SharedUser, UserRef } from './types.js';
import { UserComboboxController } from './user-combobox.js';

/** Asks the server for users whose username or email starts with `query` (`GET /api/users`). */
export type UserSearch = (query: string, signal: AbortSignal) => Promise<UserRef[]>;

/**
 * @summary The people part of `<atlas-share-dialog>`: the "Add people" box with suggestions, the role for the person
 * added, the people who have access with their roles, and warnings about data sources someone cannot read.
 * @tag atlas-people-panel
 *
 * It renders `model` and asks for every change with `atlas-share-intent`; `<atlas-share-dialog>` makes the change.
 * Readers (everyone but the owners) see the owner, themselves and the dashboard's access summary, with the controls
 * disabled and the reason.
 *
 * @event {AtlasShareIntentEvent} atlas-share-intent - The user asked to add someone, change a role or remove someone.
 *
 * @csspart warning - The banner naming people who cannot read some of the dashboard's data sources.
 */
export class AtlasPeoplePanel extends LitElement {
  static override styles = styles;

  /** The sharing state to show (from `<atlas-share-dialog>`). */
  @property({ attribute: false }) model?: ShareState;

  /** Finds users to suggest as the owner types. */
  @property({ attribute: false }) searchUsers?: UserSearch;

  @state() private addRole: DashboardRole = 'viewer';
  @query('#user-input') private input?: HTMLInputElement;

  #combo = new UserComboboxController(this, {
    search: (q, signal) => this.searchUsers?.(q, signal) ?? Promise.resolve([]),
    unavailable: (user) => (this.model ? whyNotShareable(this.model.data, user.username, user.email) : undefined),
    submit: () => void this.#add(),
    picked: () => this.#dismissError(),
  });

  #dismissError() {
    if (this.model?.errors.user) void requestChange(this, { kind: 'dismiss-error', slot: 'user' });
  }

  async #add() {
    const model = this.model;
    if (!model || !canManage(model) || isBusy(model, 'add-user')) return;
    const outcome = await requestChange(this, { kind: 'add-user', user: this.#combo.value, role: this.addRole });
    if (outcome.ok) this.#combo.reset();
    await this.updateComplete;
    this.input?.focus();
  }

  async #changeRole(user: SharedUser, role: DashboardRole) {
    if (role !== user.role) await requestChange(this, { kind: 'change-role', username: user.username, role });
  }

  async #remove(user: SharedUser, index: number) {
    const outcome = await requestChange(this, { kind: 'remove-user', username: user.username });
    if (!outcome.ok) return;
    await this.updateComplete;
    // Keep keyboard users in the list: focus the next Remove button, else the previous one, else the box.
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.person .remove')];
    (buttons[index] ?? buttons[index - 1] ?? this.input)?.focus();
  }

  override render() {
    const model = this.model;
    if (!model) return nothing;
    const owner = canManage(model);
    const sharing = model.data.sharing;
    const ownerName = model.data.dashboard.owner.name;
    const peopleError = model.errors.people;
    return html`
      ${
        owner
          ? nothing
          : html`<p id="people-reason" class="reason">
              ${extraIcons.info}<span
                >Only the owner, ${ownerName}, can add people or change access. Ask them if someone else needs it.</span
              >
            </p>`
      }
      ${this.#renderAddForm(model, owner)}
      ${sharing?.warnings.length ? renderAccessWarnings(sharing.warnings) : nothing}
      ${
        peopleError
          ? html`<p class="field-error" role="alert">${extraIcons.error}<span>${peopleError}</span></p>`
          : nothing
      }
      <ul class="plain people" aria-label="People with access">
        ${
          owner && sharing
            ? html`${this.#renderPerson(model.data.dashboard.owner, 'Owner')}
              ${sharing.users.map((user, index) => this.#renderSharedUser(user, index, model))}`
            : readerPeople(model.data).map((row) => this.#renderPerson(row.user, row.role))
        }
      </ul>
      ${owner ? nothing : html`<p class="summary">${model.data.dashboard.access.summary}</p>`}
    `;
  }

  #renderAddForm(model: ShareState, owner: boolean) {
    const combo = this.#combo;
    const userError = model.errors.user;
    const adding = isBusy(model, 'add-user');
    const activeId = combo.expanded && combo.active >= 0 ? `user-option-${combo.active}` : undefined;
    const describedBy = ['user-hint', userError ? 'user-error' : '', owner ? '' : 'people-reason']
      .filter(Boolean)
      .join(' ');
    const hint = combo.loading
      ? 'Searching…'
      : combo.searchError ||
        (owner
          ? 'People in your organization. Viewers can look; authors can also edit.'
          : 'Sharing is managed by the owner.');
    return html`<form class="add" @submit=${(e: Event) => (e.preventDefault(), void this.#add())} novalidate>
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
            aria-invalid=${userError ? 'true' : 'false'}
            ?autofocus=${owner}
            ?disabled=${!owner}
            .value=${live(combo.value)}
            @input=${(e: Event) => {
              combo.setValue((e.target as HTMLInputElement).value);
              this.#dismissError();
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
                <span class="avatar round-badge" aria-hidden="true">${initials(user.name)}</span>
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
          ?disabled=${!owner || adding}
          aria-describedby=${ifDefined(owner ? undefined : 'people-reason')}
        >
          ${adding ? 'Adding…' : 'Add'}
        </button>
      </div>
      <p id="user-hint" class="hint">${hint}</p>
      ${
        userError
          ? html`<p id="user-error" class="field-error" role="alert">${extraIcons.error}<span>${userError}</span></p>`
          : nothing
      }
    </form>`;
  }

  /** Avatar, name (with "(you)") and username · email: the same in the owner's and everyone else's list. */
  #renderIdentity(user: { username: string; name: string; email?: string }) {
    const you = user.username === this.model?.data.me.username;
    return html`<span class="avatar round-badge" aria-hidden="true">${initials(user.name)}</span>
      <span class="who">
        <span class="name">${user.name}${you ? html` <span class="you">(you)</span>` : nothing}</span>
        <span class="meta">${user.username}${user.email ? ` · ${user.email}` : ''}</span>
      </span>`;
  }

  #renderPerson(user: { username: string; name: string; email?: string }, roleText: string) {
    return html`<li class="row person">
      ${this.#renderIdentity(user)}
      <span class="role-text">${roleText}</span>
    </li>`;
  }

  #renderSharedUser(user: SharedUser, index: number, model: ShareState) {
    const busy = isBusy(model, `user:${user.username}`);
    return html`<li class="row person">
      ${this.#renderIdentity(user)}
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
        @click=${() => void this.#remove(user, index)}
      >
        ${icons.trash}
      </button>
    </li>`;
  }
}

/** P5: who cannot read which of the dashboard's data sources. */
function renderAccessWarnings(warnings: AccessWarning[]) {
  const oneSource = warnings.length === 1 && warnings[0]!.dataSources.length === 1;
  return html`<div class="banner warning people-warnings" part="warning" role="note" aria-label="Data access warnings">
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
        They will not see widgets that use ${oneSource ? 'this source' : 'these sources'}. A project owner can give them
        a project role that reads it.
      </p>
    </div>
  </div>`;
}
