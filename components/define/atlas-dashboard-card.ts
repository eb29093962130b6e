import { AtlasDashboardCard } from '../dashboard-card/dashboard-card.js';
import { defineElement } from '../internal/define.js';

defineElement('atlas-dashboard-card', AtlasDashboardCard);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-dashboard-card': AtlasDashboardCard;
  }
}
