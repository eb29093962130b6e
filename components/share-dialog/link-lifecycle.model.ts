/**
 * Issue 16: the share dialog's model transitions for rotating a link in place and for its passcode sessions (beside
 * sharing-model.ts, which holds the rest). Each announces what happened, for screen readers.
 */
import { formatCount, formatDateTime } from './format.js';
import { announced, linkReplaced, type ShareState, type Transition } from './sharing-model.js';
import type { LinkSession, PublicLink } from './types.js';

function withSessions(state: ShareState, linkId: string, sessions: readonly LinkSession[]): ShareState {
  return { ...state, sessions: { ...state.sessions, [linkId]: sessions } };
}

/** The sentence after a rotation: where the old address stands, the new passcode, the sessions. */
export function rotatedText(link: PublicLink): string {
  const old = link.previousTokenUntil
    ? `The old address works until ${formatDateTime(link.previousTokenUntil)}.`
    : 'The old address has stopped working.';
  const passcode = link.passcodeEnabled
    ? ` New passcode ${link.passcode ?? ''}. Every passcode session has ended.`
    : '';
  return `New address for this link. ${old}${passcode}`;
}

/** A new token (and passcode) for the same link: the card shows it, its sessions are gone. */
export const linkRotated =
  (link: PublicLink): Transition =>
  (state) =>
    withSessions(linkReplaced(state, link, rotatedText(link)), link.id, []);

/** A change that ends every session of a link (a new passcode, or none): a list already loaded becomes empty. */
export const sessionsEndedBy =
  (transition: Transition, linkId: string): Transition =>
  (state) => {
    const next = transition(state);
    return next.sessions?.[linkId] ? withSessions(next, linkId, []) : next;
  };

export const sessionsLoaded =
  (linkId: string, sessions: readonly LinkSession[]): Transition =>
  (state) =>
    announced(
      withSessions(state, linkId, sessions),
      sessions.length ? `${formatCount(sessions.length, 'live session', 'live sessions')}.` : 'No live sessions.',
    );

export const sessionEnded =
  (linkId: string, sessions: readonly LinkSession[]): Transition =>
  (state) =>
    announced(
      withSessions(state, linkId, sessions),
      'Session ended: that viewer must enter the passcode again. The passcode is unchanged.',
    );
