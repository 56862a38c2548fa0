import { sql } from 'kysely';
import type { Db } from '../db/connect';

/** Responses over time from the invitations' status changes, by Vietnam's calendar day. */
export function dailyStatusCounts(db: Db, campaignId: string) {
  return db
    .selectFrom('invitationEvent as e')
    .innerJoin('invitation as i', 'i.id', 'e.invitationId')
    .select([
      sql<string>`date(e.at, '+7 hours')`.as('day'),
      'e.status',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('i.campaignId', '=', campaignId)
    .groupBy(['day', 'e.status'])
    .orderBy('day')
    .execute();
}
