import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { ApiTask } from '../controllers/api-task.js';
import { RefreshTimerController } from '../controllers/refresh-timer.js';
import { AtlasDashboardSaveEvent } from '../events/dashboard-save.js';
import { AtlasFiltersChangeEvent } from '../events/filters-change.js';
import { AtlasShareEvent } from '../events/share.js';
import { AtlasElement, errorMessage } from '../internal/atlas-element.js';
import { emit } from '../internal/emit.js';
import { downloadFile, fileSafe } from '../internal/download.js';
import { ACCESS_LABEL, accessIcon, icons } from '../internal/icons.js';
import { activeFilters, filtersQuery, loadSessionFilters, saveSessionFilters } from '../internal/session-filters.js';
import { openShareDialog } from '../internal/share-dialog-opener.js';
import type {
  DashboardDetail,
  DataSourceInfo,
  FilterValue,
  FilterValues,
  WidgetDefinition,
  WidgetPosition,
} from '../internal/types.js';
import { AtlasApiError, type AtlasApiClient } from '../api/client.js';
import {
  addWidget,
  exportDashboard,
  getDashboard,
  listDataSources,
  removeWidget,
  updateDashboard,
} from '../api/endpoints.js';
import { widgetDataLoader } from '../widget/loader.js';
import type { WidgetLoader } from '../widget/types.js';
import { dialogStyles } from '../styles/dialog.js';
import { hostStyles } from '../styles/host.js';
import styles from './dashboard.styles.js';
import { renderFilterBar } from './filter-bar.js';
import {
  AGGREGATIONS,
  WIDGET_TYPES,
  buildQuery,
  metricFields,
  nextPosition,
  validateDraft,
  type NewWidget,
  type WidgetDraftForm,
} from './widget-draft.js';

interface EditDraft {
  title: string;
  removed: Set<string>;
  added: NewWidget[];
}

const emptyForm = (): WidgetDraftForm => ({
  title: '',
  dataSourceId: '',
  type: 'bar',
  agg: 'sum',
  field: '',
  dimension: '',
  bucket: 'month',
});

/**
 * @summary The signed-in view of one dashboard: its widgets in a 12-column grid, the global filter bar (kept per
 * browser session, never saved), refresh at the dashboard's interval, XLSX export, and an Edit mode for authors and
 * owners (edit title, add a widget from a data source with a simple query, remove widgets, Save, Cancel).
 * Controls the user's role may not use are not rendered at all.
 * @tag atlas-dashboard
 *
 * @event {AtlasShareEvent} atlas-share - The owner chose Share; an `<atlas-share-dialog>` opens when one is registered.
 *   `detail: { dashboardId, title }`.
 * @event {AtlasFiltersChangeEvent} atlas-filters-change - The user changed a global filter.
 *   `detail: { dashboardId, filters }`.
 * @event {AtlasDashboardSaveEvent} atlas-dashboard-save - Edit mode was saved. `detail: { dashboardId, title }`.
 *
 * @csspart header - Title, description, access line and actions.
 * @csspart title - The dashboard title (or its input in edit mode).
 * @csspart actions - The action buttons.
 * @csspart filter-bar - The global filter bar.
 * @csspart filter - Each filter control.
 * @csspart grid - The widget grid.
 * @csspart widget - Each grid cell holding an `<atlas-widget>`.
 * @csspart editor-dialog - The Add widget dialog.
 * @csspart error - The error state.
 * @csspart config-error - The message shown without an `<atlas-provider>`.
 *
 * @cssproperty [--atlas-row-height=5.25rem] - Height of one grid row (widgets span `position.h` rows).
 * @cssproperty [--atlas-widget-gap=1rem] - Gap between widgets.
 * @cssproperty [--atlas-dashboard-title-size=1.5rem] - Title font size.
 * @cssproperty [--atlas-accent=#2557d6] - Accent colour.
 */
export class AtlasDashboard extends AtlasElement {
  static override styles = [hostStyles, dialogStyles, styles];

