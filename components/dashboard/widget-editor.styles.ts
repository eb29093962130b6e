import { css } from 'lit';

/** The Add widget dialog of `<atlas-dashboard>` (widget-editor.ts); `dialogStyles` gives the dialog itself. */
export const widgetEditorStyles = css`
  form.editor {
    display: grid;
    gap: 0.9rem;
  }
  .editor-fields {
    display: grid;
    gap: 0.9rem;
    margin-block-start: 0.75rem;
  }
  form.editor label {
    display: grid;
    gap: 0.3rem;
    font-size: 0.85rem;
    font-weight: 600;
  }
  form.editor select,
  form.editor input {
    font-weight: 400;
  }
  form.editor .row {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0.75rem;
  }
  form.editor .hint {
    font-weight: 400;
    color: var(--_muted);
    font-size: 0.8rem;
  }
  .form-error {
    color: var(--_danger);
    font-size: 0.85rem;
    margin: 0;
  }
`;
