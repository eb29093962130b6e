import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AtlasApiError } from '../api/client.js';
import { exportDashboard, getDashboard } from '../api/endpoints.js';
import { onDashboardChange } from '../context/dashboard-changes.js';
import { ApiTask } from '../controllers/api-task.js';
import { RefreshTimerController } from '../controllers/refresh-timer.js';
import { AtlasDashboardSaveEvent } from '../events/dashboard-save.js';
import { AtlasFiltersChangeEvent } from '../events/filters-change.js';
import { AtlasShareEvent } from '../events/share.js';
import { filterScopeStyles, filtersNotApplied } from './filter-scope.js';
import { AtlasElement, errorMessage } from '../internal/atlas-element.js';
import { downloadFile, fileSafe } from '../internal/download.js';
import { emit } from '../internal/emit.js';
import { icons } from '../internal/icons.js';
import { activeFilters, loadSessionFilters, saveSessionFilters } from '../internal/session-filters.js';
import { openShareDialog } from '../internal/share-dialog-opener.js';
import type { DashboardDetail, FilterValue, FilterValues } from '../internal/types.js';
import { dialogStyles } from '../styles/dialog.js';
import { hostStyles } from '../styles/host.js';
import { renderDashboardGrid, renderDashboardSkeleton } from './dashboard-grid.js';
import { renderDashboardHeader, renderTitle, renderViewActions } from './dashboard-header.js';
import styles from './dashboard.styles.js';
import {
  draftLayout,
  draftProblem,
  startDraft,
  visibleWidgets,
  withDescription,
  withLayout,
  withTitle,
  withWidgetAdded,
  withWidgetEdited,
  withWidgetRemoved,
  type DraftWidget,
  type EditDraft,
} from './edit-draft.js';
import {
  editingBanner,
  renderDescriptionField,
  renderEditActions,
  renderEditTools,
  renderTitleField,
} from './edit-mode.js';
import { editModeStyles } from './edit-mode.styles.js';
import { renderFilterBar } from './filter-bar.js';
import { saveDashboardDraft } from './save-draft.js';
import { WidgetEditor } from './widget-editor.js';
import { widgetEditorStyles } from './widget-editor.styles.js';
import { WidgetLoaders } from './widget-loaders.js';
import { LayoutEditor } from './layout-editor.js';

/**
 * @summary The signed-in view of one dashboard: its widgets in a 12-column grid, the global filter bar (kept per
 * browser session, never saved), refresh at the dashboard's interval, XLSX export, and an Edit mode for authors and
 * owners (edit title and description, add a widget from a data source with a simple query, edit or remove widgets,
 * move and resize them on the grid by pointer or keyboard, Save in one request, Cancel).
 * Controls the user's role may not use are not rendered at all.
 * @tag atlas-dashboard
 *
 * @event {AtlasShareEvent} atlas-share - Share (owners) or "Who has access" (everyone else) was chosen; an
 *   `<atlas-share-dialog>` opens when one is registered (read-only for non-owners).
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
 * @csspart description - The description field in edit mode.
 * @csspart editor-dialog - The Add widget and Edit widget dialog.
 * @csspart error - The error state.
 * @csspart config-error - The message shown without an `<atlas-provider>`.
 *
 * @cssproperty [--atlas-row-height=5.25rem] - Height of one grid row (widgets span `position.h` rows).
 * @cssproperty [--atlas-widget-gap=1rem] - Gap between widgets.
 * @cssproperty [--atlas-dashboard-title-size=1.5rem] - Title font size.
 * @cssproperty [--atlas-accent=#2557d6] - Accent colour.
 */
export class AtlasDashboard extends AtlasElement {
  static override styles = [hostStyles, dialogStyles, styles, editModeStyles, widgetEditorStyles, filterScopeStyles];

