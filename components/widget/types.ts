/** The widget data answer (`GET …/widgets/:id/data`, API.md) and the renderer's states. */
export type ColumnType = 'string' | 'number' | 'date';

export interface WidgetColumn {
  name: string;
  label?: string;
  type?: ColumnType | string;
}

export type WidgetCell = string | number | null;

/** One array per row, in the order of `columns`. Dates are UTC text 'YYYY-MM-DD HH:MM:SS'. */
export interface WidgetData {
  columns: WidgetColumn[];
  rows: WidgetCell[][];
}

/**
 * What the element shows. `forbidden`: the signed-in user may not read the data source (SPEC P4); `not-public`: the
 * data source does not allow public access (L7). `ready` with no rows renders the empty state.
 */
export type WidgetState = 'loading' | 'ready' | 'error' | 'forbidden' | 'not-public';

/** Fetches a widget's data; the element aborts the signal when a newer load starts or it is removed. */
export type WidgetLoader = (options: { signal: AbortSignal }) => Promise<WidgetData>;
