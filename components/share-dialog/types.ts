/** Shapes of the sharing and public-link API answers (shared/API.md) as the share dialog reads them. */
import type { DashboardRole, FilterValues } from '../internal/types.js';

export interface SharedUser {
  username: string;
  name: string;
  email?: string;
  role: DashboardRole;
}

export interface AccessWarning {
  subject: 'user' | 'project' | 'organization';
  id: string;
  name: string;
  dataSources: { id: string; name: string }[];
  message: string;
}

export interface ProjectAccess {
  id?: string;
  name?: string;
  enabled: boolean;
  role: DashboardRole | null;
}

export interface OrganizationAccess {
  id?: string;
  name?: string;
  enabled: boolean;
}

export interface SharingView {
  owner?: { username: string; name: string };
  users: SharedUser[];
  project: ProjectAccess;
  organization: OrganizationAccess;
  publicLinks?: PublicLink[];
  warnings: AccessWarning[];
}

export interface PublicLink {
  id: string;
  label: string;
  /** Null when the server can no longer open the link's token. */
  url: string | null;
  token?: string | null;
  createdAt: string;
  lastAccessAt: string | null;
  accessCount: number;
  passcodeEnabled: boolean;
  passcode: string | null;
  lockedFilters?: FilterValues;
  /** Origins allowed to frame the link ([]: no site), or null for the server's default (V5). */
  frameAncestors?: string[] | null;
  /** The CSP frame-ancestors sources the link's pages carry now, e.g. `*`, `'none'`, `https://portal.example.com`. */
  effectiveFrameAncestors?: string;
  /** The server's default sources (ATLAS_FRAME_ANCESTORS); `*` means any site. */
  defaultFrameAncestors?: string;
}

export interface Me {
  user: { username: string; name: string; email: string };
  organization: { id: string; name: string };
  projects: { id: string; name: string; role: string }[];
}
