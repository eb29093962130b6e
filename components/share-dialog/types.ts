import type { SharingResponse } from '../api/contract.js';

/** Shapes of the sharing and public-link API answers as the share dialog reads them: the contract's. */
export type {
  AccessWarning,
  LinkSessionView as LinkSession,
  LinkView as PublicLink,
  MeResponse as Me,
  OrganizationAccessView as OrganizationAccess,
  ProjectAccessView as ProjectAccess,
  ProjectAccessRole,
  ShareResponse,
  ShareView as SharedUser,
  SharingResponse as SharingView,
  UserRef,
} from '../api/contract.js';

/** A data source one of the dashboard's widgets reads, with whether public links may show it (L7). */
export type WidgetSource = SharingResponse['dataSources'][number];
