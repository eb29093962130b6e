/** The widget data answer (`GET …/widgets/{widgetId}/data`, the contract's) and the renderer's states. */
import type { Cell, FieldType, ResultColumn, WidgetDataResponse } from '../api/contract.js';

export type ColumnType = FieldType;
/** A result column: its name, label and type (`string`, `number` or `date`). */
export type WidgetColumn = ResultColumn;
export type WidgetCell = Cell;
/** One array per row, in the order of `columns`. Dates are UTC text 'YYYY-MM-DD HH:MM:SS'. */
export type WidgetData = WidgetDataResponse;

/**
 * What the element shows. `forbidden`: the signed-in user may not read the data source (SPEC P4); `not-public`: the
 * data source does not allow public access (L7). `ready` with no rows renders the empty state.
 */
export type WidgetState = 'loading' | 'ready' | 'error' | 'forbidden' | 'not-public';

/** Fetches a widget's data; the element aborts the signal when a newer load starts or it is removed. */
export type WidgetLoader = (options: { signal: AbortSignal }) => Promise<WidgetData>;
