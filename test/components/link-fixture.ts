import type { PublicLink } from '../../components/share-dialog/types.js';

/**
 * A public link as the server sends it (every field of the contract's link), active and plain: the tests of the link
 * card, its sections and the share dialog's model override what they are about. One fixture, so a new link field is
 * added in one place.
 */
export const publicLink = (overrides: Partial<PublicLink> = {}): PublicLink => ({
  id: 'l1',
  label: 'Customer A',
  url: 'https://atlas.example/public/abc',
  token: 'abc',
  createdAt: '2026-01-01T00:00:00.000Z',
  lastAccessAt: null,
  accessCount: 0,
  passcodeEnabled: false,
  passcode: null,
  lockedFilters: {},
  frameAncestors: null,
  effectiveFrameAncestors: '*',
  defaultFrameAncestors: '*',
  pausedAt: null,
  expiresAt: null,
  status: 'active',
  previousTokenUntil: null,
  exportPolicy: { mode: 'on', rowCap: null },
  widgetIds: null,
  pauseOnChange: false,
  changedSinceShared: false,
  changes: [],
  ...overrides,
});

/** The same, named by id (its URL and token follow): for the model tests that hold several links. */
export const publicLinkWithId = (id: string, overrides: Partial<PublicLink> = {}): PublicLink =>
  publicLink({ id, url: `https://atlas.example/public/${id}`, token: id, ...overrides });
