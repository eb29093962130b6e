import { ContextEvent, consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { state } from 'lit/decorators.js';
import { AtlasApiError, type AtlasApiClient } from '../api/client.js';
import { apiContext } from '../context/api-context.js';
import { emit } from './emit.js';
import { keepPreUpgradeValues } from './pre-upgrade.js';

/**
 * Base of every element that talks to the API: it receives the client from the nearest `<atlas-provider>` and
 * renders a clear configuration message when there is none (instead of an empty box).
 */
@keepPreUpgradeValues
export class AtlasElement extends LitElement {
  @consume({ context: apiContext, subscribe: true })
  @state()
  protected api?: AtlasApiClient;

  override connectedCallback(): void {
    super.connectedCallback();
    // A bundle (or a host's script order) may register this element before <atlas-provider>: its context request
    // then went unanswered. Ask again once the provider is defined, and keep the subscription it gives.
    if (!customElements.get('atlas-provider')) {
      void customElements.whenDefined('atlas-provider').then(() => {
        if (!this.isConnected || this.api) return;
        emit(this, new ContextEvent(apiContext, this, (value: AtlasApiClient | undefined) => (this.api = value), true));
      });
    }
  }

  protected renderNoProvider() {
    return html`<div class="message error" role="alert" part="config-error">
      <strong>No &lt;atlas-provider&gt; found</strong>
      Place this element inside <code>&lt;atlas-provider api-base="/api"&gt;</code> and give the provider the user's
      token.
    </div>`;
  }
}

/** A sentence for the user from any failure. */
export function errorMessage(error: unknown): string {
  if (error instanceof AtlasApiError) return humanValidationMessage(error) ?? error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/**
 * Issue 17: a 400 from the server's schema check reads "Invalid body: 'role' must be …": the user sees the field as a
 * word and the rest ("Role must be …"), not where in the request it was. Other messages are already sentences.
 */
function humanValidationMessage(error: AtlasApiError): string | undefined {
  if (error.status !== 400) return undefined;
  const match = /^Invalid (?:body|query|path|request): '([^']+)' (.+)$/s.exec(error.message);
  if (!match) return undefined;
  const field = match[1]!
    .split('.')
    .at(-1)!
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  const rest = match[2]!.trim();
  return `${field.charAt(0).toUpperCase()}${field.slice(1)} ${rest}${/[.!?]$/.test(rest) ? '' : '.'}`;
}
