import { z } from 'zod';

/** Invitations: `POST /api/campaigns/:id/invitations/:invitationId/reminders`. */
export const Reminder = z.object({ channel: z.enum(['phone', 'zalo', 'sms', 'email', 'other']) });
export type Reminder = z.infer<typeof Reminder>;
