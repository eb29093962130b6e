import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { $, $$, active, expandLinks, newDashboard, openDialog, text, type Link } from './share-dialog.support.js';
import { api, demoToken, until } from './support.js';

// Issue 17 item 9: with several public links the dialog scrolled ~1,500 px and had ~38 tab stops. Each link is now a
// compact row (label as the expand toggle, status, uses, Copy link) that expands to its full card.

describe('<atlas-share-dialog>: links as compact rows (issue 17 item 9)', () => {
  let alice: string;
  before(async () => {
    alice = await demoToken('alice');
  });
  after(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  async function withLinks(labels: string[]) {
    const id = await newDashboard(alice);
    const links: Link[] = [];
    for (const label of labels) {
      const { link } = await api<{ link: Link }>(alice, `/dashboards/${id}/public-links`, {
        method: 'POST',
        json: { label },
      });
      links.push(link);
    }
    return { id, links, ...(await openDialog(alice, id)) };
  }

  it('a collapsed link has two tab stops: its label (the expand toggle) and Copy link', async () => {
    const { dialog, links } = await withLinks(['North', 'South', 'West']);
    expect($$(dialog, '.link h5').map(text)).to.have.members(['North', 'South', 'West']);
    expect($$(dialog, 'input.url')).to.deep.equal([], 'no card is expanded yet');
    expect($$(dialog, '.link .badge.status').map(text)).to.deep.equal(['Active', 'Active', 'Active']);
    expect($$(dialog, '.link .usage-summary').map(text)).to.deep.equal(Array(3).fill('0 uses · never used'));

    const first = $$<HTMLButtonElement>(dialog, 'button.expand')[0]!;
    first.focus();
    const stops: HTMLElement[] = [];
    for (let i = 0; i < 20; i++) {
      const el = active(dialog)!;
      if (!el.closest('[data-link-id]')) break;
      stops.push(el);
      await sendKeys({ press: 'Tab' });
    }
    expect(stops.length).to.equal(2 * links.length);
    expect(stops.length).to.be.at.most(3 * links.length);
    expect(stops.map((s) => s.className.replace('button ', ''))).to.deep.equal(
      Array(3).fill(['expand', 'copy']).flat(),
    );
    dialog.close();
  });

  it('Enter and Space expand and fold a link; the toggle controls the card body; the state survives re-renders', async () => {
    const { dialog, links } = await withLinks(['Kiosk', 'Partner']);
    const card = $(dialog, `[data-link-id="${links[0]!.id}"]`)!;
    const toggle = card.querySelector<HTMLButtonElement>('button.expand')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    const body = (card.getRootNode() as ShadowRoot).getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(body.hidden).to.equal(true);
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => toggle.getAttribute('aria-expanded') === 'true', 'expanded by Enter');
    await until(() => !!card.querySelector('input.url'), 'the full card');
    expect(body.hidden).to.equal(false);
    expect(card.querySelector<HTMLInputElement>('input.url')!.value).to.equal(links[0]!.url);

    // Another change in the dialog re-renders every card: this one stays open, the other stays folded.
    const other = $(dialog, `[data-link-id="${links[1]!.id}"]`)!;
    other.querySelector<HTMLButtonElement>('.copy')!.click();
    const label = $<HTMLInputElement>(dialog, '#link-label')!;
    label.value = 'Third';
    label.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(dialog, '#generate')!.click();
    await until(() => $$(dialog, '.link').length === 3, 'third link');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(other.querySelector('button.expand')!.getAttribute('aria-expanded')).to.equal('false');

    toggle.focus();
    await sendKeys({ press: 'Space' });
    await until(() => toggle.getAttribute('aria-expanded') === 'false', 'folded by Space');
    expect(card.querySelector('input.url')).to.equal(null);
    expect(active(dialog)).to.equal(toggle);
    dialog.close();
  });

  it('a new link opens expanded with its URL in view, and its passcode stays visible', async () => {
    const { dialog } = await withLinks([]);
    const label = $<HTMLInputElement>(dialog, '#link-label')!;
    label.value = 'Fresh';
    label.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(dialog, '#generate')!.click();
    await until(() => $$(dialog, '.link').length === 1, 'the link');
    const card = $(dialog, '.link')!;
    await until(() => active(dialog)?.classList.contains('copy') === true, 'focus on Copy link');
    expect(card.querySelector('button.expand')!.getAttribute('aria-expanded')).to.equal('true');
    expect(card.querySelector<HTMLInputElement>('input.url')!.value).to.match(/\/public\/[A-Za-z0-9_-]{22,}$/);

    const box = card.querySelector<HTMLInputElement>('.passcode input[type="checkbox"]')!;
    box.click();
    await until(() => !['', '—'].includes(text(card.querySelector('.passcode-value'))), 'the passcode');
    expect(card.querySelector('button.expand')!.getAttribute('aria-expanded')).to.equal('true');
    dialog.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`is accessible collapsed and expanded (${scheme})`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const { dialog } = await withLinks(['One', 'Two']);
      await expect(dialog).to.be.accessible();
      await expandLinks(dialog);
      await expect(dialog).to.be.accessible();
      dialog.close();
    });
  }
});
