import { AtlasPublicViewer } from '../public-viewer/public-viewer.js';
import { defineElement } from '../internal/define.js';
import './atlas-widget.js';

defineElement('atlas-public-viewer', AtlasPublicViewer);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-public-viewer': AtlasPublicViewer;
  }
}
