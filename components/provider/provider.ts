import { ContextProvider, provide } from '@lit/context';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { AtlasApiClient } from '../api/client.js';
import { apiContext } from '../context/api-context.js';
import { DashboardChanges, dashboardChangesContext, type DashboardChange } from '../context/dashboard-changes.js';
import { keepPreUpgradeValues } from '../internal/pre-upgrade.js';

/** The events that say a dashboard changed on the server, and what the change channel calls them. */
const CHANGE_EVENTS: Record<string, DashboardChange['kind']> = {
  'atlas-share-change': 'share',
  'atlas-delete': 'delete',
  'atlas-dashboard-save': 'save',
};

/** Events a provider has announced: a provider nested in another announces its own, the outer one ignores them. */
const announced = new WeakSet<Event>();

/**
 * @summary Configures every atlas element inside it once: the API base URL and the current user's token. It also
 * connects them: when sharing changes (`atlas-share-change`), a dashboard is deleted (`atlas-delete`) or saved
 * (`atlas-dashboard-save`) inside it, its lists and dashboards reload once; elements under another provider do not.
 * The events still bubble on to the page.
 * @tag atlas-provider
 * @slot - The atlas elements (and any host markup) to configure.
 */
@keepPreUpgradeValues
export class AtlasProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /**
   * The API client the elements inside receive, made by the provider from `apiBase` and `token`/`getToken`.
   * @readonly
   */
  @provide({ context: apiContext })
  client?: AtlasApiClient = undefined;

  /** The change channel of this provider's subtree, given to its elements by context (not a public property). */
  readonly #changes = new ContextProvider(this, {
    context: dashboardChangesContext,
    initialValue: new DashboardChanges(),
  });

  constructor() {
    super();
    // The events bubble and are composed, so this hears them from light DOM children, from inside their shadow roots
    // and from the share dialog (placed in the provider by the page or by the Share action).
    for (const name of Object.keys(CHANGE_EVENTS)) this.addEventListener(name, this.#onChangeEvent);
  }

  #onChangeEvent = (event: Event) => {
    if (announced.has(event)) return;
    announced.add(event);
    const dashboardId = (event as Event & { detail?: { dashboardId?: unknown } }).detail?.dashboardId;
    this.#changes.value?.notify({
      kind: CHANGE_EVENTS[event.type]!,
      ...(typeof dashboardId === 'string' ? { dashboardId } : {}),
      origin: event.composedPath()[0] ?? this,
    });
  };

  /** Base URL of the Atlas API, e.g. `/api` or `https://atlas.example.com/api`. */
  @property({ attribute: 'api-base' }) apiBase = '/api';

  /**
   * The signed-in user's token (a JWT from the host portal). Use `getToken` for tokens that expire. Until one of the
   * two is given, the elements inside show their loading state and send nothing.
   */
  @property({ attribute: false }) token?: string;

  /**
   * Called before requests and again with `forceRefresh: true` when the API answers 401, so a long-lived page can
   * renew an expired token.
   */
  @property({ attribute: false }) getToken?: (options: {
    forceRefresh: boolean;
  }) => string | undefined | Promise<string | undefined>;

  /**
   * Settles the first time the page gives `token` or `getToken`. Until then requests wait for it instead of going out
   * without a token: a host that signs in after rendering (or whose framework sets properties late) would otherwise
   * get a 401 per element and page load (SPEC C6).
   */
  #tokenArrived!: () => void;
  readonly #firstToken = new Promise<void>((resolve) => (this.#tokenArrived = resolve));
  #hadToken = false;

  #hasTokenSource(): boolean {
    return typeof this.getToken === 'function' || !!this.token;
  }

  override willUpdate(changed: PropertyValues<this>) {
    // The first token lets the waiting requests go on with the same client; a new client (and so a reload of every
    // element) is only for a change of token, e.g. another user.
    const first = !this.#hadToken && this.#hasTokenSource();
    if (first) {
      this.#hadToken = true;
      this.#tokenArrived();
    }
    const tokenChanged = !first && (changed.has('token') || changed.has('getToken'));
    if (changed.has('apiBase') || tokenChanged || !this.client) {
      this.client = new AtlasApiClient({
        baseUrl: this.apiBase,
        token: async (options) => {
          if (!this.#hasTokenSource()) await this.#firstToken;
          return this.getToken ? this.getToken(options) : this.token;
        },
      });
    }
  }

  override render() {
    return html`<slot></slot>`;
  }
}
