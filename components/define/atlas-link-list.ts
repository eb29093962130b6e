import { AtlasLinkList } from '../link-list/link-list.js';
import { defineElement } from '../internal/define.js';

defineElement('atlas-link-list', AtlasLinkList);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-link-list': AtlasLinkList;
  }
}
