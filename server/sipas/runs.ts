import { guardSmallCells, scoreSipas, unitsWithSmallLeftOut } from '../../analysis/sipas';
import { flaggedDays, type SipasFlag, sipasDays } from '../../analysis/sipas-days';
import type {
  NewSipasRun,
  PointDay,
  SipasRun,
  SipasRunLink,
  SipasRunMethod,
  SipasRunSummary,
} from '../../contract/console/sipas-analysis';
import { audit } from '../audit/log';
import { type Db, inSnapshot, inTransaction } from '../db/connect';
import { ApiError } from '../errors';
import { randomId } from '../secrets';
import { actorId, auditedBy, type SipasActor } from './actor';
import type { SipasContext } from './analysis-context';
import {
  countsFingerprint,
  currentFingerprint,
  findSipasRun,
  insertSipasRun,
  linksOfRun,
  listPoints,
  listSipasRuns,
  loadHours,
  loadSlots,
  loadTallies,
  type PointRow,
  type SipasRunRow,
} from './analysis-queries';
import { runMethodText } from './method-text';

/**
 * SIPAS runs (docs/method.md §19.4): the campaign's tallies scored per unit, with or without
 * some point × days (those flagged, or those the analyst names). A run keeps what it read (a
 * fingerprint of the counts), what it left out and why, and its words saying so. Official
 * runs can be locked once their counts are still the campaign's; trials are only looked at.
 */

interface StoredBody {
  method: SipasRunMethod;
  forms: number;
  units: SipasRun['units'];
}

const FLAG_ORDER: SipasFlag[] = ['burst', 'full_day', 'repeats', 'outside_hours'];

export async function createSipasRun(
  db: Db,
  ctx: SipasContext,
  request: NewSipasRun,
  actor: SipasActor,
  now = new Date(),
): Promise<SipasRun> {
  const { campaign, definition, units } = ctx;
  requireClosedSipas(ctx);
  const { points, tallies, hours, slots } = await inSnapshot(db, async (trx) => ({
    points: await listPoints(trx, campaign.id),
    tallies: await loadTallies(trx, campaign.id),
    hours: await loadHours(trx, campaign.id),
    slots: await loadSlots(trx, campaign.id),
  }));
  const known = new Set(points.map((p) => p.id));
  const unknown = (request.excludeDays ?? []).filter((d) => !known.has(d.pointId));
  if (unknown.length > 0)
    throw new ApiError(
      422,
      'unknown_point',
      `Không có điểm thu thập này trong đợt: ${[...new Set(unknown.map((d) => d.pointId))].join(', ')}.`,
    );
  const days = sipasDays(points, hours, slots, definition.method);
  const flagsOf = new Map(days.map((d) => [`${d.pointId}|${d.day}`, d.flags]));
  const excluded = new Map<string, PointDay & { flags: SipasFlag[] }>();
  const leave = (d: PointDay) =>
    excluded.set(`${d.pointId}|${d.day}`, {
      pointId: d.pointId,
      day: d.day,
      flags: [...(flagsOf.get(`${d.pointId}|${d.day}`) ?? [])],
    });
  if (request.excludeFlagged) for (const d of flaggedDays(days)) leave(d);
  for (const d of request.excludeDays ?? []) leave(d);
  const excludedList = [...excluded.values()].sort((a, b) =>
    a.pointId === b.pointId ? (a.day < b.day ? -1 : 1) : pointOrder(points, a, b),
  );
  const pointUnit = new Map(points.map((p) => [p.id, p.unitCode]));
  const unitCodes = units.map((u) => u.code).filter((c) => points.some((p) => p.unitCode === c));
  const names = new Map(units.map((u) => [u.code, u.name.normalize('NFC')]));
  const scored = scoreSipas(definition, unitCodes, pointUnit, tallies, hours, excludedList);
  const forms = scored.reduce((s, u) => s + u.forms.total, 0);
  const official = request.trial !== true;
  const method: SipasRunMethod = {
    definitionCode: definition.code,
    definitionVersion: definition.version,
    excludeFlagged: request.excludeFlagged === true,
    minCellSize: definition.method.minCellSize,
    excluded: excludedList,
    flaggedIncluded: days
      .filter((d) => d.flags.length > 0 && !excluded.has(`${d.pointId}|${d.day}`))
      .map((d) => ({ pointId: d.pointId, day: d.day, flags: [...d.flags] }))
      .sort((a, b) =>
        a.pointId === b.pointId ? (a.day < b.day ? -1 : 1) : pointOrder(points, a, b),
      ),
    text: '',
  };
  // The small-group rule before anything is stored: a withheld unit's figures are never kept.
  const k = method.minCellSize;
  const smallLeftOut = unitsWithSmallLeftOut(pointUnit, hours, excludedList, k);
  const guarded = scored.map((u) => guardSmallCells(u, k, smallLeftOut));
  const withheld = guarded.filter((u) => u.withheld).length;
  method.text = runMethodText(method, {
    official,
    forms,
    withheld,
    points,
    flagOrder: FLAG_ORDER,
  });
  const body: StoredBody = {
    method,
    forms,
    units: guarded.map((u) => ({
      ...u,
      unitName: names.get(u.unitCode) ?? u.unitCode,
      forms: u.forms === null ? null : { ...u.forms },
      aspects: u.aspects.map((a) => ({ ...a, elements: a.elements.map((e) => ({ ...e })) })),
    })),
  };
  const row = {
    id: randomId(),
    campaignId: campaign.id,
    createdAt: now.toISOString(),
    createdBy: actorId(actor),
    official: official ? 1 : 0,
    excludedDays: JSON.stringify(excludedList.map(({ pointId, day }) => ({ pointId, day }))),
    body: JSON.stringify(body),
    fingerprint: countsFingerprint(tallies, hours),
  };
  await insertSipasRun(db, row);
  await audit(db, {
    action: 'sipas_run_created',
    campaignId: campaign.id,
    target: row.id,
    ...auditedBy(actor, {
      official,
      excludedDays: excludedList.length,
      submissions: forms,
      fingerprint: row.fingerprint,
    }),
  });
  return present({ ...row, lockedAt: null }, row.fingerprint);
}

