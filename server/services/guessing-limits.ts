/**
 * Token guessing per client address (issue 18, the capability-URL guidance): a 192-bit token cannot be guessed, but an
 * address that keeps asking for tokens that match no link is scanning, and is slowed and named in the log.
 *
 * - Only tokens that match no link are counted. A revoked, paused or expired link is a real token someone was given
 *   (a wall screen still showing it, a bookmark): its answers never count, however often they come.
 * - Past the limit in one window, every answer from that address that would have been `link_unavailable` (unknown,
 *   revoked, paused or expired alike, so the 429 tells nothing the 403 would not) is 429 `too_many_attempts` with
 *   Retry-After until the window ends. A live link still opens from that address: the limit never touches a link
 *   that works, nor another address.
 * - One log line per address and window, with the address and the count; never the token.
 *
 * Counters live in this process (several processes each allow the limit) in an lru-cache bounded by entries: an
 * address flood costs bounded memory, and the oldest idle windows are dropped first.
 */
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

export interface GuessingLimitOptions {
  /** Unknown-token answers allowed per address and window; 0 turns the limit off. */
  perWindow: number;
  windowMs?: number;
  /** Addresses tracked at once. */
  maxAddresses?: number;
  logger: Logger;
}

interface Window {
  count: number;
  endsAt: number;
  logged: boolean;
}

export class GuessingLimits {
  readonly #windows: LRUCache<string, Window>;
  readonly #perWindow: number;
  readonly #windowMs: number;
  readonly #logger: Logger;

  constructor(options: GuessingLimitOptions) {
    this.#perWindow = options.perWindow;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#logger = options.logger;
    this.#windows = new LRUCache<string, Window>({ max: options.maxAddresses ?? 100_000 });
  }

  /**
   * Called when a public request is about to be answered `link_unavailable`. Counts it when the token matched no
   * link, and throws 429 once the address is past its limit in this window; otherwise returns (the 403 goes out).
   */
  unavailable(clientAddress: string, tokenMatchedNoLink: boolean, now: Date): void {
    if (this.#perWindow <= 0) return;
    const at = now.getTime();
    let window = this.#windows.get(clientAddress);
    if (window && window.endsAt <= at) window = undefined;
    if (tokenMatchedNoLink) {
      if (!window) {
        window = { count: 0, endsAt: at + this.#windowMs, logged: false };
        this.#windows.set(clientAddress, window);
      }
      window.count++;
    }
    if (!window || window.count <= this.#perWindow) return;
    const retryAfter = Math.max(1, Math.ceil((window.endsAt - at) / 1000));
    if (!window.logged) {
      window.logged = true;
      this.#logger.warn('public link guessing limited', {
        clientAddress,
        guesses: window.count,
        windowSeconds: Math.round(this.#windowMs / 1000),
        retryAfter,
      });
    }
    throw new AppError(
      429,
      'too_many_attempts',
      `Too many requests for links that do not exist came from your address. Try again in ${retryAfter} seconds.`,
      { retryAfter },
      { 'Retry-After': String(retryAfter) },
    );
  }
}
