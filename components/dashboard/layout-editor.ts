import { html, svg, type ReactiveControllerHost } from 'lit';
import type { WidgetPosition } from '../internal/types.js';
import {
  cellsMoved,
  COLUMNS,
  describeMove,
  describeResize,
  moveBy,
  resizeBy,
  type LayoutItem,
} from './layout-model.js';

export interface LayoutEditorOptions {
  /** The grid as the draft shows it now. */
  layout: () => LayoutItem[];
  /** The widget's title, for what the live region says. */
  title: (id: string) => string;
  /** A move or resize (or its cancellation) produced a new layout for the draft. */
  onChange: (layout: LayoutItem[]) => void;
}

type Kind = 'move' | 'resize';

interface Gesture {
  readonly id: string;
  readonly kind: Kind;
  /** The layout before the gesture: each pointer step is computed from it, and Escape restores it. */
  readonly start: LayoutItem[];
  readonly pointerId?: number;
  readonly x?: number;
  readonly y?: number;
  readonly colPitch?: number;
  readonly rowPitch?: number;
}

const moveIcon = svg`<svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M12 3v18M3 12h18"/><path d="m9 6 3-3 3 3M9 18l3 3 3-3M6 9l-3 3 3 3M18 9l3 3-3 3"/></svg>`;

