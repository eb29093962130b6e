/**
 * Issue 16, in a public link's card: what the link exposes and the exposure guard. The "Changed since shared" badge
 * and notice (what changed, Confirm, Pause), and the Widgets section (All widgets / Only these, and "Pause
 * automatically when the dashboard changes"). Each control asks for its change at once with `atlas-share-intent`
 * (the share dialog saves it and announces the result) and, once answered, puts focus back on the control that
 * asked, which waited while the change was saved.
 */
import { css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ExposureChange } from '../api/contract.js';
import { requestChange, type ShareIntent } from './intent.js';
import type { PublicLink } from './types.js';

/** A widget the owner may tick. */
export interface LinkWidget {
  id: string;
  title: string;
}

/** The card that shows the sections: it asks for the changes and holds the focus. */
type Host = HTMLElement & {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
};

/** One reason, as the owner reads it. */
export function changeSentence(change: Pick<ExposureChange, 'kind' | 'subject'>): string {
  switch (change.kind) {
    case 'widget_added':
      return `Widget “${change.subject}” was added.`;
    case 'data_source_added':
      return `It now shows data from “${change.subject}”.`;
    case 'filter_default_widened':
      return `The default of the filter “${change.subject}” now shows more.`;
    case 'locked_field_removed':
      return `The filter “${change.subject}” that this link locks was removed.`;
    default:
      return `${change.subject} changed.`;
  }
}

/**
 * Asks for a change, then puts focus on `selector` (the control, disabled meanwhile, has lost it), or on `failed`
 * when the change was refused (the card shows why).
 */
async function ask(host: Host, intent: ShareIntent, selector: string, failed = selector): Promise<void> {
  const outcome = await requestChange(host, intent);
  // Refused: render again, so a radio or checkbox the owner moved shows the link as it still is.
  if (!outcome.ok) host.requestUpdate();
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(outcome.ok ? selector : failed)?.focus();
}

/** Beside the link's name, and part of the card's name for a screen reader. */
export function renderChangedBadge(link: PublicLink) {
  if (!link.changedSinceShared) return nothing;
  return html`<span class="badge changed" id="link-changed-${link.id}">Changed since shared</span>`;
}

/** The id the card's group label adds, when the badge is shown. */
export const changedLabelId = (link: PublicLink) => (link.changedSinceShared ? ` link-changed-${link.id}` : '');

/** What the dashboard now exposes through the link, with Confirm (keep sharing it) and Pause. */
export function renderChangedNotice(host: Host, link: PublicLink, name: string, busy: boolean) {
  if (!link.changedSinceShared) return nothing;
  const paused = link.status === 'paused';
  return html`<div class="changed-notice" role="group" aria-labelledby="changed-title-${link.id}">
    <p id="changed-title-${link.id}" class="locked-title">This dashboard changed since you shared this link:</p>
    <ul class="changes">
      ${link.changes.map((c) => html`<li>${changeSentence(c)}</li>`)}
    </ul>
    <p class="hint">
      ${paused ? 'The link is paused.' : 'Visitors of the link see these changes now.'} Confirm to keep sharing what the
      dashboard shows${paused ? '; resume the link when you are ready' : ', or pause the link'}.
    </p>
    <div class="confirm-actions">
      <button
        class="button primary confirm-changes"
        ?disabled=${busy}
        aria-label="Confirm the changes of ${name}"
        @click=${() => void ask(host, { kind: 'confirm-link', linkId: link.id }, '.pause', '.confirm-changes')}
      >
        Confirm
      </button>
      ${
        paused
          ? nothing
          : html`<button
              class="button pause-changed"
              ?disabled=${busy}
              aria-label="Pause ${name} until you confirm the changes"
              @click=${() =>
                void ask(
                  host,
                  { kind: 'pause-link', linkId: link.id, paused: true },
                  '.confirm-changes',
                  '.pause-changed',
                )}
            >
              Pause
            </button>`
      }
    </div>
  </div>`;
}

