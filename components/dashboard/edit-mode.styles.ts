import { css } from 'lit';

/** Edit mode of `<atlas-dashboard>` (edit-mode.ts): the title field, outlined cells, Remove buttons, placeholders. */
export const editModeStyles = css`
  .title-input {
    font: inherit;
    font-size: var(--atlas-dashboard-title-size, 1.5rem);
    font-weight: 700;
    inline-size: 100%;
    padding: 0.2rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    color: var(--_fg);
  }
  .placeholder {
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 0.3rem;
    padding: 1rem;
    border: 2px dashed var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent-subtle);
    font-size: 0.875rem;
  }
  .placeholder strong {
    font-size: 1rem;
  }
  .editing .cell {
    outline: 2px dashed color-mix(in srgb, var(--_accent) 55%, transparent);
    outline-offset: 3px;
    border-radius: var(--_radius);
  }
  .remove {
    position: absolute;
    z-index: 2;
    inset-block-start: -0.6rem;
    inset-inline-end: -0.6rem;
    padding: 0.45rem;
    border-radius: 50%;
    background: var(--_bg);
    color: var(--_danger);
    box-shadow: var(--_shadow-raised);
  }
  .remove:hover {
    background: var(--_danger-subtle);
  }
  .description-field {
    display: block;
    margin-block-start: 0.4rem;
  }
  .description-input {
    font: inherit;
    inline-size: 100%;
    padding: 0.35rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    color: var(--_fg);
    resize: vertical;
  }
  /* Move handle and Edit at the widget's top left, over its edge like Remove at the top right. */
  .cell-tools {
    position: absolute;
    z-index: 2;
    inset-block-start: -0.6rem;
    inset-inline-start: -0.6rem;
    display: flex;
    gap: 0.3rem;
  }
  .cell-tools .button {
    padding: 0.45rem;
    border-radius: 50%;
    background: var(--_bg);
    box-shadow: var(--_shadow-raised);
  }
  .move-handle {
    cursor: grab;
    touch-action: none;
  }
  .moving .move-handle {
    cursor: grabbing;
  }
  .moving {
    z-index: 3;
    box-shadow: var(--_shadow-raised);
  }
  .editing .cell.moving {
    outline: 2px solid var(--_accent);
  }
  /* The corner grip: drag to resize (keyboard: Shift+arrows on the Move handle). */
  .resize-grip {
    position: absolute;
    z-index: 2;
    inset-block-end: -0.35rem;
    inset-inline-end: -0.35rem;
    inline-size: 1.1rem;
    block-size: 1.1rem;
    border-inline-end: 3px solid var(--_accent);
    border-block-end: 3px solid var(--_accent);
    border-end-end-radius: var(--_radius-sm);
    cursor: nwse-resize;
    touch-action: none;
  }
  @media (max-width: 720px) {
    .resize-grip {
      display: none;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    .editing .cell {
      transition: box-shadow 0.15s;
    }
  }
`;
