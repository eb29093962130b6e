import { AtlasGeneralAccess } from '../share-dialog/general-access.js';
import { defineElement } from '../internal/define.js';

defineElement('atlas-general-access', AtlasGeneralAccess);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-general-access': AtlasGeneralAccess;
  }
}
