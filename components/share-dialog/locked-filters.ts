import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { FilterDefinition, FilterValue, FilterValues } from '../internal/types.js';

/** "Region: EMEA, APAC" chips text for a link's locked filters, in the dashboard's filter order and labels. */
export function describeLockedFilters(values: FilterValues | undefined, definitions: FilterDefinition[]): string[] {
  if (!values) return [];
  return Object.entries(values).map(([field, value]) => {
    const label = definitions.find((d) => d.field === field)?.label ?? field;
    return `${label}: ${describeValue(value)}`;
  });
}

function describeValue(value: FilterValue): string {
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object') {
    if (value.from && value.to) return `${value.from} – ${value.to}`;
    if (value.from) return `from ${value.from}`;
    if (value.to) return `until ${value.to}`;
    return 'any';
  }
  return String(value);
}

/** Drops empty choices so that "not locked" is never sent as a value. */
export function compactLockedFilters(values: FilterValues): FilterValues {
  const out: FilterValues = {};
  for (const [field, value] of Object.entries(values)) {
    if (value === '' || value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (!Array.isArray(value) && typeof value === 'object' && !value.from && !value.to) continue;
    out[field] = value;
  }
  return out;
}

/**
 * Form controls that fix filter values on a public link: one control per dashboard filter, "Not locked" by default.
 * `idPrefix` keeps ids unique when several editors are on screen.
 */
export function renderLockedFiltersEditor(options: {
  idPrefix: string;
  definitions: FilterDefinition[];
  value: FilterValues;
  disabled: boolean;
  onChange: (next: FilterValues) => void;
}) {
  const { idPrefix, definitions, value, disabled, onChange } = options;
  const set = (field: string, next: FilterValue | undefined) => {
    const copy = { ...value };
    if (next === undefined) delete copy[field];
    else copy[field] = next;
    onChange(copy);
  };
  return html`<div class="locked-editor">
    ${definitions.map((def) => {
      const id = `${idPrefix}-${def.field}`;
      const current = value[def.field];
      if (def.type === 'select') {
        return html`<div class="field">
          <label for=${id}>${def.label}</label>
          <select
            id=${id}
            ?disabled=${disabled}
            @change=${(e: Event) => set(def.field, (e.target as HTMLSelectElement).value || undefined)}
          >
            <option value="" ?selected=${current === undefined}>Not locked</option>
            ${(def.options ?? []).map((o) => html`<option value=${String(o)} ?selected=${String(current) === String(o)}>${o}</option>`)}
          </select>
        </div>`;
      }
      if (def.type === 'multi') {
        const chosen = Array.isArray(current) ? current.map(String) : [];
        return html`<fieldset class="field multi">
          <legend>${def.label}</legend>
          ${(def.options ?? []).map(
            (o, i) =>
              html`<label class="check"
                ><input
                  type="checkbox"
                  id=${`${id}-${i}`}
                  ?disabled=${disabled}
                  .checked=${live(chosen.includes(String(o)))}
                  @change=${(e: Event) => {
                    const on = (e.target as HTMLInputElement).checked;
                    const next = on ? [...chosen, String(o)] : chosen.filter((c) => c !== String(o));
                    set(def.field, next.length ? next : undefined);
                  }}
                />${o}</label
              >`,
          )}
        </fieldset>`;
      }
      const range = current && typeof current === 'object' && !Array.isArray(current) ? current : {};
      const setRange = (key: 'from' | 'to', v: string) => {
        const next = { ...range, [key]: v || undefined };
        set(def.field, next.from || next.to ? next : undefined);
      };
      return html`<fieldset class="field range">
        <legend>${def.label}</legend>
        <label
          >From
          <input
            type="date"
            id=${`${id}-from`}
            ?disabled=${disabled}
            .value=${live(range.from ?? '')}
            @change=${(e: Event) => setRange('from', (e.target as HTMLInputElement).value)}
        /></label>
        <label
          >To
          <input
            type="date"
            id=${`${id}-to`}
            ?disabled=${disabled}
            .value=${live(range.to ?? '')}
            @change=${(e: Event) => setRange('to', (e.target as HTMLInputElement).value)}
        /></label>
      </fieldset>`;
    })}
    ${definitions.length === 0 ? html`<p class="hint">This dashboard has no global filters to lock.</p>` : nothing}
  </div>`;
}