/** Which widgets the link shows, and whether it pauses itself when the dashboard starts exposing more. */
export function renderWidgetsSection(host: Host, link: PublicLink, name: string, widgets: LinkWidget[], busy: boolean) {
  const all = link.widgetIds === null;
  const shown = new Set(link.widgetIds ?? widgets.map((w) => w.id));
  const setIds = (widgetIds: string[] | null, focus: string) =>
    void ask(host, { kind: 'link-widgets', linkId: link.id, widgetIds }, focus);
  const toggle = (id: string, on: boolean) =>
    setIds(
      widgets.filter((w) => (w.id === id ? on : shown.has(w.id))).map((w) => w.id),
      `.widget-check[data-widget-id="${CSS.escape(id)}"]`,
    );
  return html`<fieldset class="locked widgets-choice">
    <legend class="locked-title">Widgets <span class="visually-hidden">of ${name}</span></legend>
    <label class="choice"
      ><input
        type="radio"
        class="widgets-all"
        name="widgets-${link.id}"
        .checked=${live(all)}
        ?disabled=${busy}
        @change=${() => setIds(null, '.widgets-all')}
      />
      All widgets, also those added later</label
    >
    <label class="choice"
      ><input
        type="radio"
        class="widgets-some"
        name="widgets-${link.id}"
        .checked=${live(!all)}
        ?disabled=${busy}
        @change=${() =>
          setIds(
            [...shown].filter((id) => widgets.some((w) => w.id === id)),
            '.widgets-some',
          )}
      />
      Only these:</label
    >
    ${
      all
        ? nothing
        : html`<ul class="plain widget-checks" aria-label="Widgets shown through ${name}">
              ${widgets.map(
                (w) =>
                  html`<li>
                    <label class="choice"
                      ><input
                        type="checkbox"
                        class="widget-check"
                        data-widget-id=${w.id}
                        .checked=${live(shown.has(w.id))}
                        ?disabled=${busy}
                        @change=${(e: Event) => toggle(w.id, (e.target as HTMLInputElement).checked)}
                      />
                      ${w.title}</label
                    >
                  </li>`,
              )}
            </ul>
            ${
              widgets.some((w) => shown.has(w.id))
                ? html`<p class="hint">Widgets added to the dashboard later are not shown until you tick them.</p>`
                : html`<p class="hint">No widget is shown through this link.</p>`
            }`
    }
    <label class="choice"
      ><input
        type="checkbox"
        class="pause-on-change"
        .checked=${live(link.pauseOnChange)}
        ?disabled=${busy}
        @change=${(e: Event) =>
          void ask(
            host,
            { kind: 'link-pause-on-change', linkId: link.id, pauseOnChange: (e.target as HTMLInputElement).checked },
            '.pause-on-change',
          )}
      />
      Pause automatically when the dashboard changes</label
    >
  </fieldset>`;
}

/** Added to the card's styles. */
export const linkGuardStyles = css`
  .badge.changed,
  .changed-notice {
    background: var(--_warning-subtle);
    color: var(--_warning-fg);
  }
  .changed-notice {
    display: grid;
    gap: 0.35rem;
    padding: 0.55rem 0.7rem;
    border-radius: 0.5rem;
  }
  .changed-notice p,
  .changes {
    margin: 0;
  }
  .changes {
    padding-inline-start: 1.1rem;
  }
  .widgets-choice {
    margin: 0;
    padding-inline: 0;
    padding-block-end: 0;
    border: 0;
    border-block-start: 1px solid var(--_border);
    min-inline-size: 0;
  }
  .widgets-choice legend {
    padding: 0;
    float: left;
    inline-size: 100%;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    font-size: 0.8125rem;
  }
  .widget-checks {
    display: grid;
    gap: 0.2rem;
    margin: 0;
    padding-inline-start: 1.4rem;
    list-style: none;
  }
  @media (forced-colors: active) {
    .changed-notice {
      border: 1px solid CanvasText;
    }
  }
`;
