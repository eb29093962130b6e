/**
 * Issue 16 in a link's card: Rotate (a new address, and passcode, for the same link, with a grace period for the old
 * address: Immediately, 1 hour or 24 hours; "Old address works until …" meanwhile) and the Sessions of a passcode link
 * (who has entered the passcode, each with End). Rendering only; the card keeps what is open and asks for changes.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { formatDateTime } from './format.js';
import { requestChange } from './intent.js';
import type { LinkSession, PublicLink } from './types.js';

/** The grace periods offered for the old address, in seconds. */
export const GRACE_CHOICES: readonly { label: string; seconds: number }[] = [
  { label: 'Immediately', seconds: 0 },
  { label: 'After 1 hour', seconds: 3600 },
  { label: 'After 24 hours', seconds: 86_400 },
];

const FAMILY: Record<LinkSession['agentFamily'], string> = {
  chrome: 'Chrome',
  firefox: 'Firefox',
  safari: 'Safari',
  edge: 'Edge',
  other: 'Other browser',
};

/** "Firefox, opened 3 Jun 09:00": how a session is named on its End button and in its row. */
export function sessionName(session: LinkSession): string {
  return `${FAMILY[session.agentFamily]}, opened ${formatDateTime(session.createdAt)}`;
}

/** Rotate: the button, or (while open) the grace choice and the confirmation; the old address's end meanwhile. */
export function renderRotate(o: {
  link: PublicLink;
  name: string;
  busy: boolean;
  /** The chosen grace in seconds while the choice is open; undefined when closed. */
  grace: number | undefined;
  onOpen: () => void;
  onGrace: (seconds: number) => void;
  onConfirm: (seconds: number) => void;
  onCancel: () => void;
}) {
  const { link } = o;
  const grace = o.grace;
  return html`<div class="locked rotate-section" role="group" aria-labelledby="rotate-title-${link.id}">
    <div class="locked-head">
      <span class="locked-title" id="rotate-title-${link.id}">Address</span>
      ${
        grace === undefined
          ? html`<button
              class="button quiet rotate"
              ?disabled=${o.busy}
              aria-label="Rotate the address of ${o.name}"
              title="A new address${link.passcodeEnabled ? ' and passcode' : ''} for the same link"
              @click=${o.onOpen}
            >
              Rotate…
            </button>`
          : nothing
      }
    </div>
    ${
      link.previousTokenUntil
        ? html`<p class="hint old-address">Old address works until ${formatDateTime(link.previousTokenUntil)}.</p>`
        : nothing
    }
    ${
      grace === undefined
        ? nothing
        : html`<fieldset class="grace">
              <legend>The old address stops working</legend>
              ${GRACE_CHOICES.map(
                (c) =>
                  html`<label
                    ><input
                      type="radio"
                      class="grace-choice"
                      name="grace-${link.id}"
                      value=${c.seconds}
                      .checked=${grace === c.seconds}
                      ?disabled=${o.busy}
                      @change=${() => o.onGrace(c.seconds)}
                    />
                    ${c.label}</label
                  >`,
              )}
            </fieldset>
            <p class="hint" id="rotate-hint-${link.id}">
              The link gets a new address${link.passcodeEnabled ? ' and a new passcode; every session ends' : ''}. Its
              label, filters, embedding, expiry and history stay.
            </p>
            <div class="confirm-actions">
              <button
                class="button primary confirm-rotate"
                ?disabled=${o.busy}
                aria-describedby="rotate-hint-${link.id}"
                @click=${() => o.onConfirm(grace)}
              >
                Rotate
              </button>
              <button class="button cancel-rotate" @click=${o.onCancel}>Cancel</button>
            </div>`
    }
  </div>`;
}

