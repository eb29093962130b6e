/**
 * Dispatches an event. Elements call this instead of `this.dispatchEvent(new X())` so that the manifest analyzer
 * documents events only from the `@event` JSDoc tags (it cannot read names from event classes and would list an
 * unnamed event).
 */
export function emit(target: EventTarget, event: Event): boolean {
  return target.dispatchEvent(event);
}
