import { z } from 'zod';

/** The free-text comments as the console lists them (`GET /api/campaigns/:id/comments`). */

export const CommentStatus = z.enum(['pending', 'cleared', 'withheld']);
export type CommentStatus = z.infer<typeof CommentStatus>;

export const CommentView = z.object({
  id: z.string(),
  groupCode: z.string(),
  groupName: z.string(),
  questionnaireId: z.string(),
  questionnaireTitle: z.string(),
  text: z.string(),
  redactedText: z.string().nullable(),
  status: CommentStatus,
});
export type CommentView = z.infer<typeof CommentView>;

/** `PUT /api/campaigns/:id/comments/:commentId`: the version to publish, names blanked. */
export const Redaction = z.object({ text: z.string().max(10_000) });
export type Redaction = z.infer<typeof Redaction>;

/** What `PUT /api/campaigns/:id/comments/:commentId` answers: the comment's new status. */
export const Redacted = z.object({ id: z.string(), status: CommentStatus });
export type Redacted = z.infer<typeof Redacted>;
