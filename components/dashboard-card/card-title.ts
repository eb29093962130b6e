/**
 * The card's title and description (issue 17): the title is a heading at the level the host asks for, holding a link
 * when the host gives the dashboard's address (else a button); a long description can be opened in full with a
 * keyboard-reachable "More" toggle instead of staying cut after two lines.
 */
import { css, html, nothing } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';

/** Descriptions longer than this may not fit two lines on a narrow card: they get the More toggle. */
export const LONG_DESCRIPTION = 40;

export function headingTag(level: number) {
  const safe = Number.isInteger(level) ? Math.min(6, Math.max(1, level)) : 3;
  return unsafeStatic(`h${safe}`);
}

export function renderCardTitle(
  level: number,
  href: string | undefined,
  title: string,
  onClick: (e: MouseEvent) => void,
) {
  const tag = headingTag(level);
  const inner = href
    ? html`<a class="title-link" id="title" href=${href} @click=${onClick}>${title}</a>`
    : html`<button class="title-link" type="button" id="title" @click=${onClick}>${title}</button>`;
  return staticHtml`<${tag} class="title" part="title">${inner}</${tag}>`;
}

export function renderDescription(description: string, open: boolean, toggle: () => void) {
  if (!description) return nothing;
  const long = description.length > LONG_DESCRIPTION;
  return html`<p class="description ${open ? 'open' : ''}" part="description" id="description">${description}</p>
    ${
      long
        ? html`<button
            class="more"
            type="button"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls="description"
            @click=${toggle}
          >
            ${open ? 'Less' : 'More'}<span class="visually-hidden"> of the description</span>
          </button>`
        : nothing
    }`;
}

export const cardTitleStyles = css`
  .description.open {
    display: block;
    -webkit-line-clamp: none;
    overflow: visible;
  }
  /* Above the title link's card-wide click target. */
  .more {
    position: relative;
    z-index: 1;
    align-self: flex-start;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font: inherit;
    font-size: 0.8125rem;
    text-decoration: underline;
    cursor: pointer;
  }
  .more:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  a.title-link {
    text-decoration: none;
  }
`;
