import { AtlasDialog } from '../dialog/dialog.js';
import { defineElement } from '../internal/define.js';

defineElement('atlas-dialog', AtlasDialog);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-dialog': AtlasDialog;
  }
}
