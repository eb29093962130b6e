import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { AtlasApiClient } from '../api/client.js';
import { getMe, listDataSources } from '../api/endpoints.js';
import { ApiTask } from '../controllers/api-task.js';
import { errorMessage } from '../internal/atlas-element.js';
import type { DataSourceInfo } from '../internal/types.js';
import type { DraftWidget, WidgetSpec } from './edit-draft.js';
import {
  AGGREGATIONS,
  WIDGET_TYPES,
  buildQuery,
  formFromWidget,
  isSimpleQuery,
  metricFields,
  sameQueryChoices,
  validateDraft,
  type WidgetDraftForm,
  withDefaultGroupBy,
} from './widget-draft.js';

export interface WidgetEditorOptions {
  api: () => AtlasApiClient | undefined;
  /** The project whose data sources the new widget may use. */
  projectId: () => string | undefined;
  /** A valid widget was submitted; the dialog closes itself. */
  onAdd: (widget: WidgetSpec) => void;
  /** An existing widget's form was submitted valid (Edit widget); the dialog closes itself. */
  onEdit: (widget: DraftWidget, spec: WidgetSpec) => void;
}

type EditorHost = ReactiveControllerHost & { readonly renderRoot: ParentNode };

const emptyForm = (): WidgetDraftForm => ({
  title: '',
  dataSourceId: '',
  type: 'bar',
  agg: 'sum',
  field: '',
  dimension: '',
  bucket: 'month',
});

const selected = (e: Event) => (e.target as HTMLSelectElement).value;

/**
 * Edit mode's Add widget and Edit widget dialog (one form for both): loads the project's data sources, keeps the simple query builder's form and checks it.
 * A controller rather than an element, so the dialog stays in the dashboard's shadow root with the dashboard's
 * `editor-dialog` part.
 */
export class WidgetEditor implements ReactiveController {
  readonly #host: EditorHost;
  readonly #options: WidgetEditorOptions;
  #form: WidgetDraftForm = emptyForm();
  #error = '';
  #opener?: HTMLElement;
  /** The widget Edit widget is changing, with the form it opened with; undefined for Add widget. */
  #editing?: { widget: DraftWidget; initial: WidgetDraftForm };
  /** The project the data sources were loaded for: another dashboard's project needs its own. */
  #sourcesProject?: string;

  readonly #sources: ApiTask<
    readonly [AtlasApiClient | undefined, string | undefined],
    (DataSourceInfo & { readable: boolean })[]
  >;

