/** Shapes of the sharing and public-link API answers as the share dialog reads them: the contract's. */
export type {
  AccessWarning,
  LinkView as PublicLink,
  MeResponse as Me,
  OrganizationAccessView as OrganizationAccess,
  ProjectAccessView as ProjectAccess,
  ShareView as SharedUser,
  SharingResponse as SharingView,
} from '../api/contract.js';
