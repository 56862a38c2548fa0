import type { Definition } from '../../questionnaires';
import { toCsv } from '../csv';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';

/**
 * The free-text comments, kept apart from the answers (no link to a submission). A respondent
 * may name someone ("anh Tuấn ở bộ phận một cửa…"), so a comment is exported only after an
 * analyst has reviewed it and saved the version to publish, names blanked: `redactedText`. The
 * respondent's own text stays as written, for the analysts; an empty redacted text withholds the
 * comment from exports altogether.
 */

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

const statusOf = (redacted: string | null): CommentStatus =>
  redacted === null ? 'pending' : redacted === '' ? 'withheld' : 'cleared';

/** Every comment of the campaign, by questionnaire, then in the order of their random ids. */
export async function listComments(
  db: Db,
  campaignId: string,
  definition: Definition,
): Promise<CommentView[]> {
  const rows = await db
    .selectFrom('comment')
    .select(['id', 'groupCode', 'questionnaireId', 'text', 'redactedText'])
    .where('campaignId', '=', campaignId)
    .orderBy('questionnaireId')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    groupCode: r.groupCode,
    groupName: definition.groups.find((g) => g.code === r.groupCode)?.name ?? r.groupCode,
    questionnaireId: r.questionnaireId,
    questionnaireTitle:
      definition.questionnaires.find((q) => q.id === r.questionnaireId)?.title ?? r.questionnaireId,
    text: r.text,
    redactedText: r.redactedText,
    status: statusOf(r.redactedText),
  }));
}

/** Saves the version of a comment to publish ('' withholds it); 404 when it is not the campaign's. */
export async function redactComment(
  db: Db,
  campaignId: string,
  commentId: string,
  text: string,
): Promise<CommentStatus> {
  const redacted = text.normalize('NFC').trim();
  const result = await db
    .updateTable('comment')
    .set({ redactedText: redacted })
    .where('campaignId', '=', campaignId)
    .where('id', '=', commentId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new ApiError(404, 'not_found', 'Không tìm thấy ý kiến này.');
  return statusOf(redacted);
}

export const COMMENT_COLUMNS = [
  'group_code',
  'group',
  'questionnaire_id',
  'questionnaire',
  'comment',
] as const;

/** Only the cleared comments, as the analyst redacted them; UTF-8 with BOM. */
export function commentsCsv(comments: readonly CommentView[]): string {
  const rows = comments
    .filter((c) => c.status === 'cleared')
    .map((c) => ({
      group_code: c.groupCode,
      group: c.groupName,
      questionnaire_id: c.questionnaireId,
      questionnaire: c.questionnaireTitle,
      comment: (c.redactedText ?? '').normalize('NFC'),
    }));
  return toCsv([...COMMENT_COLUMNS], rows);
}
