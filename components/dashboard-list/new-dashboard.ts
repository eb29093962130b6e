import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { AtlasApiClient } from '../api/client.js';
import { createDashboard, getMe } from '../api/endpoints.js';
import { ApiTask } from '../controllers/api-task.js';
import { errorMessage } from '../internal/atlas-element.js';
import { icons } from '../internal/icons.js';

export interface NewDashboardOptions {
  api: () => AtlasApiClient | undefined;
  /** The dashboard was created; the host element opens it (in edit mode) and reloads its list. */
  onCreated: (dashboard: { id: string; title: string }) => void;
}

interface Form {
  title: string;
  projectId: string;
  description: string;
}

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

/** The limits the server takes (contract/requests.ts createDashboardBody). */
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 2000;

const valueOf = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;

/**
 * The list's New dashboard dialog: title, project (the user's projects, from `GET /api/me`; any member may create)
 * and description, then `POST /api/dashboards`. A refusal, from the form or from the server, is said in the dialog
 * and keeps everything typed. A controller, so the dialog lives in the list's shadow root.
 */
export class NewDashboardDialog implements ReactiveController {
  readonly #host: Host;
  readonly #options: NewDashboardOptions;
  #form: Form = { title: '', projectId: '', description: '' };
  #error = '';
  #creating = false;
  #opener?: HTMLElement;

  readonly #projects: ApiTask<readonly [AtlasApiClient | undefined], { id: string; name: string }[]>;