function pointOrder(points: readonly PointRow[], a: PointDay, b: PointDay) {
  return points.findIndex((p) => p.id === a.pointId) - points.findIndex((p) => p.id === b.pointId);
}

function requireClosedSipas(ctx: SipasContext) {
  if (!ctx.closed)
    throw new ApiError(
      409,
      'campaign_open',
      'Đợt khảo sát chưa kết thúc: kết quả SIPAS chỉ tính được sau khi đóng đợt (trong khi đợt mở, xem bảng theo ngày).',
    );
}

function summary(row: SipasRunRow, current: string): SipasRunSummary {
  const body = JSON.parse(row.body) as StoredBody;
  return {
    id: row.id,
    createdAt: row.createdAt,
    createdBy: row.createdBy ?? null,
    official: Number(row.official) === 1,
    lockedAt: row.lockedAt ?? null,
    fingerprint: row.fingerprint,
    forms: body.forms,
    excludedDays: body.method.excluded.length,
    current: row.fingerprint === current,
  };
}

/** A run as sent; `links` the PAR fields it feeds (none for a run just made or locked). */
export function present(row: SipasRunRow, current: string, links: SipasRunLink[] = []): SipasRun {
  const body = JSON.parse(row.body) as StoredBody;
  return { ...summary(row, current), method: body.method, units: body.units, links };
}

/** The run's stored units (for the PAR link): unit code → exact index, null without answers. */
export function runIndexes(row: SipasRunRow): Map<string, string | null> {
  // A withheld unit (under k forms) has no index: the PAR field keeps its self-assessment.
  const body = JSON.parse(row.body) as StoredBody;
  return new Map(body.units.map((u) => [u.unitCode, u.exact]));
}

export async function listRunsView(db: Db, ctx: SipasContext) {
  requireClosedSipas(ctx);
  const current = await currentFingerprint(db, ctx.campaign.id);
  const rows = await listSipasRuns(db, ctx.campaign.id);
  return { fingerprint: current, runs: rows.map((r) => summary(r, current)) };
}

export function foundSipasRun(row: SipasRunRow | undefined, campaignId: string): SipasRunRow {
  if (!row || row.campaignId !== campaignId)
    throw new ApiError(404, 'not_found', 'Không tìm thấy lần tính SIPAS này.');
  return row;
}

/** One run, with the PAR fields it feeds in the campaigns `organisationId` reaches. */
export async function getRunView(db: Db, ctx: SipasContext, runId: string, organisationId: string) {
  requireClosedSipas(ctx);
  const row = foundSipasRun(await findSipasRun(db, runId), ctx.campaign.id);
  return present(
    row,
    await currentFingerprint(db, ctx.campaign.id),
    await linksOfRun(db, row.id, organisationId),
  );
}

/** The small-group threshold k a stored run applied (docs/anonymity.md §5). */
export function runMinCellSize(row: SipasRunRow): number {
  return (JSON.parse(row.body) as StoredBody).method.minCellSize;
}

/** Locks an official run whose counts are still the campaign's (409 otherwise). */
export async function lockSipasRun(
  db: Db,
  ctx: SipasContext,
  runId: string,
  actor: SipasActor,
  now = new Date(),
): Promise<SipasRun> {
  requireClosedSipas(ctx);
  const locked = await inTransaction(db, async (trx) => {
    const row = foundSipasRun(await findSipasRun(trx, runId), ctx.campaign.id);
    if (row.lockedAt)
      throw new ApiError(409, 'already_locked', 'Lần tính này đã được khóa để công bố.');
    if (Number(row.official) !== 1)
      throw new ApiError(
        409,
        'trial_run',
        'Lần tính thử nghiệm chỉ để xem, không được khóa hay đưa vào Chỉ số CCHC.',
      );
    const current = await currentFingerprint(trx, ctx.campaign.id);
    if (current !== row.fingerprint)
      throw new ApiError(
        409,
        'stale_run',
        'Số liệu đã thay đổi sau lần tính này (dấu vân tay không còn khớp); hãy tính lại rồi khóa lần tính mới.',
      );
    const lockedAt = now.toISOString();
    await trx.updateTable('sipasRun').set({ lockedAt }).where('id', '=', row.id).execute();
    return { ...row, lockedAt };
  });
  await audit(db, {
    action: 'sipas_run_locked',
    campaignId: ctx.campaign.id,
    target: locked.id,
    ...auditedBy(actor, { fingerprint: locked.fingerprint }),
  });
  return present(locked, locked.fingerprint);
}
