import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type TaskStatus = 'initial' | 'pending' | 'complete' | 'error';

export interface ApiTaskOptions<A extends readonly unknown[], T> {
  /** Does the work; must honour the signal (pass it to the API client). */
  task: (args: A, options: { signal: AbortSignal }) => Promise<T>;
  /** Arguments read before every host update; the task re-runs when one of them changes. */
  args: () => A;
  /** When false, `run()` must be called explicitly. */
  autoRun?: boolean;
}

export interface TaskRenderers<T> {
  initial?: () => unknown;
  pending?: () => unknown;
  complete?: (value: T) => unknown;
  error?: (error: unknown) => unknown;
}

/**
 * Async data for an element, in the shape of `@lit/task` (status, value, error, render per state) with an
 * AbortSignal: a newer run or a disconnect aborts the older request so a slow answer never overwrites a newer one.
 * The last value is kept while a refresh is pending, so a refreshing view does not flash back to a skeleton.
 */
export class ApiTask<A extends readonly unknown[], T> implements ReactiveController {
  status: TaskStatus = 'initial';
  value?: T;
  error?: unknown;

  #host: ReactiveControllerHost;
  #options: ApiTaskOptions<A, T>;
  #args?: A;
  #abort?: AbortController;
  #settled: Promise<void> = Promise.resolve();

  constructor(host: ReactiveControllerHost, options: ApiTaskOptions<A, T>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Resolves when the current run settles (whatever its outcome). */
  get taskComplete(): Promise<void> {
    return this.#settled;
  }

  hostUpdate(): void {
    if (this.#options.autoRun === false) return;
    const args = this.#options.args();
    if (!this.#args || args.length !== this.#args.length || args.some((a, i) => a !== this.#args![i]))
      void this.run(args);
  }

  hostConnected(): void {
    // Re-run a request that a disconnect aborted (the element was moved in the DOM).
    if (this.status === 'pending' && this.#abort?.signal.aborted && this.#args) void this.run(this.#args);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  run(args: A = this.#options.args()): Promise<void> {
    this.#args = args;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.status = 'pending';
    this.#host.requestUpdate();
    this.#settled = this.#options.task(args, { signal: abort.signal }).then(
      (value) => {
        if (abort.signal.aborted) return;
        this.value = value;
        this.error = undefined;
        this.status = 'complete';
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        this.error = error;
        this.status = 'error';
        this.#host.requestUpdate();
      },
    );
    return this.#settled;
  }

  abort(): void {
    this.#abort?.abort();
  }

  render(renderers: TaskRenderers<T>): unknown {
    switch (this.status) {
      case 'initial':
        return renderers.initial?.();
      case 'pending':
        return renderers.pending?.();
      case 'complete':
        return renderers.complete?.(this.value as T);
      case 'error':
        return renderers.error?.(this.error);
    }
  }
}
