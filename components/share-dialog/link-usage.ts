import { html, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { LinkUsageDay, LinkUsageResponse } from '../api/contract.js';
import { getLinkUsage } from '../api/endpoints.js';
import { ApiTask } from '../controllers/api-task.js';
import { AtlasElement, errorMessage } from '../internal/atlas-element.js';
import { formatDateTime, formatRelative } from './format.js';
import styles from './link-usage.styles.js';

type Usage = LinkUsageResponse['usage'];
type Series = Exclude<keyof LinkUsageDay, 'day'>;

/** The chart's series, bottom to top, with their legend words. */
export const USAGE_SERIES: { key: Series; label: string }[] = [
  { key: 'ok', label: 'Views' },
  { key: 'wrongPasscode', label: 'Wrong passcode' },
  { key: 'rateLimited', label: 'Rate limited' },
  { key: 'unavailable', label: 'Unavailable' },
];

const BAR = 6;
const GAP = 2;
const HEIGHT = 48;

/** Totals per series over the 30 days. */
export function usageTotals(days: LinkUsageDay[]): Record<Series, number> {
  const out: Record<Series, number> = { ok: 0, wrongPasscode: 0, rateLimited: 0, unavailable: 0 };
  for (const d of days) for (const { key } of USAGE_SERIES) out[key] += d[key];
  return out;
}

/** One sentence that says what the chart shows (its accessible name). */
export function describeUsage(usage: Usage): string {
  const t = usageTotals(usage.days);
  const clients = `${usage.distinctClients} distinct ${usage.distinctClients === 1 ? 'client' : 'clients'}`;
  return (
    `Last 30 days: ${t.ok} ${t.ok === 1 ? 'view' : 'views'}, ${t.wrongPasscode} wrong passcode, ` +
    `${t.rateLimited} rate limited, ${t.unavailable} unavailable; ${clients}.`
  );
}

/**
 * @summary A public link's usage in its card: requests per day over the last 30 days by outcome (views, wrong
 * passcode, rate limited, unavailable) as a small stacked bar chart, the distinct client count and the last access.
 * @tag atlas-link-usage
 *
 * Collapsed at first ("Show usage"): the share dialog opens with its one request, and a link's usage is loaded
 * (`GET …/public-links/{linkId}/usage`, from the nearest `<atlas-provider>`) only when its owner asks. Renders nothing
 * without a dashboard and a link (a card shown on its own, outside a share dialog). Each bar's title names its day
 * and counts; the chart's accessible name is the 30 days' totals.
 *
 * @csspart usage - The section's frame.
 */
export class AtlasLinkUsage extends AtlasElement {
  static override styles = styles;

  /** The dashboard the link belongs to. */
  @property({ attribute: 'dashboard-id' }) dashboardId = '';
  /** The link whose usage to show. */
  @property({ attribute: 'link-id' }) linkId = '';

  /** The owner opened the section: its data loads. */
  @state() private open = false;

  #task = new ApiTask(this, {
    task: async ([api, id, linkId, open], { signal }) =>
      open && api && id && linkId ? (await getLinkUsage(api, { id, linkId }, { signal })).usage : undefined,
    args: () => [this.api, this.dashboardId, this.linkId, this.open] as const,
  });

  /** Loads the usage again (after a change of the link, or from a host); opens the section. */
  refresh(): Promise<void> {
    this.open = true;
    return this.#task.run([this.api, this.dashboardId, this.linkId, true]);
  }

  override render() {
    if (!this.api || !this.dashboardId || !this.linkId) return nothing;
    const id = `usage-${this.linkId}`;
    // A named group, not a <section> landmark: every expanded link has one, and landmarks need unique names (issue 17).
    return html`<div class="usage" part="usage" role="group" aria-labelledby="${id}-title">
      <div class="head">
        <span class="title" id="${id}-title">Usage</span>
        <button
          class="toggle-usage"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="${id}-body"
          @click=${() => (this.open = !this.open)}
        >
          ${this.open ? 'Hide usage' : 'Show usage'}
        </button>
      </div>
      <div id="${id}-body" ?hidden=${!this.open}>${this.open ? this.#renderBody(id) : nothing}</div>
    </div>`;
  }

  #renderBody(id: string) {
    return html`${this.#task.render({
      pending: () => html`<p class="hint" role="status">Loading usage…</p>`,
      complete: (usage) => (usage ? this.#renderUsage(usage, id) : nothing),
      error: (err) =>
        html`<p class="hint error" role="alert">
          Could not load the usage: ${errorMessage(err)}
          <button class="retry-usage" @click=${() => void this.refresh()}>Try again</button>
        </p>`,
    })}`;
  }

  #renderUsage(usage: Usage, id: string) {
    const max = Math.max(1, ...usage.days.map((d) => d.ok + d.wrongPasscode + d.rateLimited + d.unavailable));
    const width = usage.days.length * (BAR + GAP) - GAP;
    const scale = (n: number) => (n / max) * HEIGHT;
    return html`<svg
        class="chart"
        role="img"
        aria-labelledby="${id}-summary"
        viewBox="0 0 ${width} ${HEIGHT}"
        width=${width * 1.5}
        height=${HEIGHT * 1.5}
      >
        ${usage.days.map((d, i) => {
          let y = HEIGHT;
          const parts = USAGE_SERIES.filter(({ key }) => d[key] > 0).map(({ key }) => {
            const h = scale(d[key]);
            y -= h;
            return svg`<rect class=${key} x=${i * (BAR + GAP)} y=${y} width=${BAR} height=${h}></rect>`;
          });
          const words = USAGE_SERIES.map(({ key, label }) => `${label}: ${d[key]}`).join(', ');
          return svg`<g class="day" data-day=${d.day}><title>${d.day}: ${words}</title>${parts}</g>`;
        })}
      </svg>
      <p class="hint" id="${id}-summary">${describeUsage(usage)}</p>
      <ul class="legend" aria-hidden="true">
        ${USAGE_SERIES.map(({ key, label }) => html`<li><span class="swatch ${key}"></span><span>${label}</span></li>`)}
      </ul>
      <p class="facts">
        ${usage.distinctClients} distinct ${usage.distinctClients === 1 ? 'client' : 'clients'} · Last access:
        ${
          usage.lastAccessAt
            ? html`<time datetime=${usage.lastAccessAt} title=${formatDateTime(usage.lastAccessAt)}
                >${formatRelative(usage.lastAccessAt)}</time
              >`
            : 'never'
        }
      </p>`;
  }
}
