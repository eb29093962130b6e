import { css } from 'lit';

/**
 * The round badge of a person's initials or an access icon: its shape, centred content and size (`--_badge-size`,
 * 2rem unless the element sets it). Each element gives it its own colours and type.
 */
export const roundBadgeStyles = css`
  .round-badge {
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: var(--_badge-size, 2rem);
    block-size: var(--_badge-size, 2rem);
    border-radius: 50%;
  }
`;
