/** Cell formatting for the widget renderer: numbers and dates through Intl, dates shown in UTC as stored. */
import type { TimeBucket, WidgetQuery } from '../api/contract.js';
import type { WidgetCell, WidgetColumn } from './types.js';

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

export function formatNumber(value: number, locale?: string, compact = false): string {
  if (compact && Math.abs(value) >= 100_000)
    return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  return numberFormat(locale, { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 }).format(value);
}

const DATE_OPTIONS: Record<TimeBucket | 'none', Intl.DateTimeFormatOptions> = {
  month: { year: 'numeric', month: 'short' },
  week: { year: 'numeric', month: 'short', day: 'numeric' },
  day: { year: 'numeric', month: 'short', day: 'numeric' },
  hour: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  minute: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  none: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
};

export function parseSqlDate(value: string): Date | undefined {
  const ms = Date.parse(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

export function formatDate(value: string, bucket: TimeBucket | undefined, locale?: string): string {
  const date = parseSqlDate(value);
  if (!date) return value;
  const text = new Intl.DateTimeFormat(locale, { ...DATE_OPTIONS[bucket ?? 'none'], timeZone: 'UTC' }).format(date);
  return bucket === 'week' ? `Week of ${text}` : text;
}

/** The time bucket of a result column, from the widget's query (dimensions name their column with `as`). */
export function bucketOf(column: WidgetColumn, query: Partial<WidgetQuery> | undefined): TimeBucket | undefined {
  for (const d of query?.dimensions ?? []) {
    if (typeof d === 'string' || !d.bucket) continue;
    if ((d.as ?? `${d.field}_${d.bucket}`) === column.name) return d.bucket;
  }
  return undefined;
}

export function formatCell(
  value: WidgetCell,
  column: WidgetColumn,
  query: Partial<WidgetQuery> | undefined,
  locale?: string,
): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value, locale);
  if (column.type === 'date') return formatDate(value, bucketOf(column, query), locale);
  return value;
}

export const columnLabel = (c: WidgetColumn) => c.label || c.name;
