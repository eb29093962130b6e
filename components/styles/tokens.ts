import { css } from 'lit';

/**
 * Design tokens. Every value reads a public `--atlas-*` custom property with a fallback written here, because a host
 * page may never load any Atlas CSS. Components use only the private `--_*` aliases, so light/dark switching and
 * forced-colors happen in one place.
 *
 * The tags below document the tokens in custom-elements.json for every element whose styles include this module (the
 * manifest plugin in scripts/manifest copies them there). Defaults are the light scheme's; the dark one is in brackets.
 *
 * @cssproperty [--atlas-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font family.
 * @cssproperty [--atlas-radius=10px] - Corner radius of cards, dialogs and widgets.
 * @cssproperty [--atlas-radius-small=6px] - Corner radius of buttons, inputs and badges.
 * @cssproperty [--atlas-space=1rem] - Base spacing unit (for host pages; the elements' own spacing is fixed).
 * @cssproperty [--atlas-surface=#ffffff] - Background of cards, dialogs and widgets (dark: #1a1e24).
 * @cssproperty [--atlas-surface-subtle=#f3f5f8] - Secondary background: panels, hover, footers (dark: #14171c).
 * @cssproperty [--atlas-text=#1b1f24] - Text colour (dark: #e8eaed).
 * @cssproperty [--atlas-text-muted=#5b6470] - Secondary text colour (dark: #a3acb6).
 * @cssproperty [--atlas-border=#d9dde3] - Borders and dividers (dark: #2f3640).
 * @cssproperty [--atlas-accent=#2557d6] - Accent colour: primary buttons, links, selection (dark: #7aa2ff).
 * @cssproperty [--atlas-accent-text=#ffffff] - Text on the accent colour (dark: #0b1020).
 * @cssproperty [--atlas-accent-subtle=#e8eefc] - Light accent background: selected items, badges (dark: #1d2a48).
 * @cssproperty [--atlas-danger=#b42318] - Destructive actions and errors (dark: #ff8a80).
 * @cssproperty [--atlas-danger-subtle=#fdecea] - Background of error messages (dark: #3a1715).
 * @cssproperty [--atlas-warning-subtle=#fff4ce] - Background of warnings (dark: #3d3210).
 * @cssproperty [--atlas-warning-text=#4d3800] - Text of warnings (dark: #ffe08a).
 * @cssproperty [--atlas-success=#1a7f37] - Success marks, e.g. the public viewer's "up to date" dot
 *   (dark: #57d37a).
 * @cssproperty [--atlas-focus-ring=#2557d6] - Keyboard focus outline (dark: #9db9ff).
 * @cssproperty [--atlas-shadow=0 1px 2px rgb(16 24 40 / 6%), 0 1px 3px rgb(16 24 40 / 10%)] - Shadow of cards and widgets.
 * @cssproperty [--atlas-shadow-raised=0 8px 24px rgb(16 24 40 / 14%)] - Shadow of menus, tooltips, dialogs and hovered cards.
 * @cssproperty [--atlas-skeleton=#e6e9ee] - Loading placeholders (dark: #262c35).
 */
export const tokens = css`
  :host {
    --_font: var(--atlas-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_radius: var(--atlas-radius, 10px);
    --_radius-sm: var(--atlas-radius-small, 6px);
    --_space: var(--atlas-space, 1rem);
    --_bg: var(--atlas-surface, #ffffff);
    --_bg-subtle: var(--atlas-surface-subtle, #f3f5f8);
    --_fg: var(--atlas-text, #1b1f24);
    --_muted: var(--atlas-text-muted, #5b6470);
    --_border: var(--atlas-border, #d9dde3);
    --_accent: var(--atlas-accent, #2557d6);
    --_accent-fg: var(--atlas-accent-text, #ffffff);
    --_accent-subtle: var(--atlas-accent-subtle, #e8eefc);
    --_danger: var(--atlas-danger, #b42318);
    --_danger-subtle: var(--atlas-danger-subtle, #fdecea);
    --_warning-subtle: var(--atlas-warning-subtle, #fff4ce);
    --_warning-fg: var(--atlas-warning-text, #4d3800);
    --_success: var(--atlas-success, #1a7f37);
    --_focus: var(--atlas-focus-ring, #2557d6);
    --_shadow: var(--atlas-shadow, 0 1px 2px rgb(16 24 40 / 6%), 0 1px 3px rgb(16 24 40 / 10%));
    --_shadow-raised: var(--atlas-shadow-raised, 0 8px 24px rgb(16 24 40 / 14%));
    --_skeleton: var(--atlas-skeleton, #e6e9ee);
    --_transition: 150ms ease;
    font-family: var(--_font);
    color: var(--_fg);
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--atlas-surface, #1a1e24);
      --_bg-subtle: var(--atlas-surface-subtle, #14171c);
      --_fg: var(--atlas-text, #e8eaed);
      --_muted: var(--atlas-text-muted, #a3acb6);
      --_border: var(--atlas-border, #2f3640);
      --_accent: var(--atlas-accent, #7aa2ff);
      --_accent-fg: var(--atlas-accent-text, #0b1020);
      --_accent-subtle: var(--atlas-accent-subtle, #1d2a48);
      --_danger: var(--atlas-danger, #ff8a80);
      --_danger-subtle: var(--atlas-danger-subtle, #3a1715);
      --_warning-subtle: var(--atlas-warning-subtle, #3d3210);
      --_warning-fg: var(--atlas-warning-text, #ffe08a);
      --_success: var(--atlas-success, #57d37a);
      --_focus: var(--atlas-focus-ring, #9db9ff);
      --_shadow: var(--atlas-shadow, 0 1px 2px rgb(0 0 0 / 40%));
      --_shadow-raised: var(--atlas-shadow-raised, 0 8px 24px rgb(0 0 0 / 55%));
      --_skeleton: var(--atlas-skeleton, #262c35);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_transition: 0s;
    }
  }
`;
