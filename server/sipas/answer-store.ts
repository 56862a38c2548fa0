import { createHash, createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { SipasDefinition } from '../../questionnaires';
import type { Db } from '../db/connect';
import type { SipasChannel } from '../db/schema';
import { canonicalJson, randomId } from '../secrets';
import type { SipasAnswers } from './answer-validate';
import { vietnamTime } from './time';

export interface SipasFormInput {
  campaignId: string;
  pointId: string;
  channel: SipasChannel;
  /** Checked already (answer-validate.ts). */
  answers: SipasAnswers;
  comment?: string | undefined;
}

/** Every answer row of a form, sorted: one per option (a multiple choice gives several). */
function answerRows(answers: SipasAnswers): { questionId: string; option: string }[] {
  return Object.entries(answers)
    .flatMap(([questionId, value]) =>
      (Array.isArray(value) ? value : [value]).map((option) => ({ questionId, option })),
    )
    .sort((a, b) =>
      a.questionId === b.questionId
        ? a.option < b.option
          ? -1
          : 1
        : a.questionId < b.questionId
          ? -1
          : 1,
    );
}

/**
 * Whether a form counts as wholly satisfied (`sipas_hour.satisfied`): at least one satisfaction
 * question answered with a level, and every one so answered in its scale's `top` best levels.
 */
export function isSatisfied(definition: SipasDefinition, answers: SipasAnswers): boolean {
  const scales = new Map(definition.scales.map((s) => [s.code, s]));
  let answered = 0;
  for (const aspect of definition.aspects)
    for (const element of aspect.elements) {
      const scale = scales.get(element.scale);
      const value = answers[element.id];
      if (!scale || typeof value !== 'string') continue;
      const level = scale.options.findIndex((o) => o.code === value);
      if (level < 0) continue; // "Không trả lời"
      answered++;
      if (level < scale.options.length - scale.top) return false;
    }
  return answered > 0;
}

/**
 * Writes one checked SIPAS form inside the caller's transaction (issue #14): the form under a
 * fresh random id with no time, no device and no address; its answers; its comment apart (no
 * link to the form); +1 on the day's tallies; +1 form on the hour (+1 satisfied, +1 repeat when
 * a form with the same content came at this point this hour: `sipas_recent` keeps only an HMAC
 * of the hour and the content, deleted after the hour); +1 on the 10-minute slot — except on
 * paper, typed whenever the office has time, whose slot would say nothing.
 */
export async function storeSipasForm(
  trx: Db,
  form: SipasFormInput,
  definition: SipasDefinition,
  secret: string,
  now: Date,
): Promise<void> {
  const { campaignId, pointId, channel } = form;
  const { day, hour, slot } = vietnamTime(now);
  const rows = answerRows(form.answers);
  const comment = form.comment?.normalize('NFC').trim() ?? '';
  const content = canonicalJson({ answers: rows.map((r) => [r.questionId, r.option]), comment });
  const formId = randomId();
  await trx
    .insertInto('sipasForm')
    .values({
      id: formId,
      campaignId,
      pointId,
      channel,
      contentHash: createHash('sha256').update(formId).update(content).digest('base64url'),
    })
    .execute();
  if (rows.length > 0) {
    await trx
      .insertInto('sipasAnswer')
      .values(rows.map((r) => ({ formId, ...r })))
      .execute();
    await trx
      .insertInto('sipasTally')
      .values(rows.map((r) => ({ campaignId, pointId, day, channel, ...r, n: 1 })))
      .onConflict((oc) =>
        oc
          .columns(['campaignId', 'pointId', 'day', 'channel', 'questionId', 'option'])
          .doUpdateSet({ n: sql`${sql.ref('sipasTally.n')} + 1` }),
      )
      .execute();
  }
  if (comment)
    await trx
      .insertInto('sipasComment')
      .values({ id: randomId(), campaignId, pointId, text: comment })
      .execute();

  const recent = await trx
    .insertInto('sipasRecent')
    .values({
      pointId,
      hour,
      hash: createHmac('sha256', secret)
        .update(`sipas-recent:${hour}|${content}`)
        .digest('base64url'),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  const repeats = Number(recent.numInsertedOrUpdatedRows ?? 0n) === 0 ? 1 : 0;
  const satisfied = isSatisfied(definition, form.answers) ? 1 : 0;
  await trx
    .insertInto('sipasHour')
    .values({ campaignId, pointId, hour, channel, forms: 1, repeats, satisfied })
    .onConflict((oc) =>
      oc.columns(['campaignId', 'pointId', 'hour', 'channel']).doUpdateSet({
        forms: sql`${sql.ref('sipasHour.forms')} + 1`,
        repeats: sql`${sql.ref('sipasHour.repeats')} + ${repeats}`,
        satisfied: sql`${sql.ref('sipasHour.satisfied')} + ${satisfied}`,
      }),
    )
    .execute();
  if (channel !== 'paper')
    await trx
      .insertInto('sipasSlot')
      .values({ campaignId, pointId, slot, forms: 1 })
      .onConflict((oc) =>
        oc
          .columns(['campaignId', 'pointId', 'slot'])
          .doUpdateSet({ forms: sql`${sql.ref('sipasSlot.forms')} + 1` }),
      )
      .execute();
}
