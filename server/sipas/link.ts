import { compare, type Fraction, parseFraction } from '../../analysis/fraction';
import type {
  NewSipasLink,
  SipasLinks,
  SipasLinkView,
} from '../../contract/console/sipas-analysis';
import type { SelfAssessmentMeta } from '../../contract/results';
import { audit } from '../audit/log';
import { checkKind } from '../campaigns/kind';
import { findDefinition } from '../campaigns/queries';
import { requireCampaign } from '../campaigns/scope';
import { type Db, inTransaction } from '../db/connect';
import type { Campaign } from '../db/schema';
import { ApiError } from '../errors';
import { type LinkedField, selfAssessmentMax, spoken } from '../results/total';
import { actorId, actorReach, auditedBy, type SipasActor } from './actor';
import { findSipasRun, type SipasRunRow } from './analysis-queries';
import { runIndexes, runMinCellSize } from './runs';

/**
 * The SIPAS result into the total PAR index (issue #14.6, docs/method.md §19.5): a PAR campaign's
 * field takes its points from a locked official SIPAS run — the unit's satisfaction index ×
 * the field's maximum, exactly — in place of the self-assessment's points for that field.
 */

const NO_RUN = 'Không tìm thấy lần tính SIPAS này.';

/** The link lives on the PAR campaign (a SIPAS campaign answers 409 `wrong_campaign_kind`). */
export function requirePar(campaign: Pick<Campaign, 'kind'>) {
  checkKind(campaign, 'par');
}

function linkRows(db: Db, parCampaignId: string) {
  return db
    .selectFrom('sipasLink')
    .innerJoin('sipasRun', 'sipasRun.id', 'sipasLink.sipasRunId')
    .select([
      'sipasLink.parCampaignId',
      'sipasLink.sipasRunId',
      'sipasLink.fieldCode',
      'sipasLink.maxPoints',
      'sipasLink.linkedAt',
      'sipasRun.campaignId as sipasCampaignId',
    ])
    .where('sipasLink.parCampaignId', '=', parCampaignId)
    .orderBy('sipasLink.fieldCode')
    .execute();
}

export async function listLinks(db: Db, parCampaign: Campaign): Promise<SipasLinks> {
  requirePar(parCampaign);
  return { links: await linkRows(db, parCampaign.id) };
}

export async function linkSipasRun(
  db: Db,
  parCampaign: Campaign,
  body: NewSipasLink,
  actor: SipasActor,
  now = new Date(),
): Promise<SipasLinkView> {
  requirePar(parCampaign);
  const definition = await findDefinition(db, parCampaign.definitionId);
  const indexes = (definition?.indexes ?? []).filter((i) =>
    i.fields.some((f) => f.code === body.fieldCode),
  );
  if (indexes.length === 0)
    throw new ApiError(
      422,
      'invalid_request',
      `Bộ chỉ số của đợt không có lĩnh vực "${body.fieldCode}".`,
    );
  // The only self-assessment maximum a definition knows is the index's (100 − its survey
  // budget): a field's own maximum is not in it, so a run still keeps a unit's self-assessment
  // where the SIPAS points would take it over (total-sipas.ts `over_maximum`).
  const max = parseFraction(body.maxPoints);
  const ceiling = indexes
    .map((i) => selfAssessmentMax(i.budget))
    .reduce((a, b) => (compare(a, b) <= 0 ? a : b));
  if (max.num <= 0n || compare(max, ceiling) > 0)
    throw new ApiError(
      422,
      'invalid_max_points',
      `Điểm tối đa của lĩnh vực ${body.fieldCode} phải lớn hơn 0 và không quá ${spoken(ceiling)} (điểm tối đa phần tự đánh giá của chỉ số có lĩnh vực này).`,
    );
  // …and the field's own maximum, where the definition states it (docs/method.md §2.1).
  const fieldMaxima = indexes.flatMap((i) =>
    i.fields
      .filter((f) => f.code === body.fieldCode && f.selfAssessmentMax !== undefined)
      .map((f) => parseFraction(f.selfAssessmentMax as string)),
  );
  const fieldCeiling = fieldMaxima.reduce<Fraction | undefined>(
    (a, b) => (a === undefined || compare(b, a) < 0 ? b : a),
    undefined,
  );
  if (fieldCeiling && compare(max, fieldCeiling) > 0)
    throw new ApiError(
      422,
      'invalid_max_points',
      `Điểm tối đa của lĩnh vực ${body.fieldCode} không quá ${spoken(fieldCeiling)} (điểm tối đa tự đánh giá của lĩnh vực này trong bộ chỉ số).`,
    );
  const run = await findSipasRun(db, body.runId);
  if (!run) throw new ApiError(404, 'not_found', NO_RUN);
  try {
    // A run of a campaign out of the caller's reach answers as one that does not exist.
    const sipas = await requireCampaign(db, run.campaignId, actorReach(actor));
    if (sipas.kind !== 'sipas') throw new ApiError(404, 'not_found', NO_RUN);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) throw new ApiError(404, 'not_found', NO_RUN);
    throw err;
  }
  if (Number(run.official) !== 1 || !run.lockedAt)
    throw new ApiError(
      409,
      'no_locked_run',
      'Chỉ lần tính SIPAS chính thức đã khóa mới được đưa vào Chỉ số CCHC: hãy khóa lần tính trước.',
    );
  await requireCommonUnit(db, parCampaign, run);
  const row = {
    parCampaignId: parCampaign.id,
    sipasRunId: run.id,
    fieldCode: body.fieldCode,
    maxPoints: body.maxPoints,
    linkedAt: now.toISOString(),
    linkedBy: actorId(actor),
  };
  await inTransaction(db, async (trx) => {
    await trx
      .deleteFrom('sipasLink')
      .where('parCampaignId', '=', parCampaign.id)
      .where('fieldCode', '=', body.fieldCode)
      .execute();
    await trx.insertInto('sipasLink').values(row).execute();
  });
  await audit(db, {
    action: 'sipas_linked',
    campaignId: parCampaign.id,
    target: run.id,
    ...auditedBy(actor, { fieldCode: body.fieldCode, maxPoints: body.maxPoints }),
  });
  return {
    parCampaignId: row.parCampaignId,
    sipasRunId: row.sipasRunId,
    sipasCampaignId: run.campaignId,
    fieldCode: row.fieldCode,
    maxPoints: row.maxPoints,
    linkedAt: row.linkedAt,
  };
}

