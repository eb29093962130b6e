/**
 * Issue 16: a link's widgets and the exposure guard, as the owner sees them. In <atlas-link-card> (a plain parent
 * answers its intents): the "Changed since shared" badge and notice with Confirm and Pause, the Widgets section (All
 * widgets / Only these) and "Pause automatically", all by keyboard. Against the real server: the dashboard card's Public
 * badge and the link list say "Changed since shared" once a widget is added.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/atlas-link-card.js';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-dashboard-card.js';
import '../../components/define/atlas-link-list.js';
import type { AtlasDashboardCard } from '../../components/dashboard-card/dashboard-card.js';
import type { DashboardSummary } from '../../components/internal/types.js';
import type { AtlasLinkList } from '../../components/link-list/link-list.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import type { AtlasShareIntentEvent, IntentOutcome, ShareIntent } from '../../components/share-dialog/intent.js';
import type { AtlasLinkCard } from '../../components/share-dialog/link-card.js';
import { changeSentence } from '../../components/share-dialog/link-guard.js';
import type { PublicLink } from '../../components/share-dialog/types.js';
import { api, demoToken, until } from './support.js';
import { publicLink } from './link-fixture.js';

const widgets = [
  { id: 'w1', title: 'Revenue' },
  { id: 'w2', title: 'Orders' },
  { id: 'w3', title: 'Tickets' },
];
const AT = '2026-11-27T08:00:00.000Z';

const link = publicLink;
const flagged = (overrides: Partial<PublicLink> = {}) =>
  link({
    changedSinceShared: true,
    changes: [
      { kind: 'widget_added', subject: 'Tickets', at: AT },
      { kind: 'data_source_added', subject: 'Support tickets', at: AT },
    ],
    ...overrides,
  });

async function mount(value: PublicLink) {
  const intents: ShareIntent[] = [];
  let pending: ((outcome: IntentOutcome) => void)[] = [];
  const parent = await fixture<HTMLElement>(
    html`<div
      @atlas-share-intent=${(e: AtlasShareIntentEvent) => {
        intents.push(e.detail);
        e.respondWith(new Promise<IntentOutcome>((resolve) => pending.push(resolve)));
      }}
    >
      <atlas-link-card .link=${value} .widgets=${widgets} expanded></atlas-link-card>
    </div>`,
  );
  const card = parent.querySelector<AtlasLinkCard>('atlas-link-card')!;
  await card.updateComplete;
  /** Answers the waiting intents, the card showing `next` first when the change worked. */
  const answer = async (outcome: IntentOutcome, next?: PublicLink) => {
    if (next) card.link = next;
    const waiting = pending;
    pending = [];
    for (const resolve of waiting) resolve(outcome);
    await card.updateComplete;
  };
  const $ = <T extends Element = HTMLElement>(selector: string) => card.shadowRoot!.querySelector<T>(selector);
  const focused = () => card.shadowRoot!.activeElement;
  return { card, intents, answer, $, focused };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<atlas-link-card>: widgets and the exposure guard (issue 16)', () => {
  it('an unflagged link has no badge or notice; All widgets is chosen and no checkbox shows', async () => {
    const { $, card } = await mount(link());
    expect($('.badge.changed')).to.equal(null);
    expect($('.changed-notice')).to.equal(null);
    expect($<HTMLInputElement>('.widgets-all')!.checked).to.equal(true);
    expect($('.widget-check')).to.equal(null);
    expect($<HTMLInputElement>('.pause-on-change')!.checked).to.equal(false);
    await expect(card).to.be.accessible();
  });

  it('a flagged link says so in its name and lists what changed; Confirm by keyboard asks the dialog', async () => {
    const { $, card, intents, answer, focused } = await mount(flagged());
    expect(text($('.badge.changed'))).to.equal('Changed since shared');
    expect($('[part="link"]')!.getAttribute('aria-labelledby')).to.equal(
      'link-title-l1 link-status-l1 link-changed-l1',
    );
    expect([...card.shadowRoot!.querySelectorAll('.changes li')].map(text)).to.deep.equal([
      'Widget “Tickets” was added.',
      'It now shows data from “Support tickets”.',
    ]);
    await expect(card).to.be.accessible();

    $<HTMLButtonElement>('.confirm-changes')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(intents).to.deep.equal([{ kind: 'confirm-link', linkId: 'l1' }]);
    await answer({ ok: true }, link());
    await until(() => focused() === $('.pause'), 'focus moves to the Pause button once the notice is gone');
    expect($('.changed-notice')).to.equal(null);
    expect($('[part="link"]')!.getAttribute('aria-labelledby')).to.equal('link-title-l1 link-status-l1');
  });

  it('Pause from the notice asks the dialog; the paused link keeps the notice with Confirm only', async () => {
    const { $, intents, answer, focused } = await mount(flagged());
    expect($('.pause-changed')!.getAttribute('aria-label')).to.equal(
      'Pause Customer A until you confirm the changes',
      'not the same name as the card’s own Pause button',
    );
    $<HTMLButtonElement>('.pause-changed')!.focus();
    await sendKeys({ press: 'Space' });
    expect(intents).to.deep.equal([{ kind: 'pause-link', linkId: 'l1', paused: true }]);
    await answer({ ok: true }, flagged({ status: 'paused', pausedAt: AT }));
    await until(() => focused() === $('.confirm-changes'), 'focus on Confirm');
    expect($('.pause-changed')).to.equal(null);
    expect(text($('.changed-notice .hint'))).to.match(/^The link is paused\./);
  });

  it('a refused confirmation keeps the notice and the focus on Confirm', async () => {
    const { $, answer, focused } = await mount(flagged());
    $<HTMLButtonElement>('.confirm-changes')!.click();
    await answer({ ok: false, message: 'offline' });
    await until(() => focused() === $('.confirm-changes'), 'focus stays');
    expect($('.changed-notice')).to.exist;
  });

  it('Widgets by keyboard: Only these starts from every widget; Space unticks one; All widgets goes back', async () => {
    const { $, card, intents, answer, focused } = await mount(link());
    $<HTMLInputElement>('.widgets-all')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(intents).to.deep.equal([{ kind: 'link-widgets', linkId: 'l1', widgetIds: ['w1', 'w2', 'w3'] }]);
    await answer({ ok: true }, link({ widgetIds: ['w1', 'w2', 'w3'] }));
    await until(() => focused() === $('.widgets-some'), 'focus on Only these');
    const checks = [...card.shadowRoot!.querySelectorAll<HTMLInputElement>('.widget-check')];
    expect(checks.map((c) => [c.dataset.widgetId, c.checked, text(c.parentElement)])).to.deep.equal([
      ['w1', true, 'Revenue'],
      ['w2', true, 'Orders'],
      ['w3', true, 'Tickets'],
    ]);
    expect(text($('.widgets-choice .hint'))).to.equal(
      'Widgets added to the dashboard later are not shown until you tick them.',
    );
    await expect(card).to.be.accessible();

    checks[1]!.focus();
    await sendKeys({ press: 'Space' });
    expect(intents.at(-1)).to.deep.equal({ kind: 'link-widgets', linkId: 'l1', widgetIds: ['w1', 'w3'] });
    await answer({ ok: true }, link({ widgetIds: ['w1', 'w3'] }));
    await until(() => focused() === $('.widget-check[data-widget-id="w2"]'), 'focus stays on the checkbox');
    expect($<HTMLInputElement>('.widget-check[data-widget-id="w2"]')!.checked).to.equal(false);

    $<HTMLInputElement>('.widgets-some')!.focus();
    await sendKeys({ press: 'ArrowUp' });
    expect(intents.at(-1)).to.deep.equal({ kind: 'link-widgets', linkId: 'l1', widgetIds: null });
  });

  it('a refused change puts the control back as the link is', async () => {
    const { $, answer, focused } = await mount(link({ widgetIds: ['w1'] }));
    const w2 = () => $<HTMLInputElement>('.widget-check[data-widget-id="w2"]')!;
    w2().click();
    expect(w2().checked).to.equal(true, 'moved by the click');
    await answer({ ok: false, message: 'offline' });
    await until(() => !w2().checked, 'the checkbox shows the link as it is');
    await until(() => focused() === w2(), 'focus back on it');
    $<HTMLInputElement>('.widgets-all')!.click();
    await answer({ ok: false, message: 'offline' });
    await until(() => $<HTMLInputElement>('.widgets-some')!.checked, 'Only these again');
    expect($<HTMLInputElement>('.widgets-all')!.checked).to.equal(false);
  });

  it('Pause automatically by keyboard asks the dialog', async () => {
    const { $, intents, answer, focused } = await mount(link());
    $<HTMLInputElement>('.pause-on-change')!.focus();
    await sendKeys({ press: 'Space' });
    expect(intents).to.deep.equal([{ kind: 'link-pause-on-change', linkId: 'l1', pauseOnChange: true }]);
    await answer({ ok: true }, link({ pauseOnChange: true }));
    await until(() => focused() === $('.pause-on-change'), 'focus stays');
    expect($<HTMLInputElement>('.pause-on-change')!.checked).to.equal(true);
  });

  it('every reason has its sentence', () => {
    expect(changeSentence({ kind: 'filter_default_widened', subject: 'Region' })).to.equal(
      'The default of the filter “Region” now shows more.',
    );
    expect(changeSentence({ kind: 'locked_field_removed', subject: 'Channel' })).to.equal(
      'The filter “Channel” that this link locks was removed.',
    );
  });
});

