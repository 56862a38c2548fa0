import type {
  SipasPaperEntry,
  SipasPaperReply,
  SipasSerialLookup,
} from '../../contract/console/sipas-analysis';
import { cleanCode, SERIAL_ALPHABET, SERIAL_BODY } from '../../contract/serial';
import { audit } from '../audit/log';
import type { SessionUser } from '../auth/session';
import { campaignPhase } from '../campaigns/phase';
import { type Db, inTransaction } from '../db/connect';
import { ApiError } from '../errors';
import { formatSerial, parseSerial, serialHash } from '../paper/serial';
import type { SipasContext } from './analysis-context';
import { storeSipasForm } from './answer-store';
import { requireValidSipasAnswers } from './answer-validate';

/**
 * A SIPAS paper form typed in by the office (issue #14.5): checked by the public form's own rules
 * (answer-validate.ts: every satisfaction question a level or «Không trả lời» — a box left blank
 * on paper is typed as «Không trả lời»), stored by the public form's own path (answer-store.ts)
 * on channel 'paper' — which writes no 10-minute slot: when a form was typed says nothing about
 * stuffing — in one transaction. Its serial (the office's own number on the form) is accepted
 * once per campaign; only its HMAC is kept, in `paper_serial`. A serial of the printed forms
 * (paper-print.ts: 9 characters of the PAR sheets' alphabet, the last a check character) must be
 * one this campaign printed and is marked entered; any other number is the office's own (forms it
 * numbered by hand, "HQ-0001") and is recorded as it is entered.
 */

interface Actor {
  user: SessionUser;
  ip: string;
}

const SERIAL = /^[0-9A-Z]{1,20}$/;
/** The `group_code` of a SIPAS paper serial (a PAR campaign's serials carry their group's). */
export const SIPAS_PAPER_GROUP = 'SIPAS';

/** Looks like a printed serial: the 9 characters of the printed alphabet. */
const printedShape = (serial: string) =>
  serial.length === SERIAL_BODY + 1 && [...serial].every((ch) => SERIAL_ALPHABET.includes(ch));

const INVALID_PRINTED =
  'Số phiếu không đúng: có ký tự gõ nhầm hoặc đảo chỗ (ký tự cuối là ký tự kiểm tra). Hãy đối chiếu lại từng ký tự với số in trên phiếu.';

const notPrinted = (shown: string) =>
  new ApiError(
    404,
    'serial_not_found',
    `Không tìm thấy số phiếu ${shown} trong các phiếu giấy đã in của đợt khảo sát.`,
  );

/**
 * A typed serial, checked (422 `invalid_serial`), as shown to people and as its HMAC. A printed
 * serial is hashed as the PAR sheets' (createSerials); the office's own numbers with the
 * campaign, so that "HQ-0001" of two campaigns are two serials.
 */
function serialKey(secret: string, campaignId: string, typed: string) {
  const serial = cleanCode(typed);
  if (!SERIAL.test(serial))
    throw new ApiError(
      422,
      'invalid_serial',
      'Số phiếu chỉ gồm chữ không dấu và chữ số (tối đa 20 ký tự, có thể có gạch ngang), ví dụ HQ-0001.',
    );
  const printed = printedShape(serial);
  if (printed && !parseSerial(serial)) throw new ApiError(422, 'invalid_serial', INVALID_PRINTED);
  return {
    serial,
    printed,
    shown: printed ? formatSerial(serial) : serial,
    hash: printed
      ? serialHash(secret, serial)
      : serialHash(secret, `sipas:${campaignId}:${serial}`),
  };
}

/**
 * `GET …/sipas/paper/serials/:serial`: whether a serial was entered already, asked as soon as it
 * is typed, before its boxes are (as the PAR sheets' lookup). A printed serial this campaign never
 * printed is 404 `serial_not_found`; the office's own numbers are free until entered. Reads only.
 */
export async function lookupSipasSerial(
  db: Db,
  secret: string,
  campaignId: string,
  typed: string,
): Promise<SipasSerialLookup> {
  const { printed, shown, hash } = serialKey(secret, campaignId, typed);
  let query = db
    .selectFrom('paperSerial')
    .select('entered')
    .where('serialHash', '=', hash)
    .where('campaignId', '=', campaignId);
  if (printed) query = query.where('groupCode', '=', SIPAS_PAPER_GROUP);
  const row = await query.executeTakeFirst();
  if (!row && printed) throw notPrinted(shown);
  return { serial: shown, entered: row?.entered === 1 };
}

/** A locked run publishes the counts: the entry refuses, the console says so. */
export async function sipasLocked(db: Db, campaignId: string): Promise<boolean> {
  const run = await db
    .selectFrom('sipasRun')
    .select('id')
    .where('campaignId', '=', campaignId)
    .where('lockedAt', 'is not', null)
    .executeTakeFirst();
  return run !== undefined;
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
  const { serial, printed, shown, hash } = serialKey(secret, campaign.id, body.serial);
  const point = await db
    .selectFrom('collectionPoint')
    .select(['id'])
    .where('campaignId', '=', campaign.id)
    .where('id', '=', body.pointId)
    .executeTakeFirst();
  if (!point)
    throw new ApiError(404, 'unknown_point', 'Không có điểm thu thập này trong đợt khảo sát.');
  requireValidSipasAnswers(definition, body.answers);
  await inTransaction(db, async (trx) => {
    if (await sipasLocked(trx, campaign.id))
      throw new ApiError(
        409,
        'results_locked',
        'Kết quả SIPAS của đợt đã được khóa để công bố: không nhập thêm phiếu giấy.',
      );
    const used = () => new ApiError(409, 'serial_used', `Phiếu số ${shown} đã được nhập.`);
    if (printed) {
      const row = await trx
        .selectFrom('paperSerial')
        .select('entered')
        .where('serialHash', '=', hash)
        .where('campaignId', '=', campaign.id)
        .where('groupCode', '=', SIPAS_PAPER_GROUP)
        .executeTakeFirst();
      if (!row) throw notPrinted(shown);
      // Marked only if it was not: of two entries of one serial at once, one wins.
      const marked = await trx
        .updateTable('paperSerial')
        .set({ entered: 1 })
        .where('serialHash', '=', hash)
        .where('entered', '=', 0)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) throw used();
    } else {
      const seen = await trx
        .selectFrom('paperSerial')
        .select('serialHash')
        .where('serialHash', '=', hash)
        .executeTakeFirst();
      if (seen) throw used();
      await trx
        .insertInto('paperSerial')
        .values({
          serialHash: hash,
          campaignId: campaign.id,
          groupCode: SIPAS_PAPER_GROUP,
          entered: 1,
        })
        .execute();
    }
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
