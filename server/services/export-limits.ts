/**
 * Exports through public links cost a full read of every widget: a link on a busy website must not let one visitor
 * (or a script) turn it into a data pump. Each link and each client address gets a budget per window; past it the
 * answer is 429 `too_many_exports` with Retry-After. Counters live in this process (several processes each allow the
 * budget), in an lru-cache whose TTL is the window, so idle entries cost nothing and the map stays bounded.
 */
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.js';

export interface ExportBudget {
  /** Exports allowed per window. */
  limit: number;
  windowMs: number;
}

export const LINK_EXPORT_BUDGET: ExportBudget = { limit: 30, windowMs: 10 * 60_000 };
export const CLIENT_EXPORT_BUDGET: ExportBudget = { limit: 5, windowMs: 60_000 };

interface Window {
  count: number;
  endsAt: number;
}

class Budget {
  readonly #windows: LRUCache<string, Window>;

  constructor(readonly budget: ExportBudget) {
    this.#windows = new LRUCache<string, Window>({ max: 50_000, ttl: budget.windowMs });
  }

  /** Seconds until `key` may export again, or 0 after counting this export. */
  take(key: string, now: number): number {
    let window = this.#windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + this.budget.windowMs };
      this.#windows.set(key, window);
    }
    if (window.count >= this.budget.limit) return Math.max(1, Math.ceil((window.endsAt - now) / 1000));
    window.count++;
    return 0;
  }
}

export class ExportLimits {
  readonly #perLink: Budget;
  readonly #perClient: Budget;

  constructor(link = LINK_EXPORT_BUDGET, client = CLIENT_EXPORT_BUDGET) {
    this.#perLink = new Budget(link);
    this.#perClient = new Budget(client);
  }

  /** Counts one export of `linkId` by `clientAddress`, or throws 429 naming which budget ran out. */
  admit(linkId: string, clientAddress: string, now = Date.now()): void {
    const clientWait = this.#perClient.take(clientAddress, now);
    if (clientWait) throw tooMany(clientWait, 'You have exported this dashboard too often. Try again later.');
    const linkWait = this.#perLink.take(linkId, now);
    if (linkWait) throw tooMany(linkWait, 'This link has been exported too often. Try again later.');
  }
}

const tooMany = (seconds: number, message: string) =>
  new AppError(429, 'too_many_exports', message, undefined, { 'Retry-After': String(seconds) });
