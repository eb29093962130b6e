/**
 * Type size for chart axis ticks and legend labels.
 *
 * Chart.js draws text on a canvas, so the widget's CSS (container queries, the kiosk's vw-based type scale) cannot
 * reach it; this mirrors those rules in pixels. The text follows whichever is larger: the widget's own font size
 * (a kiosk wall sets it from the screen width) or the size its container queries give table text at this width
 * (0.875rem, 1rem from 700 px, 1.4rem from 1400 px). Ticks are a little smaller than body text, as in the table.
 */
export function chartFontSize(textPx: number, widthPx: number, remPx = 16): number {
  const text = Number.isFinite(textPx) && textPx > 0 ? textPx : remPx;
  const rem = Number.isFinite(remPx) && remPx > 0 ? remPx : 16;
  const container = widthPx >= 1400 ? 1.4 * rem : widthPx >= 700 ? rem : 0.875 * rem;
  return Math.max(11, Math.round(Math.max(text, container) * 0.8));
}
