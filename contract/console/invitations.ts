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
  /** The last status change (opened, started, submitted, revoked), else the invitation's creation. */
  changedAt: z.string(),
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

/** One page of a people list and how many rows match in all (contract/console/invitation-list.ts). */
const paged = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Rows matching the filters and the search, over every page. */
    total: z.number().int(),
    /** 1-based; past the last page `items` is empty. */
    page: z.number().int(),
    pageSize: z.number().int(),
  });

/**
 * `GET /api/campaigns/:id/invitations?page=&pageSize=&q=&status=&group=&unit=&sort=&ids=`: one
 * page of the invitations, and the QR slips the same filters would print (`…/slips`: only links
 * not submitted nor revoked) with their A4 page count per layout (slips per page): `pages` unit
 * after unit (`arrange=units` or `packed`), `unitPages` each unit on a new page.
 */
const PerLayout = z.object({ '1': z.number().int(), '4': z.number().int(), '8': z.number().int() });
export const InvitationPage = paged(Invitation).extend({
  slips: z.object({ count: z.number().int(), pages: PerLayout, unitPages: PerLayout }),
});
export type InvitationPage = z.infer<typeof InvitationPage>;

/** One person not yet answered, in `GET /api/campaigns/:id/non-responders` (JSON unless format=csv). */
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

/** `GET /api/campaigns/:id/non-responders?page=&pageSize=&q=&group=&unit=&sort=`: one page. */
export const NonResponderPage = paged(NonResponder);
export type NonResponderPage = z.infer<typeof NonResponderPage>;

/**
 * `POST /api/campaigns/:id/reminders`: the officer reminded many at once (a Zalo
 * group, a round of calls) and records it for each — the rows picked (`ids`, at most 500) or
 * every row a list's filters match (`filter`, as `GET …/invitations` takes them). Only links
 * still live (not submitted, not revoked) are counted.
 */
export const BulkReminder = z
  .object({
    channel: Reminder.shape.channel,
    ids: z.array(z.string().min(1).max(64)).min(1).max(500).optional(),
    filter: z
      .object({
        q: z.string().max(100).optional(),
        status: z.array(InvitationStatus).optional(),
        group: z.string().max(100).optional(),
        unit: z.string().max(100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((b) => (b.ids === undefined) !== (b.filter === undefined), {
    message: 'Cần đúng một trong hai: danh sách người đã chọn (ids) hoặc bộ lọc (filter).',
  });
export type BulkReminder = z.infer<typeof BulkReminder>;

/** How many reminders were recorded (one per live invitation matched). */
export const BulkReminderReply = z.object({ recorded: z.number().int() });
export type BulkReminderReply = z.infer<typeof BulkReminderReply>;
