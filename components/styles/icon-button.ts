import { css } from 'lit';

/** A button that shows only an icon (close ×, copy): compact, muted until hovered. Used with the `.button` base. */
export const iconButtonStyles = css`
  .button.icon {
    padding: 0.45rem;
    color: var(--_muted);
  }
  .button.icon:hover {
    color: var(--_fg);
  }
`;
