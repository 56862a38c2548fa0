import type { Kysely } from 'kysely';
import type { AnswerCount, Counts, FormCount } from '../../analysis/types';
import { type Definition, GRADED_OPTIONS, type Question } from '../../questionnaires/schema';
import { inSnapshot } from '../db/connect';
import type { Database } from '../db/schema';

/**
 * The database side of scoring. Scoring reads the running tallies kept in each submit's
 * transaction (`answer_tally`, `form_tally`): a few thousand rows whatever the number of
 * answers. The recount functions compute the same counts from the raw answers with GROUP BY —
 * slower, for verifying the tallies (an auditor's check), never on the hot path.
 */

/**
 * Answers per unit × questionnaire × question × group × option (E included), from the tally: the
 * sum of its parts (migration 0020; one part on SQLite).
 */
export async function countAnswers(
  db: Kysely<Database>,
  campaignId: string,
): Promise<AnswerCount[]> {
  const rows = await db
    .selectFrom('answerTally')
    .select((eb) => [
      'unitCode',
      'questionnaireId',
      'questionId',
      'groupCode',
      'option',
      eb.fn.sum<number | string>('n').as('n'),
    ])
    .where('campaignId', '=', campaignId)
    .groupBy(['unitCode', 'questionnaireId', 'questionId', 'groupCode', 'option'])
    .having((eb) => eb.fn.sum('n'), '>', 0)
    .orderBy('unitCode')
    .orderBy('questionnaireId')
    .orderBy('questionId')
    .orderBy('groupCode')
    .orderBy('option')
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Forms with a valid answer per unit × criterion × group, from the tally (its parts summed). */
export async function countForms(db: Kysely<Database>, campaignId: string): Promise<FormCount[]> {
  const rows = await db
    .selectFrom('formTally')
    .select((eb) => [
      'unitCode',
      'criterionCode',
      'groupCode',
      eb.fn.sum<number | string>('n').as('n'),
    ])
    .where('campaignId', '=', campaignId)
    .groupBy(['unitCode', 'criterionCode', 'groupCode'])
    .having((eb) => eb.fn.sum('n'), '>', 0)
    .orderBy('unitCode')
    .orderBy('criterionCode')
    .orderBy('groupCode')
    .execute();
  return rows.map((r) => ({
    unitCode: r.unitCode,
    criterion: r.criterionCode,
    groupCode: r.groupCode,
    n: Number(r.n),
  }));
}

/** The query behind `recountAnswers`, for EXPLAIN or to compose. */
export function answerCountQuery(db: Kysely<Database>, campaignId: string) {
  return db
    .selectFrom('answer')
    .select((eb) => [
      'unitCode',
      'questionnaireId',
      'questionId',
      'groupCode',
      'option',
      eb.fn.countAll().as('n'),
    ])
    .where('campaignId', '=', campaignId)
    .groupBy(['unitCode', 'questionnaireId', 'questionId', 'groupCode', 'option']);
}

/** `countAnswers` recomputed from the raw answers (GROUP BY), to verify the tally. */
export async function recountAnswers(
  db: Kysely<Database>,
  campaignId: string,
): Promise<AnswerCount[]> {
  const rows = await answerCountQuery(db, campaignId).execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * `countForms` recomputed from the raw answers. Forms per unit × criterion × group with at least one valid (A–D) answer to a question on
 * that criterion about that unit: the small-group rule's count. Questions map to criteria in
 * the definition, not in the database, so the mapping goes into the query as a CASE; a form
 * answering two questions on one criterion still counts once (COUNT DISTINCT). Answers to
 * questions the definition does not have are left out here; scoring refuses them.
 */
export async function recountForms(
  db: Kysely<Database>,
  campaignId: string,
  definition: Definition,
): Promise<FormCount[]> {
  const query = formCountQuery(db, campaignId, definition);
  if (!query) return [];
  const rows = await query.execute();
  return rows.map((r) => ({
    unitCode: r.unitCode,
    criterion: r.criterion ?? '',
    groupCode: r.groupCode,
    n: Number(r.n),
  }));
}

/** The query behind `recountForms`, for EXPLAIN or to compose; undefined without questions. */
export function formCountQuery(db: Kysely<Database>, campaignId: string, definition: Definition) {
  const questionnaires = definition.questionnaires.filter((q) => q.questions.length > 0);
  if (questionnaires.length === 0) return undefined;
  return db
    .selectFrom((sub) =>
      sub
        .selectFrom('answer')
        .select((eb) => {
          // A simple CASE per column (questionnaire, then question) compares plain values:
          // about three times faster on SQLite than one searched CASE over both columns.
          // (The `?? ''` only satisfy noUncheckedIndexedAccess: the lists are not empty.)
          const criterionOf = ([x, ...xs]: Question[]) => {
            let c = eb
              .case('questionId')
              .when(x?.id ?? '')
              .then(x?.criterion ?? null);
            for (const y of xs) c = c.when(y.id).then(y.criterion);
            return c.else(null).end();
          };
          const [first, ...rest] = questionnaires;
          let criterion = eb
            .case('questionnaireId')
            .when(first?.id ?? '')
            .then(criterionOf(first?.questions ?? []));
          for (const q of rest) criterion = criterion.when(q.id).then(criterionOf(q.questions));
          return [
            'unitCode',
            'groupCode',
            'submissionId',
            criterion.else(null).end().as('criterion'),
          ];
        })
        .where('campaignId', '=', campaignId)
        // Step 1: only valid answers make a form count; E is "Không biết/Không trả lời".
        .where('option', 'in', [...GRADED_OPTIONS])
        .as('valid'),
    )
    .select((eb) => [
      'unitCode',
      'criterion',
      'groupCode',
      eb.fn.count('submissionId').distinct().as('n'),
    ])
    .where('criterion', 'is not', null)
    .groupBy(['unitCode', 'criterion', 'groupCode']);
}

/**
 * Both counts of a campaign, ready for `scoreUnits`, read in one transaction so that they
 * describe the same submissions (inside the caller's transaction when `db` is one).
 */
export function loadCounts(db: Kysely<Database>, campaignId: string): Promise<Counts> {
  const read = async (trx: Kysely<Database>): Promise<Counts> => ({
    answers: await countAnswers(trx, campaignId),
    forms: await countForms(trx, campaignId),
  });
  return inSnapshot(db, read);
}
