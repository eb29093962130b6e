import { AtlasLinkCard } from '../share-dialog/link-card.js';
import { defineElement } from '../internal/define.js';
import './atlas-link-usage.js';

defineElement('atlas-link-card', AtlasLinkCard);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-link-card': AtlasLinkCard;
  }
}
