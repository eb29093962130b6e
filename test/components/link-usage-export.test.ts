import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/atlas-link-card.js';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-public-viewer.js';
import type { AtlasPublicViewer } from '../../components/public-viewer/public-viewer.js';
import type { AtlasLinkCard } from '../../components/share-dialog/link-card.js';
import type { AtlasLinkUsage } from '../../components/share-dialog/link-usage.js';
import type { AtlasShareIntentEvent, ShareIntent } from '../../components/share-dialog/intent.js';
import type { PublicLink } from '../../components/share-dialog/types.js';
import { $, expandLinks, newDashboard, openDialog, type Link } from './share-dialog.support.js';
import { api, demoToken, until } from './support.js';
import { publicLink } from './link-fixture.js';

// Issue 16: the link card's downloads control (export policy), driven by keyboard, and the usage chart, loaded from
// the real server through a provider.

const link = publicLink;

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function mountCard(value = link()) {
  const intents: ShareIntent[] = [];
  const parent = await fixture<HTMLElement>(
    html`<div
      @atlas-share-intent=${(e: AtlasShareIntentEvent) => {
        intents.push(e.detail);
        e.respondWith({ ok: true });
      }}
    >
      <atlas-link-card .link=${value} expanded></atlas-link-card>
    </div>`,
  );
  const card = parent.querySelector('atlas-link-card') as AtlasLinkCard;
  await card.updateComplete;
  const $ = <T extends Element = HTMLElement>(s: string) => card.shadowRoot!.querySelector<T>(s);
  const active = () => card.shadowRoot!.activeElement;
  return { card, intents, $, active };
}

describe('issue 16: downloads (export policy) in <atlas-link-card>', () => {
  it('shows the policy; by keyboard: arrows pick Off, Tab to Save, Enter asks the dialog', async () => {
    const { card, intents, $, active } = await mountCard();
    expect(text($('.export-summary'))).to.equal('On: visitors can download the whole dashboard as XLSX.');
    expect($<HTMLInputElement>('input.export-mode[value="on"]')!.checked).to.equal(true);
    $<HTMLInputElement>('input.export-mode[value="on"]')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect($<HTMLInputElement>('input.export-mode[value="off"]')!.checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(active()).to.equal($('.export-cap'));
    await sendKeys({ press: 'Tab' });
    expect(active()).to.equal($('.save-export'));
    expect($('.save-export')!.getAttribute('aria-label')).to.equal('Save downloads of Customer A');
    await sendKeys({ press: 'Enter' });
    await until(() => intents.length === 1, 'the intent');
    expect(intents[0]).to.deep.equal({ kind: 'export-policy', linkId: 'l1', exportPolicy: { mode: 'off' } });
    // The dialog answers with the saved link: the summary follows.
    card.link = link({ exportPolicy: { mode: 'off', rowCap: null } });
    await card.updateComplete;
    expect(text($('.export-summary'))).to.equal('Off: visitors cannot download the data.');
    await expect(card).to.be.accessible();
  });

  it('typing a cap selects "Up to" and Enter in the field saves it; a bad cap shows why and sends nothing', async () => {
    const { card, intents, $, active } = await mountCard();
    const cap = $<HTMLInputElement>('.export-cap')!;
    cap.focus();
    cap.select();
    await sendKeys({ type: '0' });
    expect($<HTMLInputElement>('input.export-mode[value="capped"]')!.checked).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await until(() => !!$('.export-error'), 'the error');
    expect(text($('.export-error'))).to.equal('Enter a whole number of rows from 1 to 1,000,000.');
    expect(intents).to.deep.equal([]);
    expect(active()).to.equal($('.export-cap'));
    expect($('.export-cap')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(card).to.be.accessible();

    $<HTMLInputElement>('.export-cap')!.select();
    await sendKeys({ type: '250' });
    await sendKeys({ press: 'Enter' });
    await until(() => intents.length === 1, 'the intent');
    expect(intents[0]).to.deep.equal({
      kind: 'export-policy',
      linkId: 'l1',
      exportPolicy: { mode: 'capped', rowCap: 250 },
    });
    await until(() => !$('.export-error'), 'the error cleared');
    card.link = link({ exportPolicy: { mode: 'capped', rowCap: 250 } });
    await card.updateComplete;
    expect(text($('.export-summary'))).to.equal('Up to 250 rows per sheet.');
  });

  it('waits while a change is saved: the controls are disabled', async () => {
    const { card, $ } = await mountCard();
    card.busy = true;
    await card.updateComplete;
    expect($<HTMLButtonElement>('.save-export')!.disabled).to.equal(true);
    expect($<HTMLInputElement>('.export-cap')!.disabled).to.equal(true);
  });

  it('a card on its own (no dashboard id, no provider) shows no usage section', async () => {
    const { $ } = await mountCard();
    const usage = $<AtlasLinkUsage>('atlas-link-usage')!;
    await usage.updateComplete;
    expect(usage.shadowRoot!.querySelector('.usage')).to.equal(null);
  });
});

describe('issue 16: <atlas-link-usage>', () => {
  let alice = '';
  before(async () => {
    alice = await demoToken('alice');
  });

  async function mountUsage(linkId: string) {
    const provider = await fixture<HTMLElement>(
      html`<atlas-provider .token=${alice}
        ><atlas-link-usage dashboard-id="sales-overview" link-id=${linkId}></atlas-link-usage
      ></atlas-provider>`,
    );
    const usage = provider.querySelector('atlas-link-usage') as AtlasLinkUsage;
    const $ = <T extends Element = HTMLElement>(s: string) => usage.shadowRoot!.querySelector<T>(s);
    // Collapsed, and nothing loaded, until the owner asks (by keyboard here).
    await until(() => !!$('.toggle-usage'), 'the section');
    const toggle = $<HTMLButtonElement>('.toggle-usage')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(text(toggle)).to.equal('Show usage');
    expect($('svg.chart')).to.equal(null);
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => toggle.getAttribute('aria-expanded') === 'true', 'opened');
    expect(text(toggle)).to.equal('Hide usage');
    return { usage, $ };
  }

  it('draws 30 days of views by outcome, the distinct clients and the last access, with a summary as its name', async () => {
    const { link: created } = await api<{ link: PublicLink }>(alice, '/dashboards/sales-overview/public-links', {
      method: 'POST',
      json: { label: 'Charted', passcode: true },
    });
    const wrong = await fetch(`/api/public/${created.token}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ passcode: 'NOTITATALL' }),
    });
    expect(wrong.status).to.equal(401);
    const { session } = (await (
      await fetch(`/api/public/${created.token}/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ passcode: created.passcode }),
      })
    ).json()) as { session: string };
    expect(
      (await fetch(`/api/public/${created.token}`, { headers: { Authorization: `Bearer ${session}` } })).status,
    ).to.equal(200);

    const { usage, $ } = await mountUsage(created.id);
    await until(() => !!$('svg.chart'), 'the chart');
    const days = usage.shadowRoot!.querySelectorAll('g.day');
    expect(days.length).to.equal(30);
    const today = days[29]!;
    expect(today.querySelectorAll('rect.ok').length).to.equal(1);
    expect(today.querySelectorAll('rect.wrongPasscode').length).to.equal(1);
    expect(text(today.querySelector('title'))).to.match(
      /: Views: 1, Wrong passcode: 1, Rate limited: 0, Unavailable: 0$/,
    );
    const summary = `Last 30 days: 1 view, 1 wrong passcode, 0 rate limited, 0 unavailable; 1 distinct client.`;
    expect(text($('p.hint[id$="-summary"]'))).to.equal(summary);
    expect($('svg.chart')!.getAttribute('role')).to.equal('img');
    expect(text(usage.shadowRoot!.getElementById($('svg.chart')!.getAttribute('aria-labelledby')!))).to.equal(summary);
    expect(text($('.facts'))).to.match(/^1 distinct client · Last access: (just now|\d+ seconds? ago|.+)$/);
    expect($('.facts time')).to.exist;
    await expect(usage).to.be.accessible();
  });

  it('an error shows why with Try again (focusable, by keyboard)', async () => {
    const { usage, $ } = await mountUsage('no-such-link');
    await until(() => !!$('.retry-usage'), 'the error');
    expect(text($('.error'))).to.match(/^Could not load the usage: .+ Try again$/);
    $<HTMLButtonElement>('.retry-usage')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!$('.retry-usage'), 'the error again');
    await expect(usage).to.be.accessible();
  });
});

