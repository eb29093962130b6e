import { AtlasApiError } from '../api/client.js';

/**
 * Failures that a retry can cure by itself: the network, a restarting server or proxy, a busy server (503
 * `server_busy` or `query_timeout` when it sheds load, SPEC S2), a rate limit.
 */
export function isRetryable(err: unknown): boolean {
  return err instanceof AtlasApiError && (err.transient || err.status >= 500 || err.status === 429);
}

/** The wait a server asked for with Retry-After (a 503 while it sheds load, a 429), in milliseconds; 0 when none. */
export function retryAfterMs(err: unknown): number {
  return err instanceof AtlasApiError && err.retryAfterSeconds ? err.retryAfterSeconds * 1000 : 0;
}

/** A Retry-After longer than this is taken as this: a wall screen must not go quiet for hours on one bad header. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Retry delays for a viewer that must recover by itself (SPEC V4): exponential growth so a restarting server is
 * not hammered, capped so a wall screen comes back within a minute of the server, and jittered so that many
 * screens that lost the server at the same moment do not all come back at the same moment.
 */
export interface BackoffOptions {
  /** First delay in milliseconds (before jitter). */
  baseMs?: number;
  /** Largest delay in milliseconds (before jitter). */
  maxMs?: number;
  /** Source of randomness in [0, 1); injectable for tests of the formula. */
  random?: () => number;
}

export class Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
  #random: () => number;
  #attempt = 0;

  constructor({ baseMs = 2000, maxMs = 60_000, random = Math.random }: BackoffOptions = {}) {
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.#random = random;
  }

  /** Failures since the last success. */
  get attempt(): number {
    return this.#attempt;
  }

  /**
   * The delay before the next try, and counts one more failure. "Equal jitter": half the exponential step is kept,
   * the other half is random, so a delay never collapses to zero yet screens spread out. `atLeastMs` (what the
   * server asked for, see `retryAfterMs()`) is a floor: never earlier, and up to a quarter later, so that the screens
   * a shedding server turned away at the same moment do not all come back at the same moment either.
   */
  next(atLeastMs = 0): number {
    const step = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.#attempt, 20));
    this.#attempt += 1;
    const delay = Math.round(step / 2 + this.#random() * (step / 2));
    if (!(atLeastMs > 0)) return delay;
    const asked = Math.min(atLeastMs, MAX_RETRY_AFTER_MS);
    return Math.max(delay, Math.round(asked + this.#random() * (asked / 4)));
  }

  reset(): void {
    this.#attempt = 0;
  }
}
