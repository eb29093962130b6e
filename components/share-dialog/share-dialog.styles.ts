import { css } from 'lit';
import { dialogStyles } from '../styles/dialog.js';
import { hostStyles } from '../styles/host.js';

export default [
  ...hostStyles,
  dialogStyles,
  css`
    :host {
      display: contents;
    }
    dialog {
      inline-size: min(var(--atlas-dialog-width, 64rem), calc(100vw - 2rem));
      max-inline-size: none;
      max-block-size: calc(100dvh - 2rem);
      overflow: hidden;
      font-family: var(--_font);
      color: var(--_fg);
    }
    dialog[open] {
      display: flex;
    }
    .frame {
      position: relative;
      display: flex;
      flex-direction: column;
      inline-size: 100%;
      max-block-size: calc(100dvh - 2rem);
      min-block-size: 0;
    }
    header {
      display: flex;
      align-items: flex-start;
      justify-content: space-between;
      gap: 1rem;
      padding: 1.1rem 1.25rem 1rem 1.5rem;
      border-block-end: 1px solid var(--_border);
    }
    h2 {
      margin: 0;
      font-size: 1.2rem;
      line-height: 1.3;
      overflow-wrap: anywhere;
    }
    .subtitle {
      margin: 0.3rem 0 0;
      color: var(--_muted);
      font-size: 0.875rem;
      line-height: 1.4;
    }
    .button.icon {
      padding: 0.45rem;
      color: var(--_muted);
    }
    .button.icon:hover {
      color: var(--_fg);
    }
    .body {
      /* Contains the visually hidden labels, which would otherwise overflow the dialog itself. */
      position: relative;
      overflow: auto;
      padding: 1.25rem 1.5rem;
      min-block-size: 12rem;
      overscroll-behavior: contain;
    }
    footer {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
      padding: 0.8rem 1.5rem;
      border-block-start: 1px solid var(--_border);
      background: var(--_bg-subtle);
    }
    footer p {
      margin: 0;
      color: var(--_muted);
      font-size: 0.8125rem;
    }
    .panels {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      gap: 1.5rem;
      align-items: start;
    }
    .panel {
      min-inline-size: 0;
    }
    .panel + .panel {
      border-inline-start: 1px solid var(--_border);
      padding-inline-start: 1.5rem;
    }
    h3 {
      margin: 0 0 0.75rem;
      font-size: 1rem;
    }
    h4 {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin: 1.5rem 0 0.6rem;
      font-size: 0.8125rem;
      font-weight: 600;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--_muted);
    }
    h5 {
      margin: 0;
      font-size: 0.9375rem;
      overflow-wrap: anywhere;
    }
    .count {
      display: inline-grid;
      place-items: center;
      min-inline-size: 1.4rem;
      padding: 0.05rem 0.4rem;
      border-radius: 999px;
      background: var(--_accent-subtle);
      color: var(--_fg);
      font-size: 0.75rem;
      letter-spacing: 0;
    }
    .lead,
    .summary {
      margin: -0.25rem 0 1rem;
      color: var(--_muted);
      font-size: 0.875rem;
      line-height: 1.45;
    }
    .summary {
      margin: 0.75rem 0 0;
    }
    label {
      font-size: 0.875rem;
      font-weight: 500;
    }
    .optional {
      color: var(--_muted);
      font-weight: 400;
    }
    input[type='text'],
    select {
      font: inherit;
      font-size: 0.875rem;
      color: var(--_fg);
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius-sm);
      padding: 0.5rem 0.65rem;
      min-block-size: 2.25rem;
    }
    input[type='text']:focus-visible,
    select:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 0;
      border-color: var(--_focus);
    }
    input[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    input:disabled,
    select:disabled {
      background: var(--_bg-subtle);
      cursor: not-allowed;
    }
    .add,
    .generate {
      display: grid;
      gap: 0.4rem;
    }
    .generate {
      margin-block-start: 1rem;
    }
    .lead + .generate,
    .reason + .generate {
      margin-block-start: 0;
    }
    .link-actions .button {
      padding-inline: 0.7em;
    }
    .add-row {
      display: flex;
      gap: 0.5rem;
      align-items: stretch;
    }
    .add-row > input,
    .combo {
      flex: 1 1 auto;
      min-inline-size: 0;
    }
    .combo {
      position: relative;
    }
    .combo input {
      inline-size: 100%;
    }
    [role='listbox'] {
      position: absolute;
      z-index: 2;
      inset-inline: 0;
      inset-block-start: calc(100% + 4px);
      margin: 0;
      padding: 0.3rem;
      list-style: none;
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius-sm);
      box-shadow: var(--_shadow-raised);
      max-block-size: 18rem;
      overflow: auto;
    }
    .option {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      padding: 0.4rem 0.5rem;
      border-radius: var(--_radius-sm);
      cursor: pointer;
    }
    .option:hover,
    .option.active {
      background: var(--_accent-subtle);
    }
    .option.active {
      outline: 2px solid var(--_focus);
      outline-offset: -2px;
    }
    .option[aria-disabled='true'] {
      cursor: default;
      color: var(--_muted);
    }
    .tag {
      margin-inline-start: auto;
      font-size: 0.75rem;
      color: var(--_muted);
      white-space: nowrap;
    }
    .hint {
      margin: 0;
      font-size: 0.8125rem;
      color: var(--_muted);
      line-height: 1.4;
    }
    .field-error,
    .reason,
    .copy-hint {
      display: flex;
      gap: 0.45rem;
      align-items: flex-start;
      margin: 0.35rem 0 0;
      font-size: 0.8125rem;
      line-height: 1.4;
    }
    .field-error {
      color: var(--_danger);
      font-weight: 500;
    }
    .field-error svg,
    .reason svg,
    .banner > svg {
      flex: none;
      inline-size: 1.1rem;
      block-size: 1.1rem;
      margin-block-start: 0.05rem;
    }
    .reason {
      margin: 0 0 0.9rem;
      padding: 0.6rem 0.75rem;
      border-radius: var(--_radius-sm);
      background: var(--_accent-subtle);
      color: var(--_fg);
    }
    .copy-hint {
      padding: 0.45rem 0.6rem;
      border-radius: var(--_radius-sm);
      background: var(--_warning-subtle);
      color: var(--_warning-fg);
      font-weight: 500;
    }
    .banner {
      display: flex;
      gap: 0.6rem;
      margin: 1rem 0 0;
      padding: 0.7rem 0.85rem;
      border-radius: var(--_radius-sm);
      font-size: 0.8125rem;
      line-height: 1.45;
    }
    .banner.warning {
      background: var(--_warning-subtle);
      color: var(--_warning-fg);
      border: 1px solid color-mix(in srgb, var(--_warning-fg) 22%, transparent);
    }
    .banner p,
    .banner ul {
      margin: 0;
    }
    .banner ul {
      padding-inline-start: 1.1rem;
      font-weight: 600;
    }
    .banner .strong {
      font-weight: 600;
    }
    .banner p + p,
    .banner ul + p {
      margin-block-start: 0.35rem;
    }
    .people,
    .general,
    .links,
    .chips {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .people {
      margin-block-start: 1rem;
    }
    .person,
    .access-row {
      display: flex;
      align-items: center;
      gap: 0.65rem;
      padding: 0.55rem 0;
    }
    .person + .person,
    .access-row + .access-row {
      border-block-start: 1px solid var(--_border);
    }
    .avatar,
    .access-icon {
      flex: none;
      display: inline-grid;
      place-items: center;
      inline-size: 2rem;
      block-size: 2rem;
      border-radius: 50%;
      background: var(--_accent-subtle);
      color: var(--_fg);
      font-size: 0.75rem;
      font-weight: 600;
    }
    .access-icon {
      background: var(--_bg-subtle);
      border: 1px solid var(--_border);
    }
    .option .avatar {
      inline-size: 1.75rem;
      block-size: 1.75rem;
    }
    .who {
      display: grid;
      flex: 1 1 auto;
      min-inline-size: 0;
    }
    .who .name {
      font-size: 0.875rem;
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .who .meta {
      font-size: 0.75rem;
      color: var(--_muted);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .access-row .who .meta {
      white-space: normal;
    }
    .you {
      color: var(--_muted);
      font-weight: 400;
    }
    .role-text {
      font-size: 0.8125rem;
      color: var(--_muted);
      padding-inline-end: 0.25rem;
    }
    select.role {
      flex: none;
      min-block-size: 2rem;
      padding-block: 0.3rem;
    }
    .switch {
      appearance: none;
      flex: none;
      position: relative;
      inline-size: 2.5rem;
      block-size: 1.4rem;
      margin: 0;
      border-radius: 999px;
      background: var(--_border);
      border: 1px solid transparent;
      cursor: pointer;
      transition: background var(--_transition);
    }
    .switch::after {
      content: '';
      position: absolute;
      inset-block-start: 2px;
      inset-inline-start: 2px;
      inline-size: calc(1.4rem - 6px);
      block-size: calc(1.4rem - 6px);
      border-radius: 50%;
      background: var(--_bg);
      box-shadow: 0 1px 2px rgb(0 0 0 / 25%);
      transition: transform var(--_transition);
    }
    .switch:checked {
      background: var(--_accent);
    }
    .switch:checked::after {
      transform: translateX(1.1rem);
    }
    .switch:dir(rtl):checked::after {
      transform: translateX(-1.1rem);
    }
    .switch:disabled {
      opacity: 0.55;
      cursor: not-allowed;
    }
    .disclosure {
      justify-self: start;
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      margin-block-start: 0.25rem;
      padding: 0.2rem 0;
      border: 0;
      background: none;
      color: var(--_accent);
      font: inherit;
      font-size: 0.8125rem;
      font-weight: 500;
      cursor: pointer;
    }
    .disclosure svg {
      inline-size: 1rem;
      block-size: 1rem;
      transition: transform var(--_transition);
    }
    .disclosure[aria-expanded='true'] svg {
      transform: rotate(90deg);
    }
    .empty {
      display: flex;
      gap: 0.6rem;
      align-items: center;
      margin: 1.25rem 0 0;
      padding: 1rem;
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
      color: var(--_muted);
      font-size: 0.875rem;
      line-height: 1.4;
    }
    .empty svg {
      flex: none;
    }
    .links {
      display: grid;
      gap: 0.75rem;
    }
    .link {
      display: grid;
      gap: 0.6rem;
      padding: 0.9rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      box-shadow: var(--_shadow);
    }
    .link-head {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      justify-content: space-between;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      background: var(--_accent-subtle);
      font-size: 0.75rem;
      font-weight: 500;
      white-space: nowrap;
    }
    .badge svg {
      inline-size: 0.9rem;
      block-size: 0.9rem;
    }
    input.url {
      inline-size: 100%;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.8125rem;
      background: var(--_bg-subtle);
    }
    .link-actions,
    .confirm-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
    }
    .link-actions a.button {
      text-decoration: none;
    }
    .danger-text {
      color: var(--_danger);
      margin-inline-start: auto;
    }
    .confirm {
      padding: 0.7rem 0.8rem;
      border-radius: var(--_radius-sm);
      background: var(--_danger-subtle);
      border: 1px solid color-mix(in srgb, var(--_danger) 35%, transparent);
      font-size: 0.8125rem;
      line-height: 1.45;
    }
    .confirm p {
      margin: 0 0 0.6rem;
    }
    .stats {
      display: grid;
      grid-template-columns: minmax(0, 1.5fr) minmax(0, 1fr) minmax(0, 0.6fr);
      gap: 0.5rem;
      margin: 0;
      padding: 0.55rem 0.7rem;
      border-radius: var(--_radius-sm);
      background: var(--_bg-subtle);
    }
    .stats dt {
      font-size: 0.6875rem;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--_muted);
    }
    .stats dd {
      margin: 0.1rem 0 0;
      font-size: 0.8125rem;
      font-weight: 500;
    }
    .check {
      display: inline-flex;
      align-items: center;
      gap: 0.45rem;
      font-weight: 400;
      cursor: pointer;
    }
    .check input {
      inline-size: 1rem;
      block-size: 1rem;
      margin: 0;
      accent-color: var(--_accent);
    }
    .passcode {
      display: grid;
      gap: 0.45rem;
    }
    .passcode-row {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      flex-wrap: wrap;
    }
    .passcode-label {
      font-size: 0.8125rem;
      color: var(--_muted);
    }
    .passcode-value {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 1rem;
      letter-spacing: 0.12em;
      padding: 0.2rem 0.5rem;
      border-radius: var(--_radius-sm);
      background: var(--_bg-subtle);
      border: 1px solid var(--_border);
    }
    .locked {
      display: grid;
      gap: 0.4rem;
      padding-block-start: 0.55rem;
      border-block-start: 1px solid var(--_border);
    }
    .locked-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
    }
    .locked-title {
      font-size: 0.8125rem;
      font-weight: 500;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35rem;
    }
    .chip {
      padding: 0.15rem 0.55rem;
      border-radius: 999px;
      border: 1px solid var(--_border);
      background: var(--_bg-subtle);
      font-size: 0.75rem;
    }
    .locked-editor {
      display: grid;
      gap: 0.6rem;
      margin-block: 0.35rem;
    }
    .locked-editor .field {
      display: grid;
      gap: 0.25rem;
      margin: 0;
      padding: 0;
      border: 0;
      min-inline-size: 0;
    }
    .locked-editor legend {
      padding: 0;
      margin-block-end: 0.25rem;
      font-size: 0.875rem;
      font-weight: 500;
    }
    .locked-editor .multi {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem 0.9rem;
    }
    .locked-editor .range {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .locked-editor .range label {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      font-weight: 400;
    }
    .locked-editor input[type='date'] {
      font: inherit;
      font-size: 0.8125rem;
      padding: 0.3rem 0.4rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius-sm);
      background: var(--_bg);
      color: var(--_fg);
    }
    /* V5: which sites may embed a link; stays a two-line summary until Edit. */
    .embedding-editor {
      display: grid;
      gap: 0.4rem;
      margin-block: 0.2rem;
    }
    .embedding-editor .field-error {
      margin: 0;
    }
    .embed-origins {
      inline-size: 100%;
      min-block-size: 4.5rem;
      resize: vertical;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.8125rem;
      line-height: 1.45;
      color: var(--_fg);
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius-sm);
      padding: 0.45rem 0.6rem;
    }
    .embed-origins:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 0;
      border-color: var(--_focus);
    }
    .embed-origins[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .embed-origins:disabled {
      background: var(--_bg-subtle);
      cursor: not-allowed;
    }
    .embedding .chip {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      overflow-wrap: anywhere;
    }
    #new-locked {
      padding: 0.75rem;
      border-radius: var(--_radius-sm);
      background: var(--_bg-subtle);
    }
    .message {
      text-align: start;
    }

    /* Phones: the panels stack and the dialog uses the whole screen. */
    @media (max-width: 720px) {
      dialog {
        inline-size: calc(100vw - 1rem);
        max-block-size: calc(100dvh - 1rem);
      }
      .frame {
        max-block-size: calc(100dvh - 1rem);
      }
      header {
        padding: 0.9rem 0.75rem 0.8rem 1rem;
      }
      .body {
        padding: 1rem;
      }
      footer {
        padding: 0.7rem 1rem;
      }
      .panels {
        grid-template-columns: minmax(0, 1fr);
        gap: 0;
      }
      .access-row {
        flex-wrap: wrap;
      }
      .access-row .who {
        flex-basis: calc(100% - 6rem);
      }
      .access-row select.role {
        order: 1;
        margin-inline-start: 2.65rem;
      }
      .panel + .panel {
        border-inline-start: 0;
        padding-inline-start: 0;
        border-block-start: 1px solid var(--_border);
        margin-block-start: 1.5rem;
        padding-block-start: 1.25rem;
      }
    }
    @media (max-width: 420px) {
      .add-row {
        flex-wrap: wrap;
      }
      .add-row .combo,
      .add-row > input {
        flex-basis: 100%;
      }
      .add-row select {
        flex: 1 1 auto;
      }
      .generate .add-row .button {
        flex: 1 1 auto;
        justify-content: center;
      }
    }
    @media (forced-colors: active) {
      .switch {
        border: 1px solid CanvasText;
      }
      .switch:checked {
        background: Highlight;
      }
      .option.active {
        outline-color: Highlight;
      }
      .banner,
      .link,
      .confirm {
        border: 1px solid CanvasText;
      }
    }
  `,
];
