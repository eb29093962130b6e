/**
 * The date range filter (issue 17): From and To, the usual relative presets, and no inverted range (the server
 * refuses one with 400; here the To field cannot go before From, and a range that would invert is not applied but
 * explained). Shared by the signed-in dashboard and the public viewer, so kept small.
 */
import { html, nothing } from 'lit';
import type { FilterDefinition, FilterValue, FilterValues } from '../internal/types.js';

type Range = { from?: string; to?: string };

const day = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/** Presets as [label, from(today)]; the range always ends today. Dates are UTC days, as the data is stored. */
export const DATE_PRESETS: [string, (t: Date) => Date][] = [
  ['Today', (t) => t],
  ['Last 7 days', (t) => utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() - 6)],
  ['Last 30 days', (t) => utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() - 29)],
  ['Last 90 days', (t) => utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() - 89)],
  ['This month', (t) => utc(t.getUTCFullYear(), t.getUTCMonth(), 1)],
  ['This quarter', (t) => utc(t.getUTCFullYear(), t.getUTCMonth() - (t.getUTCMonth() % 3), 1)],
  ['This year', (t) => utc(t.getUTCFullYear(), 0, 1)],
];

/** The range a preset stands for, on the day `today`. */
export function presetRange(index: number, today = new Date()): Range {
  const start = DATE_PRESETS[index]![1](today);
  return { from: day(start), to: day(today) };
}

export interface DateRangeOptions {
  values: FilterValues;
  onChange: (field: string, value: FilterValue | undefined) => void;
}

export function dateRangeControl(def: FilterDefinition, options: DateRangeOptions) {
  const current = options.values[def.field];
  const range: Range = current && typeof current === 'object' && !Array.isArray(current) ? current : {};
  const errorId = `filter-${def.field}-error`;
  const preset = DATE_PRESETS.findIndex((_, i) => {
    const p = presetRange(i);
    return p.from === range.from && p.to === range.to;
  });
  const set = (input: HTMLInputElement, part: 'from' | 'to') => {
    const next = { ...range, [part]: input.value || undefined };
    const inverted = Boolean(next.from && next.to && next.from > next.to);
    // Keep the last valid range applied; the field says why this one was not.
    input.setCustomValidity(inverted ? 'The start date is after the end date.' : '');
    const error = input.closest('fieldset')?.querySelector(`#${errorId}`);
    if (error) error.textContent = inverted ? 'The start date is after the end date: this range was not applied.' : '';
    if (!inverted) options.onChange(def.field, next.from || next.to ? next : undefined);
  };
  return html`<fieldset class="filter range" part="filter">
    <legend class="filter-label">${def.label}</legend>
    <select
      aria-label=${`${def.label}: period`}
      @change=${(e: Event) => {
        const i = Number((e.target as HTMLSelectElement).value);
        if (i >= 0) options.onChange(def.field, presetRange(i));
      }}
    >
      <option value="-1" ?selected=${preset < 0}>${range.from || range.to ? 'Custom' : 'Any time'}</option>
      ${DATE_PRESETS.map(([label], i) => html`<option value=${i} ?selected=${i === preset}>${label}</option>`)}
    </select>
    <input
      type="date"
      aria-label=${`${def.label} from`}
      aria-describedby=${errorId}
      max=${range.to ?? nothing}
      .value=${range.from ?? ''}
      @change=${(e: Event) => set(e.target as HTMLInputElement, 'from')}
    />
    <span class="to"
      ><span aria-hidden="true">–</span>
      <input
        type="date"
        aria-label=${`${def.label} to`}
        aria-describedby=${errorId}
        min=${range.from ?? nothing}
        .value=${range.to ?? ''}
        @change=${(e: Event) => set(e.target as HTMLInputElement, 'to')}
    /></span>
    <span class="field-error" id=${errorId} role="alert"></span>
  </fieldset>`;
}
