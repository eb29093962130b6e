import { AtlasProvider } from '../provider/provider.js';
import { defineElement } from '../internal/define.js';

defineElement('atlas-provider', AtlasProvider);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-provider': AtlasProvider;
  }
}
