import { AtlasDashboardList } from '../dashboard-list/dashboard-list.js';
import { defineElement } from '../internal/define.js';
import './atlas-dashboard-card.js';

defineElement('atlas-dashboard-list', AtlasDashboardList);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-dashboard-list': AtlasDashboardList;
  }
}
