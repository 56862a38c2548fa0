import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type {
  NewPointBody,
  PointPatch,
  CollectionPoint as PointReply,
} from '../../contract/console/sipas-points';
import { campaignPhase } from '../campaigns/phase';
import { type Db, inTransaction } from '../db/connect';
import type { Campaign, CollectionPoint, CollectionPointTable } from '../db/schema';
import { ApiError } from '../errors';
import { randomId } from '../secrets';
import { newPointCode } from './codes';

export const POINT_NOT_FOUND = 'Không tìm thấy điểm thu thập.';

/** The point of this campaign, or 404 as if absent (a point of another campaign too). */
export async function requirePoint(db: Db, campaignId: string, id: string) {
  const point = await db
    .selectFrom('collectionPoint')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!point) throw new ApiError(404, 'not_found', POINT_NOT_FOUND);
  return point;
}

/**
 * A closed campaign takes no new point and no new one-time codes: nobody could answer with them
 * (qa6: «Đã tạo 48 mã…» on a closed campaign). 409 `campaign_closed` before anything is written;
 * reopening the campaign allows them again.
 */
export function refuseWhenClosed(campaign: Campaign, what: 'point' | 'codes', now = new Date()) {
  if (campaignPhase(campaign, now) !== 'closed') return;
  throw new ApiError(
    409,
    'campaign_closed',
    what === 'point'
      ? 'Đợt khảo sát đã đóng: không thêm điểm thu thập được vì người dân không góp ý được nữa. Hãy mở lại đợt khảo sát nếu cần thu thêm ý kiến.'
      : 'Đợt khảo sát đã đóng: không tạo mã dùng một lần được vì không ai dùng được các mã này nữa. Hãy mở lại đợt khảo sát nếu cần thu thêm ý kiến.',
  );
}

/** `<PUBLIC_URL>/p/<code>`: the poster's address. */
export const pointUrl = (publicUrl: string, code: string) => `${publicUrl}/p/${code}`;

async function unitName(db: Db, campaign: Campaign, code: string): Promise<string | undefined> {
  const unit = await db
    .selectFrom('unit')
    .select('name')
    .where('unitSetId', '=', campaign.unitSetId)
    .where('code', '=', code)
    .executeTakeFirst();
  return unit?.name;
}

async function requireUnit(db: Db, campaign: Campaign, code: string) {
  const name = await unitName(db, campaign, code);
  if (name === undefined)
    throw new ApiError(
      422,
      'unknown_unit',
      `Đơn vị mã "${code}" không có trong danh sách đơn vị của đợt khảo sát.`,
    );
  return name;
}

/** The campaign's points in order, with their units' names and their one-time codes' counts. */
export async function listPoints(db: Db, campaign: Campaign, publicUrl: string) {
  const points = await db
    .selectFrom('collectionPoint')
    .leftJoin('unit', (j) =>
      j
        .onRef('unit.code', '=', 'collectionPoint.unitCode')
        .on('unit.unitSetId', '=', campaign.unitSetId),
    )
    .selectAll('collectionPoint')
    .select('unit.name as unitName')
    .where('collectionPoint.campaignId', '=', campaign.id)
    .orderBy('collectionPoint.position')
    .execute();
  const counts = await db
    .selectFrom('sipasCode')
    .select((eb) => [
      'pointId',
      eb.fn.countAll().as('issued'),
      eb.fn.sum<number>('used').as('used'),
    ])
    .where('campaignId', '=', campaign.id)
    .groupBy('pointId')
    .execute();
  const byPoint = new Map(counts.map((c) => [c.pointId, c]));
  const answered = new Set(
    [
      ...(await db
        .selectFrom('sipasForm')
        .select('pointId')
        .distinct()
        .where('campaignId', '=', campaign.id)
        .execute()),
      ...(await db
        .selectFrom('sipasTally')
        .select('pointId')
        .distinct()
        .where('campaignId', '=', campaign.id)
        .execute()),
    ].map((r) => r.pointId),
  );
  return points.map((p) => {
    const codes = {
      issued: Number(byPoint.get(p.id)?.issued ?? 0),
      used: Number(byPoint.get(p.id)?.used ?? 0),
    };
    return present(
      p,
      p.unitName ?? p.unitCode,
      publicUrl,
      codes,
      answered.has(p.id) || codes.used > 0,
    );
  });
}

export function present(
  p: CollectionPoint,
  unitName: string,
  publicUrl: string,
  codes = { issued: 0, used: 0 },
  inUse = false,
): PointReply {
  return {
    id: p.id,
    code: p.code,
    url: pointUrl(publicUrl, p.code),
    name: p.name,
    unitCode: p.unitCode,
    unitName,
    serviceArea: p.serviceArea,
    opens: p.opens,
    closes: p.closes,
    weekdays: p.weekdays.split(',').map(Number),
    dailyLimit: p.dailyLimit,
    position: p.position,
    codes,
    inUse,
  };
}

