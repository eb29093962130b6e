import type { WidgetPosition } from '../internal/types.js';

/**
 * Edit mode's layout rules, pure so the tests drive them without a DOM: widgets sit on the 12-column grid in whole
 * cells, never past its right edge, and never on top of each other. A widget moved or resized keeps the spot it was
 * given; any widget it lands on is pushed down, below it (and so on), which is what authors expect from a grid.
 */

export const COLUMNS = 12;
/** The contract's limits on a position (contract/dashboard.ts widgetPositionSchema). */
export const MAX_HEIGHT = 12;
export const MAX_ROW = 1000;

export interface LayoutItem {
  readonly id: string;
  readonly position: WidgetPosition;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** A position that fits the grid: at least one cell, at most 12 columns and 12 rows, inside the right edge. */
export function fitPosition(p: WidgetPosition): WidgetPosition {
  const w = clamp(Math.round(p.w), 1, COLUMNS);
  const h = clamp(Math.round(p.h), 1, MAX_HEIGHT);
  return { x: clamp(Math.round(p.x), 0, COLUMNS - w), y: clamp(Math.round(p.y), 0, MAX_ROW), w, h };
}

export function overlaps(a: WidgetPosition, b: WidgetPosition): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Places `id` at `target` (fitted to the grid) and pushes every widget it would cover down, in reading order, until
 * nothing overlaps. The other widgets keep their columns and never move up.
 */
export function placeWidget(layout: readonly LayoutItem[], id: string, target: WidgetPosition): LayoutItem[] {
  const moved = layout.find((item) => item.id === id);
  if (!moved) return [...layout];
  const placed: LayoutItem[] = [{ id, position: fitPosition(target) }];
  const others = layout
    .filter((item) => item.id !== id)
    .sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
  for (const item of others) {
    let position = fitPosition(item.position);
    for (;;) {
      const blockers = placed.filter((p) => overlaps(p.position, position));
      if (!blockers.length) break;
      position = { ...position, y: Math.max(...blockers.map((b) => b.position.y + b.position.h)) };
    }
    placed.push({ id: item.id, position });
  }
  // Answer in the layout's own order, so the grid's DOM order (and tab order) does not jump around.
  const byId = new Map(placed.map((p) => [p.id, p]));
  return layout.map((item) => byId.get(item.id)!);
}

/** Moves a widget by whole cells (arrow keys, or a drag converted to cells); clamped at the grid's edges. */
export function moveBy(layout: readonly LayoutItem[], id: string, dx: number, dy: number): LayoutItem[] {
  const item = layout.find((i) => i.id === id);
  if (!item) return [...layout];
  const p = item.position;
  return placeWidget(layout, id, { ...p, x: clamp(p.x + dx, 0, COLUMNS - p.w), y: Math.max(0, p.y + dy) });
}

/** Grows or shrinks a widget by whole cells from its top-left corner (Shift+arrows, or the corner grip). */
export function resizeBy(layout: readonly LayoutItem[], id: string, dw: number, dh: number): LayoutItem[] {
  const item = layout.find((i) => i.id === id);
  if (!item) return [...layout];
  const p = item.position;
  return placeWidget(layout, id, {
    ...p,
    w: clamp(p.w + dw, 1, COLUMNS - p.x),
    h: clamp(p.h + dh, 1, MAX_HEIGHT),
  });
}

/** Whole cells a pointer travelled: `pitch` is one column's (or row's) width plus the gap. */
export function cellsMoved(pixels: number, pitch: number): number {
  if (!(pitch > 0)) return 0;
  return Math.round(pixels / pitch);
}

/** True when no two widgets overlap and each fits the grid (what every change above keeps). */
export function isValidLayout(layout: readonly LayoutItem[]): boolean {
  return layout.every(
    (a, i) =>
      a.position.x + a.position.w <= COLUMNS && layout.every((b, j) => j <= i || !overlaps(a.position, b.position)),
  );
}

/** What the live region says: columns and rows count from 1, as people do. */
export const describeMove = (title: string, p: WidgetPosition) => `${title} moved to column ${p.x + 1}, row ${p.y + 1}`;
export const describeResize = (title: string, p: WidgetPosition) => `${title} resized to ${p.w} by ${p.h}`;
