import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Answer } from '../../contract/respondent';
import type { Db } from '../db/connect';
import type { AnswerTable } from '../db/schema';
import { randomId } from '../secrets';
import { insertRows } from './bulk-insert';
import { addToTallies } from './tally';

/** Rows per INSERT: stays far below SQLite's limit of 32,766 bound parameters. */
const CHUNK = 400;

const answerKey = (a: Answer) => `${a.questionnaireId}\u0000${a.questionId}\u0000${a.unitCode}`;

const insertAnswers = (db: Db, rows: Insertable<AnswerTable>[]) =>
  db.insertInto('answer').values(rows);

export interface AnonymousForm {
  campaignId: string;
  groupCode: string;
  answers: Answer[];
  comments?: Record<string, string> | undefined;
  demographics?: Record<string, string> | undefined;
}

/**
 * Writes one checked form, online or on paper: a submission under a fresh random id that nothing
 * links back, its answers, the tallies, its comments (apart, no link to the submission) and
 * demographics. Runs inside the caller's transaction (`trx`), which also claims whatever makes
 * the form count once (the invitation online, the serial on paper).
 */
export async function insertAnonymousForm(
  trx: Db,
  form: AnonymousForm,
  criteria: Map<string, string>,
): Promise<void> {
  const { campaignId, groupCode } = form;
  const submissionId = randomId();
  // Sorted so that the content hash does not depend on the order the answers were sent in (each
  // key made once, not once per comparison).
  const keyed = form.answers.map((a) => ({ a, key: answerKey(a) }));
  keyed.sort((x, y) => (x.key < y.key ? -1 : 1));
  const answers = keyed.map((k) => k.a);
  const contentHash = createHash('sha256')
    .update(submissionId)
    .update(keyed.map((k) => `${k.key}\u0000${k.a.option}`).join('\n'))
    .digest('base64url');
  await trx
    .insertInto('submission')
    .values({ id: submissionId, campaignId, groupCode, contentHash })
    .execute();
  for (let i = 0; i < answers.length; i += CHUNK) {
    await insertRows(
      trx,
      insertAnswers,
      answers.slice(i, i + CHUNK).map((a) => ({
        submissionId,
        campaignId,
        groupCode,
        questionnaireId: a.questionnaireId,
        questionId: a.questionId,
        unitCode: a.unitCode,
        option: a.option,
      })),
    );
  }
  const comments = Object.entries(form.comments ?? {}).filter(([, text]) => text.trim() !== '');
  if (comments.length > 0) {
    await trx
      .insertInto('comment')
      .values(
        comments.map(([questionnaireId, text]) => ({
          id: randomId(),
          campaignId,
          groupCode,
          questionnaireId,
          text: text.normalize('NFC').trim(),
        })),
      )
      .execute();
  }
  const demographics = Object.entries(form.demographics ?? {}).filter(([, v]) => v !== '');
  if (demographics.length > 0) {
    await trx
      .insertInto('demographic')
      .values(
        demographics.map(([key, value]) => ({ submissionId, key, value: value.normalize('NFC') })),
      )
      .execute();
  }
  // Last: every form of a group on the same units adds to the same tally rows, and on
  // PostgreSQL their row locks are held until the commit, so concurrent submits queue on them
  // (SQLite has one writer anyway). Taken just before the caller commits, they are held for
  // two statements and the commit instead of for the whole form.
  await addToTallies(trx, campaignId, groupCode, answers, criteria);
}
