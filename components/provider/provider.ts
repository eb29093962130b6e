import { provide } from '@lit/context';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { AtlasApiClient } from '../api/client.js';
import { apiContext } from '../context/api-context.js';
import { keepPreUpgradeValues } from '../internal/pre-upgrade.js';

/**
 * @summary Configures every atlas element inside it once: the API base URL and the current user's token.
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
