/**
 * A public link's state in its card (issue 16): the status badge and the Pause / Resume button. Rendering only; the
 * card (link-card.ts) asks for the change.
 */
import { html, nothing } from 'lit';
import type { PublicLink } from './types.js';

/** The words of the badge, or undefined for an active link (which needs none). */
export function statusText(link: Pick<PublicLink, 'status'>): string | undefined {
  return link.status === 'paused' ? 'Paused' : undefined;
}

/** "Paused" beside the link's name; part of the card's group label, so a screen reader hears it with the name. */
export function renderStatusBadge(link: PublicLink) {
  const text = statusText(link);
  if (!text) return nothing;
  return html`<span class="badge status status-${link.status}" id="link-status-${link.id}">${text}</span>`;
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
