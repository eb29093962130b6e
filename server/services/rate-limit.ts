/**
 * Passcode guessing limits (SPEC L6). Failures live in the database, not in memory, so a restart does not reset
 * them and several server processes sharing one database enforce one limit. `PasscodeLimits.check` runs BEFORE the
 * passcode is opened or compared, so a locked link costs an attacker no server-side crypto at all.
 */
import { AppError } from '../errors.js';
import type { Store } from '../store/types.js';

export const PER_CLIENT_LIMIT = { failures: 5, windowMs: 15 * 60 * 1000 };
export const PER_LINK_LIMIT = { failures: 100, windowMs: 60 * 60 * 1000 };
const PRUNE_EVERY_MS = 10 * 60 * 1000;

const clientKey = (linkId: string, clientAddress: string) => `passcode:${linkId}:${clientAddress}`;
const linkKey = (linkId: string) => `passcode:${linkId}`;

const limitsFor = (linkId: string, clientAddress: string) =>
  [
    [clientKey(linkId, clientAddress), PER_CLIENT_LIMIT],
    [linkKey(linkId), PER_LINK_LIMIT],
  ] as const;

export interface PasscodeAttempt {
  /** The passcode was right: the reserved attempt is not a failure. */
  release(): Promise<void>;
  /** Wrong passcodes still allowed after this one before the lockout (issue 17: the visitor is told). */
  remaining: number;
}

type FailureStore = Pick<Store, 'countFailures' | 'recordFailure' | 'releaseFailure' | 'pruneFailures'>;

/** The passcode limits of one app, built once by createApp (it remembers when it last pruned old failures). */
export class PasscodeLimits {
  readonly #store: FailureStore;
  #lastPrune = 0;

  constructor(store: FailureStore) {
    this.#store = store;
  }

  /**
   * Throws 429 too_many_attempts with Retry-After (seconds until the oldest counted failure leaves its window) once
   * more than `allowed` failures are counted (`allowed` = limit - 1 before an attempt, = limit after reserving one).
   */
  async check(linkId: string, clientAddress: string, now: Date, slack = 0): Promise<number> {
    // Issue 17: how many more failures the tightest limit takes before it locks (told to the visitor).
    let remaining = Infinity;
    for (const [key, limit] of limitsFor(linkId, clientAddress)) {
      const since = new Date(now.getTime() - limit.windowMs).toISOString();
      const { count, oldest } = await this.#store.countFailures(key, since);
      remaining = Math.min(remaining, Math.max(0, limit.failures - count));
      if (count >= limit.failures + slack) {
        const freeAt = (oldest ? Date.parse(oldest) : now.getTime()) + limit.windowMs;
        const retryAfter = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
        throw new AppError(
          429,
          'too_many_attempts',
          `Too many wrong passcodes. Try again in ${describeWait(retryAfter)}.`,
          { retryAfter },
          { 'Retry-After': String(retryAfter) },
        );
      }
    }
    return remaining;
  }

  /**
   * Counts an attempt as a failure BEFORE the passcode is checked, then re-counts: parallel guesses (from one process
   * or several) each see the others' reservations, so no burst can get more than the limit through. A right passcode
   * releases its reservation. Cheap early refusal first, so a locked link costs no writes and no crypto.
   */
  async reserve(linkId: string, clientAddress: string, now: Date): Promise<PasscodeAttempt> {
    await this.check(linkId, clientAddress, now);
    const keys = [clientKey(linkId, clientAddress), linkKey(linkId)];
    const at = now.toISOString();
    await this.#recordFailure(keys, now);
    let remaining: number;
    try {
      remaining = await this.check(linkId, clientAddress, now, 1);
    } catch (err) {
      await this.#store.releaseFailure(keys, at);
      throw err;
    }
    return { remaining, release: () => this.#store.releaseFailure(keys, at) };
  }

  async #recordFailure(keys: string[], now: Date): Promise<void> {
    await this.#store.recordFailure(keys, now.toISOString());
    // Old failures can never count again; dropping them now and then keeps the table small.
    if (now.getTime() - this.#lastPrune > PRUNE_EVERY_MS) {
      this.#lastPrune = now.getTime();
      await this.#store.pruneFailures(
        new Date(now.getTime() - Math.max(PER_CLIENT_LIMIT.windowMs, PER_LINK_LIMIT.windowMs)).toISOString(),
      );
    }
  }
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
