/**
 * What the console API answers: the types inferred from contract/console/*.ts's zod schemas,
 * which the routes return and /api/openapi.json describes. Imported as types only, so no zod
 * reaches the bundle.
 */

export type {
  Column,
  ImportResult,
  ImportRow,
  ImportSummary,
  ManualMapping,
  Problem,
  RosterChoices,
  RosterField,
  Severity,
} from '../../contract/console/roster';

import type { Me, Session, User } from '../../contract/console/auth';
import type { Role } from '../../contract/console/users';

export type {
  Campaign,
  CampaignDetail,
  GroupInfo,
  Phase,
  UnitInfo,
} from '../../contract/console/campaigns';
export type { Me, Role, Session, User };

/** Campaigns, rosters, invitations and tracking with names: admin and officer only. */
export const isStaff = (role: Role) => role === 'admin' || role === 'officer';

/** Scores, runs, raw answers and comments: admin and analyst only (an officer never sees them). */
export const isAnalyst = (role: Role) => role === 'admin' || role === 'analyst';

export type {
  BulkReminderReply,
  Invitation,
  InvitationPage,
  InvitationStatus,
  NonResponder,
  NonResponderPage,
} from '../../contract/console/invitations';

export type { Tracking, TrackingCell } from '../../contract/console/tracking';