  constructor(host: Host, options: NewDashboardOptions) {
    this.#host = host;
    this.#options = options;
    this.#projects = new ApiTask(host, {
      autoRun: false,
      args: () => [options.api()] as const,
      task: async ([api], { signal }) => (api ? (await getMe(api, { signal })).projects : []),
    });
    host.addController(this);
  }

  hostUpdate(): void {
    // The first project is picked once the projects are known (as the select shows it).
    const projects = this.#projects.value ?? [];
    if (!projects.some((p) => p.id === this.#form.projectId) && projects[0])
      this.#form = { ...this.#form, projectId: projects[0].id };
  }

  get #dialog() {
    return this.#host.renderRoot.querySelector<HTMLDialogElement>('dialog.new-dashboard-dialog');
  }

  /** Opens the dialog with an empty form; focus goes back to `opener` when it closes without creating. */
  open(opener?: HTMLElement): void {
    this.#form = { title: '', projectId: this.#form.projectId, description: '' };
    this.#error = '';
    this.#opener = opener;
    if (this.#projects.status !== 'complete' && this.#projects.status !== 'pending') void this.#projects.run();
    this.#host.requestUpdate();
    this.#dialog?.showModal();
  }

  #update(patch: Partial<Form>) {
    this.#form = { ...this.#form, ...patch };
    this.#error = '';
    this.#host.requestUpdate();
  }

  #problem(): string {
    if (!this.#form.title.trim()) return 'Give the dashboard a title.';
    if (this.#form.title.trim().length > TITLE_MAX) return `The title can have at most ${TITLE_MAX} characters.`;
    if (!this.#form.projectId) return 'Pick a project.';
    if (this.#form.description.length > DESCRIPTION_MAX)
      return `The description can have at most ${DESCRIPTION_MAX.toLocaleString('en')} characters.`;
    return '';
  }

  #submit = async (event: Event) => {
    event.preventDefault();
    const api = this.#options.api();
    if (this.#creating || !api) return;
    this.#error = this.#problem();
    if (this.#error) {
      this.#host.requestUpdate();
      return;
    }
    this.#creating = true;
    this.#host.requestUpdate();
    try {
      const { title, projectId, description } = this.#form;
      const { dashboard } = await createDashboard(api, {
        title: title.trim(),
        projectId,
        description: description.trim(),
      });
      this.#opener = undefined; // focus goes to the opened dashboard, not back to the button
      this.#dialog?.close();
      this.#options.onCreated({ id: dashboard.id, title: dashboard.title });
    } catch (error) {
      this.#error = `Could not create the dashboard: ${errorMessage(error)}`;
    } finally {
      this.#creating = false;
      this.#host.requestUpdate();
    }
  };

  #onClose = () => this.#opener?.focus();

  /** The New dashboard button, for the toolbar and the empty state. */
  renderButton(className = '') {
    return html`<button
      class="button primary new-dashboard ${className}"
      type="button"
      @click=${(e: Event) => this.open(e.currentTarget as HTMLElement)}
    >
      ${icons.plus} New dashboard
    </button>`;
  }

  #renderProjects() {
    const projects = this.#projects.value ?? [];
    if (this.#projects.status === 'error')
      return html`<p class="form-error" role="alert">
        Could not load your projects: ${errorMessage(this.#projects.error)}
        <button class="button" type="button" @click=${() => void this.#projects.run()}>Try again</button>
      </p>`;
    return html`<label
      >Project
      <select name="project" @change=${(e: Event) => this.#update({ projectId: valueOf(e) })}>
        ${projects.map((p) => html`<option value=${p.id} ?selected=${p.id === this.#form.projectId}>${p.name}</option>`)}
      </select>
    </label>`;
  }

  render() {
    const form = this.#form;
    return html`<dialog
      class="new-dashboard-dialog"
      part="new-dashboard-dialog"
      aria-labelledby="new-dashboard-title"
      @close=${this.#onClose}
    >
      <form class="new-dashboard-form" @submit=${this.#submit} novalidate>
        <div class="dialog-body">
          <h2 id="new-dashboard-title">New dashboard</h2>
          <p>You will own it. It opens in edit mode, ready for widgets.</p>
          ${this.#projects.status === 'pending' ? html`<p role="status">Loading your projects…</p>` : nothing}
          <div class="fields">
            <label
              >Title
              <input
                type="text"
                name="title"
                autofocus
                maxlength=${TITLE_MAX}
                .value=${form.title}
                @input=${(e: Event) => this.#update({ title: valueOf(e) })}
              />
            </label>
            ${this.#renderProjects()}
            <label
              ><span>Description <span class="hint">(optional)</span></span>
              <textarea
                name="description"
                rows="3"
                maxlength=${DESCRIPTION_MAX}
                .value=${form.description}
                @input=${(e: Event) => this.#update({ description: valueOf(e) })}
              ></textarea>
            </label>
            ${this.#error ? html`<p class="form-error" role="alert">${this.#error}</p>` : nothing}
          </div>
        </div>
        <div class="dialog-actions">
          <button class="button" type="button" @click=${() => this.#dialog?.close()}>Cancel</button>
          <button class="button primary" type="submit" ?disabled=${this.#creating}>
            ${this.#creating ? 'Creating…' : 'Create and edit'}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}

/** The dialog's form (`dialogStyles` gives the dialog itself). */
export const newDashboardStyles = css`
  .new-dashboard-form .fields {
    display: grid;
    gap: 0.9rem;
    margin-block-start: 1rem;
  }
  .new-dashboard-form label {
    display: grid;
    gap: 0.3rem;
    font-size: 0.85rem;
    font-weight: 600;
  }
  .new-dashboard-form input,
  .new-dashboard-form select,
  .new-dashboard-form textarea {
    font: inherit;
    font-weight: 400;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    color: var(--_fg);
  }
  .new-dashboard-form textarea {
    resize: vertical;
  }
  .new-dashboard-form .hint {
    font-weight: 400;
    color: var(--_muted);
  }
  .dialog-body .form-error {
    color: var(--_danger);
    font-size: 0.85rem;
    margin: 0;
  }
  /* The count already takes the free space (margin-inline-start: auto): the button sits at the end, after it. */
  .empty .new-dashboard {
    margin-block-start: 0.75rem;
  }
`;
