import { createHash } from 'node:crypto';
import type { SipasHourRow, SipasTallyRow } from '../../analysis/sipas';
import type { SipasSlotRow } from '../../analysis/sipas-days';
import type { Db } from '../db/connect';
import { subtreeIds } from '../organisations/queries';

/** What SIPAS analysis reads (docs/method.md §19): counts only, `db` first. */

export function listPoints(db: Db, campaignId: string) {
  return db
    .selectFrom('collectionPoint')
    .select(['id', 'code', 'name', 'unitCode', 'opens', 'closes', 'weekdays'])
    .where('campaignId', '=', campaignId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}
export type PointRow = Awaited<ReturnType<typeof listPoints>>[number];

export async function loadTallies(db: Db, campaignId: string): Promise<SipasTallyRow[]> {
  const rows = await db
    .selectFrom('sipasTally')
    .select(['pointId', 'day', 'channel', 'questionId', 'option', 'n'])
    .where('campaignId', '=', campaignId)
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export async function loadHours(db: Db, campaignId: string): Promise<SipasHourRow[]> {
  const rows = await db
    .selectFrom('sipasHour')
    .select(['pointId', 'hour', 'channel', 'forms', 'repeats', 'satisfied'])
    .where('campaignId', '=', campaignId)
    .execute();
  return rows.map((r) => ({
    ...r,
    forms: Number(r.forms),
    repeats: Number(r.repeats),
    satisfied: Number(r.satisfied),
  }));
}

export async function loadSlots(db: Db, campaignId: string): Promise<SipasSlotRow[]> {
  const rows = await db
    .selectFrom('sipasSlot')
    .select(['pointId', 'slot', 'forms'])
    .where('campaignId', '=', campaignId)
    .execute();
  return rows.map((r) => ({ ...r, forms: Number(r.forms) }));
}

/**
 * SHA-256 over the sorted lines of the tallies and hourly counts: equal when a run read the same
 * counts as there are now (a form arrived or was typed in since: different).
 */
export function countsFingerprint(
  tallies: readonly SipasTallyRow[],
  hours: readonly SipasHourRow[],
) {
  const lines = [
    ...tallies
      .filter((t) => t.n > 0)
      .map(
        (t) => `t\t${t.pointId}\t${t.day}\t${t.channel}\t${t.questionId}\t${t.option}\t${t.n}\n`,
      ),
    ...hours
      .filter((h) => h.forms > 0)
      .map(
        (h) =>
          `h\t${h.pointId}\t${h.hour}\t${h.channel}\t${h.forms}\t${h.repeats}\t${h.satisfied}\n`,
      ),
  ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(lines.join('')).digest('hex');
}

export async function currentFingerprint(db: Db, campaignId: string) {
  return countsFingerprint(await loadTallies(db, campaignId), await loadHours(db, campaignId));
}

export function insertSipasRun(
  db: Db,
  run: {
    id: string;
    campaignId: string;
    createdAt: string;
    createdBy: string | null;
    official: number;
    excludedDays: string;
    body: string;
    fingerprint: string;
  },
) {
  return db
    .insertInto('sipasRun')
    .values({ ...run, lockedAt: null })
    .execute();
}

export function listSipasRuns(db: Db, campaignId: string) {
  return db
    .selectFrom('sipasRun')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();
}

export function findSipasRun(db: Db, id: string) {
  return db.selectFrom('sipasRun').selectAll().where('id', '=', id).executeTakeFirst();
}
export type SipasRunRow = NonNullable<Awaited<ReturnType<typeof findSipasRun>>>;

/**
 * The PAR fields a run feeds, in campaigns of `organisationId`'s subtree only: a link made by a
 * parent office into its own campaign names nothing to a commune that cannot reach it.
 */
export async function linksOfRun(db: Db, runId: string, organisationId: string) {
  const reach = await subtreeIds(db, organisationId);
  return db
    .selectFrom('sipasLink')
    .innerJoin('campaign', 'campaign.id', 'sipasLink.parCampaignId')
    .select([
      'sipasLink.parCampaignId',
      'campaign.name as parCampaignName',
      'sipasLink.fieldCode',
      'sipasLink.maxPoints',
      'sipasLink.linkedAt',
    ])
    .where('sipasLink.sipasRunId', '=', runId)
    .where('campaign.organisationId', 'in', reach)
    .orderBy('campaign.name')
    .orderBy('sipasLink.fieldCode')
    .execute();
}
