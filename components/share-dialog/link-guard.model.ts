/**
 * Issue 16: the share dialog's model transitions for a link's widgets, its pause-on-change option and the owner's
 * confirmation of a "changed since shared" link: the link as the server answered, and what is announced.
 */
import { formatCount } from './format.js';
import { linkReplaced, quotedLabel, type Transition } from './sharing-model.js';
import type { PublicLink } from './types.js';

export const linkWidgetsSaved =
  (link: PublicLink): Transition =>
  (state) =>
    linkReplaced(
      state,
      link,
      link.widgetIds === null
        ? `Link ${quotedLabel(link)}shows all widgets, also those added later.`
        : `Link ${quotedLabel(link)}shows ${formatCount(link.widgetIds.length, 'widget', 'widgets')}.`,
    );

export const pauseOnChangeSaved =
  (link: PublicLink): Transition =>
  (state) =>
    linkReplaced(
      state,
      link,
      link.pauseOnChange
        ? `Link ${quotedLabel(link)}pauses automatically when the dashboard changes.`
        : `Link ${quotedLabel(link)}is only flagged when the dashboard changes.`,
    );

export const linkChangesConfirmed =
  (link: PublicLink): Transition =>
  (state) =>
    linkReplaced(state, link, `Changes confirmed: link ${quotedLabel(link)}shares the dashboard as it is now.`);
