import type { SipasPaperEntry, SipasPaperReply } from '../../contract/console/sipas-analysis';
import { cleanCode } from '../../contract/serial';
import { audit } from '../audit/log';
import type { SessionUser } from '../auth/session';
import { campaignPhase } from '../campaigns/phase';
import { type Db, inTransaction } from '../db/connect';
import { ApiError } from '../errors';
import { serialHash } from '../paper/serial';
import type { SipasContext } from './analysis-context';
import { storeSipasForm } from './answer-store';
import { requireValidSipasAnswers } from './answer-validate';

/**
 * A SIPAS paper form typed in by the office (issue #14.5): checked by the public form's own rules
 * (answer-validate.ts: every satisfaction question a level or «Không trả lời» — a box left blank
 * on paper is typed as «Không trả lời»), stored by the public form's own path (answer-store.ts)
 * on channel 'paper' — which writes no 10-minute slot: when a form was typed says nothing about
 * stuffing — in one transaction. Its serial (the office's own number on the form) is accepted
 * once per campaign; only its HMAC is kept, in `paper_serial`.
 */

interface Actor {
  user: SessionUser;
  ip: string;
}

const SERIAL = /^[0-9A-Z]{1,20}$/;
const PAPER_GROUP = 'SIPAS';

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
  requireValidSipasAnswers(definition, body.answers);
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
    await storeSipasForm(
      trx,
      {
        campaignId: campaign.id,
        pointId: point.id,
        channel: 'paper',
        answers: body.answers,
        comment: body.comment,
      },
      definition,
      secret,
      now,
    );
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
