import { AtlasWidget } from '../widget/widget.js';
import { defineElement } from '../internal/define.js';

defineElement('atlas-widget', AtlasWidget);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-widget': AtlasWidget;
  }
}
