/** The viewer's whole-screen states: the passcode prompt, unavailable, offline, error and loading. */
import { html, nothing } from 'lit';
import { viewerIcons as icons } from '../internal/viewer-icons.js';
import type { PasscodeProblem } from './viewer-state.js';

/** What the prompt says under the field. */
export function passcodeMessage(problem: PasscodeProblem | undefined): string {
  switch (problem?.kind) {
    case undefined:
      return '';
    case 'empty':
      return 'Enter the passcode you were given with the link.';
    case 'wrong':
      return problem.message || 'That passcode is not correct. Check it and try again.';
    case 'locked': {
      // L6: the server answered 429 with Retry-After; say when to try again.
      const { seconds } = problem;
      const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
      const at = new Date(problem.until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      return `Too many attempts. Try again in ${wait} (at ${at}).`;
    }
    case 'unreachable':
      return 'Cannot reach the server. Check your connection and try again.';
    case 'failed':
      return problem.message;
  }
}

export interface PasscodeView {
  problem?: PasscodeProblem;
  busy: boolean;
  onSubmit: (event: SubmitEvent) => void;
}

export function renderPasscode({ problem, busy, onSubmit }: PasscodeView) {
  const locked = problem?.kind === 'locked';
  const message = passcodeMessage(problem);
  return html`<div class="center">
    <form class="card passcode" part="passcode-form" @submit=${onSubmit} novalidate aria-labelledby="passcode-title">
      <span class="card-icon" aria-hidden="true">${icons.lock}</span>
      <h1 id="passcode-title">This dashboard is protected</h1>
      <p>Enter the passcode you received with the link.</p>
      <label for="passcode">Passcode</label>
      <input
        id="passcode"
        name="passcode"
        type="password"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        required
        autofocus
        aria-invalid=${message ? 'true' : 'false'}
        aria-describedby="passcode-error"
        ?disabled=${locked}
      />
      <!-- Focusable while locked out: the field and button are disabled then, and focus would fall to <body>. -->
      <p id="passcode-error" class="form-error" role="alert" tabindex=${locked ? '-1' : nothing}>${message}</p>
      <button class="button primary" type="submit" ?disabled=${busy || locked}>
        ${busy ? 'Checking…' : 'View dashboard'}
      </button>
    </form>
  </div>`;
}

export function renderUnavailable() {
  return html`<div class="center">
    <div class="card unavailable" part="unavailable" role="alert">
      <span class="card-icon" aria-hidden="true">${icons.link}</span>
      <h1>This link is no longer available</h1>
      <p>It may have been revoked by its owner. Ask the person who shared it for a new link.</p>
    </div>
  </div>`;
}

export function renderOffline(retryInSeconds: number, onRetry: () => void) {
  return html`<div class="center">
    <div class="card" role="status">
      <span class="card-icon" aria-hidden="true">${icons.refresh}</span>
      <h1>Cannot reach the server</h1>
      <p>
        The dashboard will appear as soon as the server answers.
        ${retryInSeconds > 0 ? html`Retrying in ${retryInSeconds} s.` : 'Retrying…'}
      </p>
      <button class="button" type="button" @click=${onRetry}>Retry now</button>
    </div>
  </div>`;
}

/** `onRetry` undefined: nothing to try again (no token). */
export function renderError(message: string, onRetry: (() => void) | undefined) {
  return html`<div class="center">
    <div class="card error" role="alert">
      <h1>This dashboard could not be loaded</h1>
      <p>${message}</p>
      ${onRetry ? html`<button class="button" type="button" @click=${onRetry}>Try again</button>` : nothing}
    </div>
  </div>`;
}

export function renderLoading(kiosk: boolean) {
  return html`<div class="loading" role="status" aria-label="Loading the dashboard">
    ${kiosk ? nothing : html`<div class="skeleton bar"></div>`}
    <div class="grid skeleton-grid">${[0, 1, 2, 3].map(() => html`<div class="skeleton tile"></div>`)}</div>
  </div>`;
}
