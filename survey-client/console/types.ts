/**
 * What the console API answers (server/auth/routes.ts, server/campaigns/routes.ts,
 * server/invitations/routes.ts, server/tracking/routes.ts). The routes infer their shapes, so
 * they are written out here; the roster's come from contract/console/roster.ts.
 */

export type {
  Column,
  ImportResult,
  ImportRow,
  ImportSummary,
  ManualMapping,
  Problem,
  RosterField,
  Severity,
} from '../../contract/console/roster';

import type { Session, User } from '../../contract/console/auth';
import type { Role } from '../../contract/console/users';

export type {
  Campaign,
  CampaignDetail,
  GroupInfo,
  Phase,
  UnitInfo,
} from '../../contract/console/campaigns';
export type { Role, Session, User };

/** Campaigns, rosters, invitations and tracking with names: admin and officer only. */
export const isStaff = (role: Role) => role === 'admin' || role === 'officer';

/** Scores, runs, raw answers and comments: admin and analyst only (an officer never sees them). */
export const isAnalyst = (role: Role) => role === 'admin' || role === 'analyst';

export type {
  Invitation,
  InvitationStatus,
  NonResponder,
} from '../../contract/console/invitations';

export type { Tracking, TrackingCell } from '../../contract/console/tracking';
