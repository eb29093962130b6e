import { expect } from '@open-wc/testing';
import type { DashboardDetail } from '../../components/internal/types.js';
import { planFor } from '../../components/share-dialog/share-actions.js';
import {
  addUserProblem,
  canManage,
  dismissed,
  embeddingSaved,
  failed,
  isBusy,
  linkCreated,
  linkExpiryChanged,
  linkPauseChanged,
  linkRevoked,
  organizationAccessChanged,
  ownerState,
  passcodeChanged,
  projectAccessChanged,
  projectAccessRole,
  publicAccessUnknown,
  readerPeople,
  readerState,
  released,
  started,
  subtitle,
  userAdded,
  userRemoved,
  userRoleChanged,
  whyNotShareable,
  widgetsWithoutPublicAccess,
  type ShareState,
} from '../../components/share-dialog/sharing-model.js';
import type { AccessWarning, PublicLink, SharedUser, SharingView } from '../../components/share-dialog/types.js';
import { publicLinkWithId } from './link-fixture.js';

// The share dialog's model is pure: these tests build its state from answers shaped like the server's and check each
// rule and transition without a browser page, a server or an element.

const alice = { username: 'alice', name: 'Alice Andersen', email: 'alice@northwind.example' };

function dashboard(overrides: Partial<DashboardDetail> = {}): DashboardDetail {
  return {
    id: 'd1',
    title: 'Sales overview',
    description: '',
    owner: { username: 'alice', name: 'Alice Andersen' },
    projectId: 'sales',
    role: 'owner',
    shared: false,
    orgAccess: false,
    access: { icon: 'lock', summary: 'Only you.', publicLinkCount: 0, changedLinkCount: 0 },
    updatedAt: '2026-01-01T00:00:00.000Z',
    widgets: [
      widget('w1', 'Revenue', 'orders'),
      widget('w2', 'Open tickets', 'support_tickets'),
      widget('w3', 'Backlog', 'support_tickets'),
    ],
    filters: [],
    refreshInterval: 0,
    canModify: true,
    isPublicMode: false,
    ...overrides,
  };
}

function widget(id: string, title: string, dataSourceId: string): DashboardDetail['widgets'][number] {
  return {
    id,
    title,
    type: 'kpi',
    dataSourceId,
    query: { metrics: [{ agg: 'count' }], dimensions: [], filters: [], sort: [] },
    position: { x: 0, y: 0, w: 3, h: 2 },
  };
}

