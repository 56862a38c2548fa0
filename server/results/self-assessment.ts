import { createHash } from 'node:crypto';
import type {
  SelfAssessmentImportResult,
  SelfAssessmentState,
  SelfAssessmentUnit,
} from '../../contract/console/self-assessment';
import { audit } from '../audit/log';
import { campaignPhase } from '../campaigns/phase';
import { type Db, inTransaction } from '../db/connect';
import type { Campaign } from '../db/schema';
import { ApiError } from '../errors';
import { type RosterFile, readSheet } from '../roster/read';
import { type CampaignContext, loadCampaign } from './context';
import { fingerprintOf, loadSelfAssessment, runSelfAssessment } from './self-assessment-queries';
import { readSelfAssessment } from './self-assessment-read';
import { decimalText, selfAssessmentMax } from './total';

/**
 * The appraised self-assessment of a campaign (docs/method.md §9, step 8): imported from
 * the council's .xlsx/.csv, all or nothing, replacing the previous import in one transaction.
 * It is not survey data, so it may be imported while the campaign is open or closed. Runs copy
 * what they use (see createRun): a new import never changes a stored run, and a run computed
 * with another import can no longer be locked.
 */

/** Import while open or closed; before opening the definition, and so the maxima, may change. */
function requireStarted(ctx: CampaignContext) {
  if (campaignPhase(ctx.campaign) === 'not_open')
    throw new ApiError(
      409,
      'campaign_not_open',
      'Đợt khảo sát chưa mở: bộ chỉ số (và điểm tối đa) còn có thể sửa, nên chưa nhập điểm tự đánh giá được.',
    );
}

/** The evaluated units of the campaign (those an index rates), in the office's order. */
function ratedUnits(ctx: CampaignContext) {
  return ctx.units.flatMap((u) => {
    const index = ctx.definition.indexes.find((i) => i.unitKinds.includes(u.kind));
    return index ? [{ code: u.code, name: u.name.normalize('NFC'), index }] : [];
  });
}

/**
 * Reads `file` and, unless `dryRun`, replaces the campaign's self-assessment with it.
 * @throws ApiError 404 no campaign; 409 `campaign_not_open`; 422 `self_assessment_invalid`
 *   (details: the problems) when any row is wrong and this is not a dry run; the reading errors
 *   of readSheet (`roster_*`) and 422 `self_assessment_columns_missing`, `self_assessment_no_data`.
 */
export async function importSelfAssessment(
  db: Db,
  campaignOrId: Campaign | string,
  file: RosterFile,
  options: { dryRun?: boolean; user?: { id: string; email: string } | null; ip?: string } = {},
  now = new Date(),
): Promise<SelfAssessmentImportResult> {
  const ctx = await loadCampaign(db, campaignOrId);
  const campaignId = ctx.campaign.id;
  requireStarted(ctx);
  const dryRun = options.dryRun ?? false;
  const sheet = await readSheet(file);
  const read = readSelfAssessment(sheet, ctx.definition, ctx.units);
  if (read.rows.length === 0 && read.problems.length === 0)
    throw new ApiError(
      422,
      'self_assessment_no_data',
      'Tệp chỉ có dòng tiêu đề, không có điểm của đơn vị nào.',
    );
  const rows = read.rows.flatMap((r) => [
    { unitCode: r.unitCode, fieldCode: '', points: r.points },
    ...[...r.fields].map(([fieldCode, points]) => ({ unitCode: r.unitCode, fieldCode, points })),
  ]);
  const fingerprint = fingerprintOf(rows);
  const imported = new Set(read.rows.map((r) => r.unitCode));
  const fileHash = createHash('sha256').update(file.bytes).digest('base64url');
  const result = (committed: boolean, replaced: number, notes: string[]) => ({
    campaignId,
    fileName: file.name,
    fileHash,
    format: sheet.format,
    headerRow: read.headerRow,
    columns: read.columns,
    dryRun,
    committed,
    problems: read.problems,
    units: read.rows.map((r) => ({
      row: r.row,
      code: r.unitCode,
      name: r.unitName,
      index: r.index,
      points: r.points,
      max: r.max,
      fields: [...r.fields].map(([code, points]) => ({ code, points })),
    })),
    missing: ratedUnits(ctx)
      .filter((u) => !imported.has(u.code))
      .map((u) => ({ code: u.code, name: u.name, index: u.index.code })),
    replaced,
    fingerprint,
    notes,
  });

  return inTransaction(db, async (trx) => {
    const previous = await trx
      .selectFrom('selfAssessment')
      .select('unitCode')
      .distinct()
      .where('campaignId', '=', campaignId)
      .execute();
    const notes = await notesFor(trx, ctx, fingerprint);
    if (dryRun) return result(false, previous.length, notes);
    if (read.problems.length > 0)
      throw new ApiError(
        422,
        'self_assessment_invalid',
        `Tệp có ${read.problems.length} lỗi: không nhập gì (điểm đã nhập trước đó giữ nguyên). Sửa các dòng được nêu rồi nhập lại.`,
        read.problems,
      );
    await trx.deleteFrom('selfAssessment').where('campaignId', '=', campaignId).execute();
    const importedAt = now.toISOString();
    const importedBy = options.user?.id ?? null;
    // SQLite allows 999 variables a statement: 6 columns × 100 rows stays well under it.
    for (let i = 0; i < rows.length; i += 100)
      await trx
        .insertInto('selfAssessment')
        .values(rows.slice(i, i + 100).map((r) => ({ campaignId, ...r, importedAt, importedBy })))
        .execute();
    await audit(
      trx,
      {
        user: options.user ?? null,
        action: 'self_assessment_imported',
        campaignId,
        target: file.name,
        details: {
          fileHash,
          fingerprint,
          units: read.rows.length,
          withFields: read.rows.filter((r) => r.fields.size > 0).length,
          replaced: previous.length,
        },
        ip: options.ip ?? null,
      },
      now,
    );
    return result(true, previous.length, notes);
  });
}

