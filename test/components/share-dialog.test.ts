import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-share-dialog.js';
import '../../components/define/atlas-dashboard-card.js';
import type { DashboardSummary } from '../../components/internal/types.js';
import type { AtlasShareDialog } from '../../components/share-dialog/share-dialog.js';
import type { AtlasShareChangeEvent } from '../../components/events/share-change.js';
import type { AtlasRequestCloseEvent } from '../../components/events/request-close.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import { demoToken, until, api } from './support.js';

// Every test works on dashboards it creates, so tests stay independent of each other and of other test files that
// share the same server database.

interface Link {
  id: string;
  url: string;
  token: string;
  label: string;
  passcode: string | null;
  lockedFilters: Record<string, unknown>;
  frameAncestors: string[] | null;
}
interface Sharing {
  users: { username: string; role: string }[];
  project: { enabled: boolean; role: string | null };
  organization: { enabled: boolean };
}

const query = (metric: string) => ({
  metrics: [{ agg: 'count', as: metric, label: metric }],
  dimensions: [],
  filters: [],
  sort: [],
});

let counter = 0;
/** A dashboard of alice's in the sales project; with `privateSource`, one widget reads Support tickets (no public access). */
async function newDashboard(owner: string, options: { privateSource?: boolean } = {}): Promise<string> {
  const { dashboard } = await api<{ dashboard: { id: string } }>(owner, '/dashboards', {
    method: 'POST',
    json: {
      projectId: 'sales',
      title: `Share test ${++counter} ${Date.now()}`,
      filters: [
        { field: 'region', type: 'multi', label: 'Region', options: ['APAC', 'EMEA', 'LATAM', 'North America'] },
        { field: 'channel', type: 'select', label: 'Channel', options: ['Online', 'Partner', 'Retail'] },
      ],
    },
  });
  await api(owner, `/dashboards/${dashboard.id}/widgets`, {
    method: 'POST',
    json: { title: 'Orders', type: 'kpi', dataSourceId: 'orders', query: query('orders') },
  });
  if (options.privateSource) {
    await api(owner, `/dashboards/${dashboard.id}/widgets`, {
      method: 'POST',
      json: { title: 'Open tickets', type: 'kpi', dataSourceId: 'support_tickets', query: query('tickets') },
    });
  }
  return dashboard.id;
}

interface Mounted {
  provider: AtlasProvider;
  dialog: AtlasShareDialog;
  opener: HTMLButtonElement;
  changes: AtlasShareChangeEvent['detail'][];
}

async function openDialog(token: string, dashboardId: string): Promise<Mounted> {
  const provider = await fixture<AtlasProvider>(
    html`<atlas-provider .token=${token}
      ><button id="opener">Share</button><atlas-share-dialog dashboard-id=${dashboardId}></atlas-share-dialog
    ></atlas-provider>`,
  );
  const dialog = provider.querySelector('atlas-share-dialog')!;
  const opener = provider.querySelector<HTMLButtonElement>('#opener')!;
  const changes: AtlasShareChangeEvent['detail'][] = [];
  provider.addEventListener('atlas-share-change', (e) => changes.push(e.detail));
  opener.focus();
  await dialog.show(opener);
  await dialog.loadComplete;
  return { provider, dialog, opener, changes };
}

const $ = <T extends Element = HTMLElement>(dialog: AtlasShareDialog, selector: string) =>
  dialog.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(dialog: AtlasShareDialog, selector: string) => [
  ...dialog.shadowRoot!.querySelectorAll<T>(selector),
];
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const active = (dialog: AtlasShareDialog) => dialog.shadowRoot!.activeElement as HTMLElement | null;
const people = (dialog: AtlasShareDialog) => $$(dialog, '.people .person .who .name').map((n) => text(n));

/** Types into the user box with real key presses and waits for the suggestions of what was typed. */
async function typeUser(dialog: AtlasShareDialog, value: string) {
  const input = $<HTMLInputElement>(dialog, '#user-input')!;
  input.focus();
  await sendKeys({ type: value });
  await until(() => input.value === value, 'typed value');
}

async function waitForSuggestions(dialog: AtlasShareDialog) {
  await until(() => $$(dialog, '[role="option"]').length > 0 && !$(dialog, '#user-listbox')!.hidden, 'suggestions');
}

