import { sql } from 'kysely';
import { type Db, isPostgres } from '../db/connect';

/** Responses over time from the invitations' status changes, by Vietnam's calendar day. */
export function dailyStatusCounts(db: Db, campaignId: string) {
  return db
    .selectFrom('invitationEvent as e')
    .innerJoin('invitation as i', 'i.id', 'e.invitationId')
    .select([
      (isPostgres(db)
        ? sql<string>`to_char((e.at::timestamptz + interval '7 hours') at time zone 'UTC', 'YYYY-MM-DD')`
        : sql<string>`date(e.at, '+7 hours')`
      ).as('day'),
      'e.status',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('i.campaignId', '=', campaignId)
    .groupBy(['day', 'e.status'])
    .orderBy('day')
    .execute();
}
