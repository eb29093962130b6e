import { css } from 'lit';

/**
 * Design tokens. Every value reads a public `--atlas-*` custom property with a fallback written here, because a host
 * page may never load any Atlas CSS. Components use only the private `--_*` aliases, so light/dark switching and
 * forced-colors happen in one place.
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
