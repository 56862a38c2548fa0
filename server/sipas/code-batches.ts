import type { CodeBatch } from '../../contract/console/sipas-points';
import { type Db, inTransaction } from '../db/connect';
import type { Campaign, CollectionPoint } from '../db/schema';
import { ApiError } from '../errors';
import { randomId } from '../secrets';
import { sipasCodeHash } from './code-hash';
import { batchCodes, type Owners } from './codes';

const CHUNK = 500;

/** Which batch already holds each of these code hashes. */
const ownersIn =
  (db: Db): Owners =>
  async (hashes) => {
    const out = new Map<string, string>();
    for (let i = 0; i < hashes.length; i += CHUNK) {
      const rows = await db
        .selectFrom('sipasCode')
        .select(['codeHash', 'batchId'])
        .where('codeHash', 'in', hashes.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) out.set(r.codeHash, r.batchId);
    }
    return out;
  };

/**
 * A batch of one-time codes for a point (issue #14): the batch row and the HMAC of each code,
 * in one transaction. The codes themselves are derived again for the sheet, never stored.
 */
export async function createBatch(
  db: Db,
  secret: string,
  point: CollectionPoint,
  count: number,
  userId: string | null,
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const id = randomId();
    await trx
      .insertInto('sipasCodeBatch')
      .values({
        id,
        campaignId: point.campaignId,
        pointId: point.id,
        size: count,
        createdAt: now.toISOString(),
        createdBy: userId,
      })
      .execute();
    const codes = await batchCodes(secret, id, count, ownersIn(trx), true);
    for (let i = 0; i < codes.length; i += CHUNK) {
      await trx
        .insertInto('sipasCode')
        .values(
          codes.slice(i, i + CHUNK).map((code) => ({
            codeHash: sipasCodeHash(secret, code),
            campaignId: point.campaignId,
            pointId: point.id,
            batchId: id,
          })),
        )
        .execute();
    }
    return id;
  });
}

/** The codes of a stored batch, in order, exactly as first printed. */
export function codesOf(db: Db, secret: string, batch: { id: string; size: number }) {
  return batchCodes(secret, batch.id, batch.size, ownersIn(db), false);
}

export const sheetPath = (campaignId: string, batchId: string) =>
  `/api/campaigns/${encodeURIComponent(campaignId)}/code-batches/${encodeURIComponent(batchId)}/sheet`;

/** The campaign's batches, newest first, with their point and how many codes were used. */
export async function listBatches(db: Db, campaign: Campaign): Promise<CodeBatch[]> {
  const rows = await db
    .selectFrom('sipasCodeBatch')
    .innerJoin('collectionPoint', 'collectionPoint.id', 'sipasCodeBatch.pointId')
    .select([
      'sipasCodeBatch.id',
      'sipasCodeBatch.pointId',
      'sipasCodeBatch.size',
      'sipasCodeBatch.createdAt',
      'collectionPoint.name as pointName',
    ])
    .where('sipasCodeBatch.campaignId', '=', campaign.id)
    .orderBy('sipasCodeBatch.createdAt', 'desc')
    .orderBy('sipasCodeBatch.id')
    .execute();
  const used = await db
    .selectFrom('sipasCode')
    .select((eb) => ['batchId', eb.fn.sum<number>('used').as('used')])
    .where('campaignId', '=', campaign.id)
    .groupBy('batchId')
    .execute();
  const byBatch = new Map(used.map((u) => [u.batchId, Number(u.used ?? 0)]));
  return rows.map((r) => ({
    ...r,
    used: byBatch.get(r.id) ?? 0,
    sheet: sheetPath(campaign.id, r.id),
  }));
}

/** The batch of this campaign, or 404 as if absent. */
export async function requireBatch(db: Db, campaignId: string, id: string) {
  const batch = await db
    .selectFrom('sipasCodeBatch')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!batch) throw new ApiError(404, 'not_found', 'Không tìm thấy lô mã dùng một lần.');
  return batch;
}
