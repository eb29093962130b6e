/**
 * A public link's state in its card (issue 16): the status badge ("Paused", "Expires in 3 days", "Expired"), the
 * Pause / Resume button and the expiry control (presets, a custom date and time, never; "Extend 7 days" once
 * expired). Rendering only; the card (link-card.ts) keeps the custom field's value and asks for the changes.
 */
import { html, nothing } from 'lit';
import { formatDateTime } from './format.js';
import type { PublicLink } from './types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The expiry presets, in milliseconds from now; null: never. */
export const EXPIRY_PRESETS: readonly { label: string; ms: number | null }[] = [
  { label: '1 day', ms: DAY },
  { label: '7 days', ms: 7 * DAY },
  { label: '30 days', ms: 30 * DAY },
  { label: 'Never', ms: null },
];
export const EXTEND_MS = 7 * DAY;

/** "in 3 days", "in 5 hours", "in 12 minutes": to the nearest unit (a preset just set reads "in 7 days"), never "in 0". */
export function formatUntil(iso: string, now = Date.now()): string {
  const left = Math.max(0, Date.parse(iso) - now);
  const [n, unit] =
    left >= 23 * HOUR
      ? [Math.round(left / DAY), 'day']
      : left >= 59 * MINUTE
        ? [Math.round(left / HOUR), 'hour']
        : [Math.max(1, Math.ceil(left / MINUTE)), 'minute'];
  return `in ${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The words of the badge, or undefined for an active link without expiry (which needs none). */
export function statusText(link: Pick<PublicLink, 'status' | 'expiresAt'>, now = Date.now()): string | undefined {
  if (link.status === 'paused') return 'Paused';
  if (link.status === 'expired') return 'Expired';
  return link.expiresAt ? `Expires ${formatUntil(link.expiresAt, now)}` : undefined;
}

/** Beside the link's name; part of the card's group label, so a screen reader hears it with the name. */
export function renderStatusBadge(link: PublicLink) {
  const text = statusText(link);
  if (!text) return nothing;
  return html`<span
    class="badge status status-${link.status}"
    id="link-status-${link.id}"
    title=${link.expiresAt ? formatDateTime(link.expiresAt) : nothing}
    >${text}</span
  >`;
}

/** Pause (viewers see "This link is no longer available", nothing is lost) or Resume (the same URL works again). */
export function renderPauseButton(o: {
  link: PublicLink;
  name: string;
  busy: boolean;
  onToggle: (paused: boolean) => void;
}) {
  const paused = o.link.status === 'paused';
  return html`<button
    class="button pause"
    ?disabled=${o.busy}
    aria-label="${paused ? 'Resume' : 'Pause'} ${o.name}"
    title=${paused ? 'The same link works again' : 'Visitors see “This link is no longer available” until you resume it'}
    @click=${() => o.onToggle(!paused)}
  >
    ${paused ? 'Resume' : 'Pause'}
  </button>`;
}

/** A `datetime-local` value (local time, minutes) of an instant. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * MINUTE);
  return d.toISOString().slice(0, 16);
}

/** Expiry: presets, Custom… (a date and time field), Never; once expired, "Extend 7 days" first. */
export function renderExpiry(o: {
  link: PublicLink;
  name: string;
  busy: boolean;
  /** The custom field's value while it is open. */
  custom: string | undefined;
  /** An expiry in ms from now, or null for never. */
  onPreset: (ms: number | null) => void;
  onCustom: (value: string | undefined) => void;
  onSaveCustom: (value: string) => void;
}) {
  const { link } = o;
  const now = Date.now();
  return html`<div class="locked expiry" role="group" aria-labelledby="expiry-title-${link.id}">
    <div class="locked-head">
      <span class="locked-title" id="expiry-title-${link.id}">Expiry</span>
      <span class="hint expiry-now"
        >${
          link.expiresAt
            ? `${link.status === 'expired' ? 'Expired' : 'Expires'} ${formatDateTime(link.expiresAt)}`
            : 'Never expires'
        }</span
      >
    </div>
    <div class="link-actions">
      ${
        link.status === 'expired'
          ? html`<button
              class="button primary extend"
              ?disabled=${o.busy}
              aria-label="Extend 7 days: ${o.name}"
              @click=${() => o.onPreset(EXTEND_MS)}
            >
              Extend 7 days
            </button>`
          : nothing
      }
      ${EXPIRY_PRESETS.map(
        (p) =>
          html`<button
            class="button quiet preset"
            data-preset=${p.label}
            ?disabled=${o.busy}
            aria-label=${p.ms === null ? `${o.name} never expires` : `${o.name} expires in ${p.label}`}
            @click=${() => o.onPreset(p.ms)}
          >
            ${p.label}
          </button>`,
      )}
      <button
        class="button quiet custom-expiry"
        ?disabled=${o.busy || o.custom !== undefined}
        aria-label="Custom… expiry of ${o.name}"
        @click=${() => o.onCustom(toLocalInput(now + 7 * DAY))}
      >
        Custom…
      </button>
    </div>
    ${
      o.custom === undefined
        ? nothing
        : html`<div class="confirm-actions">
            <label for="expiry-input-${link.id}">Expires at</label>
            <input
              id="expiry-input-${link.id}"
              class="expiry-input"
              type="datetime-local"
              .value=${o.custom}
              min=${toLocalInput(now + MINUTE)}
              max=${toLocalInput(now + 365 * DAY)}
              ?disabled=${o.busy}
              @input=${(e: Event) => o.onCustom((e.target as HTMLInputElement).value)}
            />
            <button
              class="button primary save-expiry"
              ?disabled=${o.busy || !o.custom}
              @click=${() => o.custom && o.onSaveCustom(o.custom)}
            >
              Save
            </button>
            <button class="button cancel-expiry" @click=${() => o.onCustom(undefined)}>Cancel</button>
          </div>`
    }
  </div>`;
}
