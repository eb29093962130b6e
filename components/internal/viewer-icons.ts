import { svg } from 'lit';

// Inline SVG (24×24, stroke = currentColor) so icons follow the text colour and forced-colors without any asset.
const wrap = (body: ReturnType<typeof svg>) =>
  svg`<svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;
export { wrap as wrapIcon };

/**
 * The icons the public viewer shows, apart from the rest (icons.ts): the viewer is what anonymous traffic loads, under
 * a size budget (SPEC S4), and an object's unused properties are never dropped by the bundler.
 */
export const viewerIcons = {
  lock: wrap(svg`<rect x="4.5" y="10.5" width="15" height="10" rx="2"/><path d="M8 10.5V7.5a4 4 0 0 1 8 0v3"/>`),
  globe: wrap(
    svg`<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3Z"/>`,
  ),
  download: wrap(svg`<path d="M12 4v11"/><path d="m7 10 5 5 5-5"/><path d="M5 20h14"/>`),
  refresh: wrap(svg`<path d="M20 11a8 8 0 1 0-2.3 5.7"/><path d="M20 4v7h-7"/>`),
  link: wrap(
    svg`<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1"/><path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/>`,
  ),
};
