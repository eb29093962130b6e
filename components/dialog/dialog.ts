import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { AtlasDialogCloseEvent } from '../events/dialog-close.js';
import { AtlasRequestCloseEvent, type AtlasRequestCloseDetail } from '../events/request-close.js';
import { emit } from '../internal/emit.js';
import { keepPreUpgradeValues } from '../internal/pre-upgrade.js';
import { icons } from '../internal/icons.js';
import styles from './dialog.styles.js';
import { autofocusTarget, deepActiveElement, flatContains, trapTab } from './focus.js';
import { scrollLock } from './scroll-lock.js';

/**
 * @summary A modal dialog frame: title bar with a close button, a scrolling body and a footer, on a native `<dialog>`.
 * @tag atlas-dialog
 *
 * `show(opener)` opens it as a modal (`showModal()`: the page behind is inert, the dialog is in the top layer) and
 * locks the page's scroll; focus goes to the first `[autofocus]` control inside (slotted ones too), else to the close
 * button, and returns to `opener` (default: whatever had focus) when it closes. Escape, the close button and a click
 * on the backdrop do not close it by themselves: they send a cancelable `atlas-request-close`, so the host can keep it
 * open. Tab wraps around inside it. Opening and closing animate unless the user prefers reduced motion.
 *
 * @slot label - The title (also the dialog's accessible name); the `label` property is its default content.
 * @slot description - A sentence under the title (the dialog's accessible description).
 * @slot - The body; it scrolls when the dialog is taller than the screen.
 * @slot footer - The footer's content, e.g. the dialog's buttons.
 *
 * @event {AtlasRequestCloseEvent} atlas-request-close - The close button, Escape or a backdrop click asks to close;
 *   cancel the event to keep the dialog open.
 * @event {AtlasDialogCloseEvent} atlas-dialog-close - The dialog has closed (a request nobody canceled, or `hide()`).
 *   It does not bubble.
 *
 * @csspart dialog - The native `<dialog>` element.
 * @csspart base - The dialog's frame inside `<dialog>`.
 * @csspart header - Title bar with the close button.
 * @csspart title - The title (`<h2>`).
 * @csspart description - The sentence under the title.
 * @csspart close-button - The close (×) button.
 * @csspart body - The scrolling body.
 * @csspart footer - The footer.
 *
 * @cssproperty [--atlas-dialog-width=32rem] - Widest the dialog grows on large screens.
 */
@keepPreUpgradeValues
export class AtlasDialog extends LitElement {
  static override styles = styles;

  /** Whether the dialog is showing. Setting it opens or closes the dialog without a close request. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The title, when no element is given in the `label` slot. */
  @property() label = '';

  /**
   * A name for the body, which then takes keyboard focus itself so that keyboard users can scroll it: for bodies
   * with no control of their own (e.g. everything disabled for a reader).
   */
  @property({ attribute: 'body-label' }) bodyLabel = '';

  @query('dialog') private native?: HTMLDialogElement;
  @state() private hasDescription = false;

