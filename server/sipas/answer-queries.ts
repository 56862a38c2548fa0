import type { SipasDefinition } from '../../questionnaires';
import { campaignPhase } from '../campaigns/phase';
import { findSipasDefinition } from '../campaigns/queries';
import type { Db } from '../db/connect';
import type { Campaign, CollectionPoint } from '../db/schema';
import { ApiError } from '../errors';
import { sipasCodeHash } from './code-hash';

/** A collection point as the public form needs it: its campaign, definition and unit's name. */
export interface PublicPoint {
  point: CollectionPoint;
  campaign: Campaign;
  definition: SipasDefinition;
  unitName: string;
}

/** A point by its public code (case and spaces as typed do not matter); undefined if none. */
export async function findPublicPoint(db: Db, code: string): Promise<PublicPoint | undefined> {
  const clean = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (!clean || clean.length > 16) return undefined;
  const point = await db
    .selectFrom('collectionPoint')
    .selectAll()
    .where('code', '=', clean)
    .executeTakeFirst();
  if (!point) return undefined;
  const campaign = await db
    .selectFrom('campaign')
    .selectAll()
    .where('id', '=', point.campaignId)
    .executeTakeFirst();
  if (campaign?.kind !== 'sipas') return undefined;
  const definition = await findSipasDefinition(db, campaign.definitionId);
  if (!definition) return undefined;
  const unit = await db
    .selectFrom('unit')
    .select('name')
    .where('unitSetId', '=', campaign.unitSetId)
    .where('code', '=', point.unitCode)
    .executeTakeFirst();
  return { point, campaign, definition, unitName: unit?.name ?? point.unitCode };
}

export const unknownPoint = () =>
  new ApiError(
    404,
    'unknown_point',
    'Không tìm thấy điểm lấy ý kiến này. Xin kiểm tra lại địa chỉ in trên tờ hướng dẫn.',
  );

/** The point of a public code, or 404 `unknown_point`. */
export async function requirePublicPoint(db: Db, code: string): Promise<PublicPoint> {
  const found = await findPublicPoint(db, code);
  if (!found) throw unknownPoint();
  return found;
}

/** The campaign must be open now: the respondent API's 403 `not_open` and 410 `closed`. */
export function requireOpen(campaign: Campaign, now: Date) {
  const phase = campaignPhase(campaign, now);
  if (phase === 'not_open')
    throw new ApiError(403, 'not_open', 'Đợt lấy ý kiến chưa bắt đầu. Xin Ông/Bà quay lại sau.');
  if (phase === 'closed')
    throw new ApiError(410, 'closed', 'Đợt lấy ý kiến đã kết thúc. Cảm ơn Ông/Bà đã quan tâm.');
}

export const CODE_USED_MESSAGE =
  'Mã này đã được dùng để góp ý. Mỗi mã chỉ dùng được một lần. Cảm ơn Ông/Bà!';
export const UNKNOWN_CODE_MESSAGE =
  'Không tìm thấy mã này. Xin kiểm tra lại mã in trên phiếu (8 chữ và số, dạng ABCD-EFGH).';

/** A one-time code's row by the code as typed; undefined for an unknown one. */
export async function findSipasCode(db: Db, secret: string, code: string) {
  const clean = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (clean.length !== 8) return undefined;
  return db
    .selectFrom('sipasCode')
    .innerJoin('collectionPoint', 'collectionPoint.id', 'sipasCode.pointId')
    .select(['sipasCode.pointId', 'sipasCode.used', 'collectionPoint.code as pointCode'])
    .where('sipasCode.codeHash', '=', sipasCodeHash(secret, clean))
    .executeTakeFirst();
}

/** A code as printed: "ABCD-EFGH". */
export const printedCode = (code: string) => {
  const clean = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return `${clean.slice(0, 4)}-${clean.slice(4)}`;
};