/** A code no point has yet (6 characters of 31: a clash is one in ~10⁹ per point). */
async function freshCode(db: Db): Promise<string> {
  for (;;) {
    const code = newPointCode();
    const taken = await db
      .selectFrom('collectionPoint')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirst();
    if (!taken) return code;
  }
}

export async function createPoint(db: Db, campaign: Campaign, body: z.output<typeof NewPointBody>) {
  const unit = await requireUnit(db, campaign, body.unitCode);
  const point = await inTransaction(db, async (trx) => {
    const last = await trx
      .selectFrom('collectionPoint')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('campaignId', '=', campaign.id)
      .executeTakeFirst();
    const row = {
      id: randomId(),
      campaignId: campaign.id,
      code: await freshCode(trx),
      name: body.name,
      unitCode: body.unitCode,
      serviceArea: body.serviceArea || null,
      opens: body.opens,
      closes: body.closes,
      weekdays: [...body.weekdays].sort().join(','),
      dailyLimit: body.dailyLimit,
      position: Number(last?.p ?? -1) + 1,
      createdAt: new Date().toISOString(),
    };
    await trx.insertInto('collectionPoint').values(row).execute();
    return row;
  });
  return { point, unit };
}

/** Whether a point has answers: a form, a one-time code used, or a count (as listPoints' `inUse`). */
async function pointInUse(db: Db, pointId: string): Promise<boolean> {
  const form = await db
    .selectFrom('sipasForm')
    .select('id')
    .where('pointId', '=', pointId)
    .executeTakeFirst();
  const used = await db
    .selectFrom('sipasCode')
    .select('codeHash')
    .where('pointId', '=', pointId)
    .where('used', '=', 1)
    .executeTakeFirst();
  const counted = await db
    .selectFrom('sipasTally')
    .select('pointId')
    .where('pointId', '=', pointId)
    .executeTakeFirst();
  return Boolean(form || used || counted);
}

/** Applies a patch; the hours must stay in order with what is not changed. */
export async function updatePoint(
  db: Db,
  campaign: Campaign,
  point: CollectionPoint,
  patch: z.output<typeof PointPatch>,
) {
  if (patch.unitCode !== undefined) await requireUnit(db, campaign, patch.unitCode);
  // The answers a point holds were given at its desk: moving the point to another unit would
  // count them for that unit, open or closed (reopening must not be a way round it). A new point
  // is made for the other unit instead.
  if (
    patch.unitCode !== undefined &&
    patch.unitCode !== point.unitCode &&
    (await pointInUse(db, point.id))
  )
    throw new ApiError(
      409,
      'point_in_use',
      'Điểm thu thập đã có phiếu trả lời: không đổi đơn vị của điểm được, vì các phiếu đã thu sẽ bị tính cho đơn vị khác. Hãy thêm một điểm mới cho đơn vị kia; tên, lĩnh vực và giờ làm việc của điểm này vẫn sửa được.',
    );
  const opens = patch.opens ?? point.opens;
  const closes = patch.closes ?? point.closes;
  if (opens >= closes)
    throw new ApiError(400, 'invalid_request', 'Giờ đóng cửa phải sau giờ mở cửa.', {
      problems: [{ path: 'closes', message: 'Giờ đóng cửa phải sau giờ mở cửa.' }],
    });
  const set: Updateable<CollectionPointTable> = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.unitCode !== undefined ? { unitCode: patch.unitCode } : {}),
    ...(patch.serviceArea !== undefined ? { serviceArea: patch.serviceArea || null } : {}),
    ...(patch.opens !== undefined ? { opens: patch.opens } : {}),
    ...(patch.closes !== undefined ? { closes: patch.closes } : {}),
    ...(patch.weekdays !== undefined ? { weekdays: [...patch.weekdays].sort().join(',') } : {}),
    ...(patch.dailyLimit !== undefined ? { dailyLimit: patch.dailyLimit } : {}),
  };
  await db.updateTable('collectionPoint').set(set).where('id', '=', point.id).execute();
  return requirePoint(db, campaign.id, point.id);
}

/**
 * Deletes a point with its unused code batches. A point that has answers, or a one-time code
 * already used, stays (409 `point_in_use`): its figures would lose their place.
 */
export async function deletePoint(db: Db, point: CollectionPoint) {
  await inTransaction(db, async (trx) => {
    if (await pointInUse(trx, point.id))
      throw new ApiError(
        409,
        'point_in_use',
        'Điểm thu thập đã có phiếu trả lời hoặc mã dùng một lần đã dùng: không xóa được. Có thể đổi tên hoặc giờ làm việc của điểm.',
      );
    await trx.deleteFrom('sipasCode').where('pointId', '=', point.id).execute();
    await trx.deleteFrom('sipasCodeBatch').where('pointId', '=', point.id).execute();
    await trx.deleteFrom('collectionPoint').where('id', '=', point.id).execute();
  });
}