describe('"Changed since shared" outside the dialog (issue 16, real server)', () => {
  let alice: string;
  let dashboardId: string;

  before(async () => {
    alice = await demoToken('alice');
    const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
      method: 'POST',
      json: { projectId: 'ops', title: 'Guarded card' },
    });
    dashboardId = dashboard.id;
    await api(alice, `/dashboards/${dashboardId}/public-links`, { method: 'POST', json: { label: 'Wall' } });
    await api(alice, `/dashboards/${dashboardId}/widgets`, {
      method: 'POST',
      json: {
        title: 'Added later',
        type: 'kpi',
        dataSourceId: 'sensor_readings',
        query: { metrics: [{ agg: 'count' }] },
      },
    });
  });
  after(async () => {
    await api(alice, `/dashboards/${dashboardId}`, { method: 'DELETE' });
  });

  it("the dashboard card's Public badge says it", async () => {
    const { dashboards } = await api<{ dashboards: DashboardSummary[] }>(alice, '/dashboards?filter=all');
    const summary = dashboards.find((d) => d.id === dashboardId)!;
    const provider = await fixture<AtlasProvider>(
      html`<atlas-provider .token=${alice}
        ><atlas-dashboard-card .dashboard=${summary}></atlas-dashboard-card
      ></atlas-provider>`,
    );
    const card = provider.querySelector<AtlasDashboardCard>('atlas-dashboard-card')!;
    await card.updateComplete;
    const badge = card.shadowRoot!.querySelector('.badge.public')!;
    expect(text(badge)).to.equal('Public · Changed since shared');
    expect(badge.getAttribute('title')).to.equal('1 active public link, 1 changed since shared');
    await expect(card).to.be.accessible();
  });

  it('the list of all my links says it on the link', async () => {
    const provider = await fixture<AtlasProvider>(
      html`<atlas-provider .token=${alice}
        ><atlas-link-list dashboard=${dashboardId}></atlas-link-list
      ></atlas-provider>`,
    );
    const list = provider.querySelector<AtlasLinkList>('atlas-link-list')!;
    await list.updateComplete;
    await list.loadComplete;
    await list.updateComplete;
    expect(text(list.shadowRoot!.querySelector('[part="changed"]'))).to.equal('Changed since shared');
    expect(text(list.shadowRoot!.querySelector('[part="label"]'))).to.match(/Wall Changed since shared$/);
    await expect(list).to.be.accessible();
  });
});
