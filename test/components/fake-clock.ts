/**
 * A fake clock for unit tests of timer controllers: replaces setTimeout, clearTimeout, setInterval, clearInterval and
 * Date.now on the page until `uninstall()`, and runs due timers in time order when the test advances it. The page's
 * visibility can be switched too (headless Chromium keeps every page visible).
 */
interface Timer {
  at: number;
  run: () => void;
  every?: number;
}

export class FakeClock {
  now = Date.UTC(2026, 0, 15, 9, 0, 0);
  #timers = new Map<number, Timer>();
  #nextId = 1;
  #restore: (() => void)[] = [];

  install(): this {
    const g = globalThis as unknown as Record<string, unknown>;
    const replace = (name: string, value: unknown) => {
      const original = g[name];
      g[name] = value;
      this.#restore.push(() => (g[name] = original));
    };
    const add = (run: () => void, ms = 0, every?: number) => {
      const id = this.#nextId++;
      this.#timers.set(id, { at: this.now + Math.max(0, ms), run, every });
      return id;
    };
    const remove = (id?: number) => void (id !== undefined && this.#timers.delete(id));
    replace('setTimeout', (run: () => void, ms?: number) => add(run, ms));
    replace('setInterval', (run: () => void, ms = 0) => add(run, ms, Math.max(1, ms)));
    replace('clearTimeout', remove);
    replace('clearInterval', remove);
    const originalNow = Date.now;
    Date.now = () => this.now;
    this.#restore.push(() => (Date.now = originalNow));
    return this;
  }

  uninstall(): void {
    for (const restore of this.#restore.reverse()) restore();
    this.#restore = [];
    this.#timers.clear();
    setVisibility(true);
  }

  /** Timers waiting to run. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time on by `ms`, running every timer that falls due on the way, in order. */
  tick(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const next = [...this.#timers].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      const [id, timer] = next;
      this.now = timer.at;
      if (timer.every) timer.at += timer.every;
      else this.#timers.delete(id);
      timer.run();
    }
    this.now = end;
  }
}

/** Switches the page's visibility as the browser would (its own property and event). */
export function setVisibility(visible: boolean): void {
  if (visible) {
    delete (document as { visibilityState?: unknown }).visibilityState;
    delete (document as { hidden?: unknown }).hidden;
  } else {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
  }
  document.dispatchEvent(new Event('visibilitychange'));
}

/** A reactive controller host without an element: connect and disconnect it by hand. */
export class FakeHost {
  controllers: {
    hostConnected?: () => void;
    hostDisconnected?: () => void;
  }[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: FakeHost['controllers'][number]): void {
    this.controllers.push(controller);
  }
  removeController(controller: FakeHost['controllers'][number]): void {
    this.controllers = this.controllers.filter((c) => c !== controller);
  }
  requestUpdate(): void {
    this.updates += 1;
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}