  readonly #task = new ApiTask(this, {
    args: () => [this.api, this.dashboardId] as const,
    task: async ([api, id], { signal }) => {
      if (!api || !id) return undefined;
      const body = await getDashboard(api, { id }, { signal });
      return body.dashboard;
    },
  });

  readonly #timer = new RefreshTimerController(this, {
    interval: () => (this.editing ? 0 : (this.#task.value?.refreshInterval ?? 0)),
    onTick: () => this.refresh(),
  });

  readonly #editor = new WidgetEditor(this, {
    api: () => this.api,
    projectId: () => this.#task.value?.projectId,
    onAdd: (widget) => {
      if (this.draft) this.draft = withWidgetAdded(this.draft, this.#task.value?.widgets ?? [], widget);
    },
    onEdit: (widget, spec) => {
      if (this.draft) this.draft = withWidgetEdited(this.draft, widget, spec);
    },
  });

  readonly #layout = new LayoutEditor(this, {
    layout: () => (this.draft ? draftLayout(this.#task.value?.widgets ?? [], this.draft) : []),
    title: (id) => this.#draftWidgets().find((w) => w.id === id)?.title ?? '',
    onChange: (layout) => {
      if (this.draft) this.draft = withLayout(this.draft, this.#task.value?.widgets ?? [], layout);
    },
  });

  #draftWidgets = () => visibleWidgets(this.#task.value?.widgets ?? [], this.editing ? this.draft : undefined);

  readonly #loaders = new WidgetLoaders();

  @state() private filters: FilterValues = {};
  @state() private openMulti: string | null = null;
  @state() private editing = false;
  @state() private draft?: EditDraft;
  @state() private saving = false;
  @state() private saveError = '';
  @state() private exporting = false;
  @state() private exportError = '';
  @state() private lastUpdated?: Date;
  /** Bumped on every refresh; widgets reload their data when it changes. */
  @state() private refreshCount = 0;

  /** Id of the dashboard to show. */
  @property({ attribute: 'dashboard-id', reflect: true }) dashboardId = '';

  /** The level of the dashboard title's heading (1–6; default 2), to fit the host page's outline (issue 17). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  constructor() {
    super();
    // Changes to this dashboard made elsewhere under the same <atlas-provider> (the share dialog, a card's Delete,
    // another view's Save) reload it: the access summary stays current, and a deleted one says it is gone. Not while
    // editing (Save reloads it), and not for its own Save, which has reloaded already.
    onDashboardChange(this, (change) => {
      if (change.origin === this || this.editing || !this.dashboardId) return;
      if (!change.dashboardId || change.dashboardId === this.dashboardId) void this.#task.run();
    });
  }

  #restartTimer = false;
  #loadedId?: string;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('dashboardId')) {
      this.editing = false;
      this.draft = undefined;
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

  /** Resolves when the dashboard definition has loaded (or failed). */
  get loadComplete(): Promise<void> {
    return this.#task.taskComplete;
  }

  /**
   * Enters edit mode (authors and owners) once the dashboard has loaded, as Edit does: what a host calls to open a
   * dashboard just created. Resolves to whether edit mode is on.
   */
  async edit(): Promise<boolean> {
    await this.updateComplete;
    await this.#task.taskComplete;
    if (!this.editing && this.#task.value?.id === this.dashboardId) await this.#startEditing();
    return this.editing;
  }

  /** Reloads the dashboard definition and every widget's data. */
  refresh(): void {
    if (!this.editing) void this.#task.run().then(() => (this.lastUpdated = new Date()));
    this.refreshCount++;
    this.#timer.restart();
  }

  #focus(selector: string) {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
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

  #share(opener: HTMLElement) {
    const dashboard = this.#task.value;
    if (!dashboard) return;
    emit(this, new AtlasShareEvent({ dashboardId: dashboard.id, title: dashboard.title }));
    openShareDialog(this, dashboard.id, opener);
  }

  // ---- edit mode: the draft lives here, edit-draft.ts changes it, save-draft.ts sends it -----------------------

  async #startEditing() {
    const dashboard = this.#task.value;
    if (!dashboard?.canModify) return;
    this.draft = startDraft(dashboard);
    this.#layout.reset();
    this.saveError = '';
    this.editing = true;
    this.#editor.loadSources();
    await this.updateComplete;
    this.#focus('.title-input');
  }

  async #cancelEditing() {
    this.editing = false;
    this.draft = undefined;
    this.saveError = '';
    await this.updateComplete;
    this.#focus('.edit-button');
  }

  #removeWidget(widget: DraftWidget) {
    if (!this.draft) return;
    this.draft = withWidgetRemoved(this.draft, widget);
    // Focus would be lost with the removed cell: move it to Add widget.
    void this.updateComplete.then(() => this.#focus('.add-button'));
  }

  /**
   * Save: sends the draft (one request, saveDashboardDraft's), then leaves edit mode, reloads the dashboard and its
   * widgets and fires atlas-dashboard-save. On failure nothing was saved and the draft stays (a conflict says so).
   */
  async #save() {
    const dashboard = this.#task.value;
    const draft = this.draft;
    if (!dashboard || !draft || !this.api) return;
    const problem = draftProblem(draft);
    if (problem) {
      this.saveError = problem;
      return;
    }
    this.saving = true;
    this.saveError = '';
    try {
      await saveDashboardDraft(this.api, dashboard, draft);
      this.editing = false;
      this.draft = undefined;
      await this.#task.run();
      this.lastUpdated = new Date();
      this.refreshCount++;
      emit(this, new AtlasDashboardSaveEvent({ dashboardId: dashboard.id, title: draft.title.trim() }));
      await this.updateComplete;
      this.#focus('.edit-button');
    } catch (error) {
      this.saveError = `Could not save: ${errorMessage(error)}`;
    } finally {
      this.saving = false;
    }
  }

  // ---- rendering -------------------------------------------------------------------------------------------------

  #renderHeader(dashboard: DashboardDetail) {
    const editing = this.editing;
    return renderDashboardHeader({
      dashboard,
      lastUpdated: this.lastUpdated,
      stale: this.#task.status === 'error' && Boolean(this.#task.value),
      title: editing
        ? renderTitleField(
            this.draft?.title ?? '',
            (title) => (this.draft = this.draft && withTitle(this.draft, title)),
          )
        : renderTitle(dashboard, this.headingLevel),
      description: editing
        ? renderDescriptionField(
            this.draft?.description ?? '',
            (text) => (this.draft = this.draft && withDescription(this.draft, text)),
          )
        : undefined,
      actions: editing
        ? renderEditActions({
            saving: this.saving,
            onAddWidget: (opener) => this.#editor.open(opener),
            onCancel: () => void this.#cancelEditing(),
            onSave: () => void this.#save(),
          })
        : renderViewActions({
            dashboard,
            exporting: this.exporting,
            onRefresh: () => this.refresh(),
            onExport: () => void this.#exportXlsx(),
            onShare: (opener) => this.#share(opener),
            onEdit: () => void this.#startEditing(),
          }),
    });
  }

  override render() {
    if (!this.api) return this.renderNoProvider();
    if (!this.dashboardId)
      return html`<div class="message" part="error">
        <strong>No dashboard selected</strong>Set the <code>dashboard-id</code> attribute.
      </div>`;
    const dashboard = this.#task.value;
    // A failed refresh keeps showing the last data, unless the dashboard is gone (deleted, or access removed).
    if (this.#task.status === 'error' && (isNotFound(this.#task.error) || dashboard?.id !== this.dashboardId))
      return this.#renderError();
    if (!dashboard || dashboard.id !== this.dashboardId) return renderDashboardSkeleton();
    const api = this.api;
    return html`
      ${this.#renderHeader(dashboard)}
      ${this.saveError ? html`<div class="banner error" role="alert">${this.saveError}</div>` : nothing}
      ${this.exportError ? html`<div class="banner error" role="alert">${this.exportError}</div>` : nothing}
      ${this.editing ? html`${editingBanner()}${this.#layout.renderLiveRegion()}` : nothing}
      ${renderFilterBar({
        definitions: dashboard.filters,
        values: this.filters,
        openMulti: this.openMulti,
        onChange: this.#onFilterChange,
        onToggleMulti: (field) => (this.openMulti = field),
        onReset: () => this.#setFilters({}),
      })}
      ${renderDashboardGrid({
        widgets: this.#draftWidgets(),
        canModify: dashboard.canModify,
        editing: this.editing,
        loaderFor: (w) => this.#loaders.get(api, dashboard.id, w.id, this.filters, this.refreshCount),
        sourceName: (id) => this.#editor.sourceName(id),
        activeId: this.#layout.activeId,
        editTools: (w) =>
          renderEditTools(w, {
            layout: this.#layout,
            onEdit: (widget, opener) => this.#editor.openEdit(widget, opener),
            onRemove: (widget) => this.#removeWidget(widget),
          }),
        filtersNotApplied: (w) => filtersNotApplied(w, this.filters, dashboard.filters),
      })}
      ${dashboard.canModify ? this.#editor.render() : nothing}
    `;
  }

  #renderError() {
    const error = this.#task.error;
    const notFound = isNotFound(error);
    return html`<div class="message error" part="error" role="alert">
      <strong>${notFound ? 'Dashboard not found' : 'Could not load the dashboard'}</strong>
      ${notFound ? 'It does not exist, or you do not have access to it.' : errorMessage(error)}
      ${notFound ? nothing : html`<div><button class="button" type="button" @click=${() => this.#task.run()}>${icons.refresh} Try again</button></div>`}
    </div>`;
  }
}

const isNotFound = (error: unknown) => error instanceof AtlasApiError && error.status === 404;
