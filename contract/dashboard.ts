/**
 * Dashboard, widget and query shapes shared by the server and (as types) by the components.
 * A widget query is declarative: no client ever sends SQL. Field names are checked against the data source's
 * declared fields when the query is compiled.
 */
import { z } from 'zod';
import { named } from './registry.js';

export const fieldName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain field name');

export const aggregation = named(z.enum(['count', 'sum', 'avg', 'min', 'max', 'countDistinct']), 'Aggregation');
export const timeBucket = named(z.enum(['minute', 'hour', 'day', 'week', 'month']), 'TimeBucket');
export const widgetType = named(z.enum(['kpi', 'table', 'line', 'bar', 'pie']), 'WidgetType');

export const metricSchema = named(
  z.strictObject({
    agg: aggregation,
    /** Omitted only for `count` (count of rows). */
    field: fieldName.optional(),
    /** Column name in the result; defaults to `<agg>_<field>`. */
    as: fieldName.optional(),
    label: z.string().max(120).optional(),
  }),
  'Metric',
);

export const dimensionSchema = named(
  z.union([fieldName, z.strictObject({ field: fieldName, bucket: timeBucket.optional(), as: fieldName.optional() })]),
  'Dimension',
);

const scalar = z.union([z.string().max(500), z.number().finite(), z.boolean()]);

export const queryFilterSchema = named(
  z.strictObject({
    field: fieldName,
    op: z.enum(['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'between', 'contains']),
    value: z.union([scalar, z.array(scalar).max(200)]),
  }),
  'QueryFilter',
);

export const sortSchema = named(z.strictObject({ by: fieldName, dir: z.enum(['asc', 'desc']).default('asc') }), 'Sort');

export const MAX_QUERY_LIMIT = 10_000;

export const widgetQuerySchema = named(
  z.strictObject({
    metrics: z.array(metricSchema).max(10).default([]),
    dimensions: z.array(dimensionSchema).max(3).default([]),
    filters: z.array(queryFilterSchema).max(20).default([]),
    sort: z.array(sortSchema).max(3).default([]),
    limit: z.number().int().min(1).max(MAX_QUERY_LIMIT).optional(),
  }),
  'WidgetQuery',
);

export const widgetPositionSchema = named(
  z.strictObject({
    x: z.number().int().min(0).max(11),
    y: z.number().int().min(0).max(1000),
    w: z.number().int().min(1).max(12),
    h: z.number().int().min(1).max(12),
  }),
  'WidgetPosition',
);

export const filterDefinitionSchema = named(
  z.strictObject({
    field: fieldName,
    type: z.enum(['select', 'multi', 'dateRange']),
    label: z.string().min(1).max(120),
    /** Values offered by select / multi filters. */
    options: z
      .array(z.union([z.string().max(200), z.number()]))
      .max(500)
      .optional(),
    default: z
      .union([
        z.string().max(200),
        z.number(),
        z.array(z.union([z.string().max(200), z.number()])).max(500),
        z.strictObject({ from: z.string().max(40).optional(), to: z.string().max(40).optional() }),
      ])
      .optional(),
  }),
  'FilterDefinition',
);

export type WidgetType = z.infer<typeof widgetType>;
export type Aggregation = z.infer<typeof aggregation>;
export type TimeBucket = z.infer<typeof timeBucket>;
export type Metric = z.infer<typeof metricSchema>;
export type Dimension = z.infer<typeof dimensionSchema>;
export type QueryFilter = z.infer<typeof queryFilterSchema>;
export type WidgetQuery = z.infer<typeof widgetQuerySchema>;
export type WidgetPosition = z.infer<typeof widgetPositionSchema>;
export type FilterDefinition = z.infer<typeof filterDefinitionSchema>;
