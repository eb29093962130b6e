import { css } from 'lit';
import { hostStyles } from '../styles/host.js';

export default [
  hostStyles,
  css`
    .base {
      /* The widget sizes its type to its own width, so it reads at 360 px on a phone and on a 4K wall alike. */
      container-type: inline-size;
      display: flex;
      flex-direction: column;
      block-size: 100%;
      min-block-size: 0;
      background: var(--_bg);
      color: var(--_fg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: var(--_shadow);
      padding: clamp(0.75rem, 0.5rem + 1vw, 1.25rem);
      overflow: hidden;
      /* Anchors visually hidden content (the chart's data table) inside the card rather than the page. */
      position: relative;
    }
    header {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 0.5rem;
      margin-block-end: 0.5rem;
    }
    h2 {
      margin: 0;
      font-size: 0.95rem;
      font-weight: 600;
      line-height: 1.3;
      color: var(--_fg);
    }
    .stale {
      flex: none;
      font-size: 0.75rem;
      padding-block: 0.1rem;
      padding-inline: 0.5rem;
      border-radius: 999px;
      background: var(--_warning-subtle);
      color: var(--_warning-fg);
    }
    .refreshing .body {
      opacity: 0.6;
      transition: opacity var(--_transition);
    }
    .body {
      flex: 1;
      min-block-size: 0;
      display: flex;
      flex-direction: column;
    }
    .loading,
    .notice {
      flex: 1;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 0.5rem;
      min-block-size: 5rem;
      text-align: center;
      color: var(--_muted);
    }
    .loading .block {
      inline-size: 100%;
      flex: 1;
      min-block-size: 4rem;
    }
    .notice p {
      margin: 0;
      max-inline-size: 36ch;
    }
    .notice svg {
      inline-size: 1.5rem;
      block-size: 1.5rem;
    }
    .notice.error {
      color: var(--_fg);
      background: var(--_danger-subtle);
      border-radius: var(--_radius-sm);
      padding: 0.75rem;
    }

    /* KPI */
    .kpis {
      flex: 1;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 1rem 2rem;
    }
    .kpi {
      display: flex;
      flex-direction: column;
      min-inline-size: 0;
    }
    .kpi-value {
      font-size: clamp(1.75rem, 14cqi, 7rem);
      font-weight: 650;
      line-height: 1.1;
      font-variant-numeric: tabular-nums;
      letter-spacing: -0.02em;
      overflow-wrap: anywhere;
    }
    .kpi-label {
      color: var(--_muted);
      /* rem keeps desktop sizes; em lets a kiosk wall's larger type scale (inherited) reach the unit under a KPI. */
      font-size: max(0.875rem, 0.8em);
    }

    /* Table */
    .table-wrap {
      flex: 1;
      overflow: auto;
      min-block-size: 0;
      border-radius: var(--_radius-sm);
    }
    table {
      inline-size: 100%;
      border-collapse: collapse;
      font-size: 0.875rem;
      font-variant-numeric: tabular-nums;
    }
    th,
    td {
      text-align: start;
      padding-block: 0.4rem;
      padding-inline: 0.5rem;
      border-block-end: 1px solid var(--_border);
    }
    th {
      position: sticky;
      inset-block-start: 0;
      background: var(--_bg);
      font-weight: 600;
      color: var(--_muted);
    }
    .num {
      text-align: end;
    }

    /* Charts: the figure's box and type size. What draws in it (SVG, legend, tooltip) is styled by chart.styles.ts,
       loaded with the chart code. */
    .chart {
      flex: 1;
      display: flex;
      flex-direction: column;
      gap: 0.5em;
      margin: 0;
      min-block-size: var(--atlas-widget-min-height, 12rem);
      font-size: max(11px, 0.7rem, 0.8em);
      font-variant-numeric: tabular-nums;
    }
    .plot {
      position: relative;
      flex: 1;
      min-block-size: 0;
      min-inline-size: 0;
    }

    @container (min-width: 700px) {
      h2 {
        font-size: 1.1rem;
      }
      table,
      .kpi-label {
        font-size: max(1rem, 0.8em);
      }
      .chart {
        font-size: max(0.8rem, 0.8em);
      }
    }
    @container (min-width: 1400px) {
      h2 {
        font-size: 1.6rem;
      }
      table,
      .kpi-label,
      .notice {
        font-size: max(1.4rem, 0.8em);
      }
      .chart {
        min-block-size: 24rem;
        font-size: max(1.12rem, 0.8em);
      }
    }
    @media (forced-colors: active) {
      .base {
        border: 1px solid CanvasText;
      }
      .stale {
        border: 1px solid CanvasText;
      }
    }
  `,
];
