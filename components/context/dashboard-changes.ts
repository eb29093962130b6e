import { ContextEvent, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What happened to a dashboard on the server, as the elements under one `<atlas-provider>` need to know it. */
export interface DashboardChange {
  /** `share`: its sharing changed (share dialog); `delete`: it was deleted (card); `save`: edit mode was saved. */
  readonly kind: 'share' | 'delete' | 'save';
  /** The dashboard concerned; undefined when the event did not say (every listener then assumes it is theirs). */
  readonly dashboardId?: string;
  /** The element that fired the event (inside shadow roots too), so an element can ignore its own changes. */
  readonly origin: EventTarget;
}

/**
 * The channel an `<atlas-provider>` owns for the elements inside it: it hears the changes bubbling up from its subtree
 * and tells every subscriber once. Elements under another provider have another channel and hear nothing of these.
 */
export class DashboardChanges {
  readonly #listeners = new Set<(change: DashboardChange) => void>();

  notify(change: DashboardChange): void {
    for (const listener of [...this.#listeners]) listener(change);
  }

  /** Returns the function that ends the subscription. */
  subscribe(listener: (change: DashboardChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** The provider's change channel (SPEC C6: the provider configures and connects the elements inside it). */
export const dashboardChangesContext = createContext<DashboardChanges | undefined>(
  Symbol.for('atlas-dashboard-changes'),
);

type ElementHost = ReactiveControllerHost & HTMLElement;

/**
 * Calls `onChange` for every change announced by the nearest `<atlas-provider>`'s channel while `host` is connected
 * (for an element's constructor: it adds a controller that follows the host's connections).
 */
export function onDashboardChange(host: ElementHost, onChange: (change: DashboardChange) => void): void {
  new DashboardChangesController(host, onChange);
}

/**
 * Subscribes its host to the nearest `<atlas-provider>`'s change channel while the host is connected. Without a
 * provider nothing is called (the elements show their configuration message then anyway).
 */
export class DashboardChangesController implements ReactiveController {
  readonly #host: ElementHost;
  readonly #onChange: (change: DashboardChange) => void;
  #channel?: DashboardChanges;
  #endSubscription?: () => void;
  #endContext?: () => void;

  constructor(host: ElementHost, onChange: (change: DashboardChange) => void) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  hostConnected(): void {
    this.#request();
    // A bundle (or a host's script order) may register this element before <atlas-provider>: its request then went
    // unanswered. Ask again once the provider is defined (as AtlasElement does for the API client).
    if (!customElements.get('atlas-provider')) {
      void customElements.whenDefined('atlas-provider').then(() => {
        if (this.#host.isConnected && !this.#channel) this.#request();
      });
    }
  }

  hostDisconnected(): void {
    this.#endContext?.();
    this.#endContext = undefined;
    this.#use(undefined);
  }

  #request() {
    this.#host.dispatchEvent(new ContextEvent(dashboardChangesContext, this.#host, this.#receive, true));
  }

  /** Stable identity: the provider keys its subscriptions by this callback. */
  readonly #receive = (channel: DashboardChanges | undefined, endContext?: () => void) => {
    // Another provider answering (the element moved) replaces the previous subscription.
    if (this.#endContext && this.#endContext !== endContext) this.#endContext();
    this.#endContext = endContext;
    this.#use(channel);
  };

  #use(channel: DashboardChanges | undefined) {
    if (channel === this.#channel) return;
    this.#endSubscription?.();
    this.#channel = channel;
    this.#endSubscription = channel?.subscribe(this.#onChange);
  }
}
