/**
 * Turns filter values from a widget query or a dashboard filter into values of a field's type, or refuses them.
 * Dates become the stored UTC text form; a date without a time keeps that fact so ranges can cover whole days.
 */
import type { FieldType } from '../store/types.js';

export type Coerced = { ok: true; value: string | number; dateOnly?: boolean } | { ok: false; reason: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/** The last second every store can hold and compare as text: 9999-12-31 23:59:59. */
const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59);
/** Years below 100 have no 'YYYY' form that Date.UTC reads back (it maps 0–99 to 1900–1999). */
const FIRST_MS = new Date('0100-01-01T00:00:00Z').getTime();
export const LAST_SECOND = '9999-12-31 23:59:59';

export function coerceValue(value: unknown, type: FieldType): Coerced {
  if (type === 'number') {
    if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
    if (typeof value === 'string' && NUMERIC.test(value.trim())) return { ok: true, value: Number(value) };
    return { ok: false, reason: 'expects a number' };
  }
  if (type === 'string') {
    // PostgreSQL text cannot hold U+0000 (the query would fail there while SQLite ran it), so no store takes it.
    if (typeof value === 'string')
      return value.includes('\u0000') ? { ok: false, reason: 'cannot contain a NUL character' } : { ok: true, value };
    if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value: String(value) };
    return { ok: false, reason: 'expects text' };
  }
  if (typeof value !== 'string')
    return { ok: false, reason: "expects a date like '2026-01-31' or '2026-01-31 08:00:00'" };
  const date = toSqlDate(value.trim());
  return date ?? { ok: false, reason: "expects a date like '2026-01-31' or '2026-01-31 08:00:00'" };
}

function toSqlDate(text: string): { ok: true; value: string; dateOnly: boolean } | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const dateOnly = m[4] === undefined;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(ms);
  // Reject 2026-02-31 and 25:00 rather than letting Date roll them over.
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d)
  )
    return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [zh, zm] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
    ms -= sign * (zh * 60 + zm) * 60_000;
  }
  // A zone may move a date across 9999-12-31 or below year 100; outside that range the stored text form stops
  // sorting as dates do (and PostgreSQL refuses a five-digit year), so such a value is not a date here.
  if (ms > LAST_MS || ms < FIRST_MS) return undefined;
  return { ok: true, value: sqlTimestamp(ms), dateOnly: dateOnly && !zone };
}

export function sqlTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** The start of the next day, for inclusive "up to this date" bounds; undefined after the last day (9999-12-31). */
export function nextDay(sqlDate: string): string | undefined {
  const next = Date.parse(`${sqlDate.slice(0, 10)}T00:00:00Z`) + 86_400_000;
  return next > LAST_MS ? undefined : sqlTimestamp(next);
}
