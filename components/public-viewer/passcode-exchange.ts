import type { ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { type AtlasApiClient, AtlasApiError } from '../api/client.js';
import { startPublicSession } from '../api/endpoints.js';
import { AlarmController } from '../controllers/alarm.js';
import { isUnavailable } from './errors.js';
import type { StoredSession } from './link-storage.js';
import type { PasscodeProblem, ViewerEvent } from './viewer-state.js';

/** What a refused (or failed) passcode check means for the prompt. */
export function passcodeProblem(err: unknown, now = Date.now()): PasscodeProblem {
  if (err instanceof AtlasApiError && err.status === 429) {
    // L6: after too many wrong passcodes the server answers 429 with Retry-After.
    const seconds = err.retryAfterSeconds ?? 60;
    return { kind: 'locked', seconds, until: now + seconds * 1000 };
  }
  // The server's sentence says how many tries are left (issue 17).
  if (err instanceof AtlasApiError && err.status === 401) return { kind: 'wrong', message: err.message };
  if (err instanceof AtlasApiError && err.transient) return { kind: 'unreachable' };
  return { kind: 'failed', message: (err as Error)?.message || 'Something went wrong.' };
}

export interface PasscodeExchangeOptions {
  client: () => AtlasApiClient;
  token: () => string;
  /** The prompt's events for the viewer's state: submitted, refused, lockout ended. */
  onEvent: (event: ViewerEvent) => void;
  /** The passcode opened a session (SPEC L5). */
  onSession: (issued: StoredSession) => void;
  /** The link was revoked meanwhile. */
  onUnavailable: () => void;
}

/**
 * The passcode prompt's behaviour: it exchanges the passcode for a session (`@lit/task`: the host updates while the
 * server is asked), says why one was refused, and times the lockout that too many wrong passcodes bring.
 */
export class PasscodeExchange {
  #options: PasscodeExchangeOptions;
  #task: Task<readonly [string], StoredSession>;
  #lockoutEnd: AlarmController;
  #input?: HTMLInputElement;

  #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost, options: PasscodeExchangeOptions) {
    this.#host = host;
    this.#options = options;
    this.#lockoutEnd = new AlarmController(host, () => {
      options.onEvent({ type: 'lockout-ended' });
      // The field is enabled again: the visitor can type at once.
      this.#focusAfterUpdate(() => this.#input);
    });
    this.#task = new Task(host, {
      autoRun: false,
      task: ([passcode]: readonly [string], { signal }) =>
        startPublicSession(options.client(), { token: options.token() }, { passcode }, { bearer: '', signal }),
      onComplete: options.onSession,
      onError: (err) => this.#refused(err),
    });
  }

  /** While the server checks a passcode. */
  get busy(): boolean {
    return this.#task.status === TaskStatus.PENDING;
  }

  /** The prompt's submit handler. */
  submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('passcode') as HTMLInputElement;
    this.#input = input;
    const passcode = input.value.trim();
    if (!passcode) {
      this.#options.onEvent({ type: 'passcode-refused', problem: { kind: 'empty' } });
      input.focus();
      return;
    }
    this.#options.onEvent({ type: 'passcode-submitted' });
    void this.#task.run([passcode]);
  };

  #refused(err: unknown): void {
    if (isUnavailable(err)) return this.#options.onUnavailable();
    const problem = passcodeProblem(err);
    if (problem.kind === 'locked') this.#lockoutEnd.set(problem.until);
    this.#options.onEvent({ type: 'passcode-refused', problem });
    if (problem.kind === 'wrong') this.#input?.select();
    // Locked out, the field and button are disabled: focus goes to the message that says when to try again.
    if (problem.kind === 'locked')
      this.#focusAfterUpdate(() => this.#input?.form?.querySelector<HTMLElement>('#passcode-error') ?? undefined);
  }

  #focusAfterUpdate(target: () => HTMLElement | undefined): void {
    void this.#host.updateComplete.then(() => target()?.focus());
  }
}