const share = (username: string, name: string, role: SharedUser['role'] = 'viewer'): SharedUser => ({
  username,
  name,
  email: `${username}@northwind.example`,
  role,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const warning = (username: string, name: string): AccessWarning => ({
  subject: 'user',
  id: username,
  name,
  dataSources: [{ id: 'support_tickets', name: 'Support tickets' }],
  message: `${name} cannot read Support tickets.`,
});

const link = (id: string, overrides: Partial<PublicLink> = {}) => publicLinkWithId(id, { label: '', ...overrides });

function answer(overrides: Partial<SharingView> = {}): SharingView {
  return {
    owner: { username: 'alice', name: 'Alice Andersen' },
    users: [share('bob', 'Bob Brown'), share('carol', 'Carol Chen', 'author')],
    project: { id: 'sales', name: 'Sales', enabled: false, role: null },
    organization: { id: 'northwind', name: 'Northwind', enabled: false },
    publicLinks: [link('l1', { label: 'Customer A' })],
    warnings: [warning('bob', 'Bob Brown')],
    dashboard: dashboard(),
    currentUser: alice,
    dataSources: [
      { id: 'orders', name: 'Orders', externalAccess: true },
      { id: 'support_tickets', name: 'Support tickets', externalAccess: false },
    ],
    ...overrides,
  };
}

describe('share dialog model (sharing-model.ts)', () => {
  describe('loading', () => {
    it("an owner's state comes from the one GET …/sharing answer", () => {
      const state = ownerState(answer());
      expect(canManage(state)).to.equal(true);
      expect(state.data.me).to.deep.equal(alice);
      expect(state.data.sharing!.users.map((u) => u.username)).to.deep.equal(['bob', 'carol']);
      expect(state.data.links.map((l) => l.id)).to.deep.equal(['l1']);
      expect(state.busy.size).to.equal(0);
      expect(state.errors).to.deep.equal({});
      expect(subtitle(state)).to.equal('Choose who can open this dashboard, and publish it with public links.');
      expect(subtitle(undefined)).to.equal('Loading who has access…');
    });

    it('a reader sees the owner and themself, changes nothing, and is told who can', () => {
      const bob = { username: 'bob', name: 'Bob Brown', email: 'bob@northwind.example' };
      const state = readerState(dashboard({ role: 'author' }), bob);
      expect(canManage(state)).to.equal(false);
      expect(readerPeople(state.data).map((p) => [p.user.name, p.role])).to.deep.equal([
        ['Alice Andersen', 'Owner'],
        ['Bob Brown', 'Author'],
      ]);
      expect(subtitle(state)).to.equal(
        'You are an author of this dashboard. Only its owner, Alice Andersen, can change who has access.',
      );
      expect(subtitle(readerState(dashboard({ role: 'viewer' }), bob))).to.match(/^You are a viewer of/);
      // An owner whose sharing could not be read manages nothing either.
      expect(canManage(readerState(dashboard(), alice))).to.equal(false);
      expect(readerPeople(readerState(dashboard(), alice).data)).to.have.length(1);
    });
  });

  describe('derived values', () => {
    const data = ownerState(answer()).data;

    it('U2: who cannot be added, and why (yourself, the owner, someone already listed)', () => {
      expect(whyNotShareable(data, 'ALICE')).to.equal('You');
      expect(whyNotShareable(data, ' alice@northwind.example ')).to.equal('You');
      expect(whyNotShareable(data, 'carol')).to.equal('Already author');
      expect(whyNotShareable(data, 'bob@northwind.example')).to.equal('Already viewer');
      // A suggestion is matched by its own email too.
      expect(whyNotShareable(data, 'robert', 'bob@northwind.example')).to.equal('Already viewer');
      expect(whyNotShareable(data, 'dan')).to.equal(undefined);
      const coOwned = ownerState(answer({ currentUser: { ...alice, username: 'carol', email: 'c@x' } })).data;
      expect(whyNotShareable(coOwned, 'alice')).to.equal('Owner');
    });

    it('U2: the sentence that refuses an add before asking the server', () => {
      expect(addUserProblem(data, '  ')).to.equal('Type a username or an email address first.');
      expect(addUserProblem(data, 'alice')).to.contain('you cannot share it with yourself');
      expect(addUserProblem(data, 'Carol@Northwind.example')).to.equal(
        'Carol Chen already has access as author. Change their role in the list below instead.',
      );
      expect(addUserProblem(data, 'dan')).to.equal(undefined);
      const coOwned = ownerState(answer({ currentUser: { ...alice, username: 'carol', email: 'c@x' } })).data;
      expect(addUserProblem(coOwned, 'alice')).to.equal(
        'Alice Andersen owns this dashboard and already has full access.',
      );
    });

    it('L7: widgets a public link cannot show, grouped by source; unknown sources count as not public', () => {
      expect(widgetsWithoutPublicAccess(data)).to.deep.equal([
        { source: 'Support tickets', widgets: ['Open tickets', 'Backlog'] },
      ]);
      const missing = { ...data, dataSources: [{ id: 'orders', name: 'Orders', externalAccess: true }] };
      expect(widgetsWithoutPublicAccess(missing)).to.deep.equal([
        { source: 'support_tickets', widgets: ['Open tickets', 'Backlog'] },
      ]);
      const unknown = { ...ownerState(answer()), data: { ...data, dataSources: undefined } };
      expect(widgetsWithoutPublicAccess(unknown.data)).to.deep.equal([]);
      expect(publicAccessUnknown(unknown)).to.equal(true);
      expect(publicAccessUnknown(ownerState(answer()))).to.equal(false);
    });

    it("U5: the project's role is viewer unless it is author", () => {
      expect(projectAccessRole(data)).to.equal('viewer');
      const author = ownerState(answer({ project: { id: 'sales', name: 'Sales', enabled: true, role: 'author' } }));
      expect(projectAccessRole(author.data)).to.equal('author');
    });
  });

  describe('changes in flight and errors', () => {
    it('started marks the control busy and clears the error it left; failed and released end it', () => {
      let state: ShareState = failed(ownerState(answer()), 'people', 'Old error');
      state = started(state, 'user:bob', 'people');
      expect(isBusy(state, 'user:bob')).to.equal(true);
      expect(state.errors.people).to.equal(undefined);
      state = failed(released(state, 'user:bob'), 'people', 'Could not remove Bob Brown: gone');
      expect(isBusy(state, 'user:bob')).to.equal(false);
      expect(state.errors.people).to.equal('Could not remove Bob Brown: gone');
      expect(dismissed(state, 'people').errors).to.deep.equal({});
    });

    it('transitions never change the state they are given', () => {
      const before = ownerState(answer());
      const frozen = JSON.stringify({ ...before, busy: [...before.busy] });
      started(before, 'project', 'general');
      userRemoved('bob')(before);
      linkRevoked('l1')(before);
      expect(JSON.stringify({ ...before, busy: [...before.busy] })).to.equal(frozen);
    });
  });

  describe('server answers', () => {
    it('U1: a user added (or re-added) is listed once, with the warnings and a sentence to announce', () => {
      const state = userAdded({ share: share('dan', 'Dan Diaz', 'author'), warnings: [] })(ownerState(answer()));
      expect(state.data.sharing!.users.map((u) => u.username)).to.deep.equal(['bob', 'carol', 'dan']);
      expect(state.data.sharing!.warnings).to.deep.equal([]);
      expect(state.announcement).to.deep.equal({ text: 'Dan Diaz can now edit this dashboard as author.', serial: 1 });
      const again = userAdded({ share: share('dan', 'Dan Diaz'), warnings: [] })(state);
      expect(again.data.sharing!.users.filter((u) => u.username === 'dan')).to.have.length(1);
      expect(again.announcement).to.deep.equal({ text: 'Dan Diaz can now view this dashboard as viewer.', serial: 2 });
    });

    it('U3: a role change and a removal; removing someone drops the warning that named them', () => {
      let state = userRoleChanged({
        share: share('bob', 'Bob Brown', 'owner'),
        warnings: [warning('bob', 'Bob Brown')],
      })(ownerState(answer()));
      expect(state.data.sharing!.users.find((u) => u.username === 'bob')!.role).to.equal('owner');
      expect(state.announcement!.text).to.equal('Bob Brown is now owner.');
      state = userRemoved('bob')(state);
      expect(state.data.sharing!.users.map((u) => u.username)).to.deep.equal(['carol']);
      expect(state.data.sharing!.warnings).to.deep.equal([]);
      expect(state.announcement!.text).to.equal('Bob Brown no longer has access.');
      expect(userRemoved('nobody')(state)).to.equal(state);
    });

    it('U5: project- and organization-wide access, on and off', () => {
      const on = projectAccessChanged({
        project: { id: 'sales', name: 'Sales', enabled: true, role: 'author' },
        warnings: [],
      })(ownerState(answer()));
      expect(on.data.sharing!.project).to.include({ enabled: true, role: 'author' });
      expect(on.announcement!.text).to.equal('Everyone in Sales now has author access.');
      const off = projectAccessChanged({
        project: { id: 'sales', name: 'Sales', enabled: false, role: null },
        warnings: [],
      })(on);
      expect(off.announcement!.text).to.equal('Access for everyone in Sales is off.');
      const org = organizationAccessChanged({
        organization: { id: 'northwind', name: 'Northwind', enabled: true },
        warnings: [],
      })(off);
      expect(org.data.sharing!.organization.enabled).to.equal(true);
      expect(org.announcement!.text).to.equal('Everyone in Northwind can now view this dashboard.');
    });

    it('L1/L7: a new link comes first, and the sentence says how many widgets it cannot show', () => {
      const state = linkCreated(link('l2', { label: 'Kiosk' }))(ownerState(answer()));
      expect(state.data.links.map((l) => l.id)).to.deep.equal(['l2', 'l1']);
      expect(state.announcement!.text).to.equal(
        'Public link “Kiosk” created. 2 widgets will not show data through it.',
      );
      const clean = ownerState(
        answer({
          dataSources: [
            { id: 'orders', name: 'Orders', externalAccess: true },
            { id: 'support_tickets', name: 'Support tickets', externalAccess: true },
          ],
        }),
      );
      expect(linkCreated(link('l3'))(clean).announcement!.text).to.equal('Public link created.');
    });

    it('L3/L4/V5: passcode, allowed sites and revoke replace or drop the link, each with its sentence', () => {
      const start = failed(ownerState(answer()), 'link:l1', 'Could not revoke this link: offline');
      const passcode = passcodeChanged(link('l1', { passcodeEnabled: true, passcode: 'K7Q2ZP' }))(start);
      expect(passcode.data.links[0]!.passcode).to.equal('K7Q2ZP');
      expect(passcode.announcement!.text).to.equal(
        'New passcode K7Q2ZP. Sessions opened with the previous passcode have ended.',
      );
      expect(passcodeChanged(link('l1'))(passcode).announcement!.text).to.equal(
        'Passcode removed: anyone with the link can open it.',
      );
      const sites = (frameAncestors: string[] | null) =>
        embeddingSaved(link('l1', { frameAncestors }))(start).announcement!.text;
      expect(sites(null)).to.equal('Embedding follows the server default.');
      expect(sites([])).to.equal('No site can embed this link.');
      expect(sites(['https://a.example', 'https://b.example'])).to.equal(
        'Only https://a.example, https://b.example can embed this link.',
      );
      const paused = linkPauseChanged(
        link('l1', { label: 'Customer A', status: 'paused', pausedAt: '2026-01-02T00:00:00.000Z' }),
      )(start);
      expect(paused.data.links[0]!.status).to.equal('paused');
      expect(paused.announcement!.text).to.equal(
        'Link “Customer A” paused: visitors see “This link is no longer available” until you resume it.',
      );
      const resumed = linkPauseChanged(link('l1', { label: 'Customer A' }))(paused);
      expect(resumed.data.links[0]!.status).to.equal('active');
      expect(resumed.announcement!.text).to.equal('Link “Customer A” resumed: the same URL works again.');
      const never = linkExpiryChanged(link('l1', { label: 'Customer A' }))(start);
      expect(never.announcement!.text).to.equal('Link “Customer A” never expires.');
      const expiring = linkExpiryChanged(link('l1', { expiresAt: '2030-01-02T03:04:00.000Z' }))(start);
      expect(expiring.data.links[0]!.expiresAt).to.equal('2030-01-02T03:04:00.000Z');
      expect(expiring.announcement!.text).to.match(/^Link expires .*2030.*\.$/);
      const revoked = linkRevoked('l1')(start);
      expect(revoked.data.links).to.deep.equal([]);
      expect(revoked.errors).to.deep.equal({});
      expect(revoked.announcement!.text).to.equal('Link “Customer A” revoked. It stops working on its next request.');
    });
  });

  describe('what each change means (share-actions.ts)', () => {
    const state = ownerState(answer());

    it('adding someone the dialog already knows is refused before any request', () => {
      expect(planFor({ kind: 'add-user', user: 'bob', role: 'viewer' }, state).refusal).to.contain(
        'Bob Brown already has access as viewer',
      );
      const plan = planFor({ kind: 'add-user', user: 'dan', role: 'viewer' }, state);
      expect(plan.refusal).to.equal(undefined);
      expect(plan.busy).to.equal('add-user');
      expect(plan.failure!.slot).to.equal('user');
      expect(plan.failure!.sentence("User 'dan' not found.")).to.equal("User 'dan' not found.");
    });

    it('each failure is shown where the change was asked for, in a sentence naming it', () => {
      const role = planFor({ kind: 'change-role', username: 'bob', role: 'author' }, state);
      expect([role.busy, role.failure!.slot, role.failure!.sentence('x')]).to.deep.equal([
        'user:bob',
        'people',
        "Could not change Bob Brown's role: x",
      ]);
      const project = planFor({ kind: 'project-access', enabled: true, role: 'viewer' }, state);
      expect(project.failure!.sentence('x')).to.equal('Could not change access for everyone in Sales: x');
      const revoke = planFor({ kind: 'revoke-link', linkId: 'l1' }, state);
      expect([revoke.busy, revoke.failure!.slot]).to.deep.equal(['link:l1', 'link:l1']);
      const pause = planFor({ kind: 'pause-link', linkId: 'l1', paused: true }, state);
      expect([pause.busy, pause.failure!.slot, pause.failure!.sentence('x')]).to.deep.equal([
        'link:l1',
        'link:l1',
        'Could not pause this link: x',
      ]);
      const resume = planFor({ kind: 'pause-link', linkId: 'l1', paused: false }, state);
      expect(resume.failure!.sentence('x')).to.equal('Could not resume this link: x');
      expect(planFor({ kind: 'create-link', label: '', lockedFilters: {} }, state).failure!.slot).to.equal('links');
      // V5: the allowed-sites editor shows the server's sentence beside its own field.
      expect(planFor({ kind: 'embedding', linkId: 'l1', frameAncestors: [] }, state).failure).to.equal(undefined);
    });
  });
});
