import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { SipasSubmitBody } from '../../contract/sipas';
import { CHALLENGE_TTL_MS, checkProof } from '../auth/proof';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { newReceipt } from '../secrets';
import {
  CODE_USED_MESSAGE,
  findSipasCode,
  type PublicPoint,
  requireOpen,
  UNKNOWN_CODE_MESSAGE,
} from './answer-queries';
import { storeSipasForm } from './answer-store';
import { requireValidSipasAnswers } from './answer-validate';
import { sipasCodeHash } from './code-hash';
import { deviceDayKey, proofSubject } from './device';
import { vietnamTime } from './time';

export const DEVICE_LIMIT_MESSAGE = 'Ông/Bà đã góp ý cho điểm này hôm nay. Cảm ơn Ông/Bà!';

/** What the database keeps to know a retry: HMAC(secret, point + the form's submission id). */
const receiptKey = (secret: string, pointId: string, submissionId: string) =>
  createHmac('sha256', secret)
    .update(`sipas-receipt:${pointId}|${submissionId}`)
    .digest('base64url');

async function storedReceipt(db: Db, key: string) {
  const row = await db
    .selectFrom('sipasReceipt')
    .select('receipt')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.receipt;
}

/** Thrown inside the transaction when an identical submit won the race: answer as a retry. */
class Raced extends Error {}

/** How many answers this device gave at this point today (for the form's first screen). */
export async function answersToday(
  db: Db,
  secret: string,
  device: string,
  pointId: string,
  now: Date,
) {
  const row = await db
    .selectFrom('sipasDeviceDay')
    .select('n')
    .where('key', '=', deviceDayKey(secret, device, pointId, vietnamTime(now).day))
    .executeTakeFirst();
  return row?.n ?? 0;
}

/**
 * One SIPAS answer (issue #14), in this order: a retry of a stored answer gets its receipt back;
 * the campaign must be open; the proof of work must be genuine, for this device and point, in
 * time and solved; the answers valid. Then ONE transaction: the proof is spent (once, across
 * processes: `sipas_proof`), the one-time code is used (`used = 0 → 1`) or else the device's
 * count for the day grows within the point's limit, the receipt is kept for retries, and the
 * form is stored with its counts. Any refusal inside leaves nothing written.
 */
export async function submitSipasAnswer(
  db: Db,
  secret: string,
  found: PublicPoint,
  body: SipasSubmitBody,
  device: string | null,
  now = new Date(),
): Promise<{ receipt: string; created: boolean }> {
  const { point, campaign, definition } = found;
  const key = receiptKey(secret, point.id, body.submissionId);
  const earlier = await storedReceipt(db, key);
  if (earlier) return { receipt: earlier, created: false };

  requireOpen(campaign, now);
  if (!body.proof)
    throw new ApiError(
      400,
      'proof_required',
      'Thiếu bằng chứng tính toán: xin tải lại trang rồi gửi lại.',
    );
  if (!device)
    throw new ApiError(
      400,
      'no_device',
      'Trình duyệt chưa giữ phiên trả lời (cookie). Xin cho phép cookie cho trang này, tải lại trang rồi gửi lại.',
    );
  const proof = checkProof(
    secret,
    'sipas',
    proofSubject(device, point.id),
    body.proof,
    now.getTime(),
  );
  if (!proof.ok) {
    if (proof.reason === 'expired')
      throw new ApiError(400, 'proof_expired', 'Phiên trả lời đã quá hạn: xin gửi lại.');
    throw new ApiError(
      400,
      'proof_invalid',
      'Bằng chứng tính toán không hợp lệ: xin tải lại trang rồi gửi lại.',
    );
  }
  requireValidSipasAnswers(definition, body.answers);

  if (body.code !== undefined) {
    const code = await findSipasCode(db, secret, body.code);
    if (!code || code.pointId !== point.id)
      throw new ApiError(404, 'unknown_code', UNKNOWN_CODE_MESSAGE);
  }
  const { day } = vietnamTime(now);
  const receipt = newReceipt();
  try {
    await db.transaction().execute(async (trx) => {
      const spent = await trx
        .insertInto('sipasProof')
        .values({
          id: proof.id,
          expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString(),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(spent.numInsertedOrUpdatedRows ?? 0n) === 0)
        throw new ApiError(
          400,
          'proof_used',
          'Bằng chứng tính toán này đã được dùng: xin gửi lại.',
        );
      if (body.code !== undefined) {
        const used = await trx
          .updateTable('sipasCode')
          .set({ used: 1 })
          .where('codeHash', '=', sipasCodeHash(secret, body.code))
          .where('used', '=', 0)
          .executeTakeFirst();
        if (Number(used.numUpdatedRows) === 0)
          throw new ApiError(409, 'code_used', CODE_USED_MESSAGE);
      } else {
        await countDevice(trx, deviceDayKey(secret, device, point.id, day), day, point.dailyLimit);
      }
      const kept = await trx
        .insertInto('sipasReceipt')
        .values({ key, receipt, day })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(kept.numInsertedOrUpdatedRows ?? 0n) === 0) throw new Raced();
      await storeSipasForm(
        trx,
        {
          campaignId: campaign.id,
          pointId: point.id,
          channel: body.code !== undefined ? 'code' : 'poster',
          answers: body.answers,
          comment: body.comment,
        },
        definition,
        secret,
        now,
      );
    });
  } catch (err) {
    // Two identical submits at once (a retry racing the first): the loser answers as a retry.
    if (err instanceof Raced || (err instanceof ApiError && err.code === 'proof_used')) {
      const stored = await storedReceipt(db, key);
      if (stored) return { receipt: stored, created: false };
    }
    throw err;
  }
  return { receipt, created: true };
}

/**
 * +1 on this device's answers at this point today, only while under the point's daily limit
 * (0: no limit): one upsert whose update is conditional, so two answers at once cannot both
 * pass. 429 `device_limit` otherwise.
 */
async function countDevice(trx: Db, key: string, day: string, limit: number) {
  const counted = await trx
    .insertInto('sipasDeviceDay')
    .values({ key, day, n: 1 })
    .onConflict((oc) => {
      const update = oc.column('key').doUpdateSet({ n: sql`${sql.ref('sipasDeviceDay.n')} + 1` });
      return limit > 0 ? update.where('sipasDeviceDay.n', '<', limit) : update;
    })
    .executeTakeFirst();
  if (Number(counted.numInsertedOrUpdatedRows ?? 0n) === 0)
    throw new ApiError(429, 'device_limit', DEVICE_LIMIT_MESSAGE);
}
