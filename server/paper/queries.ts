import type { Db } from '../db/connect';
import { PAPER_RECEIPT_PREFIX } from './service';

/** The invitation (and its person) a returned stub's short code names. */
export function findStub(db: Db, campaignId: string, shortCodeHash: string) {
  return db
    .selectFrom('invitation as i')
    .innerJoin('respondent as r', 'r.id', 'i.respondentId')
    .select(['i.id', 'i.status', 'r.name', 'r.groupCode', 'r.unitCode', 'r.workplace'])
    .where('i.campaignId', '=', campaignId)
    .where('i.shortCodeHash', '=', shortCodeHash)
    .executeTakeFirst();
}

/** A printed serial of the campaign: its sheets' group and whether it was entered. */
export function findPaperSerial(db: Db, campaignId: string, serialHash: string) {
  return db
    .selectFrom('paperSerial')
    .select(['groupCode', 'entered'])
    .where('serialHash', '=', serialHash)
    .where('campaignId', '=', campaignId)
    .executeTakeFirst();
}

/**
 * Paper sheets still awaited: per group, the stubs received (invitations submitted on paper)
 * minus the sheets entered, summed over the groups. Counts only, nothing of anyone.
 */
export async function paperWaiting(db: Db, campaignId: string): Promise<number> {
  const stubs = await db
    .selectFrom('invitation as i')
    .innerJoin('respondent as r', 'r.id', 'i.respondentId')
    .select(['r.groupCode', (eb) => eb.fn.countAll<number>().as('n')])
    .where('i.campaignId', '=', campaignId)
    .where('i.status', '=', 'submitted')
    .where('i.receipt', 'like', `${PAPER_RECEIPT_PREFIX}%`)
    .groupBy('r.groupCode')
    .execute();
  const entered = await db
    .selectFrom('paperSerial')
    .select(['groupCode', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', campaignId)
    .where('entered', '=', 1)
    .groupBy('groupCode')
    .execute();
  const typed = new Map(entered.map((r) => [r.groupCode, Number(r.n)]));
  return stubs.reduce(
    (sum, r) => sum + Math.max(0, Number(r.n) - (typed.get(r.groupCode) ?? 0)),
    0,
  );
}
