import { css } from 'lit';

/**
 * Styles of what the chart module draws inside `<atlas-widget>`'s chart figure: the SVG, legend and tooltip. They
 * load with the chart code (chart.ts adopts them into the widget's shadow root), so KPI and table widgets and the eager
 * viewer never carry them; the figure's own box and type size are in widget.styles.ts. Colours are CSS custom
 * properties, so a theme (light, dark, `--atlas-chart-N`) applies without a redraw.
 */
export default css`
  .plot svg {
    position: absolute;
    inset: 0;
    overflow: visible;
    touch-action: pan-y;
  }
  .plot text {
    fill: var(--_fg);
  }
  .grid line {
    stroke: var(--_border);
  }
  .grid .zero {
    stroke: var(--_muted);
  }
  .c0 {
    --_c: var(--atlas-chart-1, #2557d6);
  }
  /* Issue 17 (WCAG 1.4.11): the light theme's blue is 2.7:1 on the dark card; this one is 5.2:1. */
  @media (prefers-color-scheme: dark) {
    .c0 {
      --_c: var(--atlas-chart-1, #5b8def);
    }
  }
  .c1 {
    --_c: var(--atlas-chart-2, #e8743b);
  }
  .c2 {
    --_c: var(--atlas-chart-3, #19a979);
  }
  .c3 {
    --_c: var(--atlas-chart-4, #ed4a7b);
  }
  .c4 {
    --_c: var(--atlas-chart-5, #945ecf);
  }
  .c5 {
    --_c: var(--atlas-chart-6, #13a4b4);
  }
  .c6 {
    --_c: var(--atlas-chart-7, #bf399e);
  }
  .c7 {
    --_c: var(--atlas-chart-8, #6c8893);
  }
  svg .bar,
  svg .point,
  svg .slice {
    fill: var(--_c);
  }
  svg .line {
    fill: none;
    stroke: var(--_c);
    stroke-width: max(2px, 0.15em);
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  svg .point,
  svg .slice {
    stroke: var(--_bg);
    stroke-width: 1px;
  }
  svg .point.active {
    stroke-width: 2px;
  }
  .guide {
    stroke: var(--_muted);
    stroke-dasharray: 3 3;
  }
  .hover-band {
    fill: var(--_fg);
    opacity: 0.07;
  }
  .marks {
    animation: atlas-chart-in 0.3s ease-out;
  }
  svg .bar,
  svg .point,
  svg .line,
  svg .slice {
    transition:
      x 0.3s,
      y 0.3s,
      width 0.3s,
      height 0.3s,
      cx 0.3s,
      cy 0.3s,
      d 0.3s;
  }
  @keyframes atlas-chart-in {
    from {
      opacity: 0;
    }
  }
  .legend {
    order: -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    margin: 0;
    padding: 0;
    list-style: none;
    max-block-size: 30%;
    overflow: auto;
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 0.4em;
  }
  .swatch {
    flex: none;
    inline-size: 0.8em;
    block-size: 0.8em;
    border-radius: 2px;
    background: var(--_c);
  }
  .tooltip {
    position: absolute;
    inset-block-start: 0;
    inset-inline-start: 0;
    z-index: 1;
    max-inline-size: min(24em, 100%);
    padding-block: 0.35em;
    padding-inline: 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    box-shadow: var(--_shadow-raised);
    pointer-events: none;
    line-height: 1.35;
  }
  .tooltip .row {
    display: flex;
    align-items: baseline;
    gap: 0.4em;
  }
  .tooltip .share {
    color: var(--_muted);
  }
  @media (prefers-reduced-motion: reduce) {
    .marks {
      animation: none;
    }
    svg .bar,
    svg .point,
    svg .line,
    svg .slice {
      transition: none;
    }
  }
  @container (max-width: 419.98px) {
    .legend {
      order: 1;
    }
  }
  @container (min-width: 560px) {
    /* A wide pie: the legend at its right, the pair centred (chart.ts keeps the plot no wider than tall). */
    .chart.pie {
      flex-direction: row;
      justify-content: center;
      gap: 1.5em;
    }
    .pie .legend {
      order: 1;
      flex-direction: column;
      flex-wrap: nowrap;
      align-self: center;
      max-block-size: 100%;
      max-inline-size: 40%;
    }
  }
  @media (forced-colors: active) {
    /* Series keep their colours; text and grid take the system's. */
    .marks,
    .highlight,
    .swatch {
      forced-color-adjust: none;
    }
  }
`;
