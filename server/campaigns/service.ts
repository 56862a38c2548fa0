import type { Definition, SipasDefinition, UnitSet } from '../../questionnaires';
import { type Db, inTransaction } from '../db/connect';
import { rewritePages } from '../db/rewrite';
import { ApiError } from '../errors';
import { randomId } from '../secrets';
import { campaignPhase } from './phase';
import { findCampaign, saveDefinition, saveUnitSet } from './queries';

export interface NewCampaign {
  id?: string;
  name: string;
  /** A SIPAS definition makes a SIPAS campaign (`kind = 'sipas'`, issue #14). */
  definition: Definition | SipasDefinition;
  unitSet: UnitSet;
  opensAt?: string | null;
  closesAt?: string | null;
  contact?: { name: string; phone: string } | null;
  /** The organisation it belongs to; the root when absent (the CLI's demo, older callers). */
  organisationId?: string;
}

/** Every index needs units to rate, and a single-unit questionnaire exactly one. */
export function checkUnitsFitDefinition(definition: Definition, unitSet: UnitSet): string[] {
  const problems: string[] = [];
  for (const q of definition.questionnaires) {
    const index = definition.indexes.find((i) => i.code === q.index);
    if (!index) continue;
    const n = unitSet.units.filter((u) => index.unitKinds.includes(u.kind)).length;
    if (n === 0)
      problems.push(
        `${q.title}: danh sách đơn vị không có đơn vị nào thuộc loại ${index.unitKinds.join(', ')}`,
      );
    if (q.mode === 'single' && n > 1) {
      problems.push(
        `${q.title}: phiếu đánh giá một đơn vị nhưng có ${n} đơn vị thuộc loại ${index.unitKinds.join(', ')}`,
      );
    }
  }
  return problems;
}

/** Creates a campaign that pins this definition version and this dated set of units. */
export async function createCampaign(db: Db, input: NewCampaign): Promise<string> {
  const sipas = 'kind' in input.definition;
  const problems =
    'kind' in input.definition
      ? input.unitSet.units.length === 0
        ? ['Danh sách đơn vị trống: điểm thu thập phải gắn với một đơn vị.']
        : []
      : checkUnitsFitDefinition(input.definition, input.unitSet);
  if (problems.length > 0) {
    throw new ApiError(
      422,
      'invalid_campaign',
      'Định nghĩa và danh sách đơn vị không khớp.',
      problems,
    );
  }
  const definitionId = await saveDefinition(db, input.definition);
  const unitSetId = await saveUnitSet(db, input.unitSet);
  const id = input.id ?? randomId();
  await db
    .insertInto('campaign')
    .values({
      id,
      name: input.name,
      kind: sipas ? 'sipas' : 'par',
      definitionId,
      unitSetId,
      opensAt: input.opensAt ?? null,
      closesAt: input.closesAt ?? null,
      contactName: input.contact?.name ?? null,
      contactPhone: input.contact?.phone ?? null,
      createdAt: new Date().toISOString(),
      ...(input.organisationId ? { organisationId: input.organisationId } : {}),
    })
    .execute();
  return id;
}

/**
 * Opens or closes a campaign now (CLI `campaign open|close`, the console's buttons). Once closed
 * (committed: the close holds whatever follows), the database file is rebuilt in key order so that
 * no page order dates the campaign's forms (server/db/rewrite.ts; on PostgreSQL the anonymous rows
 * are rewritten, so that no transaction id or row place does); should that fail, the data is
 * untouched, the campaign is closed all the same and the server's minute tick tries again.
 */
export async function setCampaignOpen(
  db: Db,
  id: string,
  open: boolean,
  now = new Date(),
  /** On opening: the new end (null: none), checked to be later than now by the caller. */
  closesAt?: string | null,
) {
  const campaign = await findCampaign(db, id);
  if (!campaign) throw new ApiError(404, 'not_found', `Không tìm thấy đợt khảo sát "${id}".`);
  const t = now.toISOString();
  const phase = campaignPhase(campaign, now);
  // Reopening keeps the first opening time and records the end it replaces (issue #13.14).
  const update = open
    ? {
        opensAt: phase === 'not_open' ? t : campaign.opensAt,
        closesAt: closesAt !== undefined ? closesAt : phase === 'closed' ? null : campaign.closesAt,
      }
    : { closesAt: t, opensAt: campaign.opensAt ?? t };
  await inTransaction(db, async (trx) => {
    if (open && phase === 'closed' && campaign.closesAt)
      await trx
        .insertInto('campaignReopening')
        .values({ campaignId: id, reopenedAt: t, closedAt: campaign.closesAt })
        .execute();
    await trx.updateTable('campaign').set(update).where('id', '=', id).execute();
  });
  if (!open && !db.isTransaction) {
    const rewrite = await rewritePages(db, now);
    if (!rewrite.rewritten) {
      console.error(
        `Đã đóng đợt ${id} nhưng chưa sắp xếp lại được dữ liệu phiếu trong cơ sở dữ liệu (${rewrite.error}); máy chủ sẽ tự thử lại sau.`,
      );
    }
  }
  return { ...campaign, ...update };
}
