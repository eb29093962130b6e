/** Demo identities (API.md "Demo identities"): stable ids used by docs and tests. */
import type { ProjectRole } from '../store/types.js';

export interface DemoIdentity {
  username: string;
  name: string;
  email: string;
  org: string;
  projects: Record<string, ProjectRole>;
  /** One line for the sign-in page: what this person shows off. */
  about: string;
}

export const DEMO_ORGANIZATIONS = [
  { id: 'northwind', name: 'Northwind' },
  { id: 'contoso', name: 'Contoso' },
];

export const DEMO_PROJECTS = [
  { id: 'ops', orgId: 'northwind', name: 'Operations' },
  { id: 'sales', orgId: 'northwind', name: 'Sales' },
  { id: 'cx', orgId: 'contoso', name: 'Customer Experience' },
];

export const DEMO_IDENTITIES: DemoIdentity[] = [
  {
    username: 'alice',
    name: 'Alice Andersen',
    email: 'alice@northwind.example',
    org: 'northwind',
    projects: { ops: 'owner', sales: 'member' },
    about: 'Owns most dashboards; can share and create public links.',
  },
  {
    username: 'bob',
    name: 'Bob Brown',
    email: 'bob@northwind.example',
    org: 'northwind',
    projects: { ops: 'member' },
    about: 'Operations member; a viewer of what Alice shares with him.',
  },
  {
    username: 'carol',
    name: 'Carol Chen',
    email: 'carol@northwind.example',
    org: 'northwind',
    projects: { ops: 'viewer', sales: 'member' },
    about: 'Author on Sales overview; an ops viewer who cannot read the maintenance log.',
  },
  {
    username: 'dan',
    name: 'Dan Diaz',
    email: 'dan@northwind.example',
    org: 'northwind',
    projects: { sales: 'member' },
    about: 'Sales only; sees organization-wide dashboards.',
  },
  {
    username: 'erin',
    name: 'Erin Evans',
    email: 'erin@contoso.example',
    org: 'contoso',
    projects: { cx: 'owner' },
    about: 'Another organization: sees none of Northwind.',
  },
];
