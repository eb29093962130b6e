/* eslint-disable lit-a11y/role-has-required-aria-attrs -- The rule cannot see that a checkbox with role="switch"
   carries its own checked state. */
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { icons } from '../internal/icons.js';
import styles from './general-access.styles.js';
import { requestChange } from './intent.js';
import { extraIcons } from './share-dialog.icons.js';
import {
  canManage,
  isBusy,
  organizationName,
  PROJECT_ROLES,
  projectAccessRole,
  projectName,
  ROLE_LABEL,
  type ShareState,
} from './sharing-model.js';
import type { ProjectAccessRole } from './types.js';

/**
 * @summary The "General access" part of `<atlas-share-dialog>` (U5): everyone in the dashboard's project, with a
 * role, and everyone in the organization (view only).
 * @tag atlas-general-access
 *
 * It renders `model` and asks for every change with `atlas-share-intent`; `<atlas-share-dialog>` makes the change.
 * Only owners see it: nothing is rendered for anyone else (their access summary says it all).
 *
 * @event {AtlasShareIntentEvent} atlas-share-intent - The owner switched project- or organization-wide access, or
 *   changed the project's role.
 */
export class AtlasGeneralAccess extends LitElement {
  static override styles = styles;

  /** The sharing state to show (from `<atlas-share-dialog>`). */
  @property({ attribute: false }) model?: ShareState;

  #setProject(enabled: boolean, role: ProjectAccessRole) {
    void requestChange(this, { kind: 'project-access', enabled, role });
  }

  #setOrganization(enabled: boolean) {
    void requestChange(this, { kind: 'organization-access', enabled });
  }

  override render() {
    const model = this.model;
    const sharing = model?.data.sharing;
    if (!model || !sharing || !canManage(model)) return nothing;
    const project = projectName(model.data);
    const organization = organizationName(model.data);
    const projectBusy = isBusy(model, 'project');
    const role = projectAccessRole(model.data);
    const error = model.errors.general;
    return html`<h4 id="general-title">General access</h4>
      ${error ? html`<p class="field-error" role="alert">${extraIcons.error}<span>${error}</span></p>` : nothing}
      <ul class="plain general" aria-labelledby="general-title">
        <li class="row access-row">
          <span class="access-icon round-badge" aria-hidden="true">${icons.group}</span>
          <span class="who">
            <label class="name" for="project-switch">Everyone in ${project}</label>
            <span class="meta" id="project-help"
              >Every member of the ${project} project. A person's own role overrides it.</span
            >
          </span>
          <select
            class="role"
            aria-label="Role for everyone in ${project}"
            ?disabled=${!sharing.project.enabled || projectBusy}
            .value=${live(role)}
            @change=${(e: Event) => this.#setProject(true, (e.target as HTMLSelectElement).value as ProjectAccessRole)}
          >
            ${PROJECT_ROLES.map((r) => html`<option value=${r} ?selected=${r === role}>${ROLE_LABEL[r]}</option>`)}
          </select>
          <input
            id="project-switch"
            class="switch"
            type="checkbox"
            role="switch"
            aria-describedby="project-help"
            .checked=${live(sharing.project.enabled)}
            ?disabled=${projectBusy}
            @change=${(e: Event) => this.#setProject((e.target as HTMLInputElement).checked, role)}
          />
        </li>
        <li class="row access-row">
          <span class="access-icon round-badge" aria-hidden="true">${icons.office}</span>
          <span class="who">
            <label class="name" for="org-switch">Everyone in ${organization} can view</label>
            <span class="meta" id="org-help"
              >Listed under the Organization filter for everyone in ${organization}.</span
            >
          </span>
          <input
            id="org-switch"
            class="switch"
            type="checkbox"
            role="switch"
            aria-describedby="org-help"
            .checked=${live(sharing.organization.enabled)}
            ?disabled=${isBusy(model, 'organization')}
            @change=${(e: Event) => this.#setOrganization((e.target as HTMLInputElement).checked)}
          />
        </li>
      </ul>`;
  }
}
