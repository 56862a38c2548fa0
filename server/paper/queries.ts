import type { Db } from '../db/connect';

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
