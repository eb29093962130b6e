import { AtlasPeoplePanel } from '../share-dialog/people-panel.js';
import { defineElement } from '../internal/define.js';

defineElement('atlas-people-panel', AtlasPeoplePanel);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-people-panel': AtlasPeoplePanel;
  }
}
