import { css } from 'lit';
import { roundBadgeStyles } from '../styles/round-badge.js';
import { filterBarStyles } from '../styles/filter-bar.styles.js';

/**
 * The `theme` attribute forces light or dark whatever the operating system says. It sets the public `--atlas-*`
 * tokens (not only this element's private aliases) so that the widgets inside, which read the same tokens in their
 * own shadow roots, follow. A host page can still override any of them on the element itself.
 */
export const themeStyles = css`
  :host([theme='dark']) {
    --atlas-surface: #1a1e24;
    --atlas-surface-subtle: #111418;
    --atlas-text: #e8eaed;
    --atlas-text-muted: #a3acb6;
    --atlas-border: #2f3640;
    --atlas-accent: #7aa2ff;
    --atlas-accent-text: #0b1020;
    --atlas-accent-subtle: #1d2a48;
    --atlas-danger: #ff8a80;
    --atlas-danger-subtle: #3a1715;
    --atlas-warning-subtle: #3d3210;
    --atlas-warning-text: #ffe08a;
    --atlas-success: #57d37a;
    --atlas-focus-ring: #9db9ff;
    --atlas-skeleton: #262c35;
    --atlas-shadow: 0 1px 2px rgb(0 0 0 / 40%);
    --atlas-chart-1: #5b8def;
    color-scheme: dark;
  }
  :host([theme='light']) {
    --atlas-surface: #ffffff;
    --atlas-surface-subtle: #f3f5f8;
    --atlas-text: #1b1f24;
    --atlas-text-muted: #5b6470;
    --atlas-border: #d9dde3;
    --atlas-accent: #2557d6;
    --atlas-accent-text: #ffffff;
    --atlas-accent-subtle: #e8eefc;
    --atlas-danger: #b42318;
    --atlas-danger-subtle: #fdecea;
    --atlas-warning-subtle: #fff4ce;
    --atlas-warning-text: #4d3800;
    --atlas-success: #1a7f37;
    --atlas-focus-ring: #2557d6;
    --atlas-skeleton: #e6e9ee;
    --atlas-shadow: 0 1px 2px rgb(16 24 40 / 6%), 0 1px 3px rgb(16 24 40 / 10%);
    --atlas-chart-1: #2557d6;
    color-scheme: light;
  }
`;

/**
 * Layout notes (kept out of the CSS text, which ships as is):
 * - The host is a grid and `.base` inherits the host's min-height, so the viewer fills the height a page gives it,
 *   as a height or (the served page) a min-height.
 * - The shared filter bar is `display: contents`: its controls, the link's fixed chips and the note wrap in one row.
 *   Its range legend does not float (a float widened the fieldset).
 * - Each grid cell clips and contains its widget (a chart's screen-reader table included), so no widget can stretch
 *   the page; in kiosk mode the grid's rows share the screen height, so nothing scrolls.
 * - Stale data stays readable but greyed (V4); in forced colours a dashed outline says it instead.
 * - In kiosk mode the whole screen sets the type scale (vw), and widget parts follow it through `::part`.
 */