/**
 * Some unit with a SIPAS index must be a unit of the PAR campaign (matched by code, §19.5):
 * else the link would change no total — a campaign of other units chosen by mistake.
 */
async function requireCommonUnit(db: Db, parCampaign: Campaign, run: SipasRunRow) {
  const scored = [...runIndexes(run)].filter(([, exact]) => exact !== null).map(([code]) => code);
  const common =
    scored.length === 0
      ? undefined
      : await db
          .selectFrom('unit')
          .select('code')
          .where('unitSetId', '=', parCampaign.unitSetId)
          .where('code', 'in', scored)
          .executeTakeFirst();
  if (!common)
    throw new ApiError(
      422,
      'units_unfit',
      `Không đơn vị nào có kết quả trong lần tính SIPAS này thuộc đợt «${parCampaign.name}» (mã đơn vị phải trùng): hãy chọn đợt Chỉ số CCHC của cùng các đơn vị.`,
    );
}

export async function unlinkSipas(
  db: Db,
  parCampaign: Campaign,
  fieldCode: string,
  actor: SipasActor,
) {
  requirePar(parCampaign);
  const gone = await db
    .deleteFrom('sipasLink')
    .where('parCampaignId', '=', parCampaign.id)
    .where('fieldCode', '=', fieldCode)
    .executeTakeFirst();
  if (Number(gone.numDeletedRows) === 0)
    throw new ApiError(404, 'not_found', 'Lĩnh vực này không lấy điểm từ SIPAS.');
  await audit(db, {
    action: 'sipas_unlinked',
    campaignId: parCampaign.id,
    target: fieldCode,
    ...auditedBy(actor),
  });
}

/**
 * The SIPAS links a PAR run's totals used, as one text to compare with those of now: a run
 * whose links changed since no longer describes what would be published (`stale_run`).
 */
export const sipasLinksKey = (
  links: readonly { fieldCode: string; runId: string; maxPoints: string }[],
) => links.map((l) => `${l.fieldCode}|${l.runId}|${l.maxPoints}`).join(',');

const viTime = (iso: string) =>
  new Intl.DateTimeFormat('vi-VN', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(iso));

/**
 * What a PAR run reads of its links, in its snapshot: the fields with each unit's SIPAS index,
 * and what the run records of them (its method's words).
 */
export async function loadLinkedFields(
  db: Db,
  parCampaignId: string,
): Promise<{ linked: LinkedField[]; meta: NonNullable<SelfAssessmentMeta['sipas']> }> {
  const rows = await linkRows(db, parCampaignId);
  const linked: LinkedField[] = [];
  const meta: NonNullable<SelfAssessmentMeta['sipas']> = [];
  for (const r of rows) {
    const run = await findSipasRun(db, r.sipasRunId);
    if (!run?.lockedAt) continue;
    linked.push({ fieldCode: r.fieldCode, maxPoints: r.maxPoints, byUnit: runIndexes(run) });
    meta.push({
      fieldCode: r.fieldCode,
      maxPoints: r.maxPoints,
      runId: run.id,
      sipasCampaignId: run.campaignId,
      lockedAt: run.lockedAt,
      text: `Lĩnh vực ${r.fieldCode}: điểm từ SIPAS, lần tính ${run.id} (khóa lúc ${viTime(run.lockedAt)}): điểm = chỉ số hài lòng của đơn vị × ${r.maxPoints.replace('.', ',')}, thay điểm tự đánh giá của lĩnh vực này; đơn vị không có kết quả SIPAS, hoặc có dưới ${runMinCellSize(run)} phiếu SIPAS (không công bố số liệu), giữ điểm tự đánh giá.`,
    });
  }
  return { linked, meta };
}
