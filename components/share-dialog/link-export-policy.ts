/**
 * Issue 16: a link's downloads (its export policy) in the link card: Off, On, or Up to N rows per sheet. A small form
 * of native radios and a number field, so arrows, Tab and Enter work as everywhere; Save asks `<atlas-share-dialog>`
 * for the change with an `export-policy` intent. The server enforces the policy; this only shows and asks.
 */
import { html, nothing } from 'lit';
import type { ExportPolicy, ExportPolicyBody } from '../api/contract.js';
import { requestChange } from './intent.js';
import type { PublicLink } from './types.js';

/** The server's ceiling for a cap (contract: MAX_EXPORT_ROW_CAP). */
const MAX_CAP = 1_000_000;
const DEFAULT_CAP = 1000;

/** Words for the current policy (the section's summary). */
export function describeExportPolicy(policy: ExportPolicy): string {
  if (policy.mode === 'off') return 'Off: visitors cannot download the data.';
  if (policy.mode === 'capped') return `Up to ${policy.rowCap ?? 0} rows per sheet.`;
  return 'On: visitors can download the whole dashboard as XLSX.';
}

/** The body for the form's values, or a sentence when the cap is not a whole number in range. */
export function exportPolicyFromForm(mode: string, cap: string): ExportPolicyBody | { error: string } {
  if (mode === 'off' || mode === 'on') return { mode };
  const rowCap = Number(cap);
  if (!Number.isInteger(rowCap) || rowCap < 1 || rowCap > MAX_CAP)
    return { error: 'Enter a whole number of rows from 1 to 1,000,000.' };
  return { mode: 'capped', rowCap };
}

export interface ExportPolicyOptions {
  /** The card: intents start from it, and it re-renders to show the cap field's error. */
  host: HTMLElement & { requestUpdate(): void };
  link: PublicLink;
  name: string;
  busy: boolean;
}

/** The cap field's error, kept per link between renders (the form itself keeps what the owner typed). */
const errors = new WeakMap<HTMLElement, string>();

async function save(o: ExportPolicyOptions, form: HTMLFormElement) {
  const data = new FormData(form);
  const body = exportPolicyFromForm(String(data.get('mode') ?? 'on'), String(data.get('cap') ?? ''));
  if ('error' in body) {
    errors.set(o.host, body.error);
    o.host.requestUpdate();
    form.querySelector<HTMLInputElement>('.export-cap')?.focus();
    return;
  }
  if (errors.delete(o.host)) o.host.requestUpdate();
  await requestChange(o.host, { kind: 'export-policy', linkId: o.link.id, exportPolicy: body });
}

export function renderExportPolicy(o: ExportPolicyOptions) {
  const { link } = o;
  const policy = link.exportPolicy;
  const id = `export-${link.id}`;
  const error = errors.get(o.host) ?? '';
  const option = (mode: ExportPolicy['mode'], label: string) =>
    html`<label class="export-option">
      <input
        type="radio"
        name="mode"
        value=${mode}
        class="export-mode"
        .checked=${policy.mode === mode}
        ?disabled=${o.busy}
      />
      ${label}
    </label>`;
  // novalidate: our sentence (beside the field, announced) instead of the browser's bubble.
  return html`<form
    novalidate
    class="locked export-policy"
    aria-labelledby="${id}-title link-title-${o.link.id}"
    @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      void save(o, e.currentTarget as HTMLFormElement);
    }}
  >
    <div class="locked-head">
      <span class="locked-title" id="${id}-title">Downloads (XLSX export)</span>
    </div>
    <p class="hint export-summary">${describeExportPolicy(policy)}</p>
    <fieldset class="export-modes">
      <legend class="visually-hidden">Downloads through ${o.name}</legend>
      ${option('on', 'On')} ${option('off', 'Off')} ${option('capped', 'Up to')}
      <label class="visually-hidden" for="${id}-cap">Rows per sheet at most for ${o.name}</label>
      <input
        id="${id}-cap"
        class="export-cap"
        name="cap"
        type="number"
        inputmode="numeric"
        min="1"
        max=${MAX_CAP}
        step="1"
        .value=${String(policy.rowCap ?? DEFAULT_CAP)}
        ?disabled=${o.busy}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
        @input=${(e: InputEvent) => {
          // Typing a cap means "capped": select it, so Save does what the owner meant.
          const form = (e.target as HTMLElement).closest('form');
          const capped = form?.querySelector<HTMLInputElement>('input[value="capped"]');
          if (capped) capped.checked = true;
        }}
      />
      <span aria-hidden="true">rows per sheet</span>
    </fieldset>
    ${error ? html`<p id="${id}-error" class="field-error export-error" role="alert">${error}</p>` : nothing}
    <div class="confirm-actions">
      <button class="button save-export" type="submit" ?disabled=${o.busy} aria-label="Save downloads of ${o.name}">
        Save downloads
      </button>
    </div>
  </form>`;
}
