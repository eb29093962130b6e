import { provide } from '@lit/context';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { AtlasApiClient } from '../api/client.js';
import { apiContext } from '../context/api-context.js';

/**
 * @summary Configures every atlas element inside it once: the API base URL and the current user's token.
 * @tag atlas-provider
 * @slot - The atlas elements (and any host markup) to configure.
 */
export class AtlasProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  @provide({ context: apiContext })
  client?: AtlasApiClient = undefined;

  /** Base URL of the Atlas API, e.g. `/api` or `https://atlas.example.com/api`. */
  @property({ attribute: 'api-base' }) apiBase = '/api';

  /** The signed-in user's token (a JWT from the host portal). Use `getToken` for tokens that expire. */
  @property({ attribute: false }) token?: string;

  /**
   * Called before requests and again with `forceRefresh: true` when the API answers 401, so a long-lived page can
   * renew an expired token.
   */
  @property({ attribute: false }) getToken?: (options: { forceRefresh: boolean }) => string | undefined | Promise<string | undefined>;

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('apiBase') || changed.has('token') || changed.has('getToken') || !this.client) {
      this.client = new AtlasApiClient({
        baseUrl: this.apiBase,
        token: (options) => (this.getToken ? this.getToken(options) : this.token),
      });
    }
  }

  override render() {
    return html`<slot></slot>`;
  }
}
