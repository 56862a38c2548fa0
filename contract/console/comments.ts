import { z } from 'zod';

/** The free-text comments as the console lists them (`GET /api/campaigns/:id/comments`). */

export type CommentStatus = 'pending' | 'cleared' | 'withheld';

export interface CommentView {
  id: string;
  groupCode: string;
  groupName: string;
  questionnaireId: string;
  questionnaireTitle: string;
  text: string;
  redactedText: string | null;
  status: CommentStatus;
}

/** `PUT /api/campaigns/:id/comments/:commentId`: the version to publish, names blanked. */
export const Redaction = z.object({ text: z.string().max(10_000) });
export type Redaction = z.infer<typeof Redaction>;
