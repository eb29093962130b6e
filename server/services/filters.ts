/**
 * Global dashboard filters (SPEC Domain, V3): the client sends the chosen values with every data request as
 * URL-encoded JSON `{ "<field>": value | [values] | { from, to } }`. They are checked against the dashboard's filter
 * definitions and applied to each widget whose data source has that field. Nothing is stored server-side.
 */
import { AppError } from '../errors.js';
import type { FilterDefinition, QueryFilter } from '../schemas/dashboard.js';
import type { ExtraCondition } from '../query/index.js';
import type { Dashboard, DataSource } from '../store/types.js';

type Scalar = string | number;
export type FilterValue = Scalar | Scalar[] | { from?: string; to?: string };
/** Normalized filter values: field → value. A field set to null in the request is cleared (its default dropped). */
export type FilterValues = Record<string, FilterValue>;

const MAX_RAW_LENGTH = 20_000;
const MAX_VALUES = 500;
const MAX_TEXT = 200;

const invalid = (message: string) => new AppError(400, 'invalid_filters', message);

const isScalar = (v: unknown): v is Scalar =>
  (typeof v === 'string' && v.length <= MAX_TEXT) || (typeof v === 'number' && Number.isFinite(v));

/**
 * Parses the `filters` query parameter against the dashboard's definitions. Definitions with a default apply it
 * unless the request sets the field (to a value, or to null to clear it).
 */
export function parseFilterValues(raw: string | undefined, dashboard: Pick<Dashboard, 'filters'>): FilterValues {
  let sent: Record<string, unknown> = {};
  if (raw !== undefined && raw !== '') {
    if (raw.length > MAX_RAW_LENGTH) throw invalid('The filters parameter is too long.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw invalid('The filters parameter is not valid JSON.');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw invalid('The filters parameter must be a JSON object.');
    sent = parsed as Record<string, unknown>;
  }
  const definitions = new Map(dashboard.filters.map((d) => [d.field, d]));
  for (const field of Object.keys(sent)) {
    if (!definitions.has(field)) throw invalid(`This dashboard has no filter '${field}'.`);
  }
  const values: FilterValues = {};
  for (const def of dashboard.filters) {
    const value = Object.hasOwn(sent, def.field) ? sent[def.field] : def.default;
    if (value === null || value === undefined) continue;
    const normalized = normalize(def, value);
    if (normalized !== undefined) values[def.field] = normalized;
  }
  return values;
}

function normalize(def: FilterDefinition, value: unknown): FilterValue | undefined {
  const where = `Filter '${def.field}' (${def.label})`;
  switch (def.type) {
    case 'select':
      if (!isScalar(value)) throw invalid(`${where} takes one value.`);
      return value;
    case 'multi': {
      const list = Array.isArray(value) ? value : [value];
      if (list.length > MAX_VALUES || !list.every(isScalar)) throw invalid(`${where} takes a list of values.`);
      // Nothing chosen means no restriction, as in every BI tool's multi-select.
      return list.length ? list : undefined;
    }
    case 'dateRange': {
      if (!value || typeof value !== 'object' || Array.isArray(value))
        throw invalid(`${where} takes { "from", "to" }.`);
      const range: { from?: string; to?: string } = {};
      for (const [key, v] of Object.entries(value)) {
        if (key !== 'from' && key !== 'to') throw invalid(`${where} takes only "from" and "to".`);
        if (v === null || v === undefined || v === '') continue;
        if (typeof v !== 'string' || v.length > 40) throw invalid(`${where}: "${key}" must be a date.`);
        range[key] = v;
      }
      // Issue 17: an inverted range would silently match nothing; say so instead.
      if (range.from && range.to) {
        const [from, to] = [Date.parse(range.from), Date.parse(range.to)];
        const inverted = Number.isNaN(from) || Number.isNaN(to) ? range.from > range.to : from > to;
        if (inverted) throw invalid(`${where}: the start (${range.from}) is after the end (${range.to}).`);
      }
      return range.from || range.to ? range : undefined;
    }
  }
}

/** One filter value as query conditions on a field (the compiler checks the value against the field's type). */
export function filterToConditions(field: string, value: FilterValue): QueryFilter[] {
  if (Array.isArray(value)) return [{ field, op: 'in', value }];
  if (typeof value === 'object') {
    const out: QueryFilter[] = [];
    if (value.from) out.push({ field, op: 'gte', value: value.from });
    if (value.to) out.push({ field, op: 'lte', value: value.to });
    return out;
  }
  return [{ field, op: 'eq', value }];
}

/**
 * The conditions that filter values add to one widget: each applies when the widget's data source has that field.
 * Locked filters (a public link's) are added the same way; conditions are ANDed, so they can only narrow.
 */
export function conditionsForSource(
  source: Pick<DataSource, 'fields'>,
  values: FilterValues,
  errorCode = 'invalid_filters',
): ExtraCondition[] {
  const has = new Set(source.fields.map((f) => f.name));
  return Object.entries(values)
    .filter(([field]) => has.has(field))
    .flatMap(([field, value]) => filterToConditions(field, value).map((filter) => ({ filter, errorCode })));
}

/**
 * The filter values that apply to a widget reading `source` (those whose field it has) and those that do not (issue
 * 17: an export sheet must not list a filter as applied to a widget it never narrowed).
 */
export function splitBySource(
  source: Pick<DataSource, 'fields'>,
  values: FilterValues,
): { applied: FilterValues; notApplied: FilterValues } {
  const has = new Set(source.fields.map((f) => f.name));
  const applied: FilterValues = {};
  const notApplied: FilterValues = {};
  for (const [field, value] of Object.entries(values)) (has.has(field) ? applied : notApplied)[field] = value;
  return { applied, notApplied };
}

/**
 * Issue 17: which of the dashboard's filters narrow a widget reading `source` (those whose field it has), so a view can
 * say that the others do not apply to it. Undefined when the source is unknown.
 */
export function filterFieldsOf(
  source: Pick<DataSource, 'fields'> | undefined,
  definitions: Pick<FilterDefinition, 'field'>[],
): string[] | undefined {
  if (!source) return undefined;
  const has = new Set(source.fields.map((f) => f.name));
  return definitions.map((d) => d.field).filter((field) => has.has(field));
}

/** A readable line of the applied filters, for export headers. */
export function describeFilters(values: FilterValues, definitions: FilterDefinition[]): string[] {
  const labels = new Map(definitions.map((d) => [d.field, d.label]));
  return Object.entries(values).map(([field, value]) => {
    const label = labels.get(field) ?? field;
    if (Array.isArray(value)) return `${label}: ${value.join(', ')}`;
    if (typeof value === 'object') return `${label}: ${value.from ?? '…'} – ${value.to ?? '…'}`;
    return `${label}: ${value}`;
  });
}
