import { svg } from 'lit';
import { viewerIcons, wrapIcon as wrap } from './viewer-icons.js';
import type { AccessIcon } from './types.js';

/** Every icon of the elements; the public viewer's few live in viewer-icons.ts, so its bundle carries only those. */
export const icons = {
  ...viewerIcons,
  eye: wrap(svg`<path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z"/><circle cx="12" cy="12" r="3"/>`),
  group: wrap(
    svg`<circle cx="9" cy="8" r="3.2"/><path d="M3 19c.6-3.2 3-5 6-5s5.4 1.8 6 5"/><circle cx="17" cy="9" r="2.5"/><path d="M16.5 14c2.3.2 4 1.7 4.5 4.5"/>`,
  ),
  office: wrap(
    svg`<path d="M4 21V4.5A1.5 1.5 0 0 1 5.5 3h8A1.5 1.5 0 0 1 15 4.5V21"/><path d="M15 9h3.5A1.5 1.5 0 0 1 20 10.5V21"/><path d="M2.5 21h19"/><path d="M8 7h3M8 11h3M8 15h3"/>`,
  ),
  more: wrap(
    svg`<circle cx="5" cy="12" r="1.3" fill="currentColor"/><circle cx="12" cy="12" r="1.3" fill="currentColor"/><circle cx="19" cy="12" r="1.3" fill="currentColor"/>`,
  ),
  open: wrap(
    svg`<path d="M14 4h6v6"/><path d="M20 4 11 13"/><path d="M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/>`,
  ),
  share: wrap(
    svg`<circle cx="18" cy="5.5" r="2.5"/><circle cx="6" cy="12" r="2.5"/><circle cx="18" cy="18.5" r="2.5"/><path d="m8.2 10.8 7.6-4.1M8.2 13.2l7.6 4.1"/>`,
  ),
  trash: wrap(svg`<path d="M4 7h16"/><path d="M9 7V4.5h6V7"/><path d="M6.5 7 7.5 20h9l1-13"/>`),
  edit: wrap(svg`<path d="M4 20h4L19 9l-4-4L4 16v4Z"/><path d="m13.5 6.5 4 4"/>`),
  plus: wrap(svg`<path d="M12 5v14M5 12h14"/>`),
  close: wrap(svg`<path d="M6 6l12 12M18 6 6 18"/>`),
  dashboard: wrap(
    svg`<rect x="3.5" y="3.5" width="7" height="9" rx="1.5"/><rect x="13.5" y="3.5" width="7" height="5" rx="1.5"/><rect x="13.5" y="11.5" width="7" height="9" rx="1.5"/><rect x="3.5" y="15.5" width="7" height="5" rx="1.5"/>`,
  ),
};

export function accessIcon(icon: AccessIcon) {
  return icons[icon] ?? icons.eye;
}

/** Short label for each permission icon, read before the summary sentence. */
export const ACCESS_LABEL: Record<AccessIcon, string> = {
  eye: 'You can view',
  group: 'Shared with people',
  office: 'Shared with the organization',
  lock: 'Private',
  globe: 'Public',
};