  constructor(host: EditorHost, options: WidgetEditorOptions) {
    this.#host = host;
    this.#options = options;
    this.#sources = new ApiTask(host, {
      autoRun: false,
      args: () => [options.api(), options.projectId()] as const,
      task: async ([api, projectId], { signal }) => {
        if (!api || !projectId) return [];
        const [body, me] = await Promise.all([
          listDataSources(api, { projectId }, { signal }),
          getMe(api, { signal }).catch(() => undefined),
        ]);
        // P4 (issue 17): the server refuses a widget on a source the author's project role may not read (403
        // data_source_forbidden), so those are offered disabled rather than failing on Save.
        const role = me?.projects.find((p) => p.id === projectId)?.role;
        return body.dataSources.map((s) => ({ ...s, readable: !role || s.readableBy.includes(role) }));
      },
    });
    host.addController(this);
  }

  hostUpdate(): void {
    // Data sources that arrive while the dialog is open pick the first source (as the select shows).
    if (this.#sources.status === 'complete' && !this.#currentSource) this.#form = this.#normalize(this.#form, true);
  }

  /** Loads the data sources when edit mode starts, unless they are loaded (or loading) for this project already. */
  loadSources(): void {
    const project = this.#options.projectId();
    const failed = this.#sources.status === 'initial' || this.#sources.status === 'error';
    if (!failed && project === this.#sourcesProject) return;
    this.#sourcesProject = project;
    void this.#sources.run();
  }

  /** The name of a data source, for a new widget's placeholder. */
  sourceName(id: string): string | undefined {
    return this.#sources.value?.find((s) => s.id === id)?.name;
  }

  /** Opens the dialog with a form that only lacks a title; focus goes back to `opener` when it closes. */
  open(opener?: HTMLElement): void {
    this.#form = this.#normalize(emptyForm(), true);
    this.#editing = undefined;
    this.#show(opener);
  }

  /** Opens the same dialog filled with an existing widget's title, chart type, source and query. */
  openEdit(widget: DraftWidget, opener?: HTMLElement): void {
    const form = formFromWidget(widget);
    this.#form = this.#sources.status === 'complete' ? this.#normalize(form) : form;
    this.#editing = { widget, initial: this.#form };
    this.#show(opener);
  }

  #show(opener?: HTMLElement) {
    this.#error = '';
    this.#opener = opener;
    this.#host.requestUpdate();
    this.#dialog?.showModal();
  }

  get #dialog() {
    return this.#host.renderRoot.querySelector<HTMLDialogElement>('dialog.editor-dialog');
  }

  get #currentSource(): DataSourceInfo | undefined {
    return this.#sources.value?.find((s) => s.id === this.#form.dataSourceId);
  }

  #update(patch: Partial<WidgetDraftForm>) {
    // A new source or chart type gets a default “Group by”; clearing the field itself is left as the user chose.
    const regroup = 'dataSourceId' in patch || 'type' in patch;
    // A KPI cannot be grouped: switching to it drops the “Group by” (often the default one) rather than failing Add.
    const ungroup = patch.type === 'kpi' ? { dimension: '' } : {};
    this.#form = this.#normalize({ ...this.#form, ...patch, ...ungroup }, regroup);
    this.#error = '';
    this.#host.requestUpdate();
  }

  /** Keeps the form consistent with the loaded sources: a source is always picked, and a field that exists in it. */
  #normalize(form: WidgetDraftForm, regroup = false): WidgetDraftForm {
    let next = form;
    const sources = this.#sources.value ?? [];
    const first = sources.find((s) => s.readable) ?? sources[0];
    if (!sources.some((s) => s.id === next.dataSourceId) && first) next = { ...next, dataSourceId: first.id };
    const source = sources.find((s) => s.id === next.dataSourceId);
    const fields = metricFields(source, next.agg);
    if (next.agg !== 'count' && !fields.some((f) => f.name === next.field))
      next = { ...next, field: fields[0]?.name ?? '' };
    if (next.dimension && !source?.fields.some((f) => f.name === next.dimension)) next = { ...next, dimension: '' };
    return regroup ? withDefaultGroupBy(next, source) : next;
  }

  #submit = (event: Event) => {
    event.preventDefault();
    const source = this.#currentSource;
    const problem = validateDraft(this.#form, source);
    if (problem || !source) {
      this.#error = problem;
      this.#host.requestUpdate();
      return;
    }
    const form = this.#form;
    const editing = this.#editing;
    // An edit that leaves the query choices alone keeps the widget's own query (its sort, limit, filters, labels).
    const keepQuery = editing && sameQueryChoices(form, editing.initial);
    const spec: WidgetSpec = {
      title: form.title.trim(),
      type: form.type,
      dataSourceId: source.id,
      query: keepQuery ? editing.widget.query : buildQuery(form, source),
    };
    if (editing) this.#options.onEdit(editing.widget, spec);
    else this.#options.onAdd(spec);
    this.#dialog?.close();
  };

  #onClose = () => this.#opener?.focus();

  #renderStatus() {
    if (this.#sources.status === 'pending') return html`<p role="status">Loading data sources…</p>`;
    if (this.#sources.status === 'error')
      return html`<p class="form-error" role="alert">
        Could not load data sources: ${errorMessage(this.#sources.error)}
      </p>`;
    return nothing;
  }

  #renderMetric() {
    const form = this.#form;
    const fields = metricFields(this.#currentSource, form.agg);
    return html`<div class="row">
      <label
        >Metric
        <select @change=${(e: Event) => this.#update({ agg: selected(e) as WidgetDraftForm['agg'] })}>
          ${AGGREGATIONS.map((a) => html`<option value=${a.id} ?selected=${a.id === form.agg}>${a.label}</option>`)}
        </select>
      </label>
      ${
        form.agg === 'count'
          ? html`<span></span>`
          : html`<label
              >Of field
              <select @change=${(e: Event) => this.#update({ field: selected(e) })}>
                ${fields.map((f) => html`<option value=${f.name} ?selected=${f.name === form.field}>${f.label}</option>`)}
              </select>
            </label>`
      }
    </div>`;
  }

  #renderGrouping() {
    const form = this.#form;
    const source = this.#currentSource;
    const dimField = source?.fields.find((f) => f.name === form.dimension);
    return html`<div class="row">
      <label
        ><span>Group by <span class="hint">(optional)</span></span>
        <select @change=${(e: Event) => this.#update({ dimension: selected(e) })}>
          <option value="" ?selected=${!form.dimension}>Nothing (one value)</option>
          ${(source?.fields ?? []).map((f) => html`<option value=${f.name} ?selected=${f.name === form.dimension}>${f.label}</option>`)}
        </select>
      </label>
      ${
        dimField?.type === 'date'
          ? html`<label
              >Time bucket
              <select @change=${(e: Event) => this.#update({ bucket: selected(e) as WidgetDraftForm['bucket'] })}>
                ${(['day', 'week', 'month'] as const).map((b) => html`<option value=${b} ?selected=${b === form.bucket}>${b[0]!.toUpperCase() + b.slice(1)}</option>`)}
              </select>
            </label>`
          : html`<span></span>`
      }
    </div>`;
  }

  render() {
    const form = this.#form;
    const sources = this.#sources.value ?? [];
    return html`<dialog
      class="editor-dialog"
      part="editor-dialog"
      aria-labelledby="editor-title"
      @close=${this.#onClose}
    >
      <form class="editor" @submit=${this.#submit} novalidate>
        <div class="dialog-body">
          <h2 id="editor-title">${this.#editing ? 'Edit widget' : 'Add a widget'}</h2>
          ${this.#renderStatus()}
          ${
            this.#editing && !isSimpleQuery(this.#editing.widget.query)
              ? html`<p class="hint">
                  This widget's query has more than this form shows. It is kept unless you change the source, metric or
                  grouping.
                </p>`
              : nothing
          }
          <div class="editor-fields">
            <label
              >Title
              <input
                type="text"
                name="title"
                autofocus
                .value=${form.title}
                @input=${(e: Event) => this.#update({ title: (e.target as HTMLInputElement).value })}
              />
            </label>
            <div class="row">
              <label
                >Data source
                <select
                  .value=${form.dataSourceId}
                  @change=${(e: Event) => this.#update({ dataSourceId: selected(e) })}
                >
                  ${sources.map(
                    (s) =>
                      html`<option value=${s.id} ?selected=${s.id === form.dataSourceId} ?disabled=${!s.readable}>
                        ${s.name}${s.readable ? '' : ' (you cannot read it)'}
                      </option>`,
                  )}
                </select>
              </label>
              <label
                >Chart type
                <select @change=${(e: Event) => this.#update({ type: selected(e) as WidgetDraftForm['type'] })}>
                  ${WIDGET_TYPES.map((t) => html`<option value=${t.id} ?selected=${t.id === form.type}>${t.label}</option>`)}
                </select>
              </label>
            </div>
            ${this.#renderMetric()} ${this.#renderGrouping()}
            ${this.#error ? html`<p class="form-error" role="alert">${this.#error}</p>` : nothing}
          </div>
        </div>
        <div class="dialog-actions">
          <button class="button" type="button" @click=${() => this.#dialog?.close()}>Cancel</button>
          <button class="button primary" type="submit">${this.#editing ? 'Apply' : 'Add widget'}</button>
        </div>
      </form>
    </dialog>`;
  }
}
