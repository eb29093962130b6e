import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, $$, active, byId, newDashboard, expandLinks, openDialog, text, type Link } from './share-dialog.support.js';
import { api, demoToken, until } from './support.js';

// The share dialog's right panel against the real server: public links, their passcodes, locked filters and the sites
// allowed to embed them. Each link is an <atlas-link-card>; `$(dialog, '[data-link-id="…"]')` is its frame.

describe('<atlas-share-dialog>: public links (right panel)', () => {
  let alice: string;
  before(async () => {
    alice = await demoToken('alice');
  });

  it('L1/L2: generates labelled links and lists each with URL, created, last used and use count', async () => {
    const id = await newDashboard(alice);
    const { dialog, changes } = await openDialog(alice, id);
    await expandLinks(dialog);
    expect(text($(dialog, '.empty'))).to.contain('No active public links');
    const label = $<HTMLInputElement>(dialog, '#link-label')!;
    label.value = 'Customer A';
    label.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(dialog, '#generate')!.click();
    await until(() => $$(dialog, '.link').length === 1, 'first link');
    $<HTMLButtonElement>(dialog, '#generate')!.click();
    await until(() => $$(dialog, '.link').length === 2, 'second link');

    const { links } = await api<{ links: Link[] }>(alice, `/dashboards/${id}/public-links`);
    const customerA = links.find((l) => l.label === 'Customer A')!;
    const card = $(dialog, `[data-link-id="${customerA.id}"]`)!;
    expect(text(card.querySelector('h5'))).to.equal('Customer A');
    const url = card.querySelector<HTMLInputElement>('input.url')!;
    expect(url.readOnly).to.equal(true);
    expect(url.value).to.equal(customerA.url);
    expect(url.value).to.match(/\/public\/[A-Za-z0-9_-]{22,}$/);
    const open = card.querySelector<HTMLAnchorElement>('a.button')!;
    expect(open.href).to.equal(customerA.url);
    expect(open.target).to.equal('_blank');
    expect(open.rel).to.contain('noopener');
    expect(text(card.querySelector('.stats'))).to.match(/^Created\s*.+Last used\s*Never\s*Uses\s*0$/);
    expect(text($$(dialog, '.link h5')[0])).to.equal('Untitled link');
    expect(changes.map((c) => c.kind)).to.deep.equal(['link-created', 'link-created']);

    // A visit through the public route shows up the next time the dialog opens.
    await fetch(`/api/public/${customerA.token}`);
    dialog.close();
    await dialog.show();
    await dialog.loadComplete;
    const reopened = $(dialog, `[data-link-id="${customerA.id}"]`)!;
    // Issue 17: a reopened dialog shows compact rows, with the uses and last access in the row.
    expect(text(reopened.querySelector('.usage-summary'))).to.equal('1 use · last used just now');
    await expandLinks(dialog, customerA.id);
    expect(text(reopened.querySelector('.stats'))).to.match(/Last used\s*Just now\s*Uses\s*1$/);
    dialog.close();
  });

  it('L3: Revoke asks for confirmation, then the link answers 403 on the next request', async () => {
    const id = await newDashboard(alice);
    const { link } = await api<{ link: Link }>(alice, `/dashboards/${id}/public-links`, {
      method: 'POST',
      json: { label: 'Old' },
    });
    const { dialog, changes } = await openDialog(alice, id);
    await expandLinks(dialog);
    const card = $(dialog, `[data-link-id="${link.id}"]`)!;
    card.querySelector<HTMLButtonElement>('.revoke')!.click();
    await until(() => Boolean(card.querySelector('.confirm')), 'confirmation');
    expect(text(card.querySelector('.confirm'))).to.contain('Revoke “Old”?');
    // Cancel (and Escape) keep the link.
    card.querySelector<HTMLButtonElement>('.cancel-revoke')!.click();
    await until(() => !card.querySelector('.confirm'), 'confirmation gone');
    card.querySelector<HTMLButtonElement>('.revoke')!.click();
    await until(() => active(dialog)?.classList.contains('confirm-revoke') === true, 'confirmation focused');
    await sendKeys({ press: 'Escape' });
    await until(() => !card.querySelector('.confirm'), 'confirmation gone after Escape');
    expect($<HTMLDialogElement>(dialog, 'dialog')!.open).to.equal(true);
    expect(active(dialog)?.classList.contains('revoke')).to.equal(true);
    expect((await fetch(`/api/public/${link.token}`)).status).to.equal(200);

    card.querySelector<HTMLButtonElement>('.revoke')!.click();
    await until(() => Boolean(card.querySelector('.confirm-revoke')), 'confirmation');
    card.querySelector<HTMLButtonElement>('.confirm-revoke')!.click();
    await until(() => $$(dialog, '.link').length === 0, 'link gone');
    expect(changes).to.deep.equal([{ dashboardId: id, kind: 'link-revoked', linkId: link.id }]);
    expect((await fetch(`/api/public/${link.token}`)).status).to.equal(403);
    dialog.close();
  });

  it('issue 16: Pause stops the link (403) and keeps it listed as Paused; Resume makes the same URL work again', async () => {
    const id = await newDashboard(alice);
    const { link } = await api<{ link: Link }>(alice, `/dashboards/${id}/public-links`, {
      method: 'POST',
      json: { label: 'Wall' },
    });
    const { dialog, changes } = await openDialog(alice, id);
    await expandLinks(dialog);
    const card = $(dialog, `[data-link-id="${link.id}"]`)!;
    card.querySelector<HTMLButtonElement>('.pause')!.click();
    await until(() => text(card.querySelector('.badge.status')) === 'Paused', 'paused badge');
    expect((await fetch(`/api/public/${link.token}`)).status).to.equal(403);
    expect(text(card.querySelector('.pause'))).to.equal('Resume');
    expect(active(dialog)?.classList.contains('pause')).to.equal(true);
    card.querySelector<HTMLButtonElement>('.pause')!.click();
    await until(() => text(card.querySelector('.badge.status')) === 'Active', 'back to Active');
    expect((await fetch(`/api/public/${link.token}`)).status).to.equal(200);
    expect(changes).to.deep.equal([
      { dashboardId: id, kind: 'link-paused', linkId: link.id },
      { dashboardId: id, kind: 'link-resumed', linkId: link.id },
    ]);
    dialog.close();
  });

  it('issue 16: an expiry preset shows "Expires in 1 day"; Never clears it; the host hears link-expiry', async () => {
    const id = await newDashboard(alice);
    const { link } = await api<{ link: Link }>(alice, `/dashboards/${id}/public-links`, { method: 'POST', json: {} });
    const { dialog, changes } = await openDialog(alice, id);
    await expandLinks(dialog);
    const card = $(dialog, `[data-link-id="${link.id}"]`)!;
    card.querySelector<HTMLButtonElement>('.preset[data-preset="1 day"]')!.click();
    await until(() => text(card.querySelector('.badge.status')) === 'Expires in 1 day', 'expiry badge');
    card.querySelector<HTMLButtonElement>('.preset[data-preset="Never"]')!.click();
    await until(() => text(card.querySelector('.badge.status')) === 'Active', 'back to Active');
    expect(text(card.querySelector('.expiry-now'))).to.equal('Never expires');
    expect(changes).to.deep.equal([
      { dashboardId: id, kind: 'link-expiry', linkId: link.id },
      { dashboardId: id, kind: 'link-expiry', linkId: link.id },
    ]);
    dialog.close();
  });

  it('L4: "Protect this link with a passcode" shows the passcode; Generate new replaces it', async () => {
    const id = await newDashboard(alice);
    const { link } = await api<{ link: Link }>(alice, `/dashboards/${id}/public-links`, { method: 'POST', json: {} });
    const { dialog, changes } = await openDialog(alice, id);
    await expandLinks(dialog);
    const card = $(dialog, `[data-link-id="${link.id}"]`)!;
    const checkbox = [...card.querySelectorAll<HTMLInputElement>('.passcode input[type="checkbox"]')][0]!;
    expect(text(checkbox.closest('label'))).to.equal('Protect this link with a passcode');
    checkbox.click();
    await until(() => Boolean(card.querySelector('.passcode-value')), 'passcode shown');
    const first = text(card.querySelector('.passcode-value'));
    expect(first).to.match(/^[A-Z0-9]{6,}$/);
    // Issue 17 item 11: <code> cannot be named; a group named "Passcode" holds it, so it reads "Passcode 4F7K2Q".
    const value = card.querySelector('.passcode-value')!;
    expect(value.hasAttribute('aria-labelledby')).to.equal(false);
    const group = value.closest('[role="group"]')!;
    expect(text(byId(group, group.getAttribute('aria-labelledby')!))).to.equal('Passcode');
    expect(text(group)).to.equal(`Passcode ${first}`);
    expect((await fetch(`/api/public/${link.token}`)).status).to.equal(401);

    card.querySelector<HTMLButtonElement>('.regenerate')!.click();
    await until(() => text(card.querySelector('.passcode-value')) !== first, 'new passcode');
    const { links } = await api<{ links: Link[] }>(alice, `/dashboards/${id}/public-links`);
    expect(links[0]!.passcode).to.equal(text(card.querySelector('.passcode-value')));

    checkbox.click();
    await until(() => !card.querySelector('.passcode-value'), 'passcode off');
    expect((await fetch(`/api/public/${link.token}`)).status).to.equal(200);
    expect(changes.map((c) => c.kind)).to.deep.equal(['passcode', 'passcode', 'passcode']);
    dialog.close();
  });

  it('L1: locks filters on a new link and edits them on an existing one', async () => {
    const id = await newDashboard(alice);
    const { dialog, changes } = await openDialog(alice, id);
    await expandLinks(dialog);
    $<HTMLButtonElement>(dialog, '.disclosure')!.click();
    await until(() => !$(dialog, '#new-locked')!.hidden, 'locked filters editor');
    const emea = $$<HTMLInputElement>(dialog, '#new-locked input[type="checkbox"]').find(
      (c) => text(c.closest('label')) === 'EMEA',
    )!;
    emea.click();
    $<HTMLButtonElement>(dialog, '#generate')!.click();
    await until(() => $$(dialog, '.link').length === 1, 'link created');
    const card = $$(dialog, '.link')[0]!;
    expect($$(dialog, '.link .chip').map(text)).to.deep.equal(['Region: EMEA']);
    let { links } = await api<{ links: Link[] }>(alice, `/dashboards/${id}/public-links`);
    expect(links[0]!.lockedFilters).to.deep.equal({ region: ['EMEA'] });

    card.querySelector<HTMLButtonElement>('.edit-locked')!.click();
    await until(() => Boolean(card.querySelector('.locked-editor')), 'editor');
    const channel = card.querySelector<HTMLSelectElement>('.locked-editor select')!;
    channel.value = 'Online';
    channel.dispatchEvent(new Event('change'));
    card.querySelector<HTMLButtonElement>('.save-locked')!.click();
    await until(() => $$(dialog, '.link .chip').length === 2, 'saved');
    ({ links } = await api<{ links: Link[] }>(alice, `/dashboards/${id}/public-links`));
    expect(links[0]!.lockedFilters).to.deep.equal({ region: ['EMEA'], channel: 'Online' });
    expect(changes.map((c) => c.kind)).to.deep.equal(['link-created', 'locked-filters']);
    dialog.close();
  });

  it('V5: sets the sites allowed to embed a link, then no site, then back to the default (any site)', async () => {
    const id = await newDashboard(alice);
    await api(alice, `/dashboards/${id}/public-links`, { method: 'POST', json: { label: 'Portal' } });
    const { dialog, changes } = await openDialog(alice, id);
    await expandLinks(dialog);
    const card = $$(dialog, '.link')[0]!;
    expect(text(card.querySelector('.embedding .locked-title'))).to.equal('Allowed sites (embedding)');
    expect(text(card.querySelector('.embed-summary'))).to.equal('Any site');

    card.querySelector<HTMLButtonElement>('.edit-embedding')!.click();
    await until(() => Boolean(card.querySelector('.embedding-editor')), 'embedding editor');
    const mode = card.querySelector<HTMLSelectElement>('.embed-mode')!;
    expect(active(dialog)).to.equal(mode);
    expect(card.querySelector(`label[for="${mode.id}"]`)).to.exist;
    mode.value = 'list';
    mode.dispatchEvent(new Event('change'));
    await until(() => Boolean(card.querySelector('.embed-origins')), 'origins field');
    const origins = card.querySelector<HTMLTextAreaElement>('.embed-origins')!;
    expect(text(card.querySelector(`label[for="${origins.id}"]`))).to.contain('one per line');
    origins.value = 'https://Portal.Example.com/\nhttps://*.customer.example';
    origins.dispatchEvent(new Event('input'));
    card.querySelector<HTMLButtonElement>('.save-embedding')!.click();
    await until(() => card.querySelectorAll('.embedding .chip').length === 2, 'saved origins');
    expect([...card.querySelectorAll('.embedding .chip')].map(text)).to.deep.equal([
      'https://portal.example.com',
      'https://*.customer.example',
    ]);
    expect(active(dialog)?.classList.contains('edit-embedding')).to.equal(true);
    let { links } = await api<{ links: Link[] }>(alice, `/dashboards/${id}/public-links`);
    expect(links[0]!.frameAncestors).to.deep.equal(['https://portal.example.com', 'https://*.customer.example']);

    card.querySelector<HTMLButtonElement>('.edit-embedding')!.click();
    await until(() => Boolean(card.querySelector('.embed-mode')), 'editor again');
    expect(card.querySelector<HTMLTextAreaElement>('.embed-origins')!.value).to.equal(
      'https://portal.example.com\nhttps://*.customer.example',
    );
    const none = card.querySelector<HTMLSelectElement>('.embed-mode')!;
    none.value = 'none';
    none.dispatchEvent(new Event('change'));
    card.querySelector<HTMLButtonElement>('.save-embedding')!.click();
    await until(() => text(card.querySelector('.embed-summary')).startsWith('No site'), 'no site');
    ({ links } = await api<{ links: Link[] }>(alice, `/dashboards/${id}/public-links`));
    expect(links[0]!.frameAncestors).to.deep.equal([]);

    card.querySelector<HTMLButtonElement>('.edit-embedding')!.click();
    await until(() => Boolean(card.querySelector('.embed-mode')), 'editor a third time');
    const reset = card.querySelector<HTMLSelectElement>('.embed-mode')!;
    expect(text(reset.querySelector('option[value="default"]'))).to.equal('Any site (server default)');
    reset.value = 'default';
    reset.dispatchEvent(new Event('change'));
    card.querySelector<HTMLButtonElement>('.save-embedding')!.click();
    await until(() => text(card.querySelector('.embed-summary')) === 'Any site', 'default again');
    ({ links } = await api<{ links: Link[] }>(alice, `/dashboards/${id}/public-links`));
    expect(links[0]!.frameAncestors).to.equal(null);
    expect(changes.map((c) => c.kind)).to.deep.equal(['link-embedding', 'link-embedding', 'link-embedding']);
    expect(changes.every((c) => c.linkId === links[0]!.id)).to.equal(true);
    dialog.close();
  });

  it("V5: an invalid origin shows the server's error beside the field, keeps what was typed, saves nothing, and stays accessible", async () => {
    const id = await newDashboard(alice);
    const { link } = await api<{ link: Link }>(alice, `/dashboards/${id}/public-links`, {
      method: 'POST',
      json: { label: 'Customer A', frameAncestors: ['https://kept.example.com'] },
    });
    const { dialog, changes } = await openDialog(alice, id);
    await expandLinks(dialog);
    const card = $$(dialog, '.link')[0]!;
    expect([...card.querySelectorAll('.embedding .chip')].map(text)).to.deep.equal(['https://kept.example.com']);
    card.querySelector<HTMLButtonElement>('.edit-embedding')!.click();
    await until(() => Boolean(card.querySelector('.embed-origins')), 'origins field');
    const origins = card.querySelector<HTMLTextAreaElement>('.embed-origins')!;
    origins.value = 'https://kept.example.com\nhttps://portal.example.com/dashboards';
    origins.dispatchEvent(new Event('input'));
    card.querySelector<HTMLButtonElement>('.save-embedding')!.click();
    await until(() => Boolean(card.querySelector('.embedding-editor .field-error')), 'server error');
    const error = card.querySelector('.embedding-editor .field-error')!;
    expect(text(error)).to.contain("'https://portal.example.com/dashboards' is not an origin");
    expect(error.getAttribute('role')).to.equal('alert');
    const field = card.querySelector<HTMLTextAreaElement>('.embed-origins')!;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')!.split(' ')).to.include(error.id);
    expect(field.value).to.equal('https://kept.example.com\nhttps://portal.example.com/dashboards');
    await until(() => active(dialog) === field, 'focus back on the field');
    await expect(dialog).to.be.accessible();

    const [saved] = (await api<{ links: Link[] }>(alice, `/dashboards/${id}/public-links`)).links;
    expect(saved!.id).to.equal(link.id);
    expect(saved!.frameAncestors).to.deep.equal(['https://kept.example.com']);
    expect(changes).to.have.length(0);

    // Escape leaves the editor (not the dialog) and returns to its Edit button.
    await sendKeys({ press: 'Escape' });
    await until(() => !card.querySelector('.embedding-editor'), 'editor closed');
    expect(dialog.open).to.equal(true);
    expect(active(dialog)?.classList.contains('edit-embedding')).to.equal(true);
    dialog.close();
  });

  it("L7: warns before and after generating when a widget's data source does not allow public access", async () => {
    const id = await newDashboard(alice, { privateSource: true });
    const { dialog } = await openDialog(alice, id);
    await expandLinks(dialog);
    const before = text($(dialog, '.links-warning'));
    expect(before).to.contain('Support tickets does not allow public access');
    expect(before).to.contain('“Open tickets”');
    expect(before).not.to.contain('“Orders”');
    $<HTMLButtonElement>(dialog, '#generate')!.click();
    await until(() => $$(dialog, '.link').length === 1, 'link created');
    expect(text($(dialog, '.links-warning'))).to.contain(
      "Visitors of these links will see “This widget's data source does not allow public access”",
    );

    const clean = await newDashboard(alice);
    dialog.dashboardId = clean;
    await until(
      () => text($(dialog, '#title')).length > 0 && !$(dialog, '.panels[aria-busy]') && Boolean($(dialog, '#generate')),
      'reloaded',
    );
    await dialog.loadComplete;
    expect($(dialog, '.links-warning')).to.equal(null);
    dialog.close();
  });

  it('C8 / Common error "Link will not copy": clipboard denied → the URL is selected with "Press Ctrl+C to copy"', async () => {
    const id = await newDashboard(alice);
    const { link } = await api<{ link: Link }>(alice, `/dashboards/${id}/public-links`, { method: 'POST', json: {} });
    const { dialog } = await openDialog(alice, id);
    await expandLinks(dialog);
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    // The browser's own refusal, as Chromium raises it when the permission is denied.
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) },
    });
    try {
      const card = $(dialog, `[data-link-id="${link.id}"]`)!;
      card.querySelector<HTMLButtonElement>('.copy')!.click();
      await until(() => Boolean(card.querySelector('.copy-hint')), 'manual copy hint');
      expect(text(card.querySelector('.copy-hint'))).to.match(/press (Ctrl\+C|⌘C) to copy/);
      const url = card.querySelector<HTMLInputElement>('input.url')!;
      expect(active(dialog)).to.equal(url);
      expect(url.value.slice(url.selectionStart!, url.selectionEnd!)).to.equal(link.url);
      expect(url.getAttribute('aria-describedby')).to.equal(`copy-hint-${link.id}`);

      // Allowed: the same button copies and says so.
      let copied = '';
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: async (t: string) => void (copied = t) },
      });
      card.querySelector<HTMLButtonElement>('.copy')!.click();
      await until(() => text(card.querySelector('.copy')) === 'Copied', 'copied state');
      expect(copied).to.equal(link.url);
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      if (original && !('clipboard' in navigator)) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    }
    dialog.close();
  });
});