/** Presses Tab until the element matching `selector` has focus (keyboard only, no clicks). */
async function tabTo(dialog: AtlasShareDialog, selector: string, max = 40) {
  for (let i = 0; i < max; i++) {
    if (active(dialog)?.matches(selector)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe('<atlas-share-dialog>', () => {
  let alice: string;
  let bob: string;
  let carol: string;
  before(async () => {
    [alice, bob, carol] = await Promise.all([demoToken('alice'), demoToken('bob'), demoToken('carol')]);
  });

  describe('as the owner: people (left panel)', () => {
    it('C7: is a native modal dialog labelled by its title, with the user box focused', async () => {
      const id = await newDashboard(alice);
      const { dialog } = await openDialog(alice, id);
      const native = $<HTMLDialogElement>(dialog, 'dialog')!;
      expect(native.open).to.equal(true);
      expect(native.matches(':modal')).to.equal(true);
      expect(text(dialog.shadowRoot!.getElementById(native.getAttribute('aria-labelledby')!))).to.match(
        /^Share “Share test/,
      );
      expect(active(dialog)?.id).to.equal('user-input');
      expect(
        $$(dialog, 'section[aria-labelledby]').map((s) =>
          text(dialog.shadowRoot!.getElementById(s.getAttribute('aria-labelledby')!)),
        ),
      ).to.deep.equal(['People with access', 'Public links']);
      dialog.close();
    });

    it('U1: suggests organization users as you type (WAI-ARIA combobox: arrows, aria-activedescendant, Enter picks, Add shares)', async () => {
      const id = await newDashboard(alice);
      const { dialog, changes } = await openDialog(alice, id);
      const input = $<HTMLInputElement>(dialog, '#user-input')!;
      expect(input.getAttribute('role')).to.equal('combobox');
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      await typeUser(dialog, 'b');
      await waitForSuggestions(dialog);
      const options = $$(dialog, '[role="option"]');
      expect(options.length).to.be.within(1, 10);
      expect(options.map((o) => text(o.querySelector('.name')))).to.include('Bob Brown');
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      expect(input.hasAttribute('aria-activedescendant')).to.equal(false);

      await sendKeys({ press: 'ArrowDown' });
      const bobIndex = options.findIndex((o) => text(o.querySelector('.name')) === 'Bob Brown');
      for (let i = 0; i < bobIndex; i++) await sendKeys({ press: 'ArrowDown' });
      const activeId = input.getAttribute('aria-activedescendant')!;
      expect(text(dialog.shadowRoot!.getElementById(activeId)!.querySelector('.name'))).to.equal('Bob Brown');
      expect(dialog.shadowRoot!.getElementById(activeId)!.getAttribute('aria-selected')).to.equal('true');
      expect(active(dialog)).to.equal(input, 'focus stays in the box');

      await sendKeys({ press: 'Enter' });
      await until(() => input.value === 'bob', 'picked value');
      expect(input.getAttribute('aria-expanded')).to.equal('false');

      $<HTMLSelectElement>(dialog, '#add-role')!.value = 'author';
      $<HTMLSelectElement>(dialog, '#add-role')!.dispatchEvent(new Event('change'));
      $<HTMLButtonElement>(dialog, '#add')!.click();
      await until(() => people(dialog).some((n) => n.startsWith('Bob Brown')), 'Bob in the list');
      expect(input.value).to.equal('');
      const sharing = await api<Sharing>(alice, `/dashboards/${id}/sharing`);
      expect(sharing.users).to.deep.include({
        ...sharing.users.find((u) => u.username === 'bob')!,
        username: 'bob',
        role: 'author',
      });
      expect(changes).to.deep.include({ dashboardId: id, kind: 'user-added', username: 'bob' });
      dialog.close();
    });

    it('U1: Escape closes the suggestion list first, then clears the box, and only then asks to close the dialog', async () => {
      const id = await newDashboard(alice);
      const { dialog } = await openDialog(alice, id);
      const closes: AtlasRequestCloseEvent[] = [];
      dialog.addEventListener('atlas-request-close', (e) => closes.push(e));
      await typeUser(dialog, 'ca');
      await waitForSuggestions(dialog);
      await sendKeys({ press: 'Escape' });
      expect($(dialog, '#user-listbox')!.hidden).to.equal(true);
      expect($<HTMLInputElement>(dialog, '#user-input')!.value).to.equal('ca');
      await sendKeys({ press: 'Escape' });
      await until(() => $<HTMLInputElement>(dialog, '#user-input')!.value === '', 'box cleared');
      expect(closes).to.have.length(0);
      expect($<HTMLDialogElement>(dialog, 'dialog')!.open).to.equal(true);
      await sendKeys({ press: 'Escape' });
      expect(closes).to.have.length(1);
      await until(() => !$<HTMLDialogElement>(dialog, 'dialog')!.open, 'closed');
    });

    it('Common error "Username not found": shows the server\'s message inline next to the box', async () => {
      const id = await newDashboard(alice);
      const { dialog, changes } = await openDialog(alice, id);
      await typeUser(dialog, 'zed-nobody');
      await sendKeys({ press: 'Enter' });
      await until(() => Boolean($(dialog, '#user-error')), 'inline error');
      expect(text($(dialog, '#user-error'))).to.equal("User 'zed-nobody' not found.");
      const input = $<HTMLInputElement>(dialog, '#user-input')!;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain('user-error');
      expect($(dialog, '#user-error')!.getAttribute('role')).to.equal('alert');
      expect(changes).to.have.length(0);
      dialog.close();
    });

    it('Common error "Same user cannot be added twice": the dialog prevents it, and shows the server\'s 409 when it slips through', async () => {
      const id = await newDashboard(alice);
      await api(alice, `/dashboards/${id}/shares`, { method: 'POST', json: { username: 'carol' } });
      const { dialog } = await openDialog(alice, id);
      // Client side: carol is listed, so her suggestion is marked and Add refuses without asking the server.
      await typeUser(dialog, 'carol');
      await waitForSuggestions(dialog);
      const option = $$(dialog, '[role="option"]').find((o) => text(o.querySelector('.name')) === 'Carol Chen')!;
      expect(option.getAttribute('aria-disabled')).to.equal('true');
      expect(text(option.querySelector('.tag'))).to.equal('Already viewer');
      $<HTMLButtonElement>(dialog, '#add')!.click();
      await until(() => Boolean($(dialog, '#user-error')), 'inline error');
      expect(text($(dialog, '#user-error'))).to.contain('Carol Chen already has access as viewer');

      // Server side: bob is shared behind the dialog's back, then added from the dialog → 409 already_shared.
      await api(alice, `/dashboards/${id}/shares`, { method: 'POST', json: { username: 'bob' } });
      const input = $<HTMLInputElement>(dialog, '#user-input')!;
      input.focus();
      input.select();
      await sendKeys({ type: 'bob' });
      await waitForSuggestions(dialog);
      await sendKeys({ press: 'Escape' });
      await until(() => input.value === 'bob' && $(dialog, '#user-listbox')!.hidden, 'typed bob');
      $<HTMLButtonElement>(dialog, '#add')!.click();
      await until(() => text($(dialog, '#user-error')).includes('Bob Brown already has access'), 'server 409 message');
      dialog.close();
    });

    it('U2: sharing with yourself or with the owner is refused with a clear message', async () => {
      const id = await newDashboard(alice);
      await api(alice, `/dashboards/${id}/shares`, { method: 'POST', json: { username: 'carol', role: 'owner' } });
      const { dialog } = await openDialog(alice, id);
      await typeUser(dialog, 'alice@northwind.example');
      await sendKeys({ press: 'Enter' });
      await until(() => Boolean($(dialog, '#user-error')), 'inline error');
      expect(text($(dialog, '#user-error'))).to.contain('you cannot share it with yourself');
      dialog.close();

      // A co-owner (carol) trying to add the creator.
      const co = await openDialog(carol, id);
      await typeUser(co.dialog, 'alice');
      await waitForSuggestions(co.dialog);
      expect(text($(co.dialog, '[role="option"] .tag'))).to.equal('Owner');
      await sendKeys({ press: 'Escape' });
      $<HTMLButtonElement>(co.dialog, '#add')!.click();
      await until(() => Boolean($(co.dialog, '#user-error')), 'inline error');
      expect(text($(co.dialog, '#user-error'))).to.contain('Alice Andersen owns this dashboard');
      co.dialog.close();
    });

    it("U3: changes a user's role with the select and removes the user", async () => {
      const id = await newDashboard(alice);
      await api(alice, `/dashboards/${id}/shares`, { method: 'POST', json: { username: 'bob' } });
      await api(alice, `/dashboards/${id}/shares`, { method: 'POST', json: { username: 'carol' } });
      const { dialog, changes } = await openDialog(alice, id);
      const select = $<HTMLSelectElement>(dialog, 'select[aria-label="Role for Bob Brown"]')!;
      expect(select.value).to.equal('viewer');
      select.value = 'author';
      select.dispatchEvent(new Event('change'));
      await until(() => changes.some((c) => c.kind === 'user-role'), 'role change');
      expect(
        (await api<Sharing>(alice, `/dashboards/${id}/sharing`)).users.find((u) => u.username === 'bob')!.role,
      ).to.equal('author');

      $<HTMLButtonElement>(dialog, 'button[aria-label="Remove Bob Brown"]')!.click();
      await until(() => !people(dialog).some((n) => n.startsWith('Bob Brown')), 'Bob removed');
      expect(changes.map((c) => c.kind)).to.deep.equal(['user-role', 'user-removed']);
      expect((await api<Sharing>(alice, `/dashboards/${id}/sharing`)).users.map((u) => u.username)).to.deep.equal([
        'carol',
      ]);
      // Focus stays in the list for keyboard users: the next Remove button (carol's).
      expect(active(dialog)?.getAttribute('aria-label')).to.equal('Remove Carol Chen');
      dialog.close();
    });

    it('U5: "Everyone in Sales" with a role, and "Everyone in Northwind can view"', async () => {
      const id = await newDashboard(alice);
      const { dialog, changes } = await openDialog(alice, id);
      expect(text($(dialog, 'label[for="project-switch"]'))).to.equal('Everyone in Sales');
      expect(text($(dialog, 'label[for="org-switch"]'))).to.equal('Everyone in Northwind can view');
      const projectSwitch = $<HTMLInputElement>(dialog, '#project-switch')!;
      const projectRole = $<HTMLSelectElement>(dialog, 'select[aria-label="Role for everyone in Sales"]')!;
      expect(projectRole.disabled).to.equal(true);
      projectSwitch.click();
      await until(() => changes.length === 1 && !projectRole.disabled, 'project access on');
      expect((await api<Sharing>(alice, `/dashboards/${id}/sharing`)).project).to.include({
        enabled: true,
        role: 'viewer',
      });
      projectRole.value = 'author';
      projectRole.dispatchEvent(new Event('change'));
      await until(() => changes.length === 2, 'project role');
      expect((await api<Sharing>(alice, `/dashboards/${id}/sharing`)).project).to.include({
        enabled: true,
        role: 'author',
      });

      $<HTMLInputElement>(dialog, '#org-switch')!.click();
      await until(() => changes.length === 3, 'organization access');
      expect((await api<Sharing>(alice, `/dashboards/${id}/sharing`)).organization.enabled).to.equal(true);
      expect(changes.map((c) => c.kind)).to.deep.equal(['project-access', 'project-access', 'organization-access']);
      dialog.close();
    });

    it('P5: a banner names who cannot read which data source after adding them', async () => {
      const id = await newDashboard(alice, { privateSource: true });
      const { dialog } = await openDialog(alice, id);
      expect($(dialog, '.people-warnings')).to.equal(null);
      // bob is in ops only: he cannot read the sales sources.
      await typeUser(dialog, 'bob');
      await waitForSuggestions(dialog);
      await sendKeys({ press: 'Escape' });
      $<HTMLButtonElement>(dialog, '#add')!.click();
      await until(() => Boolean($(dialog, '.people-warnings')), 'warning banner');
      expect(text($(dialog, '.people-warnings'))).to.contain('Bob Brown cannot read Orders and Support tickets');
      dialog.close();
    });
  });

  describe('as the owner: public links (right panel)', () => {
    it('L1/L2: generates labelled links and lists each with URL, created, last used and use count', async () => {
      const id = await newDashboard(alice);
      const { dialog, changes } = await openDialog(alice, id);
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

    it('L4: "Protect this link with a passcode" shows the passcode; Generate new replaces it', async () => {
      const id = await newDashboard(alice);
      const { link } = await api<{ link: Link }>(alice, `/dashboards/${id}/public-links`, { method: 'POST', json: {} });
      const { dialog, changes } = await openDialog(alice, id);
      const card = $(dialog, `[data-link-id="${link.id}"]`)!;
      const checkbox = [...card.querySelectorAll<HTMLInputElement>('.passcode input[type="checkbox"]')][0]!;
      expect(text(checkbox.closest('label'))).to.equal('Protect this link with a passcode');
      checkbox.click();
      await until(() => Boolean(card.querySelector('.passcode-value')), 'passcode shown');
      const first = text(card.querySelector('.passcode-value'));
      expect(first).to.match(/^[A-Z0-9]{6,}$/);
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
        () =>
          text($(dialog, '#title')).length > 0 && !$(dialog, '.panels[aria-busy]') && Boolean($(dialog, '#generate')),
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

  describe('as a non-owner (U6, L9)', () => {
    it('Common errors "Add button is disabled" and "Generate Public Link is disabled": shows who has access, every control disabled with the reason', async () => {
      const id = await newDashboard(alice);
      await api(alice, `/dashboards/${id}/shares`, { method: 'POST', json: { username: 'bob' } });
      await api(alice, `/dashboards/${id}/shares`, { method: 'POST', json: { username: 'carol', role: 'author' } });
      const { dialog } = await openDialog(bob, id);
      expect(text($(dialog, '#subtitle'))).to.contain('Only its owner, Alice Andersen, can change who has access');
      expect(people(dialog)).to.deep.equal(['Alice Andersen', 'Bob Brown (you)']);
      expect(text($(dialog, '.summary'))).to.contain('Carol Chen (author)');

      const add = $<HTMLButtonElement>(dialog, '#add')!;
      expect(add.disabled).to.equal(true);
      expect($<HTMLInputElement>(dialog, '#user-input')!.disabled).to.equal(true);
      expect(text(dialog.shadowRoot!.getElementById(add.getAttribute('aria-describedby')!))).to.contain(
        'Only the owner, Alice Andersen, can add people',
      );

      const generate = $<HTMLButtonElement>(dialog, '#generate')!;
      expect(generate.disabled).to.equal(true);
      expect(text(dialog.shadowRoot!.getElementById(generate.getAttribute('aria-describedby')!))).to.contain(
        'Only the owner, Alice Andersen, can generate public links',
      );
      expect($(dialog, '#project-switch')).to.equal(null);
      expect(active(dialog)?.classList.contains('close')).to.equal(true);
      dialog.close();
    });

    it('shows "Dashboard not found" for a dashboard the user cannot see (P2)', async () => {
      const id = await newDashboard(alice);
      const { dialog } = await openDialog(bob, id);
      expect(text($(dialog, '.message'))).to.contain('Dashboard not found');
      dialog.close();
    });
  });

  describe('dialog behaviour (C7)', () => {
    it('Escape, the close button and the backdrop send a cancelable atlas-request-close; focus returns to the opener', async () => {
      const id = await newDashboard(alice);
      const { dialog, opener } = await openDialog(alice, id);
      const native = $<HTMLDialogElement>(dialog, 'dialog')!;
      const sources: string[] = [];
      let keepOpen = true;
      dialog.addEventListener('atlas-request-close', (e) => {
        sources.push(e.detail.source);
        expect(e.cancelable).to.equal(true);
        expect(e.bubbles && e.composed).to.equal(true);
        if (keepOpen) e.preventDefault();
      });
      await sendKeys({ press: 'Escape' });
      $<HTMLButtonElement>(dialog, '.close')!.click();
      native.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      expect(sources).to.deep.equal(['keyboard', 'close-button', 'backdrop']);
      expect(native.open).to.equal(true, 'a canceled request keeps the dialog open');

      keepOpen = false;
      await sendKeys({ press: 'Escape' });
      await until(() => !native.open, 'closed');
      expect(document.activeElement).to.equal(opener);
      expect(document.documentElement.style.overflow).to.equal('');
    });

    it("C2/C3: the card's Share opens this dialog for its dashboard, and closing returns focus to the card", async () => {
      const id = await newDashboard(alice);
      const { dashboards } = await api<{ dashboards: DashboardSummary[] }>(alice, '/dashboards?filter=mine');
      const summary = dashboards.find((d) => d.id === id)!;
      const provider = await fixture<AtlasProvider>(
        html`<atlas-provider .token=${alice}
          ><atlas-dashboard-card .dashboard=${summary}></atlas-dashboard-card
        ></atlas-provider>`,
      );
      const card = provider.querySelector('atlas-dashboard-card')!;
      await card.updateComplete;
      const menuButton = card.shadowRoot!.querySelector<HTMLButtonElement>('.menu-button')!;
      menuButton.click();
      await card.updateComplete;
      card.shadowRoot!.querySelector<HTMLElement>('[role="menuitem"][data-action="share"]')!.click();
      await until(() => Boolean(provider.querySelector('atlas-share-dialog')?.open), 'dialog opened');
      const dialog = provider.querySelector('atlas-share-dialog')!;
      await dialog.loadComplete;
      expect(dialog.dashboardId).to.equal(id);
      expect(text($(dialog, '#title'))).to.equal(`Share “${summary.title}”`);
      await sendKeys({ press: 'Escape' });
      await until(() => !dialog.open, 'closed');
      expect(card.shadowRoot!.activeElement).to.equal(menuButton);
    });

    it('Tab and Shift+Tab stay inside the dialog', async () => {
      const id = await newDashboard(alice);
      const { dialog } = await openDialog(alice, id);
      $<HTMLButtonElement>(dialog, '.done')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(active(dialog)?.classList.contains('close')).to.equal(true, 'Tab from the last control goes to the first');
      await sendKeys({ press: 'Shift+Tab' });
      expect(active(dialog)?.classList.contains('done')).to.equal(true, 'Shift+Tab from the first goes to the last');
      dialog.close();
    });

    it('keyboard only: adds a user, generates a link and revokes it', async () => {
      const id = await newDashboard(alice);
      const { dialog, changes } = await openDialog(alice, id);
      expect(active(dialog)?.id).to.equal('user-input');
      await sendKeys({ type: 'carol' });
      await waitForSuggestions(dialog);
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await until(() => $<HTMLInputElement>(dialog, '#user-input')!.value === 'carol', 'picked');
      await sendKeys({ press: 'Enter' });
      await until(() => people(dialog).some((n) => n.startsWith('Carol Chen')), 'carol added');

      await tabTo(dialog, '#link-label');
      await sendKeys({ type: 'Kiosk' });
      await sendKeys({ press: 'Enter' });
      await until(() => $$(dialog, '.link').length === 1, 'link generated');
      expect(active(dialog)?.classList.contains('copy')).to.equal(true, 'focus moves to the new link');

      await tabTo(dialog, '.link .revoke');
      await sendKeys({ press: 'Enter' });
      await until(() => active(dialog)?.classList.contains('confirm-revoke') === true, 'confirmation focused');
      await sendKeys({ press: 'Enter' });
      await until(() => $$(dialog, '.link').length === 0, 'link revoked');
      expect(active(dialog)?.id).to.equal('generate');
      expect(changes.map((c) => c.kind)).to.deep.equal(['user-added', 'link-created', 'link-revoked']);
      const { links } = await api<{ links: Link[] }>(alice, `/dashboards/${id}/public-links`);
      expect(links).to.have.length(0);
    });

    it('is accessible with the dialog open, for an owner (with links and warnings) and for a viewer', async () => {
      const id = await newDashboard(alice, { privateSource: true });
      await api(alice, `/dashboards/${id}/shares`, { method: 'POST', json: { username: 'bob' } });
      const { link } = await api<{ link: Link }>(alice, `/dashboards/${id}/public-links`, {
        method: 'POST',
        json: { label: 'Customer A', lockedFilters: { channel: 'Retail' } },
      });
      await api(alice, `/dashboards/${id}/public-links/${link.id}/passcode`, {
        method: 'PUT',
        json: { enabled: true },
      });
      const owner = await openDialog(alice, id);
      expect($$(owner.dialog, '.link')).to.have.length(1);
      expect($(owner.dialog, '.people-warnings')).to.exist;
      await typeUser(owner.dialog, 'c');
      await waitForSuggestions(owner.dialog);
      await sendKeys({ press: 'ArrowDown' });
      await expect(owner.dialog).to.be.accessible();
      owner.dialog.close();

      const viewer = await openDialog(bob, id);
      expect($<HTMLButtonElement>(viewer.dialog, '#add')!.disabled).to.equal(true);
      await expect(viewer.dialog).to.be.accessible();
      viewer.dialog.close();
    });
  });
});