  readonly #task = new ApiTask(this, {
    args: () => [this.api, this.dashboardId] as const,
    task: async ([api, id], { signal }) => {
      if (!api || !id) return undefined;
      const body = await getDashboard(api, { id }, { signal });
      return body.dashboard;
    },
  });

  readonly #sources = new ApiTask(this, {
    autoRun: false,
    args: () => [this.api, this.#task.value?.projectId] as const,
    task: async ([api, projectId], { signal }) => {
      if (!api || !projectId) return [];
      const body = await listDataSources(api, { projectId }, { signal });
      return body.dataSources;
    },
  });

  readonly #timer = new RefreshTimerController(this, {
    interval: () => (this.editing ? 0 : (this.#task.value?.refreshInterval ?? 0)),
    onTick: () => this.refresh(),
  });

  @query('dialog.editor-dialog') private editorDialog!: HTMLDialogElement;

  @state() private filters: FilterValues = {};
  @state() private openMulti: string | null = null;
  @state() private editing = false;
  @state() private draft?: EditDraft;
  @state() private form: WidgetDraftForm = emptyForm();
  @state() private formError = '';
  @state() private saving = false;
  @state() private saveError = '';
  @state() private exporting = false;
  @state() private exportError = '';
  @state() private lastUpdated?: Date;
  /** Bumped on every refresh; widgets reload their data when it changes. */
  @state() private refreshCount = 0;

  /** Id of the dashboard to show. */
  @property({ attribute: 'dashboard-id', reflect: true }) dashboardId = '';

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('atlas-share-change', this.#onShareChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('atlas-share-change', this.#onShareChange);
  }

  /** The share dialog changed who has access: reload so the permission summary is current. */
  #onShareChange = (event: Event) => {
    const id = (event as Event & { detail?: { dashboardId?: string } }).detail?.dashboardId;
    if (!this.editing && (!id || id === this.dashboardId)) void this.#task.run();
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('dashboardId')) {
      this.editing = false;
      this.draft = undefined;
    }
    // Data sources that arrive while the Add widget dialog is open pick the first source (as the select shows).
    if (
      this.editing &&
      this.#sources.status === 'complete' &&
      !this.#sources.value?.some((s) => s.id === this.form.dataSourceId)
    ) {
      this.form = this.#normalizeForm(this.form);
    }
    // A freshly loaded dashboard: read this session's filters (set here, before render, to avoid a second update).
    const loaded = this.#task.status === 'complete' ? this.#task.value : undefined;
    if (loaded && loaded.id !== this.#loadedId) {
      this.#loadedId = loaded.id;
      this.filters = loadSessionFilters(loaded.id, loaded.filters);
      this.lastUpdated = new Date();
      this.#restartTimer = true;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The interval depends on the loaded dashboard and on edit mode (no refresh while editing).
    if (this.#restartTimer || changed.has('editing' as keyof AtlasDashboard)) this.#timer.restart();
    this.#restartTimer = false;
  }

  #restartTimer = false;

  #loadedId?: string;

  /** Resolves when the dashboard definition has loaded (or failed). */
  get loadComplete(): Promise<void> {
    return this.#task.taskComplete;
  }

  /** Reloads the dashboard definition and every widget's data. */
  refresh(): void {
    if (!this.editing) void this.#task.run().then(() => (this.lastUpdated = new Date()));
    this.refreshCount++;
    this.#timer.restart();
  }

  #onFilterChange = (field: string, value: FilterValue | undefined) => {
    const next = { ...this.filters };
    if (value === undefined) delete next[field];
    else next[field] = value;
    this.#setFilters(next);
  };

  #setFilters(next: FilterValues) {
    const dashboard = this.#task.value;
    if (!dashboard) return;
    this.filters = next;
    saveSessionFilters(dashboard.id, next);
    emit(this, new AtlasFiltersChangeEvent({ dashboardId: dashboard.id, filters: next }));
  }

  async #exportXlsx() {
    const dashboard = this.#task.value;
    if (!dashboard || !this.api) return;
    this.exporting = true;
    this.exportError = '';
    try {
      await downloadFile(
        exportDashboard(this.api, { id: dashboard.id }, { filters: activeFilters(this.filters) }),
        `${fileSafe(dashboard.title)}.xlsx`,
      );
    } catch (error) {
      this.exportError = `Export failed: ${errorMessage(error)}`;
    } finally {
      this.exporting = false;
    }
  }

  #share(event: Event) {
    const dashboard = this.#task.value;
    if (!dashboard || dashboard.role !== 'owner') return;
    emit(this, new AtlasShareEvent({ dashboardId: dashboard.id, title: dashboard.title }));
    openShareDialog(this, dashboard.id, event.currentTarget as HTMLElement);
  }

  // ---- edit mode -------------------------------------------------------------------------------------------------

  async #startEditing() {
    const dashboard = this.#task.value;
    if (!dashboard?.canModify) return;
    this.draft = { title: dashboard.title, removed: new Set(), added: [] };
    this.saveError = '';
    this.editing = true;
    if (this.#sources.status === 'initial' || this.#sources.status === 'error') void this.#sources.run();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('.title-input')?.focus();
  }

  async #cancelEditing() {
    this.editing = false;
    this.draft = undefined;
    this.saveError = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.edit-button')?.focus();
  }

  #removeWidget(id: string, isNew: boolean) {
    if (!this.draft) return;
    if (isNew) this.draft = { ...this.draft, added: this.draft.added.filter((w) => w.tempId !== id) };
    else this.draft = { ...this.draft, removed: new Set([...this.draft.removed, id]) };
    // Focus would be lost with the removed cell: move it to Add widget.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.add-button')?.focus());
  }

  #openEditor() {
    this.form = this.#normalizeForm(emptyForm());
    this.formError = '';
    this.editorDialog.showModal();
  }

  get #currentSource(): DataSourceInfo | undefined {
    return this.#sources.value?.find((s) => s.id === this.form.dataSourceId);
  }

  #updateForm(patch: Partial<WidgetDraftForm>) {
    this.form = this.#normalizeForm({ ...this.form, ...patch });
    this.formError = '';
  }

  /** Keeps the form consistent with the loaded sources: a source is always picked, and a field that exists in it. */
  #normalizeForm(form: WidgetDraftForm): WidgetDraftForm {
    let next = form;
    const sources = this.#sources.value ?? [];
    if (!sources.some((s) => s.id === next.dataSourceId) && sources[0]) next = { ...next, dataSourceId: sources[0].id };
    const source = sources.find((s) => s.id === next.dataSourceId);
    const fields = metricFields(source, next.agg);
    if (next.agg !== 'count' && !fields.some((f) => f.name === next.field))
      next = { ...next, field: fields[0]?.name ?? '' };
    if (next.dimension && !source?.fields.some((f) => f.name === next.dimension)) next = { ...next, dimension: '' };
    return next;
  }

  #addWidget(event: Event) {
    event.preventDefault();
    const source = this.#currentSource;
    const problem = validateDraft(this.form, source);
    if (problem || !source || !this.draft) {
      this.formError = problem;
      return;
    }
    const positions = this.#visibleWidgets().map((w) => w.position);
    const widget: NewWidget = {
      tempId: `new-${Date.now().toString(36)}-${this.draft.added.length}`,
      title: this.form.title.trim(),
      type: this.form.type,
      dataSourceId: source.id,
      query: buildQuery(this.form, source),
      position: nextPosition(positions, this.form.type),
    };
    this.draft = { ...this.draft, added: [...this.draft.added, widget] };
    this.editorDialog.close();
  }

  #onEditorClose() {
    this.renderRoot.querySelector<HTMLButtonElement>('.add-button')?.focus();
  }

  async #save() {
    const dashboard = this.#task.value;
    const draft = this.draft;
    if (!dashboard || !draft || !this.api) return;
    const title = draft.title.trim();
    if (!title) {
      this.saveError = 'The title cannot be empty.';
      return;
    }
    this.saving = true;
    this.saveError = '';
    const api = this.api;
    const id = dashboard.id;
    try {
      if (title !== dashboard.title) await updateDashboard(api, { id }, { title });
      for (const widgetId of draft.removed) await removeWidget(api, { id, widgetId });
      for (const { tempId: _tempId, ...widget } of draft.added) {
        await addWidget(api, { id }, widget);
        // Saved: drop it from the draft so a retry after a later failure does not add it twice.
        this.draft = { ...this.draft!, added: this.draft!.added.filter((w) => w.tempId !== _tempId) };
      }
      this.editing = false;
      this.draft = undefined;
      await this.#task.run();
      this.lastUpdated = new Date();
      this.refreshCount++;
      emit(this, new AtlasDashboardSaveEvent({ dashboardId: dashboard.id, title }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>('.edit-button')?.focus();
    } catch (error) {
      this.saveError = `Could not save: ${errorMessage(error)}`;
    } finally {
      this.saving = false;
    }
  }

  #visibleWidgets(): (WidgetDefinition & { isNew?: boolean; tempId?: string })[] {
    const widgets = this.#task.value?.widgets ?? [];
    if (!this.editing || !this.draft) return widgets;
    const draft = this.draft;
    return [
      ...widgets.filter((w) => !draft.removed.has(w.id)),
      ...draft.added.map((w) => ({ ...w, id: w.tempId, isNew: true })),
    ];
  }

  /**
   * One loader per widget, replaced only when the filters, the client or the refresh count change: `<atlas-widget>`
   * reloads whenever it gets a new loader, so an unrelated re-render must not hand it a fresh one.
   */
  #loaderFor(dashboardId: string, widgetId: string): WidgetLoader {
    const api = this.api!;
    const key = `${dashboardId}|${filtersQuery(this.filters) ?? ''}|${this.refreshCount}`;
    const cached = this.#loaders.get(widgetId);
    if (cached && cached.key === key && cached.api === api) return cached.loader;
    const loader = widgetDataLoader(api, { id: dashboardId, widgetId }, activeFilters(this.filters));
    this.#loaders.set(widgetId, { key, api, loader });
    return loader;
  }

  #loaders = new Map<string, { key: string; api: AtlasApiClient; loader: WidgetLoader }>();

  // ---- rendering -------------------------------------------------------------------------------------------------

  #cellStyle(p: WidgetPosition) {
    return styleMap({
      gridColumn: `${p.x + 1} / span ${Math.min(p.w, 12 - p.x)}`,
      gridRow: `${p.y + 1} / span ${p.h}`,
    });
  }

  #renderWidget(dashboard: DashboardDetail, widget: WidgetDefinition & { isNew?: boolean }) {
    const removeButton = this.editing
      ? html`<button
          class="button remove"
          type="button"
          aria-label=${`Remove widget ${widget.title}`}
          title=${`Remove widget ${widget.title}`}
          @click=${() => this.#removeWidget(widget.id, Boolean(widget.isNew))}
        >
          ${icons.trash}
        </button>`
      : nothing;
    if (widget.isNew) {
      const source = this.#sources.value?.find((s) => s.id === widget.dataSourceId);
      return html`<div class="cell" part="widget" style=${this.#cellStyle(widget.position)}>
        ${removeButton}
        <div class="placeholder">
          <strong>${widget.title}</strong>
          <span
            >${WIDGET_TYPES.find((t) => t.id === widget.type)?.label} from ${source?.name ?? widget.dataSourceId}</span
          >
          <span>New widget: its data appears after you save.</span>
        </div>
      </div>`;
    }
    return html`<div class="cell" part="widget" style=${this.#cellStyle(widget.position)}>
      ${removeButton}
      <atlas-widget .widget=${widget} .loader=${this.#loaderFor(dashboard.id, widget.id)}></atlas-widget>
    </div>`;
  }

  #renderEditor() {
    const sources = this.#sources.value ?? [];
    const source = this.#currentSource;
    const fields = metricFields(source, this.form.agg);
    const dimField = source?.fields.find((f) => f.name === this.form.dimension);
    return html`<dialog
      class="editor-dialog"
      part="editor-dialog"
      aria-labelledby="editor-title"
      @close=${this.#onEditorClose}
    >
      <form class="editor" @submit=${this.#addWidget} novalidate>
        <div class="dialog-body">
          <h2 id="editor-title">Add a widget</h2>
          ${
            this.#sources.status === 'pending'
              ? html`<p role="status">Loading data sources…</p>`
              : this.#sources.status === 'error'
                ? html`<p class="form-error" role="alert">
                    Could not load data sources: ${errorMessage(this.#sources.error)}
                  </p>`
                : nothing
          }
          <div class="editor" style="display:grid;gap:0.9rem;margin-block-start:0.75rem">
            <label
              >Title
              <input
                type="text"
                name="title"
                autofocus
                .value=${this.form.title}
                @input=${(e: Event) => this.#updateForm({ title: (e.target as HTMLInputElement).value })}
              />
            </label>
            <div class="row">
              <label
                >Data source
                <select
                  .value=${this.form.dataSourceId}
                  @change=${(e: Event) => this.#updateForm({ dataSourceId: (e.target as HTMLSelectElement).value })}
                >
                  ${sources.map((s) => html`<option value=${s.id} ?selected=${s.id === this.form.dataSourceId}>${s.name}</option>`)}
                </select>
              </label>
              <label
                >Chart type
                <select
                  @change=${(e: Event) => this.#updateForm({ type: (e.target as HTMLSelectElement).value as WidgetDraftForm['type'] })}
                >
                  ${WIDGET_TYPES.map((t) => html`<option value=${t.id} ?selected=${t.id === this.form.type}>${t.label}</option>`)}
                </select>
              </label>
            </div>
            <div class="row">
              <label
                >Metric
                <select
                  @change=${(e: Event) => this.#updateForm({ agg: (e.target as HTMLSelectElement).value as WidgetDraftForm['agg'] })}
                >
                  ${AGGREGATIONS.map((a) => html`<option value=${a.id} ?selected=${a.id === this.form.agg}>${a.label}</option>`)}
                </select>
              </label>
              ${
                this.form.agg === 'count'
                  ? html`<span></span>`
                  : html`<label
                      >Of field
                      <select
                        @change=${(e: Event) => this.#updateForm({ field: (e.target as HTMLSelectElement).value })}
                      >
                        ${fields.map((f) => html`<option value=${f.name} ?selected=${f.name === this.form.field}>${f.label}</option>`)}
                      </select>
                    </label>`
              }
            </div>
            <div class="row">
              <label
                ><span>Group by <span class="hint">(optional)</span></span>
                <select @change=${(e: Event) => this.#updateForm({ dimension: (e.target as HTMLSelectElement).value })}>
                  <option value="" ?selected=${!this.form.dimension}>Nothing (one value)</option>
                  ${(source?.fields ?? []).map((f) => html`<option value=${f.name} ?selected=${f.name === this.form.dimension}>${f.label}</option>`)}
                </select>
              </label>
              ${
                dimField?.type === 'date'
                  ? html`<label
                      >Time bucket
                      <select
                        @change=${(e: Event) => this.#updateForm({ bucket: (e.target as HTMLSelectElement).value as WidgetDraftForm['bucket'] })}
                      >
                        ${(['day', 'week', 'month'] as const).map((b) => html`<option value=${b} ?selected=${b === this.form.bucket}>${b[0]!.toUpperCase() + b.slice(1)}</option>`)}
                      </select>
                    </label>`
                  : html`<span></span>`
              }
            </div>
            ${this.formError ? html`<p class="form-error" role="alert">${this.formError}</p>` : nothing}
          </div>
        </div>
        <div class="dialog-actions">
          <button class="button" type="button" @click=${() => this.editorDialog.close()}>Cancel</button>
          <button class="button primary" type="submit">Add widget</button>
        </div>
      </form>
    </dialog>`;
  }

  #renderHeader(dashboard: DashboardDetail) {
    const lastUpdated = this.lastUpdated;
    const stale = this.#task.status === 'error' && this.#task.value;
    return html`<div class="header" part="header">
      <div class="heading">
        ${
          this.editing
            ? html`<label class="visually-hidden" for="title-input">Dashboard title</label>
                <input
                  id="title-input"
                  class="title-input"
                  part="title"
                  type="text"
                  maxlength="200"
                  .value=${this.draft?.title ?? ''}
                  @input=${(e: Event) => (this.draft = { ...this.draft!, title: (e.target as HTMLInputElement).value })}
                />`
            : html`<h2 part="title">${dashboard.title}</h2>`
        }
        ${dashboard.description ? html`<p class="description">${dashboard.description}</p>` : nothing}
        <div class="meta">
          <span class="access"
            >${accessIcon(dashboard.access.icon)}<span
              ><span class="visually-hidden">${ACCESS_LABEL[dashboard.access.icon]}: </span
              >${dashboard.access.summary}</span
            ></span
          >
          ${
            lastUpdated
              ? html`<span
                  >Last updated
                  <time datetime=${lastUpdated.toISOString()}>${lastUpdated.toLocaleTimeString()}</time></span
                >`
              : nothing
          }
          ${dashboard.refreshInterval > 0 ? html`<span>Auto-refresh every ${formatInterval(dashboard.refreshInterval)}</span>` : nothing}
          ${stale ? html`<span class="stale" role="status">Could not refresh: showing the last data.</span>` : nothing}
        </div>
      </div>
      <div class="actions" part="actions">
        ${
          this.editing
            ? html`<button class="button add-button" type="button" @click=${this.#openEditor}>
                  ${icons.plus} Add widget
                </button>
                <button class="button" type="button" @click=${this.#cancelEditing} ?disabled=${this.saving}>
                  Cancel
                </button>
                <button class="button primary" type="button" @click=${this.#save} ?disabled=${this.saving}>
                  ${this.saving ? 'Saving…' : 'Save'}
                </button>`
            : html`<button class="button quiet" type="button" @click=${() => this.refresh()}>
                  ${icons.refresh} Refresh
                </button>
                <button class="button" type="button" @click=${this.#exportXlsx} ?disabled=${this.exporting}>
                  ${icons.download} ${this.exporting ? 'Exporting…' : 'Export XLSX'}
                </button>
                ${dashboard.role === 'owner' ? html`<button class="button share-button" type="button" @click=${this.#share}>${icons.share} Share</button>` : nothing}
                ${dashboard.canModify ? html`<button class="button primary edit-button" type="button" @click=${this.#startEditing}>${icons.edit} Edit</button>` : nothing}`
        }
      </div>
    </div>`;
  }

  #renderGrid(dashboard: DashboardDetail) {
    const widgets = this.#visibleWidgets();
    return html`<div class="grid ${this.editing ? 'editing' : ''}" part="grid">
      ${
        widgets.length
          ? repeat(
              widgets,
              (w) => w.id,
              (w) => this.#renderWidget(dashboard, w),
            )
          : html`<div class="message empty-grid">
              <strong>This dashboard has no widgets yet</strong>
              ${dashboard.canModify ? (this.editing ? 'Use “Add widget” to add one.' : 'Choose Edit, then “Add widget”.') : 'Its owner has not added any widgets.'}
            </div>`
      }
    </div>`;
  }

  override render() {
    if (!this.api) return this.renderNoProvider();
    if (!this.dashboardId)
      return html`<div class="message" part="error">
        <strong>No dashboard selected</strong>Set the <code>dashboard-id</code> attribute.
      </div>`;
    const dashboard = this.#task.value;
    if (!dashboard || dashboard.id !== this.dashboardId) {
      if (this.#task.status === 'error') return this.#renderError();
      return html`<div aria-busy="true">
        <span class="visually-hidden" role="status">Loading dashboard…</span>
        <div class="skeleton" style="inline-size:40%;block-size:1.8rem;margin-block-end:0.6rem"></div>
        <div class="skeleton" style="inline-size:60%;block-size:0.9rem;margin-block-end:1.5rem"></div>
        <div class="grid">
          ${[3, 3, 3, 3].map((w, i) => html`<div class="skeleton skeleton-cell" style=${`grid-column:${i * 3 + 1} / span ${w};grid-row:1 / span 2`}></div>`)}
          <div class="skeleton skeleton-cell" style="grid-column:1 / span 8;grid-row:3 / span 4"></div>
          <div class="skeleton skeleton-cell" style="grid-column:9 / span 4;grid-row:3 / span 4"></div>
        </div>
      </div>`;
    }
    return html`
      ${this.#renderHeader(dashboard)}
      ${this.saveError ? html`<div class="banner error" role="alert">${this.saveError}</div>` : nothing}
      ${this.exportError ? html`<div class="banner error" role="alert">${this.exportError}</div>` : nothing}
      ${this.editing ? html`<div class="banner" role="status">Editing. Changes are saved for everyone when you choose Save.</div>` : nothing}
      ${renderFilterBar({
        definitions: dashboard.filters,
        values: this.filters,
        openMulti: this.openMulti,
        onChange: this.#onFilterChange,
        onToggleMulti: (field) => (this.openMulti = field),
        onReset: () => this.#setFilters({}),
      })}
      ${this.#renderGrid(dashboard)} ${dashboard.canModify ? this.#renderEditor() : nothing}
    `;
  }

  #renderError() {
    const error = this.#task.error;
    const notFound = error instanceof AtlasApiError && error.status === 404;
    return html`<div class="message error" part="error" role="alert">
      <strong>${notFound ? 'Dashboard not found' : 'Could not load the dashboard'}</strong>
      ${notFound ? 'It does not exist, or you do not have access to it.' : errorMessage(error)}
      ${notFound ? nothing : html`<div><button class="button" type="button" @click=${() => this.#task.run()}>${icons.refresh} Try again</button></div>`}
    </div>`;
  }
}

function formatInterval(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}