  #opener?: HTMLElement;
  /** True between the open steps (showModal, scroll lock) and the close steps. */
  #shown = false;

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) this.#sync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removed while open: the browser closes the <dialog> with it; give the page its scroll back.
    if (this.#shown) {
      this.#shown = false;
      scrollLock.release();
    }
  }

  /**
   * Opens the dialog; resolves once it is on screen, its opening animation done. Focus returns to `opener` (default:
   * whatever had focus) when it closes.
   */
  async show(opener?: HTMLElement): Promise<void> {
    this.#opener = opener ?? deepActiveElement() ?? undefined;
    this.open = true;
    await this.updateComplete;
    const animations = this.native?.getAnimations({ subtree: true }) ?? [];
    await Promise.all(animations.map((animation) => animation.finished.catch(() => undefined)));
  }

  /** Closes the dialog at once, without asking (`atlas-request-close` is only sent for user actions). */
  hide(): void {
    this.open = false;
    this.#sync();
  }

  /**
   * Asks the host to close, as the close button does: sends `atlas-request-close` and closes unless a listener
   * canceled it. Returns whether the dialog closed. For the host's own buttons (Done, Cancel).
   */
  requestClose(source: AtlasRequestCloseDetail['source']): boolean {
    // emit answers false when a listener canceled the request.
    if (!emit(this, new AtlasRequestCloseEvent({ source }))) return false;
    this.hide();
    return true;
  }

  /** Moves focus to the first enabled `[autofocus]` control inside the dialog, else to the close button. */
  focusInitial(): void {
    const target = autofocusTarget(this.native) ?? this.renderRoot.querySelector<HTMLElement>('.close');
    target?.focus();
  }

  /** True when keyboard focus is inside the dialog (on the close button, or on any control given to it). */
  get hasFocus(): boolean {
    const active = deepActiveElement();
    return Boolean(this.native && active && flatContains(this.native, active));
  }

  /**
   * For bodies that arrive after the dialog opened (loaded content): moves focus to their first `[autofocus]` control
   * when focus is outside the dialog or still waits on the close button; leaves it where the user put it otherwise.
   */
  focusLoadedContent(): void {
    if (!this.hasFocus || deepActiveElement() === this.renderRoot.querySelector('.close')) this.focusInitial();
  }

  /** Applies `open` to the native dialog; does nothing when they already agree, so it may run more than once. */
  #sync(): void {
    const dialog = this.native;
    if (!dialog) return;
    if (this.open && !this.#shown) {
      this.#shown = true;
      if (!dialog.open) dialog.showModal();
      scrollLock.acquire();
      if (!this.hasFocus) this.focusInitial();
    } else if (!this.open && this.#shown) {
      this.#shown = false;
      if (dialog.open) dialog.close();
      scrollLock.release();
      const opener = this.#opener;
      this.#opener = undefined;
      if (opener?.isConnected) opener.focus();
      emit(this, new AtlasDialogCloseEvent());
    }
  }

  #onCancel = (event: Event) => {
    // Escape (or a platform's back gesture): the dialog asks the host first instead of closing by itself.
    event.preventDefault();
    this.requestClose('keyboard');
  };

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      // A control that used Escape itself (closing a list, leaving an editor) prevented its default.
      if (!event.defaultPrevented) {
        event.preventDefault();
        this.requestClose('keyboard');
      }
      return;
    }
    trapTab(event, this.native);
  };

  #onClick = (event: MouseEvent) => {
    // Only a click on the backdrop targets the <dialog> itself: its frame fills the whole box.
    if (event.target === this.native) this.requestClose('backdrop');
  };

  #onNativeClose = () => {
    // Closed by other means (a form with method="dialog"): follow it.
    if (this.open && !this.native?.open) this.hide();
  };

  #onDescriptionChange = (event: Event) => {
    this.hasDescription = (event.target as HTMLSlotElement).assignedNodes({ flatten: true }).length > 0;
  };

  override render() {
    return html`<dialog
      part="dialog"
      aria-labelledby="label"
      aria-describedby=${this.hasDescription ? 'description' : nothing}
      @cancel=${this.#onCancel}
      @close=${this.#onNativeClose}
      @keydown=${this.#onKeydown}
      @click=${this.#onClick}
    >
      <div class="frame" part="base">
        <header part="header">
          <div class="heading">
            <h2 id="label" part="title"><slot name="label">${this.label}</slot></h2>
            <p id="description" class="description" part="description" ?hidden=${!this.hasDescription}>
              <slot name="description" @slotchange=${this.#onDescriptionChange}></slot>
            </p>
          </div>
          <button
            class="button quiet icon close"
            part="close-button"
            aria-label="Close"
            @click=${() => this.requestClose('close-button')}
          >
            ${icons.close}
          </button>
        </header>
        <div
          class="body"
          part="body"
          tabindex=${this.bodyLabel ? '0' : nothing}
          aria-label=${this.bodyLabel || nothing}
        >
          <slot></slot>
        </div>
        <footer part="footer"><slot name="footer"></slot></footer>
      </div>
    </dialog>`;
  }
}