/** Sessions of a passcode link: Show (loads them), then one row each with End; Refresh reloads. */
export function renderSessions(o: {
  link: PublicLink;
  name: string;
  busy: boolean;
  /** Undefined until loaded. */
  sessions: readonly LinkSession[] | undefined;
  onLoad: () => void;
  onEnd: (session: LinkSession, index: number) => void;
}) {
  const { link, sessions } = o;
  return html`<div class="locked sessions" role="group" aria-labelledby="sessions-title-${link.id}">
    <div class="locked-head">
      <span class="locked-title" id="sessions-title-${link.id}">Sessions</span>
      <button
        class="button quiet load-sessions"
        ?disabled=${o.busy}
        aria-label="${sessions ? 'Refresh' : 'Show'} the sessions of ${o.name}"
        @click=${o.onLoad}
      >
        ${sessions ? 'Refresh' : 'Show'}
      </button>
    </div>
    ${
      sessions === undefined
        ? html`<p class="hint">Who has entered the passcode. End one without changing the passcode.</p>`
        : sessions.length === 0
          ? html`<p class="hint no-sessions">No live sessions.</p>`
          : html`<ul class="plain session-list">
              ${sessions.map(
                (s, i) =>
                  html`<li class="session" data-session-id=${s.id}>
                    <span
                      >${sessionName(s)} · last seen ${formatDateTime(s.lastSeenAt)} ·
                      <span title="A hash of the visitor's network address">client ${s.addressHash}</span></span
                    >
                    <button
                      class="button quiet danger-text end-session"
                      ?disabled=${o.busy}
                      aria-label="End session: ${sessionName(s)}"
                      @click=${() => o.onEnd(s, i)}
                    >
                      End
                    </button>
                  </li>`,
              )}
            </ul>`
    }
  </div>`;
}

/** What the section needs of its card: an element that re-renders and sends intents from itself. */
type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * The state and actions of the card's Rotate and Sessions sections (kept out of link-card.ts, which is large): which
 * grace is chosen while Rotate is open, the intents it sends, and where focus goes after each.
 */
export class LinkLifecycleSection implements ReactiveController {
  readonly #host: Host;
  /** The grace (seconds) chosen while the Rotate choice is open; undefined when closed. */
  #grace?: number;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Escape: closes an open Rotate choice; the selector to focus then, or undefined when nothing was open. */
  escape(): string | undefined {
    if (this.#grace === undefined) return undefined;
    this.#setGrace(undefined);
    return '.rotate';
  }

  /** Another link in the same card: start afresh. */
  reset(): void {
    this.#grace = undefined;
  }

  #setGrace(grace: number | undefined) {
    this.#grace = grace;
    this.#host.requestUpdate();
  }

  async #focus(selector: string) {
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #ask(link: PublicLink, intent: 'rotate' | 'load' | { end: string; index: number }) {
    const outcome = await requestChange(
      this.#host,
      intent === 'rotate'
        ? { kind: 'rotate-link', linkId: link.id, graceSeconds: this.#grace ?? 0 }
        : intent === 'load'
          ? { kind: 'link-sessions', linkId: link.id }
          : { kind: 'end-session', linkId: link.id, sessionId: intent.end },
    );
    if (!outcome.ok) return;
    if (intent === 'rotate') this.#setGrace(undefined);
    await this.#host.updateComplete;
    // After End, the next session's End (or the last one's); else the button that was used.
    const ends = this.#host.renderRoot.querySelectorAll<HTMLElement>('.end-session');
    const next = typeof intent === 'object' ? ends[Math.min(intent.index, ends.length - 1)] : undefined;
    if (next) next.focus();
    else await this.#focus(intent === 'rotate' ? '.rotate' : '.load-sessions');
  }

  render(link: PublicLink, name: string, busy: boolean, sessions: readonly LinkSession[] | undefined) {
    return html`${renderRotate({
      link,
      name,
      busy,
      grace: this.#grace,
      onOpen: () => {
        this.#setGrace(0);
        void this.#focus('.grace-choice:checked');
      },
      onGrace: (seconds) => this.#setGrace(seconds),
      onConfirm: () => void this.#ask(link, 'rotate'),
      onCancel: () => {
        this.#setGrace(undefined);
        void this.#focus('.rotate');
      },
    })}
    ${
      link.passcodeEnabled
        ? renderSessions({
            link,
            name,
            busy,
            sessions,
            onLoad: () => void this.#ask(link, 'load'),
            onEnd: (s, index) => void this.#ask(link, { end: s.id, index }),
          })
        : nothing
    }`;
  }
}
