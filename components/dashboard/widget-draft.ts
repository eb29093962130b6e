import type { Aggregation, TimeBucket } from '../api/contract.js';
import type { DataSourceInfo, WidgetDefinition, WidgetPosition, WidgetQuery, WidgetType } from '../internal/types.js';

/** The simple query builder's choices: one metric, an optional dimension, a chart type. */
export interface WidgetDraftForm {
  title: string;
  dataSourceId: string;
  type: WidgetType;
  agg: Aggregation;
  field: string;
  dimension: string;
  bucket: TimeBucket;
}

export const AGGREGATIONS: { id: Aggregation; label: string }[] = [
  { id: 'count', label: 'Count of rows' },
  { id: 'sum', label: 'Sum' },
  { id: 'avg', label: 'Average' },
  { id: 'min', label: 'Minimum' },
  { id: 'max', label: 'Maximum' },
  { id: 'countDistinct', label: 'Count distinct' },
];

export const WIDGET_TYPES: { id: WidgetType; label: string }[] = [
  { id: 'kpi', label: 'KPI (single number)' },
  { id: 'bar', label: 'Bar chart' },
  { id: 'line', label: 'Line chart' },
  { id: 'pie', label: 'Pie chart' },
  { id: 'table', label: 'Table' },
];

/** Fields a metric may aggregate: numbers for sum/avg/min/max, anything for count distinct. */
export function metricFields(source: DataSourceInfo | undefined, agg: Aggregation) {
  if (!source || agg === 'count') return [];
  return agg === 'countDistinct' ? source.fields : source.fields.filter((f) => f.type === 'number');
}

const needsGroupBy = (type: WidgetType) => type === 'bar' || type === 'line' || type === 'pie';

/**
 * A chart without a “Group by” cannot be added, so a chart form gets the source's first text field (else its first
 * date): the dialog opens ready to add, and switching to a chart type or another source keeps it so.
 */
export function withDefaultGroupBy(form: WidgetDraftForm, source: DataSourceInfo | undefined): WidgetDraftForm {
  if (!source || form.dimension || !needsGroupBy(form.type)) return form;
  const field = source.fields.find((f) => f.type === 'string') ?? source.fields.find((f) => f.type === 'date');
  return field ? { ...form, dimension: field.name } : form;
}

/** A human sentence for what is wrong with the form, or '' when it can be added. */
export function validateDraft(form: WidgetDraftForm, source: DataSourceInfo | undefined): string {
  if (!form.title.trim()) return 'Give the widget a title.';
  if (!source) return 'Pick a data source.';
  if (form.agg !== 'count' && !metricFields(source, form.agg).some((f) => f.name === form.field))
    return 'Pick the field to aggregate.';
  if (form.type === 'kpi' && form.dimension)
    return 'A KPI shows one number: remove the “Group by” field or pick another chart type.';
  if (needsGroupBy(form.type) && !form.dimension) return 'Charts need a “Group by” field.';
  return '';
}

export function buildQuery(form: WidgetDraftForm, source: DataSourceInfo): WidgetQuery {
  const metricField = form.agg === 'count' ? undefined : form.field;
  const as = form.agg === 'count' ? 'count' : `${form.agg}_${metricField}`.slice(0, 64);
  const label =
    AGGREGATIONS.find((a) => a.id === form.agg)!.label +
    (metricField ? ` of ${source.fields.find((f) => f.name === metricField)?.label ?? metricField}` : '');
  const query: WidgetQuery = {
    metrics: [{ agg: form.agg, ...(metricField ? { field: metricField } : {}), as, label }],
    dimensions: [],
    filters: [],
    sort: [],
  };
  if (form.dimension) {
    const dimField = source.fields.find((f) => f.name === form.dimension);
    if (dimField?.type === 'date') {
      query.dimensions.push({ field: form.dimension, bucket: form.bucket, as: form.bucket });
      query.sort.push({ by: form.bucket, dir: 'asc' });
    } else {
      query.dimensions.push(form.dimension);
      if (form.type !== 'line') query.sort.push({ by: as, dir: 'desc' });
      if (form.type === 'table' || form.type === 'bar') query.limit = 50;
    }
  }
  return query;
}

/** Next free spot in the 12-column grid: beside the last widget when it fits, else on a new row. */
export function nextPosition(existing: WidgetPosition[], type: WidgetType): WidgetPosition {
  const w = type === 'kpi' ? 3 : type === 'table' ? 12 : 6;
  const h = type === 'kpi' ? 2 : 4;
  const bottom = existing.reduce((max, p) => Math.max(max, p.y + p.h), 0);
  const last = existing.reduce<WidgetPosition | undefined>(
    (acc, p) => (!acc || p.y > acc.y || (p.y === acc.y && p.x > acc.x) ? p : acc),
    undefined,
  );
  if (last && last.x + last.w + w <= 12 && last.y + last.h === bottom && last.h === h)
    return { x: last.x + last.w, y: last.y, w, h };
  return { x: 0, y: bottom, w, h };
}

export type NewWidget = Omit<WidgetDefinition, 'id'> & { tempId: string };

const FORM_BUCKETS: readonly TimeBucket[] = ['day', 'week', 'month'];

/**
 * The form for an existing widget (Edit widget): its first metric and first dimension, which is all the simple
 * builder shows. `isSimpleQuery` says whether that is the whole query.
 */
export function formFromWidget(
  widget: Pick<WidgetDefinition, 'title' | 'type' | 'dataSourceId' | 'query'>,
): WidgetDraftForm {
  const metric = widget.query.metrics[0];
  const dimension = widget.query.dimensions[0];
  const bucket = typeof dimension === 'object' ? dimension.bucket : undefined;
  return {
    title: widget.title,
    dataSourceId: widget.dataSourceId,
    type: widget.type,
    agg: metric?.agg ?? 'count',
    field: metric?.field ?? '',
    dimension: dimension === undefined ? '' : typeof dimension === 'string' ? dimension : dimension.field,
    bucket: bucket && FORM_BUCKETS.includes(bucket) ? bucket : 'month',
  };
}

/** True when the simple builder can show the whole query (one metric, at most one dimension, no query filters). */
export const isSimpleQuery = (query: WidgetQuery) =>
  query.metrics.length <= 1 && query.dimensions.length <= 1 && !query.filters?.length;

/** Whether two forms ask for the same query (title and chart type aside). */
export const sameQueryChoices = (a: WidgetDraftForm, b: WidgetDraftForm) =>
  a.dataSourceId === b.dataSourceId &&
  a.agg === b.agg &&
  (a.agg === 'count' || a.field === b.field) &&
  a.dimension === b.dimension &&
  a.bucket === b.bucket;
