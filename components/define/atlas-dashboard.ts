import { AtlasDashboard } from '../dashboard/dashboard.js';
import { defineElement } from '../internal/define.js';
import './atlas-widget.js';

defineElement('atlas-dashboard', AtlasDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-dashboard': AtlasDashboard;
  }
}
