import { AtlasLinkUsage } from '../share-dialog/link-usage.js';
import { defineElement } from '../internal/define.js';

defineElement('atlas-link-usage', AtlasLinkUsage);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-link-usage': AtlasLinkUsage;
  }
}