export default [
  roundBadgeStyles,
  filterBarStyles,
  css`
    :host {
      display: grid;
    }
    .base {
      container: viewer / inline-size;
      min-block-size: inherit;
      padding: clamp(0.75rem, 2.2cqi, 1.5rem);
      background: var(--_bg-subtle);
      color: var(--_fg);
      font-family: var(--_font);
      font-size: 1rem;
      line-height: 1.4;
    }

    .header {
      display: grid;
      gap: 0.75rem;
      margin-block-end: var(--atlas-public-gap, 0.875rem);
    }
    .title-row {
      display: flex;
      align-items: center;
      gap: 0.6rem 0.9rem;
      flex-wrap: wrap;
    }
    .globe {
      background: var(--_accent-subtle);
      color: var(--_accent);
    }
    .title {
      margin: 0;
      font-size: clamp(1.15rem, 1rem + 0.8cqi, 1.6rem);
      line-height: 1.2;
      flex: 1 1 12rem;
      min-inline-size: 0;
      overflow-wrap: anywhere;
    }
    .actions {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      flex-wrap: wrap;
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: 0.45rem;
      margin: 0;
      font-size: 0.8125rem;
      color: var(--_muted);
    }
    .status time {
      font-variant-numeric: tabular-nums;
      color: var(--_fg);
    }
    .status.stale {
      padding: 0.3rem 0.7rem;
      border-radius: 999px;
      background: var(--_warning-subtle);
      color: var(--_warning-fg);
      border: 1px solid color-mix(in srgb, var(--_warning-fg) 35%, transparent);
    }
    .status.stale strong {
      margin-inline-end: 0.15rem;
    }
    .dot {
      inline-size: 0.55em;
      block-size: 0.55em;
      border-radius: 50%;
      background: currentColor;
      flex: none;
    }
    .dot.ok {
      background: var(--_success);
    }
    .export-error {
      margin: 0;
      color: var(--_danger);
      font-size: 0.875rem;
    }

    .filters {
      display: flex;
      align-items: flex-end;
      gap: 0.75rem;
      flex-wrap: wrap;
    }
    .filter-bar {
      display: contents;
    }
    .filter-note {
      order: 2;
    }
    .locked {
      order: 1;
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      margin: 0;
      padding: 0;
      list-style: none;
      align-self: flex-end;
      min-block-size: 2.25rem;
      align-items: center;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      padding: 0.3rem 0.7rem;
      border-radius: 999px;
      border: 1px solid var(--_border);
      background: var(--_bg);
      font-size: 0.8125rem;
    }
    .chip svg {
      inline-size: 0.9rem;
      block-size: 0.9rem;
      color: var(--_muted);
    }
    .chip-label {
      font-weight: 600;
    }

    .grid {
      display: grid;
      grid-template-columns: repeat(12, minmax(0, 1fr));
      grid-auto-rows: var(--atlas-public-row-height, 5.5rem);
      gap: var(--atlas-public-gap, 0.875rem);
      transition:
        filter var(--_transition),
        opacity var(--_transition);
    }
    .cell {
      grid-column: var(--x) / span var(--w);
      grid-row: var(--y) / span var(--h);
      min-inline-size: 0;
      min-block-size: 0;
      position: relative;
      overflow: clip;
      overflow-clip-margin: 4px;
    }
    .cell > atlas-widget {
      display: block;
      block-size: 100%;
    }
    .grid.is-stale {
      filter: grayscale(0.85);
    }
    @container viewer (max-width: 720px) {
      .grid {
        grid-template-columns: minmax(0, 1fr);
        grid-auto-rows: auto;
      }
      .cell {
        grid-column: 1;
        grid-row: auto;
        min-block-size: calc(var(--h) * 4.25rem);
      }
    }

    :host([kiosk]) .base {
      display: flex;
      flex-direction: column;
      block-size: var(--atlas-public-kiosk-height, 100dvh);
      overflow: hidden;
      font-size: var(--atlas-public-kiosk-font-size, clamp(1rem, 1.15vw, 3rem));
      padding: clamp(0.5rem, 1.2vw, 2.5rem);
    }
    :host([kiosk]) .main {
      flex: 1 1 auto;
      min-block-size: 0;
      display: flex;
      flex-direction: column;
    }
    :host([kiosk]) .grid {
      flex: 1 1 auto;
      min-block-size: 0;
      grid-template-rows: repeat(var(--rows), minmax(0, 1fr));
      grid-auto-rows: minmax(0, 1fr);
      gap: clamp(0.5rem, 1vw, 2rem);
    }
    :host([kiosk]) .cell {
      grid-column: var(--x) / span var(--w);
      grid-row: var(--y) / span var(--h);
      min-block-size: 0;
    }
    :host([kiosk]) atlas-widget::part(title) {
      font-size: 1em;
    }
    :host([kiosk]) atlas-widget::part(table),
    :host([kiosk]) atlas-widget::part(notice),
    :host([kiosk]) atlas-widget::part(error) {
      font-size: 0.85em;
    }
    :host([kiosk]) atlas-widget::part(stale) {
      font-size: 0.9em;
    }
    :host([kiosk]) atlas-widget::part(chart) {
      font-size: 0.9em;
    }
    .kiosk-status {
      display: flex;
      justify-content: flex-end;
      flex: none;
      padding-block-start: clamp(0.25rem, 0.4vw, 0.8rem);
    }
    :host([kiosk]) .status {
      font-size: 1em;
    }

    .center {
      display: grid;
      place-items: center;
      min-block-size: min(70vh, 32rem);
      padding-block: 2rem;
    }
    :host([kiosk]) .center {
      block-size: 100%;
    }
    .card {
      inline-size: min(100%, 26rem);
      display: grid;
      gap: 0.75rem;
      justify-items: start;
      padding: clamp(1.25rem, 4cqi, 2rem);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      box-shadow: var(--_shadow);
    }
    :host([kiosk]) .card {
      inline-size: min(100%, 32em);
    }
    .card h1 {
      margin: 0;
      font-size: 1.25em;
      line-height: 1.25;
    }
    .card p {
      margin: 0;
      color: var(--_muted);
    }
    .card-icon {
      display: inline-grid;
      place-items: center;
      inline-size: 2.75em;
      block-size: 2.75em;
      border-radius: 50%;
      background: var(--_accent-subtle);
      color: var(--_accent);
    }
    .card-icon svg {
      inline-size: 1.4em;
      block-size: 1.4em;
    }
    .card.unavailable .card-icon,
    .card.error .card-icon {
      background: var(--_danger-subtle);
      color: var(--_danger);
    }
    .passcode label {
      font-weight: 600;
      font-size: 0.875em;
      margin-block-start: 0.25rem;
    }
    .passcode input {
      font: inherit;
      inline-size: 100%;
      min-block-size: 2.75rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius-sm);
      background: var(--_bg);
      color: var(--_fg);
      letter-spacing: 0.12em;
    }
    .passcode input[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .passcode .button {
      inline-size: 100%;
      justify-content: center;
      min-block-size: 2.75rem;
      font-size: 0.95em;
    }
    .form-error {
      margin: 0;
      min-block-size: 1.4em;
      color: var(--_danger) !important;
      font-size: 0.875em;
    }
    .form-error:empty {
      min-block-size: 0;
    }
    .loading {
      display: grid;
      gap: var(--atlas-public-gap, 0.875rem);
    }
    .skeleton.bar {
      block-size: 2.5rem;
      inline-size: min(100%, 22rem);
    }
    .skeleton-grid {
      grid-auto-rows: 9rem;
    }
    .skeleton-grid .tile {
      grid-column: span 6;
      border-radius: var(--_radius);
    }
    @container viewer (max-width: 720px) {
      .skeleton-grid .tile {
        grid-column: 1;
      }
    }
    @media (forced-colors: active) {
      .chip,
      .card,
      .status.stale {
        border: 1px solid CanvasText;
      }
      .grid.is-stale {
        filter: none;
        opacity: 1;
        outline: 3px dashed CanvasText;
        outline-offset: 4px;
      }
    }
  `,
];
