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