/** What the officer should know after this import: locked runs keep their numbers. */
async function notesFor(db: Db, ctx: CampaignContext, fingerprint: string): Promise<string[]> {
  const notes: string[] = [];
  const locked = await db
    .selectFrom('scoringRun')
    .select(['id', 'selfAssessment'])
    .where('campaignId', '=', ctx.campaign.id)
    .where('lockedAt', 'is not', null)
    .execute();
  const other = locked.filter((r) => runSelfAssessment(r)?.fingerprint !== fingerprint);
  if (other.length > 0)
    notes.push(
      `${other.length} lần tính đã khóa giữ nguyên số liệu đã tính (không có hoặc có điểm tự đánh giá khác): hãy tính điểm lại và khóa lần tính mới để công bố Chỉ số CCHC tổng theo điểm này.`,
    );
  if (campaignPhase(ctx.campaign) !== 'closed')
    notes.push(
      'Đợt khảo sát chưa đóng: Chỉ số CCHC tổng được tính khi đóng đợt và tính điểm (bước 8 của phương pháp).',
    );
  return notes;
}

/** The campaign's self-assessment as the console lists it, units in the office's order. */
export async function describeSelfAssessment(
  db: Db,
  campaignOrId: Campaign | string,
): Promise<SelfAssessmentState> {
  const ctx = await loadCampaign(db, campaignOrId);
  const campaignId = ctx.campaign.id;
  const snapshot = await loadSelfAssessment(db, campaignId);
  const by = await db
    .selectFrom('selfAssessment as s')
    .leftJoin('user as u', 'u.id', 's.importedBy')
    .select('u.email')
    .where('s.campaignId', '=', campaignId)
    .limit(1)
    .executeTakeFirst();
  const rated = ratedUnits(ctx);
  const order = new Map(ctx.definition.indexes.flatMap((i) => i.fields.map((f, n) => [f.code, n])));
  return {
    campaignId,
    imported: snapshot !== null,
    importedAt: snapshot?.importedAt ?? null,
    importedBy: by?.email ?? null,
    fingerprint: snapshot?.fingerprint ?? null,
    units: rated.flatMap((u): SelfAssessmentUnit[] => {
      const s = snapshot?.byUnit.get(u.code);
      if (!s) return [];
      return [
        {
          code: u.code,
          name: u.name,
          index: u.index.code,
          points: s.points,
          max: decimalText(selfAssessmentMax(u.index.budget)),
          fields: [...s.fields]
            .sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
            .map(([code, points]) => ({ code, points })),
        },
      ];
    }),
    missing: rated
      .filter((u) => !snapshot?.byUnit.has(u.code))
      .map((u) => ({ code: u.code, name: u.name, index: u.index.code })),
  };
}
