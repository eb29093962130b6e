/** Things to finish on graceful shutdown (pending audit writes, timers), run in reverse order of registration. */
export class Lifecycle {
  #closers: (() => Promise<void> | void)[] = [];
  #closed = false;

  onClose(fn: () => Promise<void> | void): void {
    this.#closers.push(fn);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const fn of this.#closers.reverse()) await fn();
  }
}
