import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/atlas-dashboard-card.js';
import { AtlasApiClient, AtlasApiError } from '../../components/api/client.js';
import { setProjectAccess } from '../../components/api/endpoints.js';
import { errorMessage } from '../../components/internal/atlas-element.js';
import type { AtlasRequestCloseEvent } from '../../components/events/request-close.js';
import type { DashboardSummary } from '../../components/internal/types.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import {
  $,
  $$,
  active,
  byId,
  expandLinks,
  flatText,
  newDashboard,
  openDialog,
  people,
  tabTo,
  text,
  typeUser,
  waitForSuggestions,
  type Link,
  type Sharing,
} from './share-dialog.support.js';
import { api, demoToken, observeFetch, until } from './support.js';

// The share dialog as a whole, against the real server: the people panel and general access (left), readers, the
// dialog's own behaviour and what it loads. Public links (right panel) are in share-dialog-links.test.ts, the model's
// rules in share-dialog-model.test.ts and the frame in dialog.test.ts.

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
      // Labelled by its title: the frame's heading, whose content is the share dialog's slotted title.
      expect(flatText(byId(native, native.getAttribute('aria-labelledby')!)!)).to.match(/^Share “Share test/);
      expect(flatText(byId(native, native.getAttribute('aria-describedby')!)!)).to.contain('Choose who can open');
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
      expect(text(byId(input, activeId)!.querySelector('.name'))).to.equal('Bob Brown');
      expect(byId(input, activeId)!.getAttribute('aria-selected')).to.equal('true');
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
      // Issue 17: Owner is never offered to a whole project (it always failed).
      expect([...projectRole.options].map((o) => o.value)).to.deep.equal(['viewer', 'author']);
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
      // The server is shared by every test file: a Sales-wide dashboard left behind would show in the other members'
      // "Shared with me" (dashboard-list.test.ts counts dan's).
      await api(alice, `/dashboards/${id}`, { method: 'DELETE' });
    });

    it("issue 17: a refused request reads as a sentence, not as the schema's text", async () => {
      const id = await newDashboard(alice);
      const client = new AtlasApiClient({ baseUrl: '/api', token: () => alice });
      const refused = await setProjectAccess(client, { id }, { enabled: true, role: 'owner' as 'author' }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).to.be.instanceOf(AtlasApiError);
      expect(errorMessage(refused)).to.equal(
        'Role must be viewer or author: everyone in a project cannot be owner (an owner is a person).',
      );
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

  describe('what it loads (issue 15)', () => {
    /** Mounts a closed dialog, then records every request from show() until it has loaded and settled. */
    async function requestsOnOpen(token: string, id: string) {
      const provider = await fixture<AtlasProvider>(
        html`<atlas-provider .token=${token}
          ><atlas-share-dialog dashboard-id=${id}></atlas-share-dialog
        ></atlas-provider>`,
      );
      const dialog = provider.querySelector('atlas-share-dialog')!;
      await dialog.updateComplete;
      const openedAt = performance.now();
      const seen = observeFetch();
      try {
        await dialog.show();
        await dialog.loadComplete;
        // Nothing else trickles in once it shows the panels.
        await new Promise((r) => setTimeout(r, 300));
      } finally {
        seen.stop();
      }
      const paths = seen.requests.map((r) => {
        const url = new URL(r.url, location.href);
        return url.pathname + url.search;
      });
      // The browser's own resource timing, as a second witness that does not depend on wrapping fetch.
      const timed = performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime >= openedAt && new URL(e.name).pathname.startsWith('/api/'))
        .map((e) => new URL(e.name).pathname);
      return { dialog, paths, timed };
    }

    it("an owner's dialog opens with one request: GET …/sharing carries all it shows", async () => {
      const id = await newDashboard(alice, { privateSource: true });
      await api(alice, `/dashboards/${id}/shares`, { method: 'POST', json: { username: 'bob' } });
      await api<{ link: Link }>(alice, `/dashboards/${id}/public-links`, {
        method: 'POST',
        json: { label: 'Customer A' },
      });
      const { dialog, paths, timed } = await requestsOnOpen(alice, id);
      expect(paths).to.deep.equal([`/api/dashboards/${id}/sharing`]);
      expect(timed).to.deep.equal([`/api/dashboards/${id}/sharing`]);

      // …and that answer is everything on screen: title, you, people, warnings, links, public access.
      expect(text($(dialog, '#title'))).to.match(/^Share “Share test/);
      expect(people(dialog)).to.deep.equal(['Alice Andersen (you)', 'Bob Brown']);
      expect(text($(dialog, '.people-warnings'))).to.contain('Bob Brown cannot read');
      expect($$(dialog, '.link h5').map(text)).to.deep.equal(['Customer A']);
      expect(text($(dialog, '.links-warning'))).to.contain('Support tickets does not allow public access');
      await expandLinks(dialog);
      expect($$(dialog, '.link .locked-title').map(text)).to.include('Locked filters');

      // Suggestions are the only other requests, as the owner types.
      const typing = observeFetch();
      try {
        await typeUser(dialog, 'ca');
        await waitForSuggestions(dialog);
      } finally {
        typing.stop();
      }
      expect(typing.requests.map((r) => new URL(r.url, location.href).pathname)).to.deep.equal(['/api/users']);
      dialog.close();
    });

    it("a reader's dialog opens with one request too: the server's read-only sharing view (issue 17)", async () => {
      const id = await newDashboard(alice);
      await api(alice, `/dashboards/${id}/shares`, { method: 'POST', json: { username: 'bob' } });
      await api(alice, `/dashboards/${id}/shares`, { method: 'POST', json: { username: 'carol', role: 'author' } });
      const { dialog, paths } = await requestsOnOpen(bob, id);
      // Before: a 403 on …/sharing, then the dashboard and /me (three requests).
      expect(paths).to.deep.equal([`/api/dashboards/${id}/sharing`]);
      // Who has access, as the owner would see it (without emails).
      expect(people(dialog)).to.deep.equal(['Alice Andersen', 'Bob Brown (you)', 'Carol Chen']);
      expect($$(dialog, '.people .person .role-text').map(text)).to.deep.equal(['Owner', 'Viewer', 'Author']);
      expect(text($(dialog, '.people'))).not.to.contain('@');
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
      expect(people(dialog)).to.deep.equal(['Alice Andersen', 'Bob Brown (you)', 'Carol Chen']);
      expect(text($(dialog, '.summary'))).to.contain('Carol Chen (author)');

      const add = $<HTMLButtonElement>(dialog, '#add')!;
      expect(add.disabled).to.equal(true);
      expect($<HTMLInputElement>(dialog, '#user-input')!.disabled).to.equal(true);
      expect(text(byId(add, add.getAttribute('aria-describedby')!))).to.contain(
        'Only the owner, Alice Andersen, can add people',
      );

      const generate = $<HTMLButtonElement>(dialog, '#generate')!;
      expect(generate.disabled).to.equal(true);
      expect(text(byId(generate, generate.getAttribute('aria-describedby')!))).to.contain(
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

    it("every part keeps working from outside with ::part(), also those now inside the dialog's frame and panels", async () => {
      const id = await newDashboard(alice, { privateSource: true });
      await api(alice, `/dashboards/${id}/shares`, { method: 'POST', json: { username: 'bob' } });
      await api(alice, `/dashboards/${id}/public-links`, { method: 'POST', json: { label: 'Customer A' } });
      const parts = ['dialog', 'base', 'header', 'close-button', 'body', 'panel', 'people-panel', 'links-panel'];
      const style = document.createElement('style');
      style.textContent = [...parts, 'warning', 'link', 'footer']
        .map((part) => `atlas-share-dialog::part(${part}) { outline: 3px dotted rgb(1, 2, 3); }`)
        .join('\n');
      document.head.append(style);
      try {
        const { dialog } = await openDialog(alice, id);
        const styled = (el: Element | null) => (el ? getComputedStyle(el).outlineColor === 'rgb(1, 2, 3)' : false);
        for (const part of parts) expect(styled($(dialog, `[part~="${part}"]`)), part).to.equal(true);
        expect($$(dialog, '[part="warning"]').map(styled)).to.deep.equal([true, true], 'both warnings');
        expect(styled($(dialog, '.link'))).to.equal(true, 'a link card');
        expect(styled($(dialog, '[part="footer"]'))).to.equal(true, 'footer');
        dialog.close();
      } finally {
        style.remove();
      }
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
