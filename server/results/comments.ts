import type { CommentStatus, CommentView } from '../../contract/console/comments';
import type { Definition } from '../../questionnaires';
import { toCsv } from '../csv';
import { type Db, inTransaction } from '../db/connect';
import { holdRewrite } from '../db/rewrite-rows';
import { ApiError } from '../errors';

/**
 * The free-text comments, kept apart from the answers (no link to a submission). A respondent
 * may name someone ("anh Tuấn ở bộ phận một cửa…"), so a comment is exported only after an
 * analyst has reviewed it and saved the version to publish, names blanked: `redactedText`. The
 * respondent's own text stays as written, for the analysts; an empty redacted text withholds the
 * comment from exports altogether.
 */

const statusOf = (redacted: string | null): CommentStatus =>
  redacted === null ? 'pending' : redacted === '' ? 'withheld' : 'cleared';

/**
 * Every comment of the campaign, by questionnaire, then in the order of their random ids. The
 * comments of a group with fewer forms than the method's minimum cell size come last, without
 * their group or questionnaire (a questionnaire often belongs to one group, so its title would
 * name the group): a comment of a group of one is that person's (docs/anonymity.md §5).
 */
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
  const small = await smallGroups(db, campaignId, definition.method.minCellSize);
  const hidden = `ẩn (nhóm dưới ${definition.method.minCellSize} phiếu)`;
  const views = rows.map((r): CommentView => {
    const base = { id: r.id, text: r.text, redactedText: r.redactedText };
    const status = statusOf(r.redactedText);
    if (small.has(r.groupCode)) {
      return {
        ...base,
        groupCode: '',
        groupName: hidden,
        questionnaireId: '',
        questionnaireTitle: hidden,
        status,
      };
    }
    return {
      ...base,
      groupCode: r.groupCode,
      groupName: definition.groups.find((g) => g.code === r.groupCode)?.name ?? r.groupCode,
      questionnaireId: r.questionnaireId,
      questionnaireTitle:
        definition.questionnaires.find((q) => q.id === r.questionnaireId)?.title ??
        r.questionnaireId,
      status,
    };
  });
  const shown = views.filter((v) => v.groupCode !== '');
  const pooled = views.filter((v) => v.groupCode === '').sort((a, b) => cmp(a.id, b.id));
  return [...shown, ...pooled];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The groups with fewer than `k` forms in the campaign. */
async function smallGroups(db: Db, campaignId: string, k: number): Promise<Set<string>> {
  const counts = await db
    .selectFrom('submission')
    .select(['groupCode', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', campaignId)
    .groupBy('groupCode')
    .execute();
  const big = new Set(counts.filter((c) => Number(c.n) >= k).map((c) => c.groupCode));
  const all = await db
    .selectFrom('comment')
    .select('groupCode')
    .distinct()
    .where('campaignId', '=', campaignId)
    .execute();
  return new Set(all.map((c) => c.groupCode).filter((g) => !big.has(g)));
}

/** Saves the version of a comment to publish ('' withholds it); 404 when it is not the campaign's. */
export async function redactComment(
  db: Db,
  campaignId: string,
  commentId: string,
  text: string,
): Promise<CommentStatus> {
  const redacted = text.normalize('NFC').trim();
  // Not while the anonymous rows are rewritten (server/db/rewrite-rows.ts): the comment's row
  // would be found deleted, and the redaction lost.
  const result = await inTransaction(db, async (trx) => {
    await holdRewrite(trx);
    return trx
      .updateTable('comment')
      .set({ redactedText: redacted })
      .where('campaignId', '=', campaignId)
      .where('id', '=', commentId)
      .executeTakeFirst();
  });
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
