/** Registers an element once; a second copy of the library on the page warns instead of throwing. */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor)
      console.warn(`[atlas] <${tag}> is already defined by another copy of Atlas; keeping the first.`);
    return;
  }
  customElements.define(tag, ctor);
}
