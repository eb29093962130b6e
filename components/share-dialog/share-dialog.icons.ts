import { svg } from 'lit';

// Icons only the share dialog uses, drawn like internal/icons.ts (24×24, stroke = currentColor, hidden from AT).
const wrap = (body: ReturnType<typeof svg>) =>
  svg`<svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const extraIcons = {
  copy: wrap(
    svg`<rect x="8.5" y="8.5" width="11" height="11" rx="2"/><path d="M15.5 8.5V6a1.5 1.5 0 0 0-1.5-1.5H6A1.5 1.5 0 0 0 4.5 6v8A1.5 1.5 0 0 0 6 15.5h2.5"/>`,
  ),
  check: wrap(svg`<path d="m5 12.5 4.5 4.5L19 7.5"/>`),
  warning: wrap(
    svg`<path d="M12 4 2.8 19.5h18.4L12 4Z"/><path d="M12 10v4.2"/><circle cx="12" cy="17" r=".6" fill="currentColor"/>`,
  ),
  error: wrap(
    svg`<circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5"/><circle cx="12" cy="16.3" r=".6" fill="currentColor"/>`,
  ),
  info: wrap(
    svg`<circle cx="12" cy="12" r="9"/><path d="M12 11v5.5"/><circle cx="12" cy="7.8" r=".6" fill="currentColor"/>`,
  ),
  key: wrap(svg`<circle cx="8" cy="14" r="4"/><path d="m11 11 8-8M16 6l2.5 2.5M14 8l2 2"/>`),
  chevron: wrap(svg`<path d="m9 6 6 6-6 6"/>`),
};
