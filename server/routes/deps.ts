import type { ServiceDeps } from '../services/deps.js';

/** What every route module receives from createApp: the services' dependencies, and where the app is served. */
export interface RouteDeps extends ServiceDeps {
  /** The path of ATLAS_PUBLIC_URL (`/atlas`, or '' at the root): pages load their script and call the API there. */
  basePath: string;
}
