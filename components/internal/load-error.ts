import { html } from 'lit';
import { errorMessage } from './atlas-element.js';
import { icons } from './icons.js';

/** A list that could not load: what failed, the server's reason, and Try again (part `error`, announced as an alert). */
export function renderLoadError(what: string, error: unknown, retry: () => void) {
  return html`<div class="message error" part="error" role="alert">
    <strong>${what}</strong>
    ${errorMessage(error)}
    <div>
      <button class="button retry" type="button" @click=${retry}>${icons.refresh} Try again</button>
    </div>
  </div>`;
}
