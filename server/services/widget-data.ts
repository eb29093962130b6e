/**
 * Runs one widget's query with the dashboard's filter values (and a public link's locked filters) and shapes the
 * answer `{ columns, rows }` (SPEC Domain, P4, V3). Transport-free: the signed-in and the public routes both call it;
 * each decides beforehand whether the caller may read the data source.
 */
import { AppError } from '../errors.js';
import { compileWidgetQuery, dialectFor, type CompiledQuery, type ResultColumn } from '../query/index.js';
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

/** Compiles a widget's query with the filters applied; `maxRows` raises the cap for exports. */
export function compileWidget(store: Pick<Store, 'dialect'>, input: RunWidgetInput, maxRows?: number): CompiledQuery {
  const { widget, dataSource } = input;
  if (widget.dataSourceId !== dataSource.id)
    throw new Error('runWidget: the data source does not belong to the widget');
  const extraConditions = [
    ...conditionsForSource(dataSource, input.filterValues),
    ...conditionsForSource(dataSource, input.lockedFilters ?? {}, 'invalid_locked_filters'),
  ];
  return compileWidgetQuery(widget.query, dataSource, dialectFor(store.dialect), { extraConditions, maxRows });
}

export async function runWidget(store: Store, input: RunWidgetInput): Promise<WidgetData> {
  const compiled = compileWidget(store, input);
  return shapeRows(compiled, await store.runQuery(compiled));
}

/** The answer `{ columns, rows }` from the store's records, in the compiled column order. */
export function shapeRows(compiled: CompiledQuery, records: Record<string, unknown>[]): WidgetData {
  const names = compiled.columns.map((c) => c.name);
  return { columns: compiled.columns, rows: records.map((r) => names.map((n) => toCell(r[n]))) };
}

export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

/** Loads a widget and its data source, or answers 404 for a widget that is not on this dashboard. */
export async function loadWidget(
  store: Store,
  dashboardId: string,
  widgetId: string,
): Promise<{ widget: Widget; dataSource: DataSource }> {
  const widget = await store.getWidget(dashboardId, widgetId);
  if (!widget) throw new AppError(404, 'widget_not_found', 'Widget not found.');
  const dataSource = await store.getDataSource(widget.dataSourceId);
  if (!dataSource) throw new AppError(404, 'data_source_not_found', "This widget's data source no longer exists.");
  return { widget, dataSource };
}
