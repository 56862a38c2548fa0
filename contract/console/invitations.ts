import { z } from 'zod';
import { Person } from './roster-schema';

/** Invitations: `POST /api/campaigns/:id/invitations/:invitationId/reminders`. */
export const Reminder = z.object({ channel: z.enum(['phone', 'zalo', 'sms', 'email', 'other']) });
export type Reminder = z.infer<typeof Reminder>;

export const InvitationStatus = z.enum([
  'not_opened',
  'opened',
  'in_progress',
  'submitted',
  'revoked',
]);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

/**
 * One invitation as `GET /api/campaigns/:id/invitations` lists it and `…/reissue|revoke`
 * answer it: the person, the link's state and, unless revoked, its link and short code.
 */
export const Invitation = z.object({
  id: z.string(),
  status: InvitationStatus,
  openedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  respondentId: z.string(),
  /** The person's fields, as the roster holds them. */
  ...Person.shape,
  unitName: z.string().nullable(),
  /** The group's name. */
  group: z.string(),
  /** The unit's name, else the workplace. */
  unit: z.string(),
  reminders: z.number().int(),
  lastReminderAt: z.string().nullable(),
  link: z.string().nullable(),
  shortCode: z.string().nullable(),
});
export type Invitation = z.infer<typeof Invitation>;

/** One person not yet answered, `GET /api/campaigns/:id/non-responders` (JSON unless format=csv). */
export const NonResponder = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string(),
  unit: z.string(),
  phone: z.string(),
  email: z.string(),
  status: InvitationStatus,
  statusName: z.string(),
  reminders: z.number().int(),
  lastReminderAt: z.string().nullable(),
});
export type NonResponder = z.infer<typeof NonResponder>;
