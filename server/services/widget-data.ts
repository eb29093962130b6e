/**
 * Runs one widget's query with the dashboard's filter values (and a public link's locked filters) and shapes the
 * answer `{ columns, rows }` (SPEC Domain, P4, V3). Transport-free: the signed-in and the public routes both call it;
 * each decides beforehand whether the caller may read the data source.
 */
import { AppError } from '../errors.js';
import type { CompiledQuery, QueryModel, ResultColumn } from '../query/index.js';
import type { Dashboard, DataSource, Store, Widget } from '../store/types.js';
import { conditionsForSource, type FilterValues } from './filters.js';

export type Cell = string | number | null;
export interface WidgetData {
  columns: ResultColumn[];
  /** One array per row, in the order of `columns`. Dates are UTC text 'YYYY-MM-DD HH:MM:SS'. */
  rows: Cell[][];
}

export interface RunWidgetInput {
  /** `updatedAt` (the dashboard's version) keys kept results; every widget change moves it. */
  dashboard: Pick<Dashboard, 'id' | 'filters'> & Partial<Pick<Dashboard, 'updatedAt'>>;
  widget: Widget;
  dataSource: DataSource;
  filterValues: FilterValues;
  /** Filters fixed by a public link: ANDed after the user's, so a user's choice can never widen them. */
  lockedFilters?: FilterValues;
}

/**
 * What the store runs for one widget: its query on its data source with the effective filters (the viewer's, then a
 * link's locked ones). The store compiles it in its own dialect; `maxRows` raises the row cap for exports.
 */
export function widgetQueryModel(input: RunWidgetInput, maxRows?: number): QueryModel {
  const { widget, dataSource } = input;
  if (widget.dataSourceId !== dataSource.id)
    throw new Error('runWidget: the data source does not belong to the widget');
  const extraConditions = [
    ...conditionsForSource(dataSource, input.filterValues),
    ...conditionsForSource(dataSource, input.lockedFilters ?? {}, 'invalid_locked_filters'),
  ];
  return { query: widget.query, source: dataSource, extraConditions, maxRows };
}

/** Compiles a widget's query with the filters applied, in the store's dialect, without running it. */
export function compileWidget(
  store: Pick<Store, 'compileQuery'>,
  input: RunWidgetInput,
  maxRows?: number,
): CompiledQuery {
  return store.compileQuery(widgetQueryModel(input, maxRows));
}

export async function runWidget(store: Store, input: RunWidgetInput): Promise<WidgetData> {
  const model = widgetQueryModel(input);
  // Compiled here for the result's columns (and to refuse a bad filter before anything runs); the store compiles
  // the same model again to run it, which costs microseconds next to the query.
  const { columns } = store.compileQuery(model);
  return shapeRows(columns, await store.runQuery(model));
}

/** The answer `{ columns, rows }` from the store's records, in the compiled column order. */
export function shapeRows(columns: ResultColumn[], records: Record<string, unknown>[]): WidgetData {
  const names = columns.map((c) => c.name);
  return { columns, rows: records.map((r) => names.map((n) => toCell(r[n]))) };
}

export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

/** The answer for a widget that is not on the dashboard (or, issue 16, not shown through a public link). */
export const widgetNotFound = () => new AppError(404, 'widget_not_found', 'Widget not found.');

/**
 * Loads a widget and its data source (in the dashboard's organization: data source ids are per organization), or
 * answers 404 for a widget that is not on this dashboard.
 */
export async function loadWidget(
  store: Store,
  dashboard: Pick<Dashboard, 'id' | 'orgId'>,
  widgetId: string,
): Promise<{ widget: Widget; dataSource: DataSource }> {
  // One read for both (issue 13): a wall screen asks for each of its widgets on every refresh.
  const found = await store.getWidgetWithDataSource(dashboard.orgId, dashboard.id, widgetId);
  if (!found) throw widgetNotFound();
  const { widget, dataSource } = found;
  if (!dataSource) throw new AppError(404, 'data_source_not_found', "This widget's data source no longer exists.");
  return { widget, dataSource };
}
