import { css } from 'lit';

/** Native `<dialog>` styling shared by the confirmation and editor dialogs. */
export const dialogStyles = css`
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: var(--_shadow-raised);
    padding: 0;
    inline-size: min(32rem, calc(100vw - 2rem));
  }
  dialog::backdrop {
    background: rgb(15 20 30 / 45%);
  }
  .dialog-body {
    padding: 1.25rem 1.5rem;
  }
  .dialog-body h2 {
    margin: 0 0 0.5rem;
    font-size: 1.125rem;
  }
  .dialog-body p {
    margin: 0;
    color: var(--_muted);
    line-height: 1.45;
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
    padding: 0.9rem 1.5rem;
    border-block-start: 1px solid var(--_border);
    background: var(--_bg-subtle);
    border-end-start-radius: var(--_radius);
    border-end-end-radius: var(--_radius);
  }
  @media (forced-colors: active) {
    dialog {
      border: 1px solid CanvasText;
    }
  }
`;
