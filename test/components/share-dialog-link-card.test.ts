import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/atlas-link-card.js';
import type { FilterDefinition } from '../../components/internal/types.js';
import type { AtlasShareIntentEvent, IntentOutcome, ShareIntent } from '../../components/share-dialog/intent.js';
import type { AtlasLinkCard } from '../../components/share-dialog/link-card.js';
import type { PublicLink } from '../../components/share-dialog/types.js';
import { until } from './support.js';
import { publicLink } from './link-fixture.js';

// <atlas-link-card> on its own: it shows one link and asks for changes with atlas-share-intent. Here a plain parent
// plays the share dialog, answering each intent as the test decides, so no server is involved.

const filters: FilterDefinition[] = [
  { field: 'channel', type: 'select', label: 'Channel', options: ['Online', 'Retail'] },
];

const link = (overrides: Partial<PublicLink> = {}) =>
  publicLink({ accessCount: 3, lockedFilters: { channel: 'Retail' }, ...overrides });

interface Mounted {
  card: AtlasLinkCard;
  intents: ShareIntent[];
  /** Settles the intents waiting for an answer. */
  answer: (outcome: IntentOutcome) => void;
  $: <T extends Element = HTMLElement>(selector: string) => T | null;
}

async function mount(value = link()): Promise<Mounted> {
  const intents: ShareIntent[] = [];
  let pending: ((outcome: IntentOutcome) => void)[] = [];
  const parent = await fixture<HTMLElement>(
    html`<div
      @atlas-share-intent=${(e: AtlasShareIntentEvent) => {
        intents.push(e.detail);
        e.respondWith(new Promise<IntentOutcome>((resolve) => pending.push(resolve)));
      }}
    >
      <atlas-link-card .link=${value} .filters=${filters} expanded></atlas-link-card>
    </div>`,
  );
  const card = parent.querySelector('atlas-link-card')!;
  await card.updateComplete;
  return {
    card,
    intents,
    answer: (outcome) => {
      const waiting = pending;
      pending = [];
      for (const resolve of waiting) resolve(outcome);
    },
    $: (selector) => card.shadowRoot!.querySelector(selector),
  };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<atlas-link-card>', () => {
  it('shows the link: name, URL, use counts, locked filters and the allowed sites', async () => {
    const { $, card } = await mount();
    expect(text($('h5'))).to.equal('Customer A');
    expect($<HTMLInputElement>('input.url')!.value).to.equal('https://atlas.example/public/abc');
    expect(text($('.stats'))).to.match(/Last used\s*Never\s*Uses\s*3$/);
    expect(text($('.chip'))).to.equal('Channel: Retail');
    expect(text($('.embed-summary'))).to.equal('Any site');
    expect($('[part="link"]')).to.exist;
    await expect(card).to.be.accessible();
  });

  it('L3: Revoke asks first; Escape backs out to the Revoke button; confirming asks the dialog', async () => {
    const { $, card, intents, answer } = await mount();
    $<HTMLButtonElement>('.revoke')!.click();
    await until(() => card.shadowRoot!.activeElement === $('.confirm-revoke'), 'confirmation focused');
    let bubbled = 0;
    const count = () => bubbled++;
    document.addEventListener('keydown', count);
    await sendKeys({ press: 'Escape' });
    document.removeEventListener('keydown', count);
    await until(() => !$('.confirm'), 'confirmation closed');
    expect(card.shadowRoot!.activeElement).to.equal($('.revoke'));
    expect(bubbled).to.equal(0, 'Escape stops at the card: the dialog does not close');

    $<HTMLButtonElement>('.revoke')!.click();
    await card.updateComplete;
    $<HTMLButtonElement>('.confirm-revoke')!.click();
    expect(intents).to.deep.equal([{ kind: 'revoke-link', linkId: 'l1' }]);
    // Failed: the confirmation stays for another try, and the error the dialog passes down shows.
    answer({ ok: false, message: 'offline' });
    card.error = 'Could not revoke this link: offline';
    await card.updateComplete;
    expect($('.confirm')).to.exist;
    expect(text($('.field-error'))).to.equal('Could not revoke this link: offline');
  });

  it('issue 16: Pause asks the dialog; a paused link shows "Paused" in its name and offers Resume', async () => {
    const { $, card, intents, answer } = await mount();
    expect(text($('.badge.status'))).to.equal('Active', 'issue 17: the compact row says an active link is active');
    const pause = $<HTMLButtonElement>('.pause')!;
    expect(text(pause)).to.equal('Pause');
    expect(pause.getAttribute('aria-label')).to.equal('Pause Customer A');
    pause.focus();
    await sendKeys({ press: 'Enter' });
    expect(intents).to.deep.equal([{ kind: 'pause-link', linkId: 'l1', paused: true }]);
    card.link = link({ status: 'paused', pausedAt: '2026-01-02T00:00:00.000Z' });
    answer({ ok: true });
    await until(() => text($('.badge.status')) === 'Paused', 'badge');
    expect($('[part="link"]')!.getAttribute('aria-labelledby')).to.equal('link-title-l1 link-status-l1');
    await until(() => card.shadowRoot!.activeElement === $('.pause'), 'focus stays on the button');
    expect(text($('.pause'))).to.equal('Resume');
    expect($('.pause')!.getAttribute('aria-label')).to.equal('Resume Customer A');
    await expect(card).to.be.accessible();
    $<HTMLButtonElement>('.pause')!.click();
    expect(intents.at(-1)).to.deep.equal({ kind: 'pause-link', linkId: 'l1', paused: false });
  });

  it('issue 16: expiry presets, Custom… and Never ask the dialog; the badge says when; an expired link offers Extend 7 days', async () => {
    const { $, card, intents, answer } = await mount();
    expect(text($('.expiry-now'))).to.equal('Never expires');
    const before = Date.now();
    const preset = (label: string) => $<HTMLButtonElement>(`.preset[data-preset="${label}"]`)!;
    expect(preset('7 days').getAttribute('aria-label')).to.equal('Customer A expires in 7 days');
    preset('7 days').focus();
    await sendKeys({ press: 'Enter' });
    const first = intents[0] as { kind: string; expiresAt: string };
    expect(first.kind).to.equal('link-expiry');
    const ms = Date.parse(first.expiresAt) - before;
    expect(ms).to.be.within(7 * 86_400_000, 7 * 86_400_000 + 5000);
    answer({ ok: true });
    preset('Never').click();
    expect(intents.at(-1)).to.deep.equal({ kind: 'link-expiry', linkId: 'l1', expiresAt: null });
    answer({ ok: true });

    // Custom…: a date and time field, saved as an ISO instant.
    $<HTMLButtonElement>('.custom-expiry')!.click();
    await card.updateComplete;
    const field = $<HTMLInputElement>('input.expiry-input')!;
    expect(field.type).to.equal('datetime-local');
    expect(text(card.shadowRoot!.querySelector(`label[for="${field.id}"]`))).to.equal('Expires at');
    field.value = '2030-01-02T03:04';
    field.dispatchEvent(new Event('input'));
    await card.updateComplete;
    $<HTMLButtonElement>('.save-expiry')!.click();
    expect(intents.at(-1)).to.deep.equal({
      kind: 'link-expiry',
      linkId: 'l1',
      expiresAt: new Date('2030-01-02T03:04').toISOString(),
    });
    answer({ ok: true });
    await until(() => !$('input.expiry-input'), 'the field closes once saved');

    card.link = link({ expiresAt: new Date(Date.now() + 3 * 86_400_000 - 60_000).toISOString() });
    await card.updateComplete;
    expect(text($('.badge.status'))).to.equal('Expires in 3 days');
    expect($('[part="link"]')!.getAttribute('aria-labelledby')).to.equal('link-title-l1 link-status-l1');
    expect($('.extend')).to.equal(null);

    card.link = link({ status: 'expired', expiresAt: new Date(Date.now() - 1000).toISOString() });
    await card.updateComplete;
    expect(text($('.badge.status'))).to.equal('Expired');
    expect(text($('.extend'))).to.equal('Extend 7 days');
    await expect(card).to.be.accessible();
    $<HTMLButtonElement>('.extend')!.click();
    const extend = intents.at(-1) as { kind: string; expiresAt: string };
    expect(Date.parse(extend.expiresAt) - Date.now()).to.be.within(7 * 86_400_000 - 5000, 7 * 86_400_000);
  });

  it('L4: the passcode switch shows what the owner chose while it is saved, and the saved state after', async () => {
    const { $, card, intents, answer } = await mount();
    const box = $<HTMLInputElement>('.passcode input[type="checkbox"]')!;
    box.click();
    expect(intents).to.deep.equal([{ kind: 'passcode', linkId: 'l1', enabled: true }]);
    card.busy = true;
    await card.updateComplete;
    expect(box.checked).to.equal(true, 'a re-render while saving keeps the choice');
    answer({ ok: false, message: 'offline' });
    card.busy = false;
    await until(() => !box.checked, 'back to the saved state');
  });

  it('L1: locked filters are edited in place and saved through the dialog; focus returns to Edit', async () => {
    const { $, card, intents, answer } = await mount();
    $<HTMLButtonElement>('.edit-locked')!.click();
    await card.updateComplete;
    const select = $<HTMLSelectElement>('.locked-editor select')!;
    select.value = 'Online';
    select.dispatchEvent(new Event('change'));
    $<HTMLButtonElement>('.save-locked')!.click();
    expect(intents).to.deep.equal([{ kind: 'locked-filters', linkId: 'l1', lockedFilters: { channel: 'Online' } }]);
    answer({ ok: true });
    await until(() => !$('.locked-editor'), 'editor closed');
    await until(() => card.shadowRoot!.activeElement === $('.edit-locked'), 'focus on Edit');
  });

  it("V5: an empty list is refused on the spot; the server's refusal shows beside the field, which keeps focus", async () => {
    const { $, card, intents, answer } = await mount();
    $<HTMLButtonElement>('.edit-embedding')!.click();
    await until(() => card.shadowRoot!.activeElement === $('.embed-mode'), 'mode focused');
    const mode = $<HTMLSelectElement>('.embed-mode')!;
    mode.value = 'list';
    mode.dispatchEvent(new Event('change'));
    await card.updateComplete;
    $<HTMLButtonElement>('.save-embedding')!.click();
    await card.updateComplete;
    expect(text($('.embedding-editor .field-error'))).to.equal('Add at least one site, or choose “No site”.');
    expect(intents).to.have.length(0);

    const origins = $<HTMLTextAreaElement>('.embed-origins')!;
    origins.value = 'https://portal.example.com/x';
    origins.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>('.save-embedding')!.click();
    expect(intents).to.deep.equal([
      { kind: 'embedding', linkId: 'l1', frameAncestors: ['https://portal.example.com/x'] },
    ]);
    answer({ ok: false, message: "'https://portal.example.com/x' is not an origin." });
    await until(() => text($('.embedding-editor .field-error')).includes('is not an origin'), 'server error');
    expect(card.shadowRoot!.activeElement).to.equal($('.embed-origins'));
    expect($<HTMLTextAreaElement>('.embed-origins')!.value).to.equal('https://portal.example.com/x');
  });

  it('without a share dialog around, its requests are refused instead of lost', async () => {
    const card = await fixture<AtlasLinkCard>(html`<atlas-link-card .link=${link()} expanded></atlas-link-card>`);
    const box = card.shadowRoot!.querySelector<HTMLInputElement>('.passcode input[type="checkbox"]')!;
    box.click();
    await until(() => !box.checked, 'nothing changed');
  });
});