describe('issue 16: the public viewer follows the link export policy', () => {
  it('downloads off: no export button (the rest of the top bar stays); on: the button is there', async () => {
    const alice = await demoToken('alice');
    const open = async (exportPolicy: unknown) => {
      const { link: created } = await api<{ link: PublicLink }>(alice, '/dashboards/sales-overview/public-links', {
        method: 'POST',
        json: { label: 'Viewer policy', exportPolicy },
      });
      const el = await fixture<AtlasPublicViewer>(
        html`<atlas-public-viewer token=${created.token!} api-base="/api"></atlas-public-viewer>`,
      );
      await until(() => !!el.shadowRoot!.querySelector('[part="title"]'), 'the dashboard');
      return el;
    };
    const off = await open({ mode: 'off' });
    expect(off.shadowRoot!.querySelector('[part="export-button"]')).to.equal(null);
    expect(off.shadowRoot!.querySelector('[part="header"]')).to.exist;
    await expect(off).to.be.accessible();
    const capped = await open({ mode: 'capped', rowCap: 10 });
    expect(capped.shadowRoot!.querySelector('[part="export-button"]')).to.exist;
  });
});

describe('issue 16: in <atlas-share-dialog>, against the server', () => {
  it('Downloads Off saves the link (the export answers 403), the host hears link-export-policy; Show usage loads', async () => {
    const alice = await demoToken('alice');
    const id = await newDashboard(alice);
    const { link: created } = await api<{ link: Link }>(alice, `/dashboards/${id}/public-links`, {
      method: 'POST',
      json: { label: 'Dialog' },
    });
    const { dialog, changes } = await openDialog(alice, id);
    await expandLinks(dialog);
    const card = $(dialog, `[data-link-id="${created.id}"]`)!;
    card.querySelector<HTMLInputElement>('input.export-mode[value="off"]')!.click();
    card.querySelector<HTMLButtonElement>('.save-export')!.click();
    await until(
      () => text(card.querySelector('.export-summary')) === 'Off: visitors cannot download the data.',
      'the saved policy',
    );
    expect(changes).to.deep.equal([{ dashboardId: id, kind: 'link-export-policy', linkId: created.id }]);
    expect((await fetch(`/api/public/${created.token}/export.xlsx`)).status).to.equal(403);

    const usage = $<AtlasLinkUsage>(dialog, 'atlas-link-usage')!;
    usage.shadowRoot!.querySelector<HTMLButtonElement>('.toggle-usage')!.click();
    await until(() => !!usage.shadowRoot!.querySelector('svg.chart'), 'the chart');
    expect(usage.dashboardId).to.equal(id);
    dialog.close();
  });
});
