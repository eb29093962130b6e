/** Shapes of the public routes as the public viewer reads them: the contract's. */
export type {
  PublicDashboardView as PublicDashboard,
  PublicFilterDefinition,
  PublicWidgetView as PublicWidget,
} from '../api/contract.js';
