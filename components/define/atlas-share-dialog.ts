import { AtlasShareDialog } from '../share-dialog/share-dialog.js';
import { defineElement } from '../internal/define.js';
// The dialog's frame and panels, which it renders.
import './atlas-dialog.js';
import './atlas-people-panel.js';
import './atlas-general-access.js';
import './atlas-links-panel.js';

defineElement('atlas-share-dialog', AtlasShareDialog);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-share-dialog': AtlasShareDialog;
  }
}
