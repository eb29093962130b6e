import type { ReactiveElement } from 'lit';

/**
 * A page may set properties on an element before its class is defined: a React or Vue page that loads Atlas from a
 * CDN renders first (SPEC C6, issue 12). Such a value is an own property of the instance and would hide the class's
 * accessor of the same name for good. Lit moves the values of reactive properties onto their accessors at the first
 * update; this does the same for every other accessor of the class (the provider's context value, getters such as
 * `open` or `loadComplete`, `@query` fields).
 *
 * A class decorator: the initializer it registers runs in Lit's constructor, before the class's own field
 * initializers. Subclasses inherit it.
 */
export function keepPreUpgradeValues(elementClass: typeof ReactiveElement): void {
  elementClass.addInitializer((element) => {
    const own = element as unknown as Record<string, unknown>;
    const pending: [string, unknown][] = [];
    for (const name of Object.getOwnPropertyNames(element)) {
      const accessor = findAccessor(Object.getPrototypeOf(element) as object, name);
      if (!accessor) continue;
      const value = own[name];
      delete own[name];
      if (accessor.set) pending.push([name, value]);
      // Assigning it after the upgrade would throw (modules are strict): say why the value is gone.
      else
        console.warn(
          `[atlas] <${element.localName}>.${name} is read-only: the value set before the element was defined is ignored.`,
        );
    }
    if (!pending.length) return;
    let applied = false;
    const apply = () => {
      if (applied) return;
      applied = true;
      for (const [name, value] of pending) own[name] = value;
    };
    // Through the setters once the constructor is done: field initializers (`client = undefined`) would overwrite
    // anything applied now. A connected element gets them on connect, before its first update; one upgraded while
    // detached gets them right after its constructor.
    element.addController({ hostConnected: apply });
    queueMicrotask(apply);
  });
}

/** The accessor `name` on the element's classes (up to, not including, HTMLElement's own). */
function findAccessor(proto: object | null, name: string): PropertyDescriptor | undefined {
  for (let p = proto; p && p !== HTMLElement.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(p, name);
    if (descriptor) return descriptor.get || descriptor.set ? descriptor : undefined;
  }
  return undefined;
}