const ARROWS: Record<string, readonly [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** Id of the hidden instructions each Move handle points at with aria-describedby. */
export const LAYOUT_HELP_ID = 'layout-help';

/**
 * Moving and resizing widgets in edit mode, by pointer and by keyboard, over the pure layout model (layout-model.ts).
 * - Pointer: drag a widget's Move handle to move it, or its bottom-right corner to resize it; the widget snaps to
 *   whole grid cells as the pointer goes (pointer capture keeps the drag when the pointer leaves the handle).
 * - Keyboard: focus the Move handle; arrow keys move by one cell, Shift+arrow keys resize; Escape puts the widget
 *   back where the keys found it, Enter (or leaving the handle) keeps the place.
 * Every step is said by the live region (`announcement`): "Revenue moved to column 3, row 2", "resized to 4 by 2".
 */
export class LayoutEditor {
  readonly #host: ReactiveControllerHost;
  readonly #options: LayoutEditorOptions;
  #gesture?: Gesture;
  /** What the live region says; a new sentence each step. */
  announcement = '';

  constructor(host: ReactiveControllerHost, options: LayoutEditorOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The widget being moved or resized, for its cell's look. */
  get activeId(): string | undefined {
    return this.#gesture?.id;
  }

  /** Forgets any gesture and announcement (edit mode ended). */
  reset(): void {
    this.#gesture = undefined;
    this.announcement = '';
  }

  #say(text: string) {
    this.announcement = text;
    this.#host.requestUpdate();
  }

  #position(layout: readonly LayoutItem[], id: string): WidgetPosition | undefined {
    return layout.find((item) => item.id === id)?.position;
  }

  #apply(next: LayoutItem[], id: string, kind: Kind) {
    const before = this.#position(this.#options.layout(), id);
    const after = this.#position(next, id);
    if (!after) return;
    const title = this.#options.title(id);
    if (before && before.x === after.x && before.y === after.y && before.w === after.w && before.h === after.h) {
      // Nothing moved (an edge of the grid): say where it stays, so a keyboard user knows the key was heard.
      this.#say(
        kind === 'move' ? `${describeMove(title, after)} (grid edge)` : `${describeResize(title, after)} (limit)`,
      );
      return;
    }
    this.#options.onChange(next);
    this.#say(kind === 'move' ? describeMove(title, after) : describeResize(title, after));
  }

  #cancel() {
    const gesture = this.#gesture;
    if (!gesture) return;
    this.#gesture = undefined;
    this.#options.onChange(gesture.start);
    const p = this.#position(gesture.start, gesture.id);
    const title = this.#options.title(gesture.id);
    this.#say(p ? `Move cancelled. ${title} is back at column ${p.x + 1}, row ${p.y + 1}, ${p.w} by ${p.h}` : '');
  }

  // ---- keyboard ---------------------------------------------------------------------------------------------------

  #onKeydown(event: KeyboardEvent, id: string) {
    const arrow = ARROWS[event.key];
    if (arrow) {
      event.preventDefault();
      const kind: Kind = event.shiftKey ? 'resize' : 'move';
      const layout = this.#options.layout();
      if (this.#gesture?.id !== id || this.#gesture.pointerId !== undefined)
        this.#gesture = { id, kind, start: layout };
      const [dx, dy] = arrow;
      this.#apply(kind === 'move' ? moveBy(layout, id, dx, dy) : resizeBy(layout, id, dx, dy), id, kind);
    } else if (event.key === 'Escape' && this.#gesture?.id === id) {
      // Only the move is cancelled: the dialog or page around must not also react to this Escape.
      event.preventDefault();
      event.stopPropagation();
      this.#cancel();
    } else if (event.key === 'Enter' && this.#gesture?.id === id) {
      event.preventDefault();
      this.#gesture = undefined;
      this.#say(`${this.#options.title(id)} placed.`);
    }
  }

  #onBlur(id: string) {
    if (this.#gesture?.id === id && this.#gesture.pointerId === undefined) this.#gesture = undefined;
  }

  // ---- pointer ----------------------------------------------------------------------------------------------------

  #onPointerDown(event: PointerEvent, id: string, kind: Kind) {
    if (event.button !== 0 || this.#gesture?.pointerId !== undefined) return;
    const target = event.currentTarget as HTMLElement;
    const grid = target.closest<HTMLElement>('.grid');
    if (!grid) return;
    const style = getComputedStyle(grid);
    // A narrow screen stacks widgets in one column: there is no grid to drag on (the keyboard still works).
    if (style.gridTemplateColumns.split(' ').length < COLUMNS) return;
    event.preventDefault();
    const colGap = parseFloat(style.columnGap) || 0;
    const rowGap = parseFloat(style.rowGap) || 0;
    const colPitch = (grid.clientWidth - colGap * (COLUMNS - 1)) / COLUMNS + colGap;
    const rowPitch = parseFloat(style.gridAutoRows) + rowGap;
    target.setPointerCapture(event.pointerId);
    // The Move handle takes focus for the corner too: Escape there cancels the drag, and a keyboard user can go on.
    target.closest('.cell')?.querySelector<HTMLElement>('.move-handle')?.focus();
    this.#gesture = {
      id,
      kind,
      start: this.#options.layout(),
      pointerId: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      colPitch,
      rowPitch,
    };
    this.#host.requestUpdate();
  }

  #onPointerMove(event: PointerEvent) {
    const g = this.#gesture;
    if (!g || g.pointerId !== event.pointerId) return;
    const dx = cellsMoved(event.clientX - g.x!, g.colPitch!);
    const dy = cellsMoved(event.clientY - g.y!, g.rowPitch!);
    const next = g.kind === 'move' ? moveBy(g.start, g.id, dx, dy) : resizeBy(g.start, g.id, dx, dy);
    const now = this.#position(this.#options.layout(), g.id);
    const then = this.#position(next, g.id);
    if (now && then && (now.x !== then.x || now.y !== then.y || now.w !== then.w || now.h !== then.h))
      this.#apply(next, g.id, g.kind);
  }

  #onPointerEnd(event: PointerEvent, cancelled: boolean) {
    const g = this.#gesture;
    if (!g || g.pointerId !== event.pointerId) return;
    if (cancelled) return this.#cancel();
    this.#gesture = undefined;
    this.#host.requestUpdate();
  }

  #onPointerKeydown(event: KeyboardEvent) {
    // Escape during a drag puts the widget back.
    if (event.key === 'Escape' && this.#gesture?.pointerId !== undefined) {
      event.preventDefault();
      event.stopPropagation();
      this.#cancel();
    }
  }

  // ---- rendering --------------------------------------------------------------------------------------------------

  #pointerHandlers(id: string, kind: Kind) {
    return {
      down: (e: PointerEvent) => this.#onPointerDown(e, id, kind),
      move: (e: PointerEvent) => this.#onPointerMove(e),
      up: (e: PointerEvent) => this.#onPointerEnd(e, false),
      cancel: (e: PointerEvent) => this.#onPointerEnd(e, true),
    };
  }

  /** The Move handle: drag it, or focus it and use the arrow keys. */
  renderHandle(id: string, title: string) {
    const p = this.#pointerHandlers(id, 'move');
    return html`<button
      class="button move-handle"
      type="button"
      aria-label=${`Move or resize ${title}`}
      title=${`Move or resize ${title}`}
      aria-describedby=${LAYOUT_HELP_ID}
      @keydown=${(e: KeyboardEvent) => (this.#gesture?.pointerId !== undefined ? this.#onPointerKeydown(e) : this.#onKeydown(e, id))}
      @blur=${() => this.#onBlur(id)}
      @pointerdown=${p.down}
      @pointermove=${p.move}
      @pointerup=${p.up}
      @pointercancel=${p.cancel}
      @lostpointercapture=${p.up}
    >
      ${moveIcon}
    </button>`;
  }

  /**
   * The bottom-right corner grip, for the pointer only: keyboard users resize with Shift+arrows on the Move handle,
   * so the grip is not a tab stop of its own.
   */
  renderGrip(id: string) {
    const p = this.#pointerHandlers(id, 'resize');
    return html`<div
      class="resize-grip"
      aria-hidden="true"
      @pointerdown=${p.down}
      @pointermove=${p.move}
      @pointerup=${p.up}
      @pointercancel=${p.cancel}
      @lostpointercapture=${p.up}
    ></div>`;
  }

  /** The instructions and the live region; rendered once while editing. */
  renderLiveRegion() {
    return html`<p id=${LAYOUT_HELP_ID} class="visually-hidden">
        Drag to move. With the keyboard: arrow keys move the widget one cell, Shift and arrow keys resize it, Escape
        cancels the move, Enter keeps it.
      </p>
      <div class="visually-hidden layout-status" role="status" aria-live="polite">${this.announcement}</div>`;
  }
}
