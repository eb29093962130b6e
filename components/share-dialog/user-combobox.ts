import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UserRef } from '../api/contract.js';

/** A user the server suggests (`GET /api/users`). */
export type UserSuggestion = UserRef;

export interface UserComboboxOptions {
  /** Asks the server for at most 10 users whose username or email starts with `query` (U1). */
  search: (query: string, signal: AbortSignal) => Promise<UserSuggestion[]>;
  /** Why a suggestion cannot be picked ("Already has access", "Owner"), or undefined when it can. */
  unavailable: (user: UserSuggestion) => string | undefined;
  /** Enter with no suggestion highlighted: the host adds what was typed. */
  submit: () => void;
  /** A suggestion was picked (click or Enter). */
  picked?: (user: UserSuggestion) => void;
  debounceMs?: number;
}

/**
 * State and keyboard behaviour of the "Add people" box, following the WAI-ARIA combobox pattern with a listbox popup
 * and list autocomplete: typing asks the server (debounced; a newer query aborts the older request), Down/Up move
 * the highlighted option (announced through aria-activedescendant while focus stays in the box), Enter picks it,
 * Escape closes the list and then clears the box, Alt+Down opens the list without moving.
 */
export class UserComboboxController implements ReactiveController {
  value = '';
  suggestions: UserSuggestion[] = [];
  expanded = false;
  /** Index of the highlighted option, -1 for none. */
  active = -1;
  loading = false;
  /** Set when a search failed; shown under the box. */
  searchError = '';

  #host: ReactiveControllerHost;
  #options: UserComboboxOptions;
  #timer?: ReturnType<typeof setTimeout>;
  #abort?: AbortController;
  #lastQuery = '';
  #release?: () => void;

  constructor(host: ReactiveControllerHost, options: UserComboboxOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#cancel();
  }

  /** Resolves once the pending search (if any) has answered; tests and callers wait on it. */
  searchSettled: Promise<void> = Promise.resolve();

  reset(): void {
    this.#cancel();
    this.value = '';
    this.suggestions = [];
    this.expanded = false;
    this.active = -1;
    this.loading = false;
    this.searchError = '';
    this.#lastQuery = '';
    this.#host.requestUpdate();
  }

  close(): void {
    this.expanded = false;
    this.active = -1;
    this.#host.requestUpdate();
  }

  setValue(value: string): void {
    this.value = value;
    this.active = -1;
    this.searchError = '';
    const query = value.trim();
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!query) {
      this.#cancel();
      this.suggestions = [];
      this.expanded = false;
      this.#lastQuery = '';
      this.#host.requestUpdate();
      return;
    }
    this.#host.requestUpdate();
    this.#release?.();
    let release!: () => void;
    this.searchSettled = new Promise<void>((resolve) => (release = resolve));
    this.#release = release;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#search(query).finally(() => {
        if (this.#release === release) this.#release = undefined;
        release();
      });
    }, this.#options.debounceMs ?? 150);
  }

  isUnavailable(index: number): string | undefined {
    const user = this.suggestions[index];
    return user ? this.#options.unavailable(user) : undefined;
  }

  pick(index: number): void {
    const user = this.suggestions[index];
    if (!user || this.isUnavailable(index)) return;
    this.value = user.username;
    this.#lastQuery = user.username;
    this.expanded = false;
    this.active = -1;
    this.#options.picked?.(user);
    this.#host.requestUpdate();
  }

  handleKeydown(event: KeyboardEvent): void {
    const count = this.suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!count) return;
        if (!this.expanded) {
          this.expanded = true;
          if (!event.altKey) this.active = 0;
        } else {
          this.active = (this.active + 1) % count;
        }
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!count) return;
        this.expanded = true;
        this.active = this.active <= 0 ? count - 1 : this.active - 1;
        break;
      case 'Home':
      case 'End':
        // Home/End move the caret in the box (the pattern's default); they only leave the listbox selection.
        this.active = -1;
        break;
      case 'Enter':
        event.preventDefault();
        if (this.expanded && this.active >= 0) this.pick(this.active);
        else {
          this.close();
          this.#options.submit();
        }
        break;
      case 'Escape':
        // Handled here so that the dialog does not close while the list is open or the box has text.
        if (this.expanded) {
          event.preventDefault();
          event.stopPropagation();
          this.close();
        } else if (this.value) {
          event.preventDefault();
          event.stopPropagation();
          this.reset();
        }
        return;
      default:
        return;
    }
    this.#host.requestUpdate();
  }

  async #search(query: string): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.loading = true;
    this.#host.requestUpdate();
    try {
      const users = await this.#options.search(query, abort.signal);
      if (abort.signal.aborted) return;
      this.suggestions = users.slice(0, 10);
      this.#lastQuery = query;
      this.expanded = this.suggestions.length > 0 && this.value.trim() === query;
      this.active = -1;
    } catch (error) {
      if (abort.signal.aborted) return;
      this.suggestions = [];
      this.expanded = false;
      this.searchError = 'Suggestions are unavailable right now; you can still type a full username or email.';
      void error;
    } finally {
      if (!abort.signal.aborted) {
        this.loading = false;
        this.#host.requestUpdate();
      }
    }
  }

  /** The query the visible suggestions belong to. */
  get lastQuery(): string {
    return this.#lastQuery;
  }

  #cancel() {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
    this.loading = false;
    this.#release?.();
    this.#release = undefined;
  }
}
