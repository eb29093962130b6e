import { AtlasLinksPanel } from '../share-dialog/links-panel.js';
import { defineElement } from '../internal/define.js';
import './atlas-link-card.js';

defineElement('atlas-links-panel', AtlasLinksPanel);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-links-panel': AtlasLinksPanel;
  }
}
