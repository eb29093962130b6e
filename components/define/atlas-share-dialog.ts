import { AtlasShareDialog } from '../share-dialog/share-dialog.js';
import { defineElement } from '../internal/define.js';

defineElement('atlas-share-dialog', AtlasShareDialog);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-share-dialog': AtlasShareDialog;
  }
}
