import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { SipasPaperEntry, SipasPaperReply } from '../../contract/console/sipas-analysis';
import { cleanCode } from '../../contract/serial';
import { audit } from '../audit/log';
import type { SessionUser } from '../auth/session';
import { campaignPhase } from '../campaigns/phase';
import { type Db, inTransaction } from '../db/connect';
import { ApiError } from '../errors';
import { serialHash } from '../paper/serial';
import { randomId } from '../secrets';
import type { SipasContext } from './analysis-context';
import { checkSipasAnswers, isSatisfied, type SipasAnswers } from './paper-check';

/**
 * A SIPAS paper form typed in by the office (issue #14.5): checked like the public form's answers,
 * stored the same way — an anonymous `sipas_form` (channel 'paper') with its answers and comment,
 * +1 on the day's tallies and the hour's forms — in one transaction. Its serial (the office's
 * own number on the form) is accepted once per campaign; only its HMAC is kept, in
 * `paper_serial`. No `sipas_slot` row: when a form was typed says nothing about stuffing.
 */

interface Actor {
  user: SessionUser;
  ip: string;
}

const SERIAL = /^[0-9A-Z]{1,20}$/;
const PAPER_GROUP = 'SIPAS';

/** Vietnam time (UTC+7 all year): 'YYYY-MM-DD' and 'YYYY-MM-DDTHH'. */
function vietnamHour(now: Date) {
  const iso = new Date(now.getTime() + 7 * 3600_000).toISOString();
  return { day: iso.slice(0, 10), hour: iso.slice(0, 13) };
}

function contentHash(answers: SipasAnswers, comment: string) {
  const lines = Object.entries(answers)
    .flatMap(([q, v]) => (typeof v === 'string' ? [v] : [...v].sort()).map((o) => `${q}\t${o}`))
    .sort();
  return createHash('sha256')
    .update(`${lines.join('\n')}\n#${comment}`)
    .digest('base64url');
}

export async function enterSipasPaper(
  db: Db,
  secret: string,
  ctx: SipasContext,
  body: SipasPaperEntry,
  actor: Actor,
  now = new Date(),
): Promise<SipasPaperReply> {
  const { campaign, definition } = ctx;
  if (campaignPhase(campaign, now) === 'not_open')
    throw new ApiError(
      409,
      'campaign_not_open',
      'Đợt khảo sát chưa mở: chưa nhập được phiếu giấy.',
    );
  const serial = cleanCode(body.serial);
  if (!SERIAL.test(serial))
    throw new ApiError(
      422,
      'invalid_serial',
      'Số phiếu chỉ gồm chữ không dấu và chữ số (tối đa 20 ký tự, có thể có gạch ngang), ví dụ HQ-0001.',
    );
  const point = await db
    .selectFrom('collectionPoint')
    .select(['id'])
    .where('campaignId', '=', campaign.id)
    .where('id', '=', body.pointId)
    .executeTakeFirst();
  if (!point)
    throw new ApiError(404, 'unknown_point', 'Không có điểm thu thập này trong đợt khảo sát.');
  const problems = checkSipasAnswers(definition, body.answers);
  if (Object.keys(body.answers).length === 0)
    problems.push({ questionId: '', message: 'Phiếu chưa có câu trả lời nào.' });
  if (problems.length > 0)
    throw new ApiError(422, 'invalid_answers', 'Câu trả lời chưa hợp lệ.', problems);
  const comment = (body.comment ?? '').normalize('NFC').trim();
  const { day, hour } = vietnamHour(now);
  const hash = serialHash(secret, `sipas:${campaign.id}:${serial}`);
  await inTransaction(db, async (trx) => {
    // A locked run publishes the counts: nothing more may enter them.
    const locked = await trx
      .selectFrom('sipasRun')
      .select('id')
      .where('campaignId', '=', campaign.id)
      .where('lockedAt', 'is not', null)
      .executeTakeFirst();
    if (locked)
      throw new ApiError(
        409,
        'results_locked',
        'Kết quả SIPAS của đợt đã được khóa để công bố: không nhập thêm phiếu giấy.',
      );
    const seen = await trx
      .selectFrom('paperSerial')
      .select('serialHash')
      .where('serialHash', '=', hash)
      .executeTakeFirst();
    if (seen) throw new ApiError(409, 'serial_used', `Phiếu số ${serial} đã được nhập.`);
    await trx
      .insertInto('paperSerial')
      .values({ serialHash: hash, campaignId: campaign.id, groupCode: PAPER_GROUP, entered: 1 })
      .execute();
    const formId = randomId();
    await trx
      .insertInto('sipasForm')
      .values({
        id: formId,
        campaignId: campaign.id,
        pointId: point.id,
        channel: 'paper',
        contentHash: contentHash(body.answers, comment),
      })
      .execute();
    const chosen = Object.entries(body.answers).flatMap(([questionId, v]) =>
      (typeof v === 'string' ? [v] : [...v]).map((option) => ({ questionId, option })),
    );
    await trx
      .insertInto('sipasAnswer')
      .values(chosen.map((a) => ({ formId, ...a })))
      .execute();
    if (comment)
      await trx
        .insertInto('sipasComment')
        .values({
          id: randomId(),
          campaignId: campaign.id,
          pointId: point.id,
          text: comment,
          redacted: null,
        })
        .execute();
    for (const a of chosen)
      await trx
        .insertInto('sipasTally')
        .values({ campaignId: campaign.id, pointId: point.id, day, channel: 'paper', ...a, n: 1 })
        .onConflict((oc) =>
          oc
            .columns(['campaignId', 'pointId', 'day', 'channel', 'questionId', 'option'])
            .doUpdateSet({ n: sql`${sql.ref('sipasTally.n')} + 1` }),
        )
        .execute();
    const satisfied = isSatisfied(definition, body.answers) ? 1 : 0;
    await trx
      .insertInto('sipasHour')
      .values({
        campaignId: campaign.id,
        pointId: point.id,
        hour,
        channel: 'paper',
        forms: 1,
        repeats: 0,
        satisfied,
      })
      .onConflict((oc) =>
        oc.columns(['campaignId', 'pointId', 'hour', 'channel']).doUpdateSet({
          forms: sql`${sql.ref('sipasHour.forms')} + 1`,
          satisfied: sql`${sql.ref('sipasHour.satisfied')} + ${satisfied}`,
        }),
      )
      .execute();
  });
  await audit(db, {
    user: actor.user,
    action: 'sipas_paper_entered',
    campaignId: campaign.id,
    target: point.id,
    ip: actor.ip,
  });
  return { serial, pointId: point.id };
}
