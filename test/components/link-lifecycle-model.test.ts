import { expect } from '@open-wc/testing';
import {
  linkRotated,
  rotatedText,
  sessionEnded,
  sessionsEndedBy,
  sessionsLoaded,
} from '../../components/share-dialog/link-lifecycle.model.js';
import type { ShareState, SharingData } from '../../components/share-dialog/sharing-model.js';
import type { LinkSession, PublicLink } from '../../components/share-dialog/types.js';
import { publicLinkWithId } from './link-fixture.js';

// Issue 16: the share dialog's transitions for Rotate and Sessions, without a DOM.

const link = (id: string, overrides: Partial<PublicLink> = {}) =>
  publicLinkWithId(id, { label: 'Kiosk', ...overrides });

const session = (id: string): LinkSession => ({
  id,
  createdAt: '2026-06-01T09:00:00.000Z',
  lastSeenAt: '2026-06-01T09:00:00.000Z',
  expiresAt: '2026-06-06T09:00:00.000Z',
  addressHash: 'abcdefghijklmnop',
  agentFamily: 'edge',
});

const state = (links: PublicLink[]): ShareState => ({
  data: { links } as unknown as SharingData,
  busy: new Set(),
  errors: {},
});

describe('link lifecycle model (issue 16)', () => {
  it('linkRotated replaces the link, empties its sessions and says where the old address stands', () => {
    const before = { ...state([link('a'), link('b')]), sessions: { a: [session('s1')], b: [session('s2')] } };
    const rotated = link('a', { token: 'new', passcodeEnabled: true, passcode: 'NEWPASS234' });
    const after = linkRotated(rotated)(before);
    expect(after.data.links.map((l) => l.token)).to.deep.equal(['new', 'b']);
    expect(after.sessions).to.deep.equal({ a: [], b: [session('s2')] });
    expect(after.announcement?.text).to.equal(
      'New address for this link. The old address has stopped working. New passcode NEWPASS234. Every passcode session has ended.',
    );
    const grace = link('a', { previousTokenUntil: '2026-06-01T10:00:00.000Z' });
    expect(rotatedText(grace)).to.match(/^New address for this link\. The old address works until .+\.$/);
  });

  it('sessionsLoaded and sessionEnded keep the list per link and announce it', () => {
    const loaded = sessionsLoaded('a', [session('s1'), session('s2')])(state([link('a')]));
    expect(loaded.sessions?.a?.map((s) => s.id)).to.deep.equal(['s1', 's2']);
    expect(loaded.announcement?.text).to.equal('2 live sessions.');
    expect(sessionsLoaded('a', [])(loaded).announcement?.text).to.equal('No live sessions.');
    const ended = sessionEnded('a', [session('s2')])(loaded);
    expect(ended.sessions?.a?.map((s) => s.id)).to.deep.equal(['s2']);
    expect(ended.announcement?.text).to.match(/^Session ended: that viewer must enter the passcode again\./);
    expect(ended.announcement!.serial).to.be.greaterThan(loaded.announcement!.serial);
  });

  it('sessionsEndedBy empties a loaded list after a passcode change, and leaves an unloaded one unloaded', () => {
    const same = (s: ShareState) => s;
    const loaded = { ...state([link('a')]), sessions: { a: [session('s1')] } };
    expect(sessionsEndedBy(same, 'a')(loaded).sessions).to.deep.equal({ a: [] });
    expect(sessionsEndedBy(same, 'a')(state([link('a')])).sessions).to.equal(undefined);
  });
});
